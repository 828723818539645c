"""Finding catalog variants by SKU and their price in a currency (never converted)."""

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
