"""Small in-test catalog, market and persona objects for the writing room's tests."""

from __future__ import annotations

from decimal import Decimal

from shopcast.catalog.models import FAQ, Product, ProductText, Variant
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
        selling_points=[
            "Breathable linen that stays cool on hot days",
            "A relaxed fit that layers over a tee",
            "Coconut-shell buttons",
            "Pre-washed, so it is soft from the first wear",
        ],
        faqs=[FAQ(question="Does it shrink?", answer="Wash cold; it keeps its shape.")],
        variants=variants,
        texts=SHIRT_TEXTS,
    )


def _text(title: str, name: str, points: list[str], colours: dict[str, str]) -> ProductText:
    return ProductText(title=title, spoken_name=name, selling_points=points, option_values=colours)


# The shirt's words in the other market languages (as a seller would supply them).
SHIRT_TEXTS = {
    "ko": _text(
        "Breezy 린넨 셔츠",
        "브리지 린넨 셔츠",
        [
            "더운 날에도 시원한 통기성 좋은 린넨",
            "티셔츠 위에 걸치기 좋은 여유 있는 핏",
            "코코넛 껍질 단추",
            "미리 세탁해서 처음부터 부드러워요",
        ],
        {"Sage": "세이지", "White": "화이트"},
    ),
    "ja": _text(
        "Breezy リネンシャツ",
        "ブリージー リネンシャツ",
        [
            "暑い日も涼しい通気性のいいリネン",
            "Tシャツの上に羽織れるゆったりシルエット",
            "ココナッツシェルのボタン",
            "洗いをかけてあるので最初から柔らかいです",
        ],
        {"Sage": "セージ", "White": "ホワイト"},
    ),
    "zh": _text(
        "Breezy 亚麻衬衫",
        "Breezy亚麻衬衫",
        [
            "透气亚麻，热天也清爽",
            "宽松版型，可以叠穿在T恤外面",
            "椰壳纽扣",
            "预先水洗，第一次穿就很柔软",
        ],
        {"Sage": "鼠尾草绿", "White": "白色"},
    ),
    "es": _text(
        "Camisa de lino Breezy",
        "la camisa de lino Breezy",
        [
            "Lino transpirable que se mantiene fresco en días de calor",
            "Corte amplio para llevar sobre una camiseta",
            "Botones de cáscara de coco",
            "Prelavada, suave desde el primer uso",
        ],
        {"Sage": "verde salvia", "White": "blanco"},
    ),
    "fr": _text(
        "Chemise en lin Breezy",
        "la chemise en lin Breezy",
        [
            "Un lin respirant qui reste frais par temps chaud",
            "Une coupe ample à porter sur un t-shirt",
            "Des boutons en coque de noix de coco",
            "Prélavée, douce dès le premier port",
        ],
        {"Sage": "vert sauge", "White": "blanc"},
    ),
    "it": _text(
        "Camicia di lino Breezy",
        "la camicia di lino Breezy",
        [
            "Lino traspirante che resta fresco nelle giornate calde",
            "Vestibilità morbida da portare sopra una t-shirt",
            "Bottoni in guscio di cocco",
            "Prelavata, morbida fin dal primo utilizzo",
        ],
        {"Sage": "verde salvia", "White": "bianco"},
    ),
    "pt": _text(
        "Camisa de linho Breezy",
        "a camisa de linho Breezy",
        [
            "Linho respirável que fica fresco nos dias quentes",
            "Modelagem solta para usar por cima de uma camiseta",
            "Botões de casca de coco",
            "Pré-lavada, macia desde o primeiro uso",
        ],
        {"Sage": "verde sálvia", "White": "branco"},
    ),
    "hi": _text(
        "Breezy लिनन शर्ट",
        "ब्रीज़ी लिनन शर्ट",
        [
            "गर्मी में भी ठंडक देने वाला हवादार लिनन",
            "टी-शर्ट के ऊपर पहनने लायक ढीली फिटिंग",
            "नारियल के खोल के बटन",
            "पहले से धुली हुई, पहली बार से ही मुलायम",
        ],
        {"Sage": "सेज हरा", "White": "सफ़ेद"},
    ),
    "id": _text(
        "Kemeja Linen Breezy",
        "kemeja linen Breezy",
        [
            "Linen yang sejuk dipakai di hari panas",
            "Potongan longgar untuk dilapis di atas kaus",
            "Kancing dari batok kelapa",
            "Sudah dicuci, jadi lembut sejak pertama dipakai",
        ],
        {"Sage": "hijau sage", "White": "putih"},
    ),
}


def persona() -> Persona:
    pm = PersonaMarket(voice=VoiceChoice(voice="af_heart"), look=LookChoice(pack="seoul-glow"))
    return Persona(
        name="mina",
        display_name="Mina",
        personality="warm, upbeat, practical",
        speaking_style="short sentences, one idea each, friendly questions",
        markets={code: pm for code in MARKET_CODES},
    )
