"""Finding products: by handle or variant SKU, close-match suggestions, categories."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shopcast.catalog.models import Product, Variant
from shopcast.catalog.service import CatalogService
from shopcast.errors import NotFoundError


def _product(sku: str, category: str, variant_skus: list[str]) -> Product:
    return Product(
        sku=sku,
        title=sku.title(),
        category=category,
        variants=[Variant(sku=s, price=Decimal("9.5")) for s in variant_skus],
    )


def test_get_by_handle_variant_and_case(catalog: CatalogService) -> None:
    catalog.upsert(_product("glow-serum", "skincare", ["GS-30", "GS-50"]))
    assert catalog.get("glow-serum").sku == "glow-serum"
    assert catalog.get("GS-50").sku == "glow-serum"
    assert catalog.get("gs-30").sku == "glow-serum"
    assert catalog.get("Glow-Serum").sku == "glow-serum"


def test_unknown_sku_suggests_close_matches(catalog: CatalogService) -> None:
    catalog.upsert(_product("glow-serum", "skincare", ["GS-30"]))
    catalog.upsert(_product("stoneware-mug", "kitchen", ["MUG-1"]))
    with pytest.raises(NotFoundError) as caught:
        catalog.get("glow-serun")
    assert "Did you mean: glow-serum?" in caught.value.message
    assert "shopcast catalog list" in (caught.value.hint or "")


def test_empty_catalog_says_so(catalog: CatalogService) -> None:
    with pytest.raises(NotFoundError, match="catalog is empty"):
        catalog.get("anything")


def test_list_by_category_ignores_case(catalog: CatalogService) -> None:
    catalog.upsert(_product("glow-serum", "skincare", ["GS-30"]))
    catalog.upsert(_product("stoneware-mug", "kitchen", ["MUG-1"]))
    assert [p.sku for p in catalog.list_products("Kitchen")] == ["stoneware-mug"]
    assert [p.sku for p in catalog.list_products()] == ["glow-serum", "stoneware-mug"]
    assert catalog.categories() == ["kitchen", "skincare"]


def test_upsert_replaces_variants(catalog: CatalogService) -> None:
    assert catalog.upsert(_product("mug", "kitchen", ["M-1", "M-2"])) is True
    assert catalog.upsert(_product("mug", "kitchen", ["M-2", "M-3"])) is False
    assert [v.sku for v in catalog.get("mug").variants] == ["M-2", "M-3"]
    with pytest.raises(NotFoundError):
        catalog.get("M-1")
