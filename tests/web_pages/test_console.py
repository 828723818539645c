"""The operator console in headless Chromium against the real show of this package: sign in
through the page, switch to co-pilot, approve a proposed answer (the host then says it), say a
line, switch back; a viewer's account is refused, on the page and on the API.

The page keeps its Content-Security-Policy here (no ``bypass_csp``): the waits use locators.
Set ``SHOPCAST_SCREENSHOT_DIR`` to keep the console screenshot (docs/operator-console.png is
taken this way: ``SHOPCAST_SCREENSHOT_DIR=docs pytest tests/web_pages/test_console.py``)."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from shopcast.accounts.testing import PASSWORD, make_user
from shopcast.web.testing import LiveSite, wait_until

expect = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed").expect


@pytest.fixture(scope="module")
def accounts(site: LiveSite) -> LiveSite:
    service = site.app.state.accounts
    make_user(service, "ada", "operator")
    make_user(service, "vic", "viewer")
    return site


@pytest.fixture
def console(browser: Any, accounts: LiveSite) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-US")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the console: {errors}"


def sign_in(page: Any, site: LiveSite, name: str) -> Any:
    first = page.goto(f"{site.url}/console/{site.show_id}")
    assert first is not None and first.status == 401  # signed out: the sign-in form
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.click("#signin-form button[type=submit]")
    return page


def spoken(site: LiveSite, text: str) -> bool:
    return any(text in (u.caption or "") for u in site.runner.timeline.utterances)


def test_a_viewer_is_refused_on_the_page_and_the_api(console: Any, accounts: LiveSite) -> None:
    site = accounts
    sign_in(console, site, "vic")
    refusal = console.locator("#refusal")
    assert "needs the operator role" in refusal.inner_text()
    assert console.locator("#modes").count() == 0  # no console for a viewer
    cookies = {c["name"]: c["value"] for c in console.context.cookies()}
    answer = httpx.get(f"{site.url}/api/shows/{site.show_id}/operator", cookies=cookies)
    assert answer.status_code == 403
    said = httpx.post(
        f"{site.url}/api/shows/{site.show_id}/operator/say",
        json={"text": "hello"},
        cookies=cookies,
    )
    assert said.status_code == 403


def test_operator_approves_an_answer_says_a_line_and_switches_modes(
    console: Any, accounts: LiveSite
) -> None:
    site, runner, page = accounts, accounts.runner, console
    sign_in(page, site, "ada")
    page.locator("body[data-ready='1']").wait_for(state="attached", timeout=20_000)
    assert page.locator("#who").inner_text() == "ada"
    try:
        page.click("#modes button[data-mode=copilot]")
        page.wait_for_selector("#modes button[data-mode=copilot][aria-checked=true]")
        expect(page.locator("#mode-by")).to_contain_text("switched by ada")
        assert runner.operator.mode == "copilot" and runner.status().mode == "copilot"

        answers = runner.counts["answers"]
        runner.post_chat("pw-mia", "mia", "Does the sun fluid leave a white cast?")
        card = page.locator(".proposal").first
        card.wait_for(timeout=30_000)
        assert "white cast" in card.locator(".question").inner_text()
        proposed = card.locator(".answer").inner_text()
        assert runner.counts["answers"] == answers  # waits for the operator
        _screenshot(page, site)
        card.locator("button.approve").first.click()
        page.locator(".decided-row.approved").first.wait_for(timeout=10_000)
        wait_until(lambda: spoken(site, proposed), 90, "the approved answer on air")
        assert runner.operator.view().decided[0].decided_by == "ada"

        line = "Thanks for tuning in from the console!"
        page.fill("#say-text", line)
        page.press("#say-text", "Enter")
        expect(page.locator("#voice-note")).to_contain_text("Next on air")
        wait_until(lambda: spoken(site, line), 90, "the typed line on air")
        page.locator(".chat-line.host", has_text=line).wait_for(timeout=30_000)

        page.click("#takeover")  # loads the takeover module if this server has it
        expect(page.locator("#takeover-note")).not_to_be_empty()
    finally:
        page.click("#modes button[data-mode=autonomous]")
        page.wait_for_selector("#modes button[data-mode=autonomous][aria-checked=true]")
    assert runner.operator.mode == "autonomous"
    assert runner.status().status == "live"  # switching never stopped the stream
    audit = site.app.state.audit.query(actor="ada", action="switch_mode", limit=10)
    assert [e.details.get("mode") for e in audit][:2] == ["autonomous", "copilot"]


def _screenshot(page: Any, site: LiveSite) -> None:
    folder = os.environ.get("SHOPCAST_SCREENSHOT_DIR")
    if not folder:
        return
    from PIL import Image

    wait_until(lambda: site.runner.state().pinned_sku, 60, "a pinned product")
    page.wait_for_timeout(2500)  # the console polled it, the video has frames
    out = Path(folder) / "operator-console.png"
    png = page.screenshot()
    Image.open(io.BytesIO(png)).convert("RGB").quantize(256, dither=Image.Dither.NONE).save(
        out, optimize=True
    )
