"""Price list files that cannot be used at all: a clear message, nothing written."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shopcast.catalog.models import Product, Variant
from shopcast.catalog.price_list import parse_price_list
from shopcast.catalog.service import CatalogService
from shopcast.cli.catalog import app
from shopcast.errors import InvalidInputError, NotFoundError


def test_unusable_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        parse_price_list(tmp_path / "none.csv")
    header_only = tmp_path / "h.csv"
    header_only.write_text("Variant SKU,Currency,Price\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="has no rows"):
        parse_price_list(header_only)
    wrong = tmp_path / "w.csv"
    wrong.write_text("SKU,Amount\nA,1\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="no 'Currency', 'Price' column"):
        parse_price_list(wrong)
    text = tmp_path / "p.txt"
    text.write_text("x", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="unsupported price list type"):
        parse_price_list(text)
    broken = tmp_path / "b.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="not valid JSON"):
        parse_price_list(broken)
    shapeless = tmp_path / "s.json"
    shapeless.write_text(json.dumps({"rows": []}), encoding="utf-8")
    with pytest.raises(InvalidInputError, match="a 'prices' list"):
        parse_price_list(shapeless)


def test_json_rows_are_numbered_by_position(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(
        json.dumps([{"sku": "A", "currency": "KRW", "price": 100}, "oops", {"sku": "B"}]),
        encoding="utf-8",
    )
    entries, errors = parse_price_list(path)
    assert [(e.sku, e.price) for e in entries] == [("A", Decimal(100))]
    assert [(e.row, e.reason) for e in errors] == [
        (2, "a price must be a JSON object"),
        (3, "Currency is missing"),
    ]


def test_cli_prints_the_rows_and_exits_2(settings, db, tmp_path: Path) -> None:
    CatalogService(db, settings).upsert(
        Product(sku="mug", title="Mug", variants=[Variant(sku="M-1", price=Decimal(9))])
    )
    path = tmp_path / "p.csv"
    path.write_text("Variant SKU,Currency,Price\nM-1,KRW,12000\nM-2,KRW,1\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["prices", "import", str(path)])
    assert result.exit_code == 2
    assert "row 3: no variant with SKU 'M-2'" in result.output
    assert "nothing was written" in result.output
    assert CatalogService(db, settings).get("M-1").variants[0].market_prices == {}
    path.write_text("Variant SKU,Currency,Price\nM-1,KRW,12000\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["prices", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "KRW" in result.output
    assert CatalogService(db, settings).get("M-1").variants[0].market_prices == {
        "KRW": Decimal(12000)
    }
