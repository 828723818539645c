"""The seller studio in headless Chromium against the real app: a signed-out visitor sees the
sign-in form; an editor signs in, opens a persona and sees its preview still and hears its
voice, writes two template variants, is told why an invented claim cannot be saved, approves a
variant, renders it and watches the progress bar reach done and the video load."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from shopcast.accounts.testing import PASSWORD, make_user
from shopcast.catalog.service import CatalogService
from shopcast.config import Settings
from shopcast.store import open_database
from shopcast.web.app import create_app
from shopcast.web.testing import ServerThread

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Where the test leaves its screenshots (docs/studio.png is one of them); a temporary folder
# unless SHOPCAST_STUDIO_SHOTS names one.
SHOTS_ENV = "SHOPCAST_STUDIO_SHOTS"
# Records every value the first job's progress bar shows, as the page updates it.
WATCH_BAR = """() => {
  window.seenPercents = [];
  setInterval(() => {
    const bar = document.querySelector('.job .progress');
    if (bar) window.seenPercents.push(Number(bar.getAttribute('aria-valuenow')));
  }, 50);
}"""


@pytest.fixture(scope="module")
def studio_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("studio-home")
    settings = Settings(home=home, models=Path(os.environ["SHOPCAST_MODELS"]))
    db = open_database(settings)
    CatalogService(db, settings).import_sample()
    app = create_app(settings, database=db, maintenance_interval_s=None)
    make_user(app.state.accounts, "eddie", "editor")
    server = ServerThread(app).start()
    try:
        yield server.url
    finally:
        server.stop()
        app.state.studio.close()
        db.close()


@pytest.fixture
def studio_page(browser: Any) -> Iterator[Any]:
    """A fresh browser profile. The page's Content-Security-Policy is bypassed so Playwright
    can evaluate its waits (tests/studio checks the header itself)."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 860}, locale="en-US", bypass_csp=True
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get(SHOTS_ENV) or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_editor_goes_from_persona_to_a_rendered_video(studio_page, studio_url, shots):
    page = studio_page
    page.goto(f"{studio_url}/studio")
    page.locator("#signin-form").wait_for(timeout=10_000)
    assert page.locator("#tabs").is_hidden()

    page.fill("#signin-name", "eddie")
    page.fill("#signin-password", "wrong password")
    page.click("#signin-form button[type=submit]")
    page.wait_for_function("document.querySelector('#signin-error').textContent.length > 0")
    page.fill("#signin-password", PASSWORD)
    page.click("#signin-form button[type=submit]")
    page.locator("#personas .persona-card").first.wait_for(timeout=15_000)
    assert page.locator("#who-role").inner_text().lower() == "editor"

    # The catalog: pictures and a price per market.
    page.click('#tabs a[data-tab="catalog"]')
    serum = page.locator('#products .product-card[data-sku="glow-serum"]')
    serum.wait_for(timeout=10_000)
    page.wait_for_function(
        "(() => { const i = document.querySelector('[data-sku=\"glow-serum\"] img');"
        " return i && i.complete && i.naturalWidth > 0; })()"
    )
    assert "$" in serum.locator(".prices").inner_text()
    page.screenshot(path=str(shots / "studio-catalog.png"))
    page.click('#tabs a[data-tab="personas"]')
    page.locator("#personas .persona-card").first.wait_for(timeout=10_000)

    # A persona: its preview still (a real frame of the rig), per market, and its voice.
    page.click('#personas .persona-card[data-name="mina"]')
    page.wait_for_function(
        "(() => { const i = document.querySelector('#persona-preview');"
        " return i && i.complete && i.naturalWidth === 360; })()",
        timeout=30_000,
    )
    page.click('#market-strip button[data-market="ja-JP"]')
    page.wait_for_function(
        "document.querySelector('#persona-preview').src.endsWith('/look/ja-JP.png')"
        " && document.querySelector('#persona-preview').complete"
        " && document.querySelector('#persona-preview').naturalHeight === 640",
        timeout=30_000,
    )
    page.click('#market-strip button[data-market="en-US"]')
    page.click("#play-voice")
    page.wait_for_function("document.querySelector('#persona-voice').duration > 1", timeout=30_000)
    page.wait_for_timeout(300)
    page.screenshot(path=str(shots / "studio-persona.png"))

    # A brief → two template variants side by side.
    page.click('#tabs a[data-tab="scripts"]')
    page.locator("#brief-form").wait_for()
    page.select_option("#brief-product", "glow-serum")
    page.select_option("#brief-persona", "mina")
    page.select_option("#brief-market", "en-US")
    page.fill("#brief-length", "5")
    page.fill("#brief-variants", "2")
    page.fill("#brief-text", "Evening routine for dry winter skin")
    page.click("#brief-generate")
    page.locator("#variants .variant").nth(1).wait_for(timeout=15_000)
    assert page.locator("#variants .variant").count() == 2
    first = page.locator("#variants .variant").first

    # An invented claim is refused with the reason, in place.
    first.locator(".beat-text").first.click()
    first.locator(".beat-input").fill("This serum cures acne overnight.")
    first.locator('[data-action="save-beat"]').click()
    error = first.locator(".beat-error")
    page.wait_for_function(
        "document.querySelector('.beat-error') && "
        "document.querySelector('.beat-error').textContent.includes('beats.0.text')"
    )
    assert "cure" in error.inner_text().lower()
    page.screenshot(path=str(shots / "studio-scripts.png"))
    page.click("#variants .variant >> nth=0 >> text=Cancel")

    first = page.locator('#variants .variant[data-status="draft"]').first
    first.locator('[data-action="approve"]').click()
    approved = page.locator('#variants .variant[data-status="approved"]')
    approved.wait_for(timeout=10_000)
    approved.locator('[data-action="render"]').click()

    # The render: the bar moves, reaches done, and the video loads in its card.
    page.locator("#render-form").wait_for()
    page.evaluate(WATCH_BAR)
    page.click("#render-start")
    job = page.locator(".job").first
    job.wait_for(timeout=10_000)
    page.wait_for_selector('.job[data-status="done"]', timeout=90_000)
    assert job.locator(".percent").inner_text() == "100%"
    assert job.locator(".progress").get_attribute("aria-valuenow") == "100"
    seen = page.evaluate("window.seenPercents")
    assert any(0 < p < 100 for p in seen), seen
    page.wait_for_function(
        "(() => { const v = document.querySelector('.job video');"
        " return v && v.readyState >= 1 && v.videoWidth === 1080; })()",
        timeout=20_000,
    )
    page.screenshot(path=str(shots / "studio-render.png"))


def test_signed_out_visitors_only_see_the_sign_in_form(studio_page, studio_url):
    page = studio_page
    page.goto(f"{studio_url}/studio#renders")
    page.locator("#signin-form").wait_for(timeout=10_000)
    assert page.locator("#view-renders").is_hidden()
    assert page.locator("#tabs").is_hidden()
