"""Images: local files are copied, URLs and corrupt files give warnings, the product imports."""

from __future__ import annotations

import csv
from pathlib import Path

from PIL import Image

from shopcast.catalog.service import CatalogService

HEADER = [
    "Handle",
    "Title",
    "Variant SKU",
    "Variant Price",
    "Image Src",
    "Image Position",
    "Variant Image",
]


def _csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def test_local_image_is_copied_into_media(catalog: CatalogService, settings, tmp_path) -> None:
    (tmp_path / "pics").mkdir()
    Image.new("RGB", (20, 20), "teal").save(tmp_path / "pics" / "mug.png")
    Image.new("RGB", (20, 20), "pink").save(tmp_path / "pics" / "mug-pink.png")
    path = _csv(
        tmp_path / "p.csv",
        [
            ["mug", "Mug", "MUG-1", "10", "pics/mug.png", "1", "pics/mug-pink.png"],
            ["mug", "", "", "", "pics/mug-pink.png", "2", ""],
        ],
    )
    report = catalog.import_file(path)
    assert (report.imported, report.warnings) == (1, [])
    product = catalog.get("mug")
    assert len(product.images) == 2
    for image in [*product.images, product.variants[0].image]:
        assert image.startswith("products/mug/")
        assert (settings.media_dir / image).is_file()
    copied = settings.media_dir / product.images[0]
    assert copied.read_bytes() == (tmp_path / "pics" / "mug.png").read_bytes()


def test_url_image_gives_a_warning_and_the_product_imports(
    catalog: CatalogService, tmp_path
) -> None:
    url = "https://cdn.shopify.com/s/files/1/mug.jpg"
    report = catalog.import_file(
        _csv(tmp_path / "p.csv", [["mug", "Mug", "M-1", "10", url, "1", ""]])
    )
    assert report.imported == 1 and report.errors == []
    assert len(report.warnings) == 1
    assert "row 2" in report.warnings[0] and url in report.warnings[0]
    assert "offline" in report.warnings[0]
    assert catalog.get("mug").images == []


def test_corrupt_and_missing_images_name_their_rows(catalog: CatalogService, tmp_path) -> None:
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n this is not really a png")
    rows = [
        ["cup", "Cup", "C-1", "10", "", "", ""],
        ["cup", "", "", "", "broken.png", "1", ""],
        ["bowl", "Bowl", "B-1", "12", "nowhere.png", "1", ""],
    ]
    report = catalog.import_file(_csv(tmp_path / "p.csv", rows))
    assert report.imported == 2
    assert any(
        "row 3" in w and "broken.png" in w and "not a readable image" in w for w in report.warnings
    )
    assert any("row 4" in w and "nowhere.png" in w and "not found" in w for w in report.warnings)
    assert catalog.get("cup").images == [] and catalog.get("bowl").images == []
