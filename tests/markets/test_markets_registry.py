"""Markets: the supported set, labels, errors and price formatting through Babel."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shopcast.errors import InvalidInputError
from shopcast.markets import format_price, get_market, list_markets

EXPECTED = {
    "en-US": ("en", "USD", "AI-generated virtual host"),
    "en-GB": ("en-GB", "GBP", "AI-generated virtual presenter"),
    "ko-KR": ("ko", "KRW", "AI 가상 호스트"),
    "ja-JP": ("ja", "JPY", "AI生成のバーチャルホスト"),
    "zh-CN": ("zh", "CNY", "AI生成虚拟主播"),
    "es-ES": ("es", "EUR", "Presentador virtual generado por IA"),
    "es-MX": ("es", "MXN", "Presentador virtual generado por IA"),
    "fr-FR": ("fr", "EUR", "Présentateur virtuel généré par IA"),
    "it-IT": ("it", "EUR", "Presentatore virtuale generato dall'IA"),
    "pt-BR": ("pt-BR", "BRL", "Apresentador virtual gerado por IA"),
    "hi-IN": ("hi", "INR", "AI द्वारा बनाया गया वर्चुअल होस्ट"),
    "id-ID": ("id", "IDR", "Host virtual buatan AI"),
}


def test_supported_markets() -> None:
    markets = {m.code: m for m in list_markets()}
    assert set(EXPECTED) <= set(markets)
    for code, (language, currency, label) in EXPECTED.items():
        market = markets[code]
        assert (market.language, market.currency, market.ai_label) == (language, currency, label)
        assert market.ai_disclosure_line and market.locale.replace("_", "-") == code
    assert markets["ja-JP"].word_separator == "" and markets["zh-CN"].script_family == "cjk"
    assert markets["hi-IN"].script_family == "devanagari"
    assert markets["ko-KR"].word_separator == " "


def test_get_market_forgives_case_and_underscore() -> None:
    assert get_market("ko_kr").code == "ko-KR"


def test_unknown_market_lists_supported_codes() -> None:
    with pytest.raises(InvalidInputError) as caught:
        get_market("xx-YY")
    assert "xx-YY" in caught.value.message and "ko-KR" in caught.value.message


@pytest.mark.parametrize(
    ("code", "amount", "currency", "expected"),
    [
        ("ko-KR", "39000", "KRW", "₩39,000"),
        ("ja-JP", "4200", "JPY", "￥4,200"),
        ("pt-BR", "199.90", "BRL", "R$ 199,90"),
        ("fr-FR", "36.90", "EUR", "36,90 €"),
        ("es-ES", "12345", "EUR", "12.345 €"),
        ("en-US", "38", "USD", "$38"),
        ("en-US", "38.5", "USD", "$38.50"),
        ("en-GB", "23.99", "GBP", "£23.99"),
        ("hi-IN", "249999", "INR", "₹2,49,999"),
        ("id-ID", "549000", "IDR", "Rp549.000"),
        ("zh-CN", "199", "CNY", "¥199"),
        ("it-IT", "26.9", "EUR", "26,90 €"),
        ("en-US", "39000", "KRW", "₩39,000"),
    ],
)
def test_format_price(code: str, amount: str, currency: str, expected: str) -> None:
    text = format_price(Decimal(amount), currency, get_market(code))
    assert text.replace("\xa0", " ").replace("\u202f", " ") == expected
