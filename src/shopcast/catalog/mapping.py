"""Converting between catalog models and store rows."""

from __future__ import annotations

from decimal import Decimal

from shopcast.catalog.models import FAQ, Product, ProductText, Variant
from shopcast.store.tables import MarketPriceRow, ProductRow, VariantRow, plain_decimal


def row_to_product(row: ProductRow) -> Product:
    return Product(
        sku=row.sku,
        title=row.title,
        description=row.description,
        category=row.category,
        brand=row.brand,
        currency=row.currency,
        tags=list(row.tags),
        attributes=dict(row.attributes),
        selling_points=list(row.selling_points),
        faqs=[FAQ(**faq) for faq in row.faqs],
        images=list(row.images),
        variants=[_row_to_variant(v) for v in row.variants],
        language=row.language,
        spoken_name=row.spoken_name,
        status=row.status,  # type: ignore[arg-type] - validated by the model
        texts={lang: ProductText.model_validate(text) for lang, text in (row.texts or {}).items()},
        copy_flags=list(row.copy_flags or []),
    )


def _row_to_variant(row: VariantRow) -> Variant:
    return Variant(
        sku=row.sku,
        options=dict(row.options),
        price=row.price,
        compare_at_price=row.compare_at_price,
        stock=row.stock,
        image=row.image,
        market_prices={p.currency: p.amount for p in row.market_prices},
        market_compare_at_prices={
            p.currency: p.compare_at_amount
            for p in row.market_prices
            if p.compare_at_amount is not None
        },
    )


def fill_product_row(row: ProductRow, product: Product) -> None:
    """Copy every product field onto ``row`` (variants: ``sync_variant_rows``)."""
    row.sku = product.sku
    row.title = product.title
    row.description = product.description
    row.category = product.category
    row.brand = product.brand
    row.currency = product.currency
    row.tags = list(product.tags)
    row.attributes = dict(product.attributes)
    row.selling_points = list(product.selling_points)
    row.faqs = [faq.model_dump() for faq in product.faqs]
    row.images = list(product.images)
    row.language = product.language
    row.spoken_name = product.spoken_name
    row.status = product.status
    row.texts = {lang: text.model_dump(mode="json") for lang, text in product.texts.items()}
    row.copy_flags = list(product.copy_flags)


def market_price_rows(variant: Variant) -> list[MarketPriceRow]:
    """The variant's prices in other currencies, each with its compare-at price if any."""
    return [
        MarketPriceRow(
            currency=currency,
            amount=plain_decimal(amount),
            compare_at_amount=_plain_or_none(variant.market_compare_at_prices.get(currency)),
        )
        for currency, amount in sorted(variant.market_prices.items())
    ]


def _plain_or_none(amount: Decimal | None) -> Decimal | None:
    return None if amount is None else plain_decimal(amount)


def sync_variant_rows(row: ProductRow, product: Product) -> None:
    """Make ``row.variants`` match ``product.variants``, updating rows in place by SKU: a
    variant keeps its id (carts, orders and deals point at it) when the product is written
    again; variants no longer listed are removed."""
    existing = {v.sku: v for v in row.variants}
    kept: list[VariantRow] = []
    for position, variant in enumerate(product.variants):
        target = existing.pop(variant.sku, None) or VariantRow(sku=variant.sku)
        target.position = position
        target.options = dict(variant.options)
        target.price = plain_decimal(variant.price)
        target.compare_at_price = variant.compare_at_price
        target.stock = variant.stock
        target.image = variant.image
        _sync_market_prices(target, variant)
        kept.append(target)
    row.variants[:] = kept


def _sync_market_prices(row: VariantRow, variant: Variant) -> None:
    existing = {p.currency: p for p in row.market_prices}
    wanted = {p.currency: p for p in market_price_rows(variant)}
    kept = []
    for currency, fresh in wanted.items():
        current = existing.get(currency)
        if current is None:
            kept.append(fresh)
            continue
        current.amount, current.compare_at_amount = fresh.amount, fresh.compare_at_amount
        kept.append(current)
    row.market_prices[:] = kept
