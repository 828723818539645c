"""Amount extraction: every common written form of money, percent and discount."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shopcast.writing.amounts import cjk_numeral_value, find_amounts

CASES = [
    ("Only $1 today", "money", "$", Decimal(1)),
    ("39,000원", "money", "KRW", Decimal(39000)),
    ("3만 9천원이에요", "money", "KRW", Decimal(39000)),
    ("1万円", "money", "JPY", Decimal(10000)),
    ("¥4,200", "money", "¥", Decimal(4200)),
    ("九十九元", "money", "CNY", Decimal(99)),
    ("3.990 €", "money", "EUR", Decimal(3990)),
    ("36,90 €", "money", "EUR", Decimal("36.90")),
    ("R$ 199,90", "money", "BRL", Decimal("199.90")),
    ("₹1,23,456", "money", "INR", Decimal(123456)),
    ("Rp150rb", "money", "IDR", Decimal(150000)),
    ("39 dollars", "money", "USD", Decimal(39)),
    ("99 cents", "money", "$", Decimal("0.99")),
    ("39\u202f000 €", "money", "EUR", Decimal(39000)),
    ("90% off", "percent", None, Decimal(90)),
    ("30 퍼센트", "percent", None, Decimal(30)),
    ("8折", "discount", None, Decimal(20)),
    ("七折", "discount", None, Decimal(30)),
    ("3割引", "discount", None, Decimal(30)),
    ("half price", "discount", None, Decimal(50)),
    ("ships in 24 hours", "number", None, Decimal(24)),
]


@pytest.mark.parametrize(("text", "kind", "currency", "value"), CASES)
def test_amount_forms(text: str, kind: str, currency: str | None, value: Decimal) -> None:
    amounts = find_amounts(text)
    assert len(amounts) == 1, amounts
    a = amounts[0]
    assert (a.kind, a.currency) == (kind, currency)
    assert value in a.values


def test_words_and_model_numbers_are_not_amounts() -> None:
    assert find_amounts("5 wonderful days")[0].kind == "number"
    assert find_amounts("vitamin B12 inside") == []


def test_cjk_numerals() -> None:
    assert cjk_numeral_value("三万九千") == 39000
    assert cjk_numeral_value("十五") == 15
    assert cjk_numeral_value("两百") == 200
