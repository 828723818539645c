"""Converting between catalog models and store rows."""

from __future__ import annotations

from shopcast.catalog.models import FAQ, Product, Variant
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
            market_prices=[
                MarketPriceRow(currency=currency.upper(), amount=amount)
                for currency, amount in sorted(v.market_prices.items())
            ],
        )
        for position, v in enumerate(product.variants)
    ]
