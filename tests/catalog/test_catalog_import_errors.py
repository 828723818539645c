"""Bad rows are reported with their row numbers while good products import; a failed write
leaves nothing behind."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from shopcast.catalog.service import CatalogService
from shopcast.errors import InvalidInputError, NotFoundError, ShopcastError
from shopcast.store import Database
from shopcast.store.tables import ImportRunRow

HEADER = [
    "Handle",
    "Title",
    "Body (HTML)",
    "Vendor",
    "Type",
    "Tags",
    "Option1 Name",
    "Option1 Value",
    "Variant SKU",
    "Variant Inventory Qty",
    "Variant Price",
    "Variant Compare At Price",
    "Image Src",
    "Image Position",
    "Currency",
    "Price KRW",
    "FAQ",
    "Selling Points",
    "Attribute: Material",
]


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path


def product_rows(handle: str, *variants: dict[str, str], **first: str) -> list[dict[str, str]]:
    rows = []
    for index, variant in enumerate(variants):
        row = {"Handle": handle, **variant}
        if index == 0:
            row = {
                "Title": handle.replace("-", " ").title(),
                "Option1 Name": "Color",
                **first,
                **row,
            }
        rows.append(row)
    return rows


def v(sku: str, price: str = "10", stock: str = "5", colour: str = "") -> dict[str, str]:
    return {
        "Variant SKU": sku,
        "Variant Price": price,
        "Variant Inventory Qty": stock,
        "Option1 Value": colour or sku,
    }


def test_bad_rows_are_reported_with_row_numbers(catalog: CatalogService, tmp_path: Path) -> None:
    rows = [
        *product_rows(
            "good-mug",
            v("MUG-1"),
            v("MUG-2", price="12.50"),
            **{
                "Body (HTML)": "<p>Hand <b>glazed</b> &amp; fired.</p><ul><li>350 ml</li></ul>",
                "Attribute: Material": "stoneware",
                "FAQ": "Microwave safe? :: Yes. || Dishwasher? :: Yes, top rack.",
                "Selling Points": "Handmade | 350 ml",
            },
        ),  # rows 2-3
        *product_rows("no-price", v("NP-1"), v("NP-2", price="")),  # rows 4-5
        *product_rows("neg-stock", v("NS-1", stock="-3")),  # row 6
        *product_rows("bad-price", v("BP-1", price="ten dollars")),  # row 7
        *product_rows("dup-sku", v("MUG-1")),  # row 8
        *product_rows("odd-currency", v("OC-1"), Currency="XYZ"),  # row 9
        *product_rows("good-pan", v("PAN-1", price="54"), **{"Price KRW": "75000"}),  # row 10
        {"Title": "Orphan"},  # row 11: no handle
    ]
    report = catalog.import_file(write_csv(tmp_path / "products.csv", rows))
    assert report.imported == 2
    reasons = {e.row: e.reason for e in report.errors}
    assert sorted(reasons) == [5, 6, 7, 8, 9, 11]
    assert "Variant Price is missing" in reasons[5]
    assert "stock cannot be negative" in reasons[6]
    assert "'ten dollars' is not a number" in reasons[7]
    assert "duplicate variant SKU 'MUG-1'" in reasons[8] and "row 2" in reasons[8]
    assert "unknown currency 'XYZ'" in reasons[9]
    assert "Handle is empty" in reasons[11]
    assert [p.sku for p in catalog.list_products()] == ["good-mug", "good-pan"]
    mug = catalog.get("MUG-2")
    assert mug.description == "Hand glazed & fired.\n- 350 ml"
    assert mug.attributes == {"material": "stoneware"}
    assert [f.question for f in mug.faqs] == ["Microwave safe?", "Dishwasher?"]
    assert mug.selling_points == ["Handmade", "350 ml"]
    assert str(catalog.get("PAN-1").variants[0].market_prices["KRW"]) == "75000"


def test_variant_sku_owned_by_another_product_is_refused(
    catalog: CatalogService, tmp_path: Path
) -> None:
    catalog.import_file(write_csv(tmp_path / "a.csv", product_rows("first", v("SKU-1"))))
    report = catalog.import_file(
        write_csv(
            tmp_path / "b.csv",
            [*product_rows("second", v("SKU-1")), *product_rows("third", v("SKU-3"))],
        )
    )
    assert report.imported == 1
    assert [(e.row, "already belongs to product 'first'" in e.reason) for e in report.errors] == [
        (2, True)
    ]


def test_json_errors_name_the_product_position(catalog: CatalogService, tmp_path: Path) -> None:
    good = {"sku": "ok", "title": "OK", "variants": [{"sku": "OK-1", "price": "5"}]}
    negative = {
        "sku": "neg",
        "title": "Neg",
        "variants": [{"sku": "N-1", "price": "5", "stock": -1}],
    }
    no_price = {"sku": "np", "title": "NP", "variants": [{"sku": "NP-1"}]}
    bad_currency = {
        "sku": "cur",
        "title": "Cur",
        "currency": "ZZZ",
        "variants": [{"sku": "C-1", "price": "5"}],
    }
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps({"products": [good, negative, no_price, bad_currency]}))
    report = catalog.import_file(path)
    assert report.imported == 1
    reasons = {e.row: e.reason for e in report.errors}
    assert sorted(reasons) == [2, 3, 4]
    assert "variants.0.stock" in reasons[2]
    assert "variants.0.price" in reasons[3]
    assert "unknown currency 'ZZZ'" in reasons[4]


def test_a_failed_database_write_leaves_nothing(
    catalog: CatalogService, db: Database, settings, tmp_path: Path
) -> None:
    with db.engine.begin() as connection:
        connection.execute(
            text(
                "CREATE TRIGGER refuse_boom BEFORE INSERT ON products WHEN NEW.sku = 'boom' "
                "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"
            )
        )
    from PIL import Image

    Image.new("RGB", (8, 8), "red").save(tmp_path / "red.png")
    rows = [
        *product_rows("first", v("F-1"), **{"Image Src": "red.png"}),
        *product_rows("second", v("S-1")),
        *product_rows("boom", v("B-1")),
    ]
    with pytest.raises(ShopcastError, match="nothing was changed"):
        catalog.import_file(write_csv(tmp_path / "products.csv", rows))
    assert catalog.list_products() == []
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(ImportRunRow)) == 0
    assert not list((settings.media_dir).rglob("*.png"))


def test_unusable_files_are_refused(catalog: CatalogService, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        catalog.import_file(tmp_path / "missing.csv")
    (tmp_path / "x.txt").write_text("hello")
    with pytest.raises(InvalidInputError, match="unsupported catalog file type"):
        catalog.import_file(tmp_path / "x.txt")
    (tmp_path / "x.csv").write_text("Name,Price\nmug,5\n")
    with pytest.raises(InvalidInputError, match="no 'Handle' column"):
        catalog.import_file(tmp_path / "x.csv")
    (tmp_path / "x.json").write_text("{not json")
    with pytest.raises(InvalidInputError, match="not valid JSON"):
        catalog.import_file(tmp_path / "x.json")
