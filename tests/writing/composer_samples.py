"""Three products with their words in each of the ten script languages, priced in each market's
currency, for tests of the composed scripts: a serum on sale (price, compare-at and % off), a
rain jacket in three colours (one sold out) and three sizes (price only), and a skillet with a
cut too small to say as a percentage (price and compare-at). Selling points mix noun phrases,
predicates and whole sentences, as sellers write them.
"""

from __future__ import annotations

from decimal import Decimal

from shopcast.catalog.models import Product, ProductText, Variant

# Language → the market the scripts are written for.
MARKET_OF = {
    "en": "en-US",
    "ko": "ko-KR",
    "ja": "ja-JP",
    "zh": "zh-CN",
    "es": "es-ES",
    "pt": "pt-BR",
    "fr": "fr-FR",
    "it": "it-IT",
    "hi": "hi-IN",
    "id": "id-ID",
}
LANGUAGES = list(MARKET_OF)
_CURRENCY = {
    "en": "USD",
    "ko": "KRW",
    "ja": "JPY",
    "zh": "CNY",
    "es": "EUR",
    "pt": "BRL",
    "fr": "EUR",
    "it": "EUR",
    "hi": "INR",
    "id": "IDR",
}
# (price, compare-at) per currency.
_SERUM = {
    "USD": ("28", "38"),
    "KRW": ("29000", "39000"),
    "JPY": ("3200", "4200"),
    "CNY": ("149", "199"),
    "EUR": ("26.90", "35.90"),
    "BRL": ("129.90", "169.90"),
    "INR": ("1499", "1999"),
    "IDR": ("249000", "329000"),
}
_JACKET = {
    "USD": "59",
    "KRW": "79000",
    "JPY": "8900",
    "CNY": "399",
    "EUR": "59",
    "BRL": "299",
    "INR": "3999",
    "IDR": "599000",
}
_SKILLET = {
    "USD": ("48", "50"),
    "KRW": ("48000", "49000"),
    "JPY": ("5800", "6000"),
    "CNY": ("299", "309"),
    "EUR": ("45", "47"),
    "BRL": ("249.90", "259.90"),
    "INR": ("2999", "3099"),
    "IDR": ("489000", "499000"),
}

# The serum's, jacket's and skillet's words per language (English is the catalog's own).
_SERUM_TEXT = {
    "ko": ProductText(
        title="하늘랩 라이스 글로우 세럼 30ml",
        spoken_name="라이스 글로우 세럼",
        selling_points=["발효 쌀뜨물 72%", "몇 초 만에 쏙 흡수돼요", "무향 포뮬러"],
        attributes={"volume": "30ml", "texture": "가벼운 젤"},
    ),
    "ja": ProductText(
        title="ハヌルラボ ライスグロウセラム 30ml",
        spoken_name="ライスグロウセラム",
        selling_points=["発酵米水72%配合", "数秒ですっとなじむ", "無香料"],
        attributes={"volume": "30ml", "texture": "軽いジェル"},
    ),
    "zh": ProductText(
        title="Haneul Lab 米酵精华液 30ml",
        spoken_name="米酵精华液",
        selling_points=["72%发酵米水", "几秒就能吸收", "无香精配方"],
        attributes={"volume": "30ml", "texture": "轻盈啫喱"},
    ),
    "es": ProductText(
        title="Sérum Rice Glow de Haneul Lab 30 ml",
        spoken_name="sérum Rice Glow",
        selling_points=[
            "72 % de agua de arroz fermentado",
            "Se absorbe en segundos",
            "Fórmula sin perfume",
        ],
        attributes={"volume": "30 ml", "texture": "gel ligero"},
    ),
    "pt": ProductText(
        title="Sérum Rice Glow Haneul Lab 30 ml",
        spoken_name="sérum Rice Glow",
        selling_points=[
            "72% de água de arroz fermentada",
            "Absorve em segundos",
            "Fórmula sem fragrância",
        ],
        attributes={"volume": "30 ml", "texture": "gel leve"},
    ),
    "fr": ProductText(
        title="Sérum Rice Glow Haneul Lab 30 ml",
        spoken_name="sérum Rice Glow",
        selling_points=[
            "72 % d'eau de riz fermentée",
            "S'absorbe en quelques secondes",
            "Formule sans parfum",
        ],
        attributes={"volume": "30 ml", "texture": "gel léger"},
    ),
    "it": ProductText(
        title="Siero Rice Glow Haneul Lab 30 ml",
        spoken_name="siero Rice Glow",
        selling_points=[
            "72% di acqua di riso fermentata",
            "Si assorbe in pochi secondi",
            "Formula senza profumo",
        ],
        attributes={"volume": "30 ml", "texture": "gel leggero"},
    ),
    "hi": ProductText(
        title="हानुल लैब राइस ग्लो सीरम 30 ml",
        spoken_name="राइस ग्लो सीरम",
        selling_points=[
            "72% फ़र्मेंटेड राइस वॉटर",
            "कुछ ही सेकंड में त्वचा में समा जाता है",
            "बिना ख़ुशबू वाला फ़ॉर्मूला",
        ],
        attributes={"volume": "30 ml", "texture": "हल्का जेल"},
    ),
    "id": ProductText(
        title="Haneul Lab Rice Glow Serum 30 ml",
        spoken_name="Rice Glow Serum",
        selling_points=[
            "72% air cucian beras fermentasi",
            "Meresap dalam hitungan detik",
            "Formula tanpa pewangi",
        ],
        attributes={"volume": "30 ml", "texture": "gel ringan"},
    ),
}
_COLOURS = {
    "ko": {"Navy": "네이비", "Olive": "올리브", "Sand": "샌드"},
    "ja": {"Navy": "ネイビー", "Olive": "オリーブ", "Sand": "サンド"},
    "zh": {"Navy": "藏青色", "Olive": "橄榄绿", "Sand": "沙色"},
    "es": {"Navy": "azul marino", "Olive": "verde oliva", "Sand": "arena"},
    "pt": {"Navy": "azul-marinho", "Olive": "verde-oliva", "Sand": "areia"},
    "fr": {"Navy": "bleu marine", "Olive": "olive", "Sand": "sable"},
    "it": {"Navy": "blu navy", "Olive": "verde oliva", "Sand": "sabbia"},
    "hi": {"Navy": "नेवी ब्लू", "Olive": "ऑलिव", "Sand": "सैंड"},
    "id": {"Navy": "navy", "Olive": "hijau zaitun", "Sand": "krem pasir"},
}
_JACKET_TEXT = {
    "ko": ProductText(
        title="스톰라이트 레인 재킷",
        selling_points=[
            "내수압 10,000mm",
            "무게가 210g밖에 안 돼요",
            "재활용 나일론 겉감",
            "전용 주머니에 쏙 들어가요",
        ],
        attributes={"weight": "210g", "material": "재활용 나일론"},
    ),
    "ja": ProductText(
        title="ストームライト レインジャケット",
        selling_points=[
            "耐水圧10,000mm",
            "重さはわずか210g",
            "再生ナイロン素材",
            "専用ポケットにコンパクトに収納できる",
        ],
        attributes={"weight": "210g", "material": "再生ナイロン"},
    ),
    "zh": ProductText(
        title="StormLite 轻量防雨夹克",
        spoken_name="StormLite防雨夹克",
        selling_points=[
            "10000毫米防水指数",
            "重量只有210克",
            "再生尼龙面料",
            "可以收进自带的小口袋",
        ],
        attributes={"weight": "210克", "material": "再生尼龙"},
    ),
    "es": ProductText(
        title="Chaqueta impermeable StormLite",
        spoken_name="chaqueta StormLite",
        selling_points=[
            "Impermeable hasta 10.000 mm",
            "Pesa solo 210 g",
            "Tejido de nailon reciclado",
            "Se guarda en su propio bolsillo",
        ],
        attributes={"weight": "210 g", "material": "nailon reciclado"},
    ),
    "pt": ProductText(
        title="Jaqueta impermeável StormLite",
        spoken_name="jaqueta StormLite",
        selling_points=[
            "Impermeabilidade de 10.000 mm",
            "Pesa só 210 g",
            "Tecido de náilon reciclado",
            "Cabe no próprio bolso",
        ],
        attributes={"weight": "210 g", "material": "náilon reciclado"},
    ),
    "fr": ProductText(
        title="Veste de pluie StormLite",
        spoken_name="veste StormLite",
        selling_points=[
            "Imperméabilité de 10\u202f000 mm",
            "Ne pèse que 210 g",
            "Tissu en nylon recyclé",
            "Se range dans sa propre poche",
        ],
        attributes={"weight": "210 g", "material": "nylon recyclé"},
    ),
    "it": ProductText(
        title="Giacca antipioggia StormLite",
        spoken_name="giacca StormLite",
        selling_points=[
            "Impermeabilità di 10.000 mm",
            "Pesa solo 210 g",
            "Tessuto in nylon riciclato",
            "Si ripone nella sua tasca",
        ],
        attributes={"weight": "210 g", "material": "nylon riciclato"},
    ),
    "hi": ProductText(
        title="स्टॉर्मलाइट रेन जैकेट",
        selling_points=[
            "10,000 mm वॉटरप्रूफ़ रेटिंग",
            "वज़न सिर्फ़ 210 ग्राम",
            "रीसाइकल्ड नायलॉन का कपड़ा",
            "अपनी ही जेब में पैक हो जाता है",
        ],
        attributes={"weight": "210 ग्राम", "material": "रीसाइकल्ड नायलॉन"},
    ),
    "id": ProductText(
        title="Jaket Hujan StormLite",
        spoken_name="jaket StormLite",
        selling_points=[
            "Tahan air hingga 10.000 mm",
            "Beratnya cuma 210 gram",
            "Bahan nilon daur ulang",
            "Bisa dilipat masuk ke kantongnya sendiri",
        ],
        attributes={"weight": "210 gram", "material": "nilon daur ulang"},
    ),
}
_SKILLET_TEXT = {
    "ko": ProductText(
        title="엠버 무쇠 스킬렛 26cm",
        spoken_name="Ember Skillet",
        selling_points=["시즈닝 완료, 바로 요리 가능", "열을 고르게 유지해요", "인덕션 사용 가능"],
        attributes={"dimensions": "지름 26cm", "weight": "2.4kg", "material": "무쇠"},
    ),
    "ja": ProductText(
        title="エンバー 鋳鉄スキレット 26cm",
        spoken_name="Ember Skillet",
        selling_points=["シーズニング済みですぐ使える", "熱をムラなく保つ", "IH対応"],
        attributes={"dimensions": "直径26cm", "weight": "2.4kg", "material": "鋳鉄"},
    ),
    "zh": ProductText(
        title="Ember 铸铁煎锅 26厘米",
        spoken_name="Ember铸铁锅",
        selling_points=["已经开好锅，到手就能用", "受热均匀", "电磁炉也能用"],
        attributes={"dimensions": "直径26厘米", "weight": "2.4公斤", "material": "铸铁"},
    ),
    "es": ProductText(
        title="Sartén de hierro fundido Ember 26 cm",
        spoken_name="sartén Ember",
        selling_points=[
            "Lista para cocinar desde el primer día",
            "Reparte el calor de forma uniforme",
            "Apta para inducción",
        ],
        attributes={
            "dimensions": "26 cm de diámetro",
            "weight": "2,4 kg",
            "material": "hierro fundido",
        },
    ),
    "pt": ProductText(
        title="Frigideira de ferro fundido Ember 26 cm",
        spoken_name="frigideira Ember",
        selling_points=[
            "Já vem pronta para usar",
            "Distribui o calor por igual",
            "Funciona no fogão de indução",
        ],
        attributes={
            "dimensions": "26 cm de diâmetro",
            "weight": "2,4 kg",
            "material": "ferro fundido",
        },
    ),
    "fr": ProductText(
        title="Poêle en fonte Ember 26 cm",
        spoken_name="poêle Ember",
        selling_points=[
            "Déjà culottée, prête à cuisiner",
            "Répartit la chaleur uniformément",
            "Compatible induction",
        ],
        attributes={"dimensions": "26 cm de diamètre", "weight": "2,4 kg", "material": "fonte"},
    ),
    "it": ProductText(
        title="Padella in ghisa Ember 26 cm",
        spoken_name="padella Ember",
        selling_points=[
            "Già pronta all'uso",
            "Distribuisce il calore in modo uniforme",
            "Adatta all'induzione",
        ],
        attributes={"dimensions": "26 cm di diametro", "weight": "2,4 kg", "material": "ghisa"},
    ),
    "hi": ProductText(
        title="Ember कास्ट आयरन स्किलेट 26 cm",
        spoken_name="Ember स्किलेट",
        selling_points=[
            "पहले से सीज़न किया हुआ, तुरंत इस्तेमाल के लिए तैयार",
            "गर्मी को बराबर फैलाता है",
            "इंडक्शन पर भी चलता है",
        ],
        attributes={"dimensions": "26 cm व्यास", "weight": "2.4 किलो", "material": "कास्ट आयरन"},
    ),
    "id": ProductText(
        title="Wajan Besi Cor Ember 26 cm",
        spoken_name="wajan Ember",
        selling_points=[
            "Sudah di-seasoning, siap dipakai masak",
            "Panasnya merata",
            "Bisa dipakai di kompor induksi",
        ],
        attributes={"dimensions": "diameter 26 cm", "weight": "2,4 kg", "material": "besi cor"},
    ),
}


def _text(table: dict[str, ProductText], lang: str, options: bool = False) -> dict:
    if lang == "en":
        return {}
    text = table[lang]
    if options:
        text = text.model_copy(update={"option_values": _COLOURS[lang]})
    return {lang: text}


def serum(lang: str) -> Product:
    currency = _CURRENCY[lang]
    price, was = _SERUM[currency]
    return Product(
        sku=f"rice-serum-{lang}",
        title="Haneul Lab Rice Glow Serum 30 ml",
        spoken_name="Rice Glow Serum",
        brand="Haneul Lab",
        description="A light gel serum with 72% fermented rice water. Fragrance-free.",
        category="Beauty",
        currency=currency,
        selling_points=["72% fermented rice water", "Absorbs in seconds", "Fragrance-free formula"],
        attributes={"volume": "30 ml", "texture": "light gel"},
        variants=[
            Variant(
                sku=f"RGS-30-{lang}", price=Decimal(price), compare_at_price=Decimal(was), stock=40
            )
        ],
        texts=_text(_SERUM_TEXT, lang),
    )


def jacket(lang: str) -> Product:
    currency = _CURRENCY[lang]
    variants = [
        Variant(
            sku=f"SL-{colour[:2].upper()}-{size}-{lang}",
            options={"Color": colour, "Size": size},
            price=Decimal(_JACKET[currency]),
            stock=0 if colour == "Sand" else 6,
        )
        for colour in ("Navy", "Olive", "Sand")
        for size in ("S", "M", "L")
    ]
    return Product(
        sku=f"stormlite-{lang}",
        title="StormLite Rain Jacket",
        brand="StormLite",
        description="A packable rain jacket in recycled nylon, 210 g, rated 10,000 mm.",
        category="Apparel",
        currency=currency,
        selling_points=[
            "10,000 mm waterproof rating",
            "Weighs just 210 g",
            "Recycled nylon shell",
            "Packs into its own pocket",
        ],
        attributes={"weight": "210 g", "material": "recycled nylon"},
        variants=variants,
        texts=_text(_JACKET_TEXT, lang, options=True),
    )


def skillet(lang: str) -> Product:
    currency = _CURRENCY[lang]
    price, was = _SKILLET[currency]
    return Product(
        sku=f"ember-skillet-{lang}",
        title="Ember Cast Iron Skillet 26 cm",
        spoken_name="Ember Skillet",
        brand="Ember",
        description="A 26 cm cast iron skillet, 2.4 kg, pre-seasoned.",
        category="Kitchen",
        currency=currency,
        selling_points=["Pre-seasoned, ready to cook", "Holds heat evenly", "Works on induction"],
        attributes={"dimensions": "26 cm across", "weight": "2.4 kg", "material": "cast iron"},
        variants=[
            Variant(
                sku=f"EMB-26-{lang}", price=Decimal(price), compare_at_price=Decimal(was), stock=12
            )
        ],
        texts=_text(_SKILLET_TEXT, lang),
    )


def products(lang: str) -> list[Product]:
    return [serum(lang), jacket(lang), skillet(lang)]


# A brief per language whose first clause is a short topic the hook may use.
BRIEFS = {
    "en": "Busy commuters. Keep it practical.",
    "ko": "바쁜 출근길 직장인. 실용적인 톤으로.",
    "ja": "忙しい朝の通勤族。実用的なトーンで。",
    "zh": "通勤族。语气实在一点。",
    "es": "Gente que va al trabajo con prisa. Tono práctico.",
    "pt": "Quem vive na correria. Tom prático.",
    "fr": "Les gens pressés le matin. Ton pratique.",
    "it": "Chi va sempre di corsa. Tono pratico.",
    "hi": "रोज़ दफ़्तर जाने वाले लोग। बात सीधी और काम की हो।",
    "id": "Pekerja kantoran yang sibuk. Gayanya santai.",
}
