"""Read-only product list and detail over the catalog service."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from shopcast.catalog.models import Product
from shopcast.web.deps import PUBLIC, CatalogDep

router = APIRouter(prefix="/catalog", tags=["catalog"])


@router.get("/products", openapi_extra=PUBLIC)
def list_products(
    catalog: CatalogDep, category: Annotated[str | None, Query(max_length=100)] = None
) -> list[Product]:
    return catalog.list_products(category)


@router.get("/products/{sku}", openapi_extra=PUBLIC)
def get_product(sku: str, catalog: CatalogDep) -> Product:
    """A product by its handle or one of its variant SKUs."""
    return catalog.get(sku)
