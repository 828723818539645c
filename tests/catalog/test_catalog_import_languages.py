"""Shopify CSV and JSON: a product's language, spoken name, status, texts per language and
per-market compare-at prices are read; bad cells are refused with their row."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

from shopcast.catalog.service import CatalogService


def write_rows(path: Path, rows: list[dict[str, str]]) -> Path:
    header: dict[str, None] = {}
    for row in rows:
        header.update(dict.fromkeys(row))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(header), restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path


def _variant(handle: str, sku: str, price: str, **more: str) -> dict[str, str]:
    return {"Handle": handle, "Variant SKU": sku, "Variant Price": price, **more}


def test_csv_reads_status_language_spoken_name_and_texts_per_language(
    catalog: CatalogService, tmp_path: Path
) -> None:
    rows = [
        {
            **_variant("sun-fluid", "SF-50", "19", **{"Price KRW": "26000"}),
            "Title": "Daily Sun Fluid SPF 50+ PA++++",
            "Spoken Name": "Daily Sun Fluid",
            "Status": "Active",
            "Title (ko)": "데일리 선 플루이드 SPF 50+ PA++++",
            "Spoken Name (ko)": "데일리 선 플루이드",
            "Description (ko)": "<p>가벼운 선크림.</p><ul><li>백탁 없음</li></ul>",
            "Selling Points (ko)": "백탁 없음 | 가벼운 사용감",
            "FAQ (ko)": "메이크업 전에 써도 되나요? :: 네, 바로 흡수돼요.",
            "Attribute (ko): Volume": "50ml",
            "Title (ja-JP)": "デイリーサンフルイド",
            "Text Origin (ja-JP)": "drafted",
            "Compare At Price KRW": "32000",
            "Variant Compare At Price": "24",
        },
        {"Handle": "sun-fluid", "Selling Points (ko)": "무향"},
        {**_variant("old-tote", "OT-1", "12"), "Title": "Old Tote", "Status": "archived"},
        {**_variant("new-mug", "NM-1", "9"), "Title": "New Mug", "Status": "draft"},
        {
            **_variant("toner", "TN-1", "24000"),
            "Title": "발효 토너",
            "Language": "ko",
            "Currency": "KRW",
            "Title (en)": "Fermented Toner",
        },
    ]
    report = catalog.import_file(write_rows(tmp_path / "p.csv", rows))
    assert report.errors == [] and report.warnings == []
    assert report.imported == 4

    fluid = catalog.get("sun-fluid")
    assert (fluid.status, fluid.language, fluid.spoken_name) == ("active", "en", "Daily Sun Fluid")
    ko = fluid.text_in("ko-KR")
    assert ko is not None and ko.origin == "seller"
    assert ko.title == "데일리 선 플루이드 SPF 50+ PA++++"
    assert fluid.spoken_name_in("ko-KR") == "데일리 선 플루이드"
    assert ko.description == "가벼운 선크림.\n- 백탁 없음"
    assert ko.selling_points == ["백탁 없음", "가벼운 사용감", "무향"]
    assert ko.faqs[0].answer == "네, 바로 흡수돼요."
    assert ko.attributes == {"volume": "50ml"}
    assert fluid.texts["ja"].origin == "drafted" and fluid.text_in("ja") is None
    variant = fluid.variants[0]
    assert variant.compare_at_in("KRW", fluid.currency) == Decimal("32000")
    assert variant.compare_at_in("USD", fluid.currency) == Decimal("24")

    assert catalog.get("old-tote").status == "archived"
    assert not catalog.get("new-mug").on_sale
    toner = catalog.get("toner")
    assert toner.language == "ko" and toner.title_in("en-US") == "Fermented Toner"


def test_csv_refuses_bad_status_language_and_orphan_compare_at(
    catalog: CatalogService, tmp_path: Path
) -> None:
    rows = [
        {**_variant("a", "A-1", "1"), "Title": "A", "Status": "hidden"},
        {**_variant("b", "B-1", "1"), "Title": "B", "Language": "kr"},
        {**_variant("c", "C-1", "1"), "Title": "C", "Title (xx)": "?"},
        {**_variant("d", "D-1", "1"), "Title": "D", "Title (en)": "D again"},
        {**_variant("e", "E-1", "1"), "Title": "E", "Compare At Price KRW": "5000"},
        {**_variant("f", "F-1", "1"), "Title": "F", "Text Origin (ko)": "machine"},
        {**_variant("g", "G-1", "1"), "Title": "G", "FAQ (ko)": "질문만 있어요"},
        {**_variant("ok", "OK-1", "1"), "Title": "Fine"},
    ]
    report = catalog.import_file(write_rows(tmp_path / "p.csv", rows))
    reasons = {e.row: e.reason for e in report.errors}
    assert "Status 'hidden' must be one of: active, draft, archived" in reasons[2]
    assert "Language: unknown language code 'kr'" in reasons[3]
    assert "Title (xx): unknown language code 'xx'" in reasons[4]
    assert "repeat the product's own language (en)" in reasons[5]
    assert "Compare At Price KRW is set but Price KRW is empty" in reasons[6]
    assert "Text Origin (ko) 'machine' must be one of" in reasons[7]
    assert "FAQ (ko): entry '질문만 있어요' must read 'question :: answer'" in reasons[8]
    assert report.products == ["ok"]


def test_json_reads_texts_status_and_strips_html(catalog: CatalogService, tmp_path: Path) -> None:
    products = [
        {
            "sku": "mug",
            "title": "Stoneware Mug",
            "status": "archived",
            "spoken_name": "the stoneware mug",
            "texts": {
                "ko-KR": {
                    "title": "머그컵",
                    "description": "<p>손으로 빚은 머그.</p>",
                    "origin": "approved",
                }
            },
            "variants": [
                {
                    "sku": "MUG-1",
                    "price": "22",
                    "market_prices": {"KRW": "31000"},
                    "market_compare_at_prices": {"KRW": "39000"},
                }
            ],
        },
        {"sku": "bad", "title": "Bad", "status": "gone", "variants": [{"sku": "B", "price": 1}]},
        {
            "sku": "orphan",
            "title": "Orphan",
            "variants": [{"sku": "O", "price": 1, "market_compare_at_prices": {"EUR": 2}}],
        },
    ]
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"products": products}), encoding="utf-8")
    report = catalog.import_file(path)
    assert report.products == ["mug"]
    reasons = {e.row: e.reason for e in report.errors}
    assert "status: Input should be 'active', 'draft' or 'archived'" in reasons[2]
    assert "compare-at price in EUR but no price in that currency" in reasons[3]
    mug = catalog.get("mug")
    assert mug.status == "archived" and mug.texts["ko"].description == "손으로 빚은 머그."
    assert mug.text_in("ko") is not None  # approved drafts are usable
    assert mug.variants[0].compare_at_in("krw", "USD") == Decimal("39000")


def test_exported_csv_reads_back_with_texts_status_and_compare_at(
    catalog: CatalogService, tmp_path: Path
) -> None:
    from shopcast.catalog.export_csv import write_shopify_csv
    from shopcast.catalog.models import FAQ, Product, ProductText, Variant

    toner = Product(
        sku="toner",
        title="발효 토너",
        description="쌀 발효 여과물 72%.\npH 5.5",
        language="ko",
        currency="KRW",
        spoken_name="발효 토너",
        status="draft",
        selling_points=["무향"],
        attributes={"volume": "150 ml"},
        faqs=[FAQ(question="비건인가요?", answer="네.")],
        texts={
            "en": ProductText(
                title="Fermented Toner",
                spoken_name="the toner",
                description="72% rice filtrate.",
                selling_points=["Fragrance-free", "pH 5.5"],
                attributes={"volume": "150 ml"},
                faqs=[FAQ(question="Vegan?", answer="Yes.")],
            ),
            "ja": ProductText(title="発酵トナー", origin="drafted"),
        },
        variants=[
            Variant(
                sku="TN-150",
                price=Decimal("24000"),
                compare_at_price=Decimal("32000"),
                stock=4,
                market_prices={"USD": Decimal("18"), "JPY": Decimal("2600")},
                market_compare_at_prices={"USD": Decimal("24")},
            )
        ],
    )
    path = tmp_path / "export.csv"
    write_shopify_csv([toner], path)
    report = catalog.import_file(path)
    assert report.errors == [] and report.warnings == []
    assert catalog.get("toner") == toner
