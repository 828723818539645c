"""The watch page opened from a variant's video link (``?experiment=…&variant=…``) tags the
viewer's events with that variant; ids that are not well formed are ignored, never sent."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from shopcast.web.testing import LiveSite, wait_until

pytestmark = pytest.mark.browser


def _open(browser: Any, url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_function("document.body.dataset.socket === 'open'", timeout=20_000)
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def linked_page(browser: Any, site: LiveSite) -> Iterator[Any]:
    yield from _open(browser, f"{site.watch_url}?experiment=exp-t1&variant=exp-t1-b")


@pytest.fixture
def odd_link_page(browser: Any, site: LiveSite) -> Iterator[Any]:
    yield from _open(browser, f"{site.watch_url}?experiment=%3Cb%3E&variant=exp-t1-b")


def _rows(site: LiveSite, page: Any) -> list[Any]:
    viewer = page.evaluate("localStorage.getItem('shopcast.viewer')")
    return [row for row in site.app.state.analytics.events(site.show_id) if row.viewer_id == viewer]


def test_events_from_a_variant_link_carry_the_variant(linked_page: Any, site: LiveSite) -> None:
    linked_page.click('.shelf-item[data-sku="glow-serum"] .shelf-card')

    def tagged() -> list[tuple[str, str | None, str | None]]:
        return sorted((r.kind, r.experiment_id, r.variant_id) for r in _rows(site, linked_page))

    wait_until(
        lambda: (
            tagged() == [("join", "exp-t1", "exp-t1-b"), ("product_click", "exp-t1", "exp-t1-b")]
        ),
        10,
        "the join and the click, tagged with the link's variant",
    )


def test_a_malformed_link_is_ignored(odd_link_page: Any, site: LiveSite) -> None:
    rows = wait_until(lambda: _rows(site, odd_link_page) or None, 10, "the viewer's join")
    assert [(r.kind, r.experiment_id, r.variant_id) for r in rows] == [("join", None, None)]
