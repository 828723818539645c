"""The voice takeover module in headless Chromium with its fake microphone (a beep): an
operator signed in on the console page (its strict Content-Security-Policy applies) imports
/static/takeover/takeover.js, starts, the beeps reach the show as chunks and move the host's
mouth, the level meter and the states come back, stop gives the floor back."""

from __future__ import annotations

from typing import Any

from shopcast.accounts.testing import PASSWORD, make_user
from shopcast.web.testing import LiveSite, wait_until


def test_browser_microphone_drives_the_host(browser: Any, site: LiveSite) -> None:
    make_user(site.app.state.accounts, "olu", "operator")
    context = browser.new_context(locale="en-US", permissions=["microphone"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(f"{site.url}/console/{site.show_id}")
        page.fill("#name", "olu")
        page.fill("#password", PASSWORD)
        with page.expect_navigation():
            page.click("#signin-form button[type=submit]")
        page.evaluate(
            """async (showId) => {
                window.states = []; window.levels = [];
                window.takeover = await import("/static/takeover/takeover.js");
                await window.takeover.startTakeover(showId, {
                    onState: (state) => window.states.push(state),
                    onLevel: (level) => window.levels.push(level),
                });
            }""",
            site.show_id,
        )
        runner = site.runner
        takeover = wait_until(lambda: runner.takeover, 10, "the takeover to begin")
        wait_until(lambda: takeover.counts["chunks"] >= 50, 20, "a second of microphone chunks")
        assert takeover.operator == "olu" and takeover.state == "live"
        spoken = [u for u in runner.timeline.utterances if u.beat == "takeover"]
        assert spoken and sum(u.speech.duration for u in spoken) >= 0.5
        page.wait_for_function("window.states.includes('live') && window.levels.length > 20")
        assert max(page.evaluate("window.levels")) > 0.3  # the fake microphone beeps
        page.evaluate("window.takeover.stopTakeover()")
        wait_until(lambda: takeover.state == "off", 10, "the floor to be given back")
        wait_until(
            lambda: (
                {"takeover.start", "takeover.stop"}
                <= {e.action for e in site.app.state.audit.query(actor="olu", limit=10)}
            ),
            10,
            "the audit entries of start and stop",
        )
    finally:
        runner_takeover = site.runner.takeover
        if runner_takeover is not None and runner_takeover.operator == "olu":
            site.runner.end_takeover("olu")
        context.close()
    assert not errors, f"JavaScript errors: {errors}"
