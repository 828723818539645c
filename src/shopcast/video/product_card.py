"""A product's card for a market: title in the market's language, price in its currency,
picture (a product without one gets the typographic card: title, brand and category)."""

from __future__ import annotations

from pathlib import Path

import skia

from shopcast.catalog.models import Product, base_language
from shopcast.errors import InvalidInputError
from shopcast.markets.registry import format_price
from shopcast.markets.types import Market
from shopcast.scene.compositor import ProductCard


def product_card_for(product: Product, market: Market, media_dir: Path) -> ProductCard:
    """The card shows only the seller's own prices: a market without a price set for its
    currency gets a card without a price (nothing is converted or invented)."""
    prices = [v.price_in(market.currency, product.currency) for v in product.variants]
    known = [p for p in prices if p is not None]
    price_text = ""
    compare_text = None
    if known:
        low, high = min(known), max(known)
        price_text = format_price(low, market.currency, market)
        if high != low:
            price_text = f"{price_text} – {format_price(high, market.currency, market)}"
        cheapest = product.variants[prices.index(low)]
        if cheapest.compare_at_price and market.currency == product.currency.upper():
            compare_text = format_price(cheapest.compare_at_price, market.currency, market)
    image = _first_image(product, media_dir)
    # The category is a word in the catalog's own language: shown only where that is the
    # market's (a card keeps to the market's language; brand and product names excepted).
    same_language = base_language(market.language) == product.language
    return ProductCard(
        title=product.title_in(market.language),
        price_text=price_text,
        compare_at_text=compare_text,
        image_path=image,
        badge=None,
        subtitle=product.brand or None,
        category=(product.category.strip() or None) if same_language else None,
    )


def _first_image(product: Product, media_dir: Path) -> Path | None:
    """The product's first image file, checked before anything is rendered: a corrupt file is
    a clear error up front, not a failure halfway through the video."""
    for ref in [*product.images, *(v.image for v in product.variants if v.image)]:
        path = Path(ref)
        if not path.is_absolute():
            path = media_dir / path
        if path.is_file():
            try:
                decoded = skia.Image.open(str(path))
            except Exception:  # noqa: BLE001 - skia raises a bare RuntimeError
                decoded = None
            if decoded is None:
                raise InvalidInputError(
                    f"the image of product {product.sku!r} ({path}) is not a readable "
                    "PNG/JPEG/WebP file",
                    hint="replace the image and import the catalog again",
                )
            return path
    return None
