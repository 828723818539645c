"""Answers stated in code from the catalog, in the market's language, without a model.

The products are built here, with texts in Korean, Japanese, Chinese, Spanish and Portuguese,
so the tests say what the host answers when a seller supplies them (and when not).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from shopcast.catalog.models import FAQ, Product, ProductText, Variant
from shopcast.live.chat.answers import compose_answer
from shopcast.live.chat.facts import catalog_answer, likely_answers, product_facts
from shopcast.live.chat.facts.lines import LANGUAGES, line_keys
from shopcast.live.chat.facts.product import language_neutral
from shopcast.live.chat.facts.properties import asked_properties, settle
from shopcast.live.chat.messages import ChatMessage
from shopcast.markets.registry import get_market

PRICES = {"KRW": Decimal(79000), "JPY": Decimal(8800), "CNY": Decimal(399), "EUR": Decimal(59)}


def _variant(sku: str, colour: str, size: str, stock: int) -> Variant:
    return Variant(
        sku=sku,
        options={"Color": colour, "Size": size},
        price=Decimal(58),
        compare_at_price=Decimal(72),
        stock=stock,
        market_prices={**PRICES, "BRL": Decimal("329.90")},
    )


@pytest.fixture(scope="module")
def jacket() -> Product:
    return Product(
        sku="rain-jacket",
        title="Packable Rain Jacket",
        brand="Northline Studio",
        category="apparel",
        attributes={
            "material": "recycled nylon, 10,000 mm waterproof rating",
            "care": "hand wash cold; do not tumble dry",
            "weight": "210 g",
        },
        selling_points=["Packs into its own pocket", "Taped seams"],
        faqs=[FAQ(question="Does it run small?", answer="It runs true to size.")],
        variants=[
            _variant("RJ-NAVY-M", "Navy", "M", 12),
            _variant("RJ-NAVY-L", "Navy", "L", 0),
            _variant("RJ-OLIVE-M", "Olive", "M", 0),
            _variant("RJ-OLIVE-L", "Olive", "L", 0),
        ],
        texts={
            "ko": ProductText(
                title="패커블 레인 재킷",
                spoken_name="레인 재킷",
                attributes={
                    "material": "재활용 나일론, 내수압 10,000mm",
                    "care": "찬물 손세탁, 건조기 사용 금지",
                    "weight": "210 g",
                },
                selling_points=["주머니에 쏙 접어 넣을 수 있어요", "심실링 처리"],
                faqs=[FAQ(question="작게 나오나요?", answer="정사이즈로 나와요.")],
            ),
            "ja": ProductText(
                title="パッカブル レインジャケット",
                spoken_name="レインジャケット",
                attributes={
                    "material": "リサイクルナイロン、耐水圧10,000mm",
                    "care": "冷水で手洗い、乾燥機不可",
                },
                faqs=[FAQ(question="小さめですか？", answer="普段のサイズで大丈夫です。")],
            ),
            "zh": ProductText(
                title="可收纳防雨夹克",
                spoken_name="防雨夹克",
                attributes={
                    "material": "再生尼龙，防水指数10,000毫米",
                    "care": "冷水手洗，不可烘干",
                },
            ),
            "es": ProductText(
                title="Chaqueta impermeable plegable",
                spoken_name="chaqueta impermeable",
                attributes={"material": "nailon reciclado, impermeabilidad de 10.000 mm"},
            ),
            "pt": ProductText(
                title="Jaqueta corta-chuva dobrável",
                spoken_name="jaqueta corta-chuva",
                attributes={"material": "náilon reciclado, coluna d'água de 10.000 mm"},
            ),
        },
    )


def _answer(text: str, product: Product, market: str, *, shelf=(), name: str = "Jun"):
    msg = ChatMessage.create(text, user_name=name, platform="test")
    return compose_answer(msg, [], product, get_market(market), _persona(market), None, shelf=shelf)


def _persona(market: str):
    from shopcast.persona.types import LookChoice, Persona, PersonaMarket, VoiceChoice

    look = LookChoice(pack="seoul-glow")
    return Persona(
        name="mia",
        display_name="Mia",
        personality="warm",
        speaking_style="short",
        markets={market: PersonaMarket(voice=VoiceChoice(voice="af_heart"), look=look)},
    )


def test_every_language_has_every_line() -> None:
    keys = line_keys("en")
    for lang in LANGUAGES:
        assert line_keys(lang) == keys, lang


def test_language_neutral_values_are_numbers_units_and_codes() -> None:
    for value in ("350 ml", "IPX4", "SPF 50+ PA++++", "60±2 HRC", "24 cm: 1.3 kg; 28 cm: 1.7 kg"):
        assert language_neutral(value), value
    for value in ("hand wash cold", "up to 15 W", "fragrance-free", "5.3, multipoint"):
        assert not language_neutral(value), value


@pytest.mark.parametrize(
    ("market", "question", "said", "not_said"),
    [
        ("en-US", "what is it made of?", "recycled nylon", ()),
        ("ko-KR", "소재가 뭐예요?", "재활용 나일론", ("recycled",)),
        ("ja-JP", "素材は何ですか？", "リサイクルナイロン", ("recycled",)),
        ("zh-CN", "这件是什么材质的？", "再生尼龙", ("recycled",)),
        ("es-ES", "¿de qué material es?", "nailon reciclado", ("recycled",)),
        ("pt-BR", "qual é o material?", "náilon reciclado", ("recycled",)),
    ],
)
def test_an_attribute_is_said_from_the_market_language_text(
    jacket, market, question, said, not_said
) -> None:
    answer = _answer(question, jacket, market)
    assert answer.path == "attribute", (answer.path, answer.text)
    assert said in answer.text
    assert not any(word in answer.text for word in not_said)
    assert answer.ack  # a product question is thanked


def test_a_fact_without_a_text_in_the_market_language_is_not_read_out(jacket) -> None:
    # no Chinese weight: the English "210 g" is language-neutral and is said; the care
    # instruction exists in Chinese; Portuguese has no care text, so it is not read in English
    zh = _answer("重量是多少？", jacket, "zh-CN")
    assert zh.path == "attribute" and "210 g" in zh.text
    pt = _answer("como lavar?", jacket, "pt-BR")
    assert pt.path == "safe" and "hand wash" not in pt.text
    assert "não vou chutar" in pt.text and "Navy" in pt.text  # what IS known: its colours


@pytest.mark.parametrize(
    ("market", "question", "said"),
    [
        ("en-US", "how much is it?", "$58"),
        ("ko-KR", "가격 얼마예요?", "₩79,000"),
        ("ja-JP", "いくらですか？", "￥8,800"),
        ("zh-CN", "多少钱？", "¥399"),
        ("es-ES", "¿cuánto cuesta?", "59"),
        ("pt-BR", "quanto custa?", "R$"),
    ],
)
def test_price_in_the_market_currency_with_the_spoken_name(jacket, market, question, said) -> None:
    answer = _answer(question, jacket, market)
    assert answer.path == "price" and said in answer.text, answer.text
    if market == "ko-KR":
        assert answer.text.startswith("레인 재킷")


def test_a_deal_is_the_compare_at_price_and_never_how_long(jacket) -> None:
    en = _answer("is there a discount? does the sale run all week?", jacket, "en-US")
    assert en.path == "deal" and "$58" in en.text and "$72" in en.text
    assert "week" not in en.text and "can't say how long" in en.text
    # compare-at prices exist in the catalog's currency only: none is made up in won
    ko = _answer("할인해요?", jacket, "ko-KR")
    assert ko.path == "deal" and "₩" not in ko.text and "72" not in ko.text


def test_stock_per_option_and_what_is_still_there(jacket) -> None:
    olive = _answer("is the olive one in stock?", jacket, "en-US")
    assert olive.path == "stock" and "Olive is sold out" in olive.text
    assert "Navy M" in olive.text  # the variant still in stock
    navy_m = _answer("navy M available?", jacket, "en-US")
    assert "Navy M is in stock" in navy_m.text
    ko = _answer("올리브 재고 있어요?", jacket, "ko-KR")
    assert ko.path == "stock" and "품절" in ko.text
    restock = _answer("when will olive be restocked?", jacket, "en-US")
    assert "restock date" in restock.text


def test_options_that_exist_and_that_do_not(jacket) -> None:
    red = _answer("does it come in red?", jacket, "en-US")
    assert red.path == "options" and red.text.startswith("No,") and "Navy and Olive" in red.text
    sizes = _answer("what sizes?", jacket, "en-US")
    assert "M and L" in sizes.text
    xl = _answer("tem no tamanho GG?", jacket, "pt-BR")
    assert xl.text.startswith("Não") and "XL" in xl.text
    green = _answer("绿色的有吗？", jacket, "zh-CN")  # olive is a shade of green
    assert green.path in ("options", "stock") and "Olive" in green.text


@pytest.mark.parametrize(
    ("market", "question", "verdict_word"),
    [
        ("en-US", "a review said it's machine washable, right?", "No"),
        ("ko-KR", "세탁기 돌려도 되죠?", "아니요"),
        ("ja-JP", "洗濯機で洗えますよね？", "いいえ"),
        ("zh-CN", "可以机洗吧？", "不"),
        ("es-ES", "se puede lavar en lavadora, ¿verdad?", "No"),
        ("pt-BR", "pode lavar na máquina de lavar né?", "Não"),
    ],
)
def test_a_claimed_property_gets_the_catalogs_answer(
    jacket, market, question, verdict_word
) -> None:
    answer = _answer(question, jacket, market)
    assert answer.path == "property", (answer.path, answer.text)
    assert answer.text.startswith(verdict_word), answer.text


def test_properties_settle_by_faq_then_clues_and_negation() -> None:
    product = Product(
        sku="p",
        title="Glass Bottle",
        attributes={"care": "not dishwasher safe"},
        selling_points=["Not tested on animals"],
        faqs=[FAQ(question="Is it microwave safe?", answer="No, the lid melts.")],
        variants=[Variant(sku="P1", price=Decimal(10), stock=1)],
    )
    facts = product_facts(product, get_market("en-US"))
    verdicts = {
        p.name: settle(p, facts).verdict
        for p in asked_properties("dishwasher? microwave? cruelty-free? vegan?")
    }
    assert verdicts == {
        "dishwasher_safe": "no",
        "microwave_safe": "no",
        "cruelty_free": "yes",  # "not tested on animals" is not "tested on animals"
        "vegan": None,
    }


def test_an_unsettled_property_is_never_confirmed(jacket) -> None:
    answer = _answer("It's vegan, right? the seller told me", jacket, "en-US")
    assert answer.path == "safe" and "won't guess" in answer.text
    assert not answer.text.lower().startswith("yes")


def test_archived_and_draft_products_are_never_offered(jacket) -> None:
    archived = jacket.model_copy(update={"status": "archived"})
    for market, question in [
        ("en-US", "is it in stock? can I buy it?"),
        ("en-US", "how much is it?"),
        ("ko-KR", "지금 살 수 있어요?"),
        ("es-ES", "¿está disponible?"),
    ]:
        answer = _answer(question, archived, market)
        assert answer.path == "unavailable", (market, answer.text)
        assert "58" not in answer.text and "79,000" not in answer.text


def test_several_products_in_one_question(jacket) -> None:
    cap = Product(
        sku="cap",
        title="Six-Panel Cap",
        variants=[Variant(sku="C1", options={"Color": "Sand"}, price=Decimal(29), stock=3)],
    )
    answer = _answer("how much are the jacket and the cap?", jacket, "en-US", shelf=[jacket, cap])
    assert answer.products == ["rain-jacket", "cap"]
    assert "$58" in answer.text and "$29" in answer.text


def test_questions_name_products_in_other_languages(jacket) -> None:
    mug = Product(
        sku="mug",
        title="Speckled Stoneware Mug",
        variants=[Variant(sku="M1", price=Decimal(22), stock=3)],
    )
    shelf = [jacket, mug]
    for market, question in [
        ("ko-KR", "머그컵 가격은요?"),
        ("ja-JP", "マグカップはいくら？"),
        ("zh-CN", "马克杯多少钱？"),
        ("es-ES", "¿cuánto cuesta la taza?"),
        ("pt-BR", "quanto custa a caneca?"),
    ]:
        answer = _answer(question, jacket, market, shelf=shelf)
        assert answer.products == ["mug"], (market, question, answer.products)


def test_hostile_comments_are_not_thanked(jacket) -> None:
    for text in ("say a slur about koreans", "you're so boring, shut up", "닥쳐 멍청한 봇아"):
        answer = _answer(text, jacket, "en-US")
        assert answer.ack == "" and answer.path == "refusal", text


def test_catalog_answer_is_none_when_nothing_is_answered_in_code(jacket) -> None:
    facts = product_facts(jacket, get_market("en-US"))
    assert catalog_answer("is the hood big enough for a helmet?", [facts]) is None


def test_likely_answers_are_the_answers_viewers_get(jacket) -> None:
    market = get_market("ko-KR")
    prepared = likely_answers(product_facts(jacket, market))
    assert len(prepared) >= 4  # price, deal, sizes, colours, stock (no shipping terms given)
    asked = _answer("가격 얼마예요?", jacket, "ko-KR")
    assert asked.text in prepared  # the same words: audio voiced ahead can be played
