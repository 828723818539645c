"""The watch page in headless Chromium against a running show: the video plays, chat goes both
ways and stays text, the shelf follows the show, the deal counts down, and the shop orders."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest

from shopcast.web.testing import LiveSite, wait_until

pytestmark = pytest.mark.browser

VIDEO_TIME = "document.querySelector('video').currentTime"
HIGHLIGHTED = "sku => document.querySelector('.shelf-item.is-pinned')?.dataset.sku === sku"


def test_video_plays(page: Any) -> None:
    page.wait_for_function(f"{VIDEO_TIME} > 2", timeout=30_000)
    assert page.evaluate("document.querySelector('video').videoWidth") == 360
    assert page.locator("#ai-label").inner_text() == "AI-generated virtual host"
    assert page.locator("#status").inner_text() == "LIVE"


def test_chat_typed_in_the_page_reaches_the_show_and_comes_back(page: Any, site: LiveSite) -> None:
    text = "Love this glow 🙂 مرحبا שלום 👩🏽‍🔬"
    page.fill("#chat-input", text)
    page.press("#chat-input", "Enter")
    line = wait_until(
        lambda: next((c for c in site.runner.state().recent_chat if c.text == text), None),
        15,
        "the chat line in the show's state",
    )
    shown = page.locator(f'#chat-feed li[data-id="{line.message_id}"] .msg-text')
    shown.wait_for(timeout=10_000)
    assert shown.inner_text() == text
    assert shown.get_attribute("dir") == "auto"


def test_markup_in_chat_is_shown_as_text(page: Any, site: LiveSite) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    text = '<img src=x onerror="alert(1)"><script>window.pwned=1</script><b>bold</b>'
    page.fill("#chat-input", text)
    page.press("#chat-input", "Enter")
    line = wait_until(
        lambda: next((c for c in site.runner.state().recent_chat if "onerror" in c.text), None),
        15,
        "the markup line in the show's state",
    )
    shown = page.locator(f'#chat-feed li[data-id="{line.message_id}"]')
    shown.wait_for(timeout=10_000)
    assert shown.locator(".msg-text").inner_text() == line.text
    assert shown.locator("img, script, b").count() == 0
    page.wait_for_timeout(300)
    assert page.evaluate("window.pwned") is None and dialogs == []


def test_cart_checkout_shows_field_errors_then_orders(page: Any, site: LiveSite) -> None:
    commerce = site.app.state.commerce
    _add_serum_to_cart(page)
    _fill_address(page, "12345")
    page.click('.checkout button[type="submit"]')
    error = page.locator("#co-phone-error")
    error.wait_for(timeout=10_000)
    assert "phone '12345' is not valid in United States" in error.inner_text()
    assert page.get_attribute("#co-phone", "aria-invalid") == "true"
    assert page.locator("#co-postal_code-error").inner_text() == ""
    assert commerce.list_orders(_viewer(page)) == []

    page.fill("#co-phone", "(415) 555-0100")
    page.click('.checkout button[type="submit"]')
    number = page.locator("#order-number")
    number.wait_for(timeout=15_000)
    order_id = int(number.inner_text().lstrip("#"))
    order = commerce.get_order(order_id)
    assert order.customer_id == _viewer(page) and order.show_id == site.show_id
    assert [(line.sku, line.quantity) for line in order.lines] == [("HL-GS-50ML", 1)]
    assert order.address["phone"] == "(415) 555-0100"
    # the show announces the purchase, and the page shows it
    toast = page.locator(".toast", has_text="San Francisco")
    toast.wait_for(timeout=15_000)
    assert "Rice Water Glow Serum" in toast.inner_text()


def test_viewer_events_reach_the_funnel(page: Any, site: LiveSite) -> None:
    viewer = _viewer(page)
    page.click('.shelf-item[data-sku="glow-serum"] .shelf-card')
    page.locator(".pd-add").click()
    page.locator(".pd-message", has_text="Added to cart").wait_for(timeout=10_000)
    page.goto("about:blank")  # leaving the page sends "leave"

    def kinds() -> list[tuple[str, str | None]]:
        rows = site.app.state.analytics.events(site.show_id)
        return sorted((row.kind, row.sku) for row in rows if row.viewer_id == viewer)

    expected = sorted(
        [
            ("join", None),
            ("product_click", "glow-serum"),
            ("add_to_cart", "HL-GS-30ML"),
            ("leave", None),
        ]
    )
    wait_until(lambda: kinds() == expected, 10, "the viewer's join, click, add-to-cart and leave")


def test_double_submit_places_one_order(page: Any, site: LiveSite) -> None:
    commerce = site.app.state.commerce
    answers: list[Any] = []
    page.on(
        "response",
        lambda r: answers.append(r) if r.url.endswith("/checkout?market=en-US") else None,
    )
    _add_serum_to_cart(page)
    _fill_address(page, "(415) 555-0100")
    page.evaluate("document.querySelector('form.checkout').requestSubmit()")
    page.evaluate("document.querySelector('form.checkout').requestSubmit()")
    page.locator("#order-number").wait_for(timeout=15_000)
    # Playwright's sync API delivers "response" events only while it runs a call: wait in it.
    for _ in range(100):
        if len(answers) == 2:
            break
        page.wait_for_timeout(100)
    assert len(answers) == 2, f"both checkout answers within 10 s; got {len(answers)}"
    ids = {answer.json()["id"] for answer in answers}
    assert len(ids) == 1
    assert sorted(answer.status for answer in answers) == [200, 201]
    assert [order.id for order in commerce.list_orders(_viewer(page))] == list(ids)
    keys = {answer.request.header_value("idempotency-key") for answer in answers}
    assert len(keys) == 1


def test_pinned_product_is_highlighted_and_the_deal_counts_down(page: Any, site: LiveSite) -> None:
    pinned = wait_until(lambda: site.runner.state().pinned_sku, 30, "a pinned product")
    page.wait_for_function(HIGHLIGHTED, arg=pinned, timeout=10_000)
    highlighted = page.locator(".shelf-item.is-pinned")
    assert highlighted.count() == 1 and highlighted.get_attribute("aria-current") == "true"

    wait_until(lambda: site.runner.state().deal, 60, "the flash deal")
    page.locator("#deal").wait_for(state="visible", timeout=10_000)
    first = page.locator("#deal-timer").inner_text()
    page.wait_for_timeout(2200)
    second = page.locator("#deal-timer").inner_text()
    assert first != second
    if first.split()[0] == second.split()[0]:  # both "Starts in" or both "Ends in"
        assert 1 <= _seconds(first) - _seconds(second) <= 3, (first, second)
    deal = site.runner.state().deal
    assert page.locator("#deal-left").inner_text() == f"{deal.remaining} of {deal.total} left"


def test_flash_deal_buy_now(page: Any, site: LiveSite) -> None:
    wait_until(
        lambda: (deal := site.runner.state().deal) and deal.state == "live", 60, "the deal to open"
    )
    button = page.locator("#deal-buy")
    page.wait_for_function("!document.querySelector('#deal-buy').disabled", timeout=10_000)
    before = site.runner.state().deal.remaining
    button.click()
    _fill_address(page, "415.555.0100")
    page.click('.checkout button[type="submit"]')
    number = page.locator("#order-number")
    number.wait_for(timeout=15_000)
    order = site.app.state.commerce.get_order(int(number.inner_text().lstrip("#")))
    deal = site.runner.state().deal
    assert [(line.sku, line.deal_id, line.unit_price) for line in order.lines] == [
        (deal.sku, deal.deal_id, Decimal(19))
    ]
    # the show's state (and so the page) counts the unit sold
    page.locator("#deal-left", has_text=f"{before - 1} of {deal.total} left").wait_for(
        timeout=10_000
    )


def _seconds(timer: str) -> int:
    minutes, seconds = re.search(r"(\d+):(\d\d)", timer).groups()
    return int(minutes) * 60 + int(seconds)


def _add_serum_to_cart(page: Any) -> None:
    page.click('.shelf-item[data-sku="glow-serum"] .shelf-card')
    page.locator('.sheet .chip:has-text("50 ml")').click()
    page.locator(".pd-add").click()
    page.locator(".pd-message").wait_for(timeout=10_000)
    assert "Added to cart" in page.locator(".pd-message").inner_text()
    page.locator('.pd-message button:has-text("Cart")').click()
    page.locator('.cart-line[data-sku="HL-GS-50ML"]').wait_for(timeout=10_000)
    page.locator('.sheet button:has-text("Checkout")').click()


def _fill_address(page: Any, phone: str) -> None:
    page.fill("#co-name", "Dana Kim")
    page.fill("#co-phone", phone)
    page.fill("#co-street", "500 Howard St")
    page.fill("#co-city", "San Francisco")
    page.fill("#co-postal_code", "94105")


def _viewer(page: Any) -> str:
    return page.evaluate("localStorage.getItem('shopcast.viewer')")
