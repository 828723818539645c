"""The studio's words per language in headless Chromium: an editor opens a product's words,
sees the English source beside the model's Korean draft marked "drafted — review", edits the
title and approves; the catalog then serves the approved words (and an operator cannot edit)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from shopcast.accounts.testing import PASSWORD, make_user
from shopcast.catalog.models import FAQ, ProductText
from shopcast.catalog.service import CatalogService
from shopcast.config import Settings
from shopcast.store import open_database
from shopcast.web.app import create_app
from shopcast.web.testing import ServerThread

pytestmark = [pytest.mark.browser]


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, CatalogService]]:
    settings = Settings(
        home=tmp_path_factory.mktemp("studio-texts"), models=Path(os.environ["SHOPCAST_MODELS"])
    )
    db = open_database(settings)
    catalog = CatalogService(db, settings)
    catalog.import_sample()
    serum = catalog.get("glow-serum")
    serum.texts.pop("id")  # the sample has words in every language: leave one missing
    catalog.upsert(serum)
    catalog.save_text(
        "glow-serum",
        "ko",
        ProductText(
            title="쌀뜨물 글로우 세럼 초안",
            description="우유 같은 세럼이에요.",
            selling_points=["빠르게 흡수돼요"],
            faqs=[FAQ(question="비건인가요?", answer="네.")],
            origin="drafted",
        ),
    )
    app = create_app(settings, database=db, maintenance_interval_s=None)
    make_user(app.state.accounts, "eddie", "editor")
    make_user(app.state.accounts, "otto", "operator")
    server = ServerThread(app).start()
    try:
        yield server.url, catalog
    finally:
        server.stop()
        app.state.studio.close()
        db.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def _sign_in(page: Any, url: str, name: str) -> None:
    page.goto(f"{url}/studio#catalog")
    page.locator("#signin-form").wait_for(timeout=10_000)
    page.fill("#signin-name", name)
    page.fill("#signin-password", PASSWORD)
    page.click("#signin-form button[type=submit]")
    page.locator('#products .product-card[data-sku="glow-serum"]').wait_for(timeout=15_000)


def test_editor_reviews_edits_and_approves_a_draft(page: Any, shop, tmp_path: Path) -> None:
    url, catalog = shop
    _sign_in(page, url, "eddie")
    page.click('#products .product-card[data-sku="glow-serum"] .words-link')
    page.locator("#text-source").wait_for(timeout=10_000)
    chip = page.locator('#text-languages .chip[data-language="ko"]')
    assert chip.get_attribute("data-state") == "drafted"
    page.click('#text-languages .chip[data-language="ko"]')
    page.wait_for_function("document.querySelector('#text-form')?.lang === 'ko'")
    assert "Rice Water Glow Serum" in page.locator("#text-source").inner_text()
    assert page.locator("#text-state").text_content() == "drafted — review"
    assert page.input_value("#text-title") == "쌀뜨물 글로우 세럼 초안"
    assert page.input_value("#text-faqs") == "비건인가요? :: 네."
    page.screenshot(path=str(tmp_path / "studio-texts.png"))

    page.fill("#text-title", "쌀뜨물 글로우 세럼")
    page.fill("#text-faqs", "no separator here")
    page.click("#text-approve")
    page.wait_for_function("document.querySelector('#text-error').textContent.includes('::')")
    assert catalog.get("glow-serum").texts["ko"].origin == "drafted"  # nothing was saved

    page.fill("#text-faqs", "비건인가요? :: 네, 동물성 원료가 없어요.")
    page.click("#text-approve")
    page.wait_for_function("document.querySelector('#text-state').textContent === 'approved'")
    text = catalog.get("glow-serum").text_in("ko-KR")
    assert text is not None and text.origin == "approved"
    assert text.title == "쌀뜨물 글로우 세럼"
    assert text.faqs == [FAQ(question="비건인가요?", answer="네, 동물성 원료가 없어요.")]
    assert text.selling_points == ["빠르게 흡수돼요"]
    # a language with no words yet opens empty, marked missing
    page.click('#text-languages .chip[data-language="id"]')
    page.wait_for_function("document.querySelector('#text-form')?.lang === 'id'")
    assert page.locator("#text-state").text_content() == "missing"
    assert page.input_value("#text-title") == ""


def test_an_operator_reads_but_cannot_edit(page: Any, shop) -> None:
    url, _ = shop
    _sign_in(page, url, "otto")
    page.goto(f"{url}/studio#catalog/stoneware-mug/ko")
    page.locator("#text-form").wait_for(timeout=10_000)
    assert page.locator("#text-save").count() == 0
    assert page.locator("#text-title").get_attribute("readonly") is not None
    assert "Editors can change" in page.locator("#text-form").inner_text()
