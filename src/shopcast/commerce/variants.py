"""Finding catalog variants by SKU, whether they are on sale, and their price in a currency
(never converted)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopcast.errors import InvalidInputError, NotFoundError
from shopcast.store.tables import VariantRow


def variant_by_sku(session: Session, sku: str) -> VariantRow:
    row = session.scalar(select(VariantRow).where(VariantRow.sku == sku.strip()))
    if row is None:
        raise NotFoundError(
            f"Unknown SKU {sku!r}: no variant with that SKU in the catalog.",
            hint="Use a variant SKU from GET /catalog/products.",
        )
    return row


def require_on_sale(variant: VariantRow) -> None:
    """Refuse a variant of a product that is not ``active`` (Shopify's draft or archived)."""
    status = variant.product.status
    if status != "active":
        raise InvalidInputError(
            f"SKU {variant.sku!r} belongs to product {variant.product.sku!r}, which is {status}: "
            "it is not for sale.",
            hint="Only active products can be bought; the seller sets the status in the catalog.",
        )


def price_in(variant: VariantRow, currency: str) -> Decimal:
    """The seller's price for ``variant`` in ``currency``; refused when the seller set none."""
    currency = currency.upper()
    if variant.product.currency.upper() == currency:
        return variant.price
    for price in variant.market_prices:
        if price.currency.upper() == currency:
            return price.amount
    raise InvalidInputError(
        f"SKU {variant.sku!r} has no price in {currency}; prices are never converted.",
        hint="Use a cart in a currency the seller priced this product in.",
    )
