"""Price lists on SQLite and the real PostgreSQL: all rows or none, every bad row named."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from shopcast.catalog.models import Product, Variant
from shopcast.catalog.price_list import PriceListError, PriceLists
from shopcast.catalog.service import CatalogService
from shopcast.config import Settings
from shopcast.store import open_database


def _seed(service: CatalogService) -> None:
    service.upsert(
        Product(
            sku="glow-serum",
            title="Glow Serum",
            variants=[
                Variant(sku="GS-30", price=Decimal(28), market_prices={"JPY": Decimal(4200)}),
                Variant(sku="GS-50", price=Decimal(42)),
            ],
        )
    )


def test_a_price_list_is_written_whole_or_not_at_all(
    any_settings: Settings, tmp_path: Path
) -> None:
    db = open_database(any_settings)
    try:
        service = CatalogService(db, any_settings)
        _seed(service)
        good = tmp_path / "good.csv"
        good.write_text(
            "Variant SKU,Currency,Price,Compare At Price\n"
            "GS-30,KRW,39000,49000\n"
            'GS-50,krw,"59,000",\n'
            "GS-30,USD,27.50,31\n"
            "GS-30,JPY,4300,\n",
            encoding="utf-8",
        )
        report = PriceLists(db).import_file(good)
        assert (report.rows, report.variants, report.currencies) == (4, 2, ["JPY", "KRW", "USD"])
        serum = service.get("glow-serum")
        small, large = serum.variants
        assert small.price_in("KRW", "USD") == Decimal(39000)
        assert small.compare_at_in("KRW", "USD") == Decimal(49000)
        assert (small.price, small.compare_at_price) == (Decimal("27.5"), Decimal(31))
        assert small.price_in("JPY", "USD") == Decimal(4300)
        assert large.price_in("KRW", "USD") == Decimal(59000)
        assert large.compare_at_in("KRW", "USD") is None

        bad = tmp_path / "bad.csv"
        bad.write_text(
            "Variant SKU,Currency,Price\n"
            "GS-30,KRW,1000\n"  # fine on its own, but the file is refused as a whole
            "GS-50,,1000\n"
            "GS-50,WON,1000\n"
            "GS-3O,EUR,20\n"
            "GS-50,EUR,abc\n"
            "GS-50,KRW,39000.5\n"
            "GS-30,krw,2000\n",
            encoding="utf-8",
        )
        with pytest.raises(PriceListError) as caught:
            PriceLists(db).import_file(bad)
        reasons = {e.row: e.reason for e in caught.value.errors}
        assert reasons == {
            3: "Currency is missing",
            4: "Currency 'WON' is not an ISO 4217 currency code (e.g. KRW, JPY, EUR)",
            5: "no variant with SKU 'GS-3O' in the catalog; did you mean GS-30?",
            6: "Price 'abc' is not a number",
            7: "Price 39000.5 has more decimals than KRW allows (no minor unit)",
            8: "GS-30 in KRW is already priced on row 2",
        }
        assert "nothing was written" in caught.value.message
        assert "row 5: no variant with SKU 'GS-3O'" in caught.value.message
        assert service.get("glow-serum") == serum  # untouched

        lower = tmp_path / "lower.json"
        lower.write_text(
            '{"prices": [{"sku": "GS-30", "currency": "EUR", "price": "26"}, '
            '{"sku": "GS-50", "currency": "KRW", "price": 60000, "compare_at_price": 50000}]}',
            encoding="utf-8",
        )
        with pytest.raises(PriceListError) as caught:
            PriceLists(db).import_file(lower)
        assert [e.row for e in caught.value.errors] == [2]
        assert "Compare At Price 50000 is below the price 60000" in caught.value.errors[0].reason
        assert service.get("glow-serum") == serum  # the EUR row before it is not kept either
    finally:
        db.close()
