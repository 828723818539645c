"""Images: local files are copied, URLs fetched; a picture that cannot be used is a warning
naming its row, product and reason, and the product imports."""

from __future__ import annotations

import csv
import socket
from pathlib import Path

from image_server import HTML, PNG, image_server, png_header_claiming
from PIL import Image

from shopcast.catalog.image_fetch import FetchLimits
from shopcast.catalog.service import CatalogService
from shopcast.config import Settings
from shopcast.store import Database

LIMITS = FetchLimits(connect_timeout_s=2.0, read_timeout_s=0.8, deadline_s=1.5, max_redirects=3)

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


def test_url_images_are_fetched_and_bad_ones_named_per_product(
    db: Database, settings: Settings, tmp_path
) -> None:
    """Good URL pictures land in the media folder like local files; every bad one is a warning
    with its row, URL, product and reason, and each product imports anyway."""
    catalog = CatalogService(db, settings, image_limits=LIMITS)
    with image_server() as server:
        rows = [
            ["mug", "Mug", "MUG-1", "10", server.url("/photos/mug.png"), "1", ""],
            ["mug", "", "", "", server.url("/good.jpg"), "2", ""],
            ["lamp", "Lamp", "L-1", "30", server.url("/trickle.png"), "1", ""],
            ["vase", "Vase", "V-1", "20", server.url("/page.png"), "1", ""],
            ["bowl", "Bowl", "B-1", "12", server.url("/gone.png"), "1", ""],
            ["jug", "Jug", "J-1", "15", server.url("/loop/0"), "1", ""],
        ]
        path = _csv(tmp_path / "p.csv", rows)
        report = catalog.import_file(path)
        assert (report.imported, report.errors) == (5, [])
        mug = catalog.get("mug")
        assert [Path(image).suffix for image in mug.images] == [".png", ".jpg"]
        assert mug.images[0].startswith("products/mug/mug-")
        for image in mug.images:
            assert (settings.media_dir / image).is_file()
        assert (settings.media_dir / mug.images[0]).read_bytes() == PNG
        expected = {
            ("row 4", "/trickle.png", "'lamp'", "did not arrive within 1.5 s"),
            ("row 5", "/page.png", "'vase'", "not a PNG, JPEG or WebP image (the data is an HTML"),
            ("row 6", "/gone.png", "'bowl'", "HTTP 404 Not Found"),
            ("row 7", "/loop/0", "'jug'", "redirects more than 3 times"),
        }
        assert len(report.warnings) == len(expected), report.warnings
        for row, url, handle, reason in expected:
            assert any(
                w.startswith(row)
                and url in w
                and f"Product {handle} imported without it" in w
                and reason in w
                for w in report.warnings
            ), (row, report.warnings)
        for handle in ("lamp", "vase", "bowl", "jug"):
            assert catalog.get(handle).images == []

        # Importing again asks the server for nothing it already gave.
        asked = dict(server.requests)
        again = catalog.import_file(path)
        assert again.updated == 5
        assert server.requests["/photos/mug.png"] == asked["/photos/mug.png"] == 1
        assert server.requests["/good.jpg"] == 1
        assert catalog.get("mug").images == mug.images


def test_url_images_without_a_network_are_named_and_the_product_imports(
    catalog: CatalogService, tmp_path
) -> None:
    with socket.socket() as probe:  # a port nobody listens on: the connection is refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/s/files/1/mug.jpg"
    report = catalog.import_file(
        _csv(tmp_path / "p.csv", [["mug", "Mug", "M-1", "10", url, "1", ""]])
    )
    assert report.imported == 1 and report.errors == []
    [warning] = report.warnings
    assert warning.startswith(f"row 2: image {url} could not be used: no connection to 127.0.0.1")
    assert warning.endswith("Product 'mug' imported without it.")
    assert catalog.get("mug").images == []


def test_fetching_can_be_turned_off(db: Database, settings: Settings, tmp_path) -> None:
    catalog = CatalogService(db, settings.model_copy(update={"fetch_images": False}))
    with image_server() as server:
        url = server.url("/good.png")
        report = catalog.import_file(
            _csv(tmp_path / "p.csv", [["mug", "Mug", "M-1", "10", url, "1", ""]])
        )
        assert server.requests["/good.png"] == 0
    assert report.imported == 1
    assert report.warnings == [
        f"row 2: image {url} could not be used: fetching images is turned off "
        "(SHOPCAST_FETCH_IMAGES=false). Product 'mug' imported without it."
    ]


def test_a_local_file_is_sniffed_not_trusted_by_its_name(catalog: CatalogService, tmp_path) -> None:
    (tmp_path / "page.png").write_bytes(HTML)
    (tmp_path / "bomb.png").write_bytes(png_header_claiming(30_000, 30_000))
    Image.new("RGB", (20, 20), "navy").save(tmp_path / "photo.png", "JPEG")  # a JPEG named .png
    rows = [
        ["cup", "Cup", "C-1", "10", "page.png", "1", ""],
        ["bowl", "Bowl", "B-1", "12", "bomb.png", "1", ""],
        ["jar", "Jar", "J-1", "9", "photo.png", "1", ""],
    ]
    report = catalog.import_file(_csv(tmp_path / "p.csv", rows))
    assert report.imported == 3
    assert any("row 2" in w and "the data is an HTML page" in w for w in report.warnings)
    assert any("row 3" in w and "decompression bomb" in w for w in report.warnings)
    assert len(report.warnings) == 2
    [jar_image] = catalog.get("jar").images
    assert jar_image.endswith(".jpg")  # named for what it is


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
