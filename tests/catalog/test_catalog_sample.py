"""The bundled sample catalog: JSON and CSV import to the same products, images are drawn."""

from __future__ import annotations

import csv
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image

from shopcast.catalog.export_csv import write_shopify_csv
from shopcast.catalog.importers import parse_json_catalog
from shopcast.catalog.sample import SAMPLE_CSV, SAMPLE_JSON
from shopcast.catalog.sample.draw import draw_sample_images
from shopcast.catalog.service import CatalogService
from shopcast.config import Settings
from shopcast.store import open_database

REQUIRED_CURRENCIES = {"KRW", "JPY", "CNY", "EUR", "BRL", "INR", "IDR", "GBP"}


@pytest.fixture(scope="module")
def drawn_images(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("sample-images")
    draw_sample_images(folder)
    return folder


def test_sample_json_import_counts_prices_and_images(catalog: CatalogService, settings) -> None:
    report = catalog.import_sample()
    assert (report.imported, report.updated, report.errors, report.warnings) == (12, 0, [], [])
    products = catalog.list_products()
    assert len(products) == 12
    assert {p.category for p in products} == {"skincare", "apparel", "kitchen", "tech", "home"}
    assert sum(len(p.variants) for p in products) == 37
    serum = catalog.get("glow-serum")
    small = serum.variants[0]
    assert (small.sku, small.price, small.stock) == ("HL-GS-30ML", Decimal("28"), 140)
    assert small.market_prices["KRW"] == Decimal("39000")
    assert small.market_prices["JPY"] == Decimal("4200")
    assert small.market_prices["BRL"] == Decimal("199.90")
    for product in products:
        assert 2 <= len(product.faqs) <= 4
        assert product.selling_points and product.attributes and product.images
        for variant in product.variants:
            assert set(variant.market_prices) >= REQUIRED_CURRENCIES
            assert variant.image and (settings.media_dir / variant.image).is_file()
        for image in product.images:
            with Image.open(settings.media_dir / image) as picture:
                assert picture.size == (800, 800)
    hoodie = catalog.get("NS-HD-SAGE-M")
    assert hoodie.option_values("Color") == ["Black", "Sage", "Cream"]
    assert len(hoodie.images) == 3


def test_sample_import_twice_updates(catalog: CatalogService) -> None:
    catalog.import_sample()
    again = catalog.import_sample()
    assert (again.imported, again.updated) == (0, 12)
    assert len(catalog.list_products()) == 12


def test_sample_csv_imports_to_the_same_products(
    catalog: CatalogService, settings: Settings, tmp_path: Path, drawn_images: Path
) -> None:
    catalog.import_sample()
    from_json = catalog.list_products()

    folder = tmp_path / "export"
    shutil.copytree(drawn_images, folder / "images")
    shutil.copyfile(SAMPLE_CSV, folder / SAMPLE_CSV.name)
    other = Settings(home=tmp_path / "other-home")
    db = open_database(other)
    try:
        csv_catalog = CatalogService(db, other)
        report = csv_catalog.import_file(folder / SAMPLE_CSV.name)
        assert (report.imported, report.errors, report.warnings) == (12, [], [])
        assert csv_catalog.list_products() == from_json
    finally:
        db.close()


def test_shipped_csv_matches_the_json(tmp_path: Path) -> None:
    """The CSV is generated from catalog.json: it must not drift from it."""
    products = [item.product for item in parse_json_catalog(SAMPLE_JSON).products]
    taxonomy = {}
    regenerated = tmp_path / "regenerated.csv"
    with SAMPLE_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["Title"]:
                taxonomy[row["Category"]] = row["Product Category"]
    write_shopify_csv(products, regenerated, taxonomy)
    assert regenerated.read_text(encoding="utf-8") == SAMPLE_CSV.read_text(encoding="utf-8")


def test_drawings_are_distinct_per_colour(drawn_images: Path) -> None:
    names = sorted(p.name for p in drawn_images.glob("*.png"))
    assert len(names) == 20
    black = Image.open(drawn_images / "heavyweight-hoodie-black.png").convert("RGB")
    sage = Image.open(drawn_images / "heavyweight-hoodie-sage.png").convert("RGB")
    assert black.getpixel((400, 400)) != sage.getpixel((400, 400))
    # the product is drawn over the backdrop: the centre differs from the corner
    assert black.getpixel((400, 400)) != black.getpixel((5, 5))
