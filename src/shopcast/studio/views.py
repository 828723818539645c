"""What the studio shows of personas and products: persona markets with their preview URLs,
products with an image and a price per market (formatted as that market's shoppers read it)."""

from __future__ import annotations

from urllib.parse import quote

from shopcast.catalog.models import Product
from shopcast.markets.registry import format_price, get_market, list_markets
from shopcast.persona.types import Persona
from shopcast.studio.previews import voice_line
from shopcast.studio.schemas import CatalogItem, CatalogPrice, MarketLook, PersonaSummary


def persona_summary(persona: Persona) -> PersonaSummary:
    base = f"/studio/api/personas/{quote(persona.name)}"
    looks = []
    for code, choice in persona.markets.items():
        market = get_market(code)
        looks.append(
            MarketLook(
                market=code,
                market_name=market.name,
                language=market.language,
                pack=choice.look.pack,
                voice=choice.voice.voice,
                engine=choice.voice.engine,
                greeting=voice_line(choice, market),
                ai_label=market.ai_label,
                preview_url=f"{base}/look/{quote(code)}.png",
                voice_url=f"{base}/voice/{quote(code)}.wav",
            )
        )
    return PersonaSummary(
        name=persona.name,
        display_name=persona.display_name,
        personality=persona.personality,
        speaking_style=persona.speaking_style,
        real_likeness=persona.real_likeness,
        real_voice=persona.real_voice,
        markets=looks,
    )


def _image_url(path: str | None) -> str | None:
    if not path or "://" in path or path.startswith("//"):
        return None  # never fetched: shopcast runs offline
    return "/media/" + "/".join(quote(part) for part in path.split("/"))


def catalog_item(product: Product) -> CatalogItem:
    """The product with one price per market whose currency the catalog prices it in."""
    first = product.variants[0]
    prices = []
    for market in list_markets():
        currency = market.currency.upper()
        amount = first.price_in(currency, product.currency)
        if amount is not None:
            prices.append(
                CatalogPrice(
                    market=market.code,
                    currency=currency,
                    text=format_price(amount, currency, market),
                )
            )
    image = first.image or (product.images[0] if product.images else None)
    return CatalogItem(
        sku=product.sku,
        title=product.title,
        category=product.category,
        brand=product.brand,
        image_url=_image_url(image),
        stock=sum(v.stock for v in product.variants),
        variants=len(product.variants),
        prices=prices,
    )
