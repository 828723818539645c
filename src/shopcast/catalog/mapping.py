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
    """Copy every product field onto ``row`` (variants are handled by ``variant_rows``)."""
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


def variant_rows(product: Product) -> list[VariantRow]:
    return [
        VariantRow(
            position=position,
            sku=v.sku,
            options=dict(v.options),
            price=plain_decimal(v.price),
            compare_at_price=v.compare_at_price,
            stock=v.stock,
            image=v.image,
            market_prices=market_price_rows(v),
        )
        for position, v in enumerate(product.variants)
    ]
