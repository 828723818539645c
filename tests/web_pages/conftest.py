"""One real show, served by the real app over HTTP, for every test here: the sample catalog,
the builtin persona, a 360x640 show (templates, no LLM) started through the show registry,
uvicorn on a free port in a thread, and Debian's headless Chromium driven by Playwright.

Browser tests are skipped, with the reason, only when Chromium or Playwright is missing (in CI
the root conftest turns that skip into a failure)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from shopcast.config import Settings
from shopcast.store import open_database
from shopcast.web.testing import LiveSite, ServerThread, demo_show, start_show, watch_app

CHROMIUM = Path(os.environ.get("SHOPCAST_CHROMIUM", "/usr/bin/chromium"))
SHOW_ID = "glow-live"


@pytest.fixture(scope="package")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSite]:
    home = tmp_path_factory.mktemp("watch-home")
    settings = Settings(home=home, models=Path(os.environ["SHOPCAST_MODELS"]))
    db = open_database(settings)
    app = watch_app(settings, db)
    runner = start_show(app, demo_show(SHOW_ID, size="360x640"))
    live = LiveSite(ServerThread(app).start(), app, runner, db)
    try:
        yield live
    finally:
        live.stop()
        db.close()


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    if not CHROMIUM.is_file() and not shutil.which(str(CHROMIUM)):
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')"
    )
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--autoplay-policy=no-user-gesture-required",
                "--mute-audio",
                # a fake microphone (a beep), granted without asking: the voice takeover test
                "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, site: LiveSite) -> Iterator[Any]:
    """A fresh viewer (own storage, so own viewer id and cart) on the watch page. The page's
    Content-Security-Policy is bypassed so Playwright can evaluate its waits; the escaping tests
    thus show that chat text is never parsed as HTML even without that second line of defence
    (test_watch_api checks the header itself)."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, locale="en-US", bypass_csp=True
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site.watch_url)
    page.wait_for_function("document.body.dataset.socket === 'open'", timeout=20_000)
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
