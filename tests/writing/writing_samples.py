"""Small in-test catalog, market and persona objects for the writing room's tests."""

from __future__ import annotations

from decimal import Decimal

from shopcast.catalog.models import FAQ, Product, Variant
from shopcast.markets.types import Market
from shopcast.persona.types import LookChoice, Persona, PersonaMarket, VoiceChoice

_MARKETS = {
    "en-US": ("United States", "en", "en_US", "USD", "AI virtual host", "latin", " "),
    "ko-KR": ("South Korea", "ko", "ko_KR", "KRW", "AI 가상 호스트", "cjk", " "),
    "ja-JP": ("Japan", "ja", "ja_JP", "JPY", "AIバーチャルホスト", "cjk", ""),
    "zh-CN": ("China", "zh", "zh_CN", "CNY", "AI虚拟主播", "cjk", ""),
    "es-ES": ("Spain", "es", "es_ES", "EUR", "Presentadora virtual IA", "latin", " "),
    "fr-FR": ("France", "fr", "fr_FR", "EUR", "Animatrice virtuelle IA", "latin", " "),
    "it-IT": ("Italy", "it", "it_IT", "EUR", "Conduttrice virtuale IA", "latin", " "),
    "pt-BR": ("Brazil", "pt-BR", "pt_BR", "BRL", "Apresentadora virtual IA", "latin", " "),
    "hi-IN": ("India", "hi", "hi_IN", "INR", "AI वर्चुअल होस्ट", "devanagari", " "),
    "id-ID": ("Indonesia", "id", "id_ID", "IDR", "Host virtual AI", "latin", " "),
}


def market(code: str) -> Market:
    name, language, locale, currency, label, family, sep = _MARKETS[code]
    return Market(
        code=code,
        name=name,
        language=language,
        locale=locale,
        currency=currency,
        ai_label=label,
        ai_disclosure_line=f"{label}.",
        script_family=family,
        word_separator=sep,
    )


MARKET_CODES = list(_MARKETS)


def shirt() -> Product:
    """A linen shirt in Sage and White, S/M/L, $39 (was $59), with prices for every market."""
    market_prices = {
        "KRW": Decimal(39000),
        "JPY": Decimal(4200),
        "CNY": Decimal(199),
        "EUR": Decimal("36.90"),
        "BRL": Decimal("199.90"),
        "INR": Decimal(2999),
        "IDR": Decimal(399000),
    }
    variants = [
        Variant(
            sku=f"LIN-{c[:2].upper()}-{s}",
            options={"Color": c, "Size": s},
            price=Decimal("39.00"),
            compare_at_price=Decimal("59.00"),
            stock=10,
            market_prices=market_prices,
        )
        for c in ("Sage", "White")
        for s in ("S", "M", "L")
    ]
    return Product(
        sku="linen-shirt",
        title="Breezy Linen Shirt",
        brand="Breezy",
        description="A relaxed shirt in 100% linen that stays cool on hot days.",
        category="Apparel",
        currency="USD",
        attributes={"material": "100% linen", "fit": "relaxed"},
        selling_points=["breathable linen", "relaxed fit", "coconut-shell buttons"],
        faqs=[FAQ(question="Does it shrink?", answer="Wash cold; it keeps its shape.")],
        variants=variants,
    )


def persona() -> Persona:
    pm = PersonaMarket(voice=VoiceChoice(voice="af_heart"), look=LookChoice(pack="seoul-glow"))
    return Persona(
        name="mina",
        display_name="Mina",
        personality="warm, upbeat, practical",
        speaking_style="short sentences, one idea each, friendly questions",
        markets={code: pm for code in MARKET_CODES},
    )
