"""Prices are said the way a host says them ("$28.00" → "twenty-eight dollars"), in every
market's own number format, while the words (and so the captions) stay as written."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shopcast.markets.registry import format_price, get_market
from shopcast.speech.amounts import spoken_cjk, spoken_forms
from shopcast.speech.g2p import EspeakG2P


@pytest.mark.parametrize(
    ("language", "text", "spoken"),
    [
        ("en-us", "Now $28.00!", ["Now", "28 dollars!"]),
        ("en-us", "Only $19.99.", ["Only", "19 dollars 99."]),
        ("en-us", "Just $1 or $0.99", ["Just", "1 dollar", "or", "99 cents"]),
        ("en-us", "$1,299.99 total", ["1299 dollars 99", "total"]),
        ("en-gb", "£28, really", ["28 pounds,", "really"]),
        ("en-gb", "£0.99 each", ["99 pence", "each"]),
        ("es", "Solo 19,99 €.", ["Solo", "19 euros con 99", "."]),
        ("es", "Ahora $1,299.99", ["Ahora", "1299 pesos con 99"]),  # es-MX writes it en-style
        ("fr-fr", "28 € aujourd'hui", ["28 euros", "", "aujourd'hui"]),
        ("it", "1.299,99 €", ["1299 euro e 99", ""]),
        ("pt-br", "Só R$ 1.299,99", ["Só", "", "1299 reais e 99 centavos"]),
        ("hi", "₹1,299.99 में", ["1299 रुपये 99 पैसे", "में"]),
        ("id", "Rp1.299 saja", ["1299 rupiah", "saja"]),
    ],
)
def test_prices_get_a_spoken_form(language: str, text: str, spoken: list[str]) -> None:
    assert spoken_forms(text.split(), language) == spoken


@pytest.mark.parametrize(
    "text", ["Version 2.0 of 12.5 cm since 2024.", "Call 555-0100, item 1.2.3", "$ and € alone"]
)
def test_what_is_not_a_price_is_left_alone(text: str) -> None:
    assert spoken_forms(text.split(), "en-us") == text.split()


@pytest.mark.parametrize(
    ("market", "espeak"),
    [("en-US", "en-us"), ("es-ES", "es"), ("es-MX", "es"), ("fr-FR", "fr-fr"),
     ("it-IT", "it"), ("pt-BR", "pt-br"), ("hi-IN", "hi"), ("en-GB", "en-gb")],
)  # fmt: skip
def test_every_market_format_is_read_as_an_amount(market: str, espeak: str) -> None:
    m = get_market(market)
    for amount in (Decimal("28"), Decimal("19.99"), Decimal("1299.99")):
        written = format_price(amount, m.currency, m).split()
        spoken = " ".join(spoken_forms(written, espeak))
        assert str(int(amount)) in spoken.split(), (market, written, spoken)
        cents = amount % 1
        assert not cents or str(int(cents * 100)) in spoken.split(), (market, written, spoken)


def test_the_word_keeps_its_text_and_gets_the_phonemes_of_the_amount() -> None:
    words = EspeakG2P("en-us")("Only $19.99 today, down from $22.00.")
    assert [w.text for w in words] == ["Only", "$19.99", "today,", "down", "from", "$22.00."]
    price, last = words[1].phonemes, words[-1].phonemes
    assert "dˈɑːlɚz" in price and price.count("nˈaɪn") >= 2  # nineteen dollars ninety-nine
    assert "pɔɪnt" not in last and "zˈiəɹoʊ" not in last  # not "point zero zero"


@pytest.mark.parametrize(
    ("language", "text", "spoken"),
    [
        ("ja", "今だけ￥1,300です！", "今だけ1300円です！"),
        ("ja", "通常は1,300円、今は¥980。", "通常は1300円、今は980円。"),
        ("zh", "只要¥1,299.99！", "只要1299.99元！"),
        ("zh", "只要¥28.00，原价¥35.50。", "只要28元，原价35.50元。"),
        ("ko", "₩1,300", "₩1,300"),  # Korean goes through espeak's word forms instead
        ("zh", "秒杀还剩2分钟！", "秒杀还剩两分钟！"),  # a counted 2 is 两, not 二
        ("zh", "还剩不到2 分钟，只要¥2.00！", "还剩不到两 分钟，只要两元！"),
        ("zh", "还剩12分钟，22件，0.2元，2.5元", "还剩12分钟，22件，0.2元，2.5元"),
        ("ja", "残り2分です！", "残り2分です！"),  # Japanese reads 2分 as にふん itself
    ],
)
def test_japanese_and_chinese_prices_are_rewritten_for_their_front_ends(
    language: str, text: str, spoken: str
) -> None:
    assert spoken_cjk(text, language) == spoken


def test_the_yen_sign_is_read_and_the_thousands_are_one_number() -> None:
    from shopcast.speech.g2p import ChineseG2P, JapaneseG2P

    ja = "".join(w.text for w in JapaneseG2P()("今だけ￥1,300です！"))
    assert "せん" in ja and "円" in ja and "いち" not in ja  # not "one, three hundred"
    zh = "".join(w.text for w in ChineseG2P()("只要¥1,299.99！"))
    assert "一千二百九十九点九九元" in zh
    zh = "".join(w.text for w in ChineseG2P()("秒杀还剩2分钟！"))
    assert "两分钟" in zh and "二" not in zh
