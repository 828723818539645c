"""``shopcast catalog`` through Typer's CliRunner, against the real database."""

from __future__ import annotations

import csv
import json

from image_server import image_server
from typer.testing import CliRunner

from shopcast.cli.catalog import app

runner = CliRunner()


def test_import_sample_then_list_and_show_json(settings) -> None:
    result = runner.invoke(app, ["import", "--sample"])
    assert result.exit_code == 0, result.output
    assert "new products" in result.output and "12" in result.output

    listed = runner.invoke(app, ["list", "--json", "--category", "kitchen"])
    assert listed.exit_code == 0, listed.output
    products = json.loads(listed.stdout)
    assert [p["sku"] for p in products] == ["carbon-steel-pan", "stoneware-mug", "chef-knife"]

    shown = runner.invoke(app, ["show", "HL-GS-30ML", "--json"])
    assert shown.exit_code == 0, shown.output
    serum = json.loads(shown.stdout)
    assert serum["sku"] == "glow-serum"
    assert serum["variants"][0]["market_prices"]["KRW"] == "39000"

    table = runner.invoke(app, ["list"])
    assert table.exit_code == 0 and "glow-serum" in table.output
    detail = runner.invoke(app, ["show", "chef-knife"])
    assert detail.exit_code == 0 and "EO-KN-20" in detail.output


def test_import_with_bad_rows_exits_1_and_lists_them(settings, tmp_path) -> None:
    path = tmp_path / "p.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Handle", "Title", "Variant SKU", "Variant Price"])
        writer.writerow(["mug", "Mug", "M-1", "10"])
        writer.writerow(["pan", "Pan", "P-1", "abc"])
    result = runner.invoke(app, ["import", str(path)])
    assert result.exit_code == 1
    assert "'abc' is not a number" in result.output
    assert json.loads(runner.invoke(app, ["list", "--json"]).stdout)[0]["sku"] == "mug"


def test_errors_exit_2_with_message_and_hint(settings, tmp_path) -> None:
    result = runner.invoke(app, ["show", "nope"])
    assert result.exit_code == 2
    assert "No product 'nope'" in result.output and "Hint:" in result.output
    neither = runner.invoke(app, ["import"])
    assert neither.exit_code == 2 and "--sample" in neither.output
    missing = runner.invoke(app, ["import", str(tmp_path / "gone.csv")])
    assert missing.exit_code == 2 and "not found" in missing.output


def test_import_fetches_url_pictures_and_names_the_ones_it_could_not_use(
    settings, tmp_path
) -> None:
    path = tmp_path / "p.csv"
    with image_server() as server:
        with path.open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["Handle", "Title", "Variant SKU", "Variant Price", "Image Src"])
            writer.writerow(["mug", "Mug", "M-1", "10", server.url("/good.png")])
            writer.writerow(["pan", "Pan", "P-1", "30", server.url("/gone.png")])
        result = runner.invoke(app, ["import", str(path)])
        assert server.requests["/good.png"] == 1
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    assert "could not be used: the server answered HTTP 404 Not Found" in flat
    assert "Product 'pan' imported without it" in flat
    products = {p["sku"]: p for p in json.loads(runner.invoke(app, ["list", "--json"]).stdout)}
    assert len(products["mug"]["images"]) == 1 and products["pan"]["images"] == []
