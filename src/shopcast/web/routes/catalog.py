"""Read-only product list and detail over the catalog service, for shoppers: only products on
sale (Shopify ``active``); draft and archived products are not shown."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from shopcast.catalog.models import Product
from shopcast.errors import NotFoundError
from shopcast.web.deps import PUBLIC, CatalogDep

router = APIRouter(prefix="/catalog", tags=["catalog"])


@router.get("/products", openapi_extra=PUBLIC)
def list_products(
    catalog: CatalogDep, category: Annotated[str | None, Query(max_length=100)] = None
) -> list[Product]:
    return catalog.list_products(category, on_sale_only=True)


@router.get("/products/{sku}", openapi_extra=PUBLIC)
def get_product(sku: str, catalog: CatalogDep) -> Product:
    """A product on sale by its handle or one of its variant SKUs."""
    product = catalog.get(sku)
    if not product.on_sale:
        raise NotFoundError(f"No product {sku!r} on sale.", hint="GET /catalog/products")
    return product
