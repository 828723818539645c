"""Products and personas survive a write/read through both databases, prices exactly."""

from __future__ import annotations

from decimal import Decimal

from shopcast.catalog.models import FAQ, Product, Variant
from shopcast.catalog.service import CatalogService
from shopcast.config import Settings
from shopcast.persona.service import PersonaService
from shopcast.store import open_database


def _product() -> Product:
    return Product(
        sku="test-serum",
        title="Test Serum",
        description="Line one.\nLine two.",
        category="skincare",
        brand="Lab",
        tags=["a", "b"],
        attributes={"volume": "30 ml"},
        selling_points=["light"],
        faqs=[FAQ(question="Vegan?", answer="Yes.")],
        variants=[
            Variant(
                sku="TS-30",
                options={"Size": "30 ml"},
                price=Decimal("28.00"),
                compare_at_price=Decimal("31.50"),
                stock=7,
                market_prices={
                    "KRW": Decimal("39000"),
                    "BRL": Decimal("199.90"),
                    "IDR": Decimal("12345678"),
                },
            )
        ],
    )


def test_product_round_trip_keeps_exact_prices(any_settings: Settings) -> None:
    db = open_database(any_settings)
    try:
        service = CatalogService(db, any_settings)
        assert service.upsert(_product()) is True
        stored = service.get("TS-30")
        assert stored == _product()
        variant = stored.variants[0]
        assert variant.market_prices["BRL"] == Decimal("199.9")
        assert str(variant.market_prices["KRW"]) == "39000"
        assert str(variant.market_prices["IDR"]) == "12345678"
        assert variant.compare_at_price == Decimal("31.5")
        changed = _product()
        changed.variants[0].stock = 3
        assert service.upsert(changed) is False
        assert service.get("test-serum").variants[0].stock == 3
    finally:
        db.close()


def test_builtin_personas_seed_on_both_databases(any_settings: Settings) -> None:
    db = open_database(any_settings)
    try:
        assert PersonaService(db).names() == ["mina", "jay", "rosa"]
        assert PersonaService(db).names() == ["mina", "jay", "rosa"]  # a second service: no dupes
    finally:
        db.close()
