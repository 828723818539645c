"""Find every amount in a line: money (any common written form), percentages, discount rates
(中文 "8折", 日本語 "3割引", "half price") and bare numbers, with the values they may mean.

A written number can be ambiguous ("3.990" is 3990 in Spain and 3.99 in the US), so each
amount carries every reading; the checker accepts an amount when any reading is a catalog fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

AmountKind = Literal["money", "percent", "discount", "number"]

# Digits with thousands separators (",", ".", NBSP, narrow NBSP, apostrophe), Indian lakh
# grouping, or plain digits with an optional decimal part.
_NUM = (
    r"\d{1,3}(?:[ ]\d{3})+(?=\s?(?:€|₩|원|円|元|\$|reais|euros?|rupees?|rupiah|dollars?))"
    r"|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,2})?"
    r"|\d{1,3}(?:[,.\u00a0\u202f'’]\d{3})+(?:[.,]\d{1,2})?"
    r"|\d+(?:[.,]\d+)?"
)
# Inside an already matched phrase the space-grouped form needs no look-ahead.
_NUM_IN_PHRASE = re.sub(r"\(\?=.*?\)\)", "", _NUM, count=1)
_BIG_UNITS = {
    "만": 10_000,
    "万": 10_000,
    "萬": 10_000,
    "천": 1_000,
    "千": 1_000,
    "억": 100_000_000,
    "亿": 100_000_000,
    "億": 100_000_000,
    "lakh": 100_000,
    "crore": 10_000_000,
    "juta": 1_000_000,
    "ribu": 1_000,
    "rb": 1_000,
    "k": 1_000,
    "mil": 1_000,
}
_UNIT = (
    r"(?:만|万|萬|천|千|억|亿|億|\s?lakh|\s?crore|\s?juta|\s?ribu|rb"
    r"|k(?![A-Za-z])|\s?mil(?![A-Za-z]))"
)
_PHRASE = re.compile(
    rf"(?<![\d.,])(?:(?:{_NUM})\s?{_UNIT}\s?)*(?:{_NUM})(?:\s?{_UNIT})?(?![\d])",
    re.IGNORECASE,
)
_CJK_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CJK_SMALL = {"十": 10, "百": 100, "千": 1000}
_CJK_LARGE = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
_CJK_RUN = "[〇零一二两兩三四五六七八九十][〇零一二两兩三四五六七八九十百千万萬亿億]*"
_CJK_MONEY = re.compile(rf"(?<![\d.,])({_CJK_RUN})\s?(元|块|塊|円|日元|人民币|折|割)")

# Currency markers written before or after the number: marker → currency ("$" and "¥" are
# resolved against the market: "$" is the market's dollar, "¥" is JPY or CNY).
_PREFIX = [
    ("US$", "USD"),
    ("R$", "BRL"),
    ("S$", "SGD"),
    ("HK$", "HKD"),
    ("A$", "AUD"),
    ("C$", "CAD"),
    ("NT$", "TWD"),
    ("$", "$"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "¥"),
    ("￥", "¥"),
    ("₩", "KRW"),
    ("₹", "INR"),
    ("Rs.", "INR"),
    ("Rs", "INR"),
    ("Rp.", "IDR"),
    ("Rp", "IDR"),
    ("RM", "MYR"),
    ("USD", "USD"),
    ("EUR", "EUR"),
    ("KRW", "KRW"),
    ("JPY", "JPY"),
    ("CNY", "CNY"),
    ("RMB", "CNY"),
    ("BRL", "BRL"),
    ("INR", "INR"),
    ("IDR", "IDR"),
    ("GBP", "GBP"),
    ("रु.", "INR"),
    ("रु", "INR"),
]
_SUFFIX_WORDS = {
    "USD": [
        "US dollars",
        "dollars",
        "dollar",
        "bucks",
        "dólares",
        "dólar",
        "dollari",
        "dollari",
        "dollars américains",
        "달러",
        "ドル",
        "美元",
        "डॉलर",
        "usd",
        "$",
    ],
    "EUR": ["euros", "euro", "유로", "ユーロ", "欧元", "€", "eur"],
    "KRW": ["원", "won", "₩", "krw"],
    "JPY": ["円", "日元", "yen", "엔", "jpy"],
    "CNY": ["元", "块钱", "块", "塊", "人民币", "yuan", "rmb", "위안", "cny"],
    "BRL": ["reais", "brl"],
    "INR": ["rupees", "rupee", "रुपये", "रुपए", "रुपया", "rs", "inr"],
    "IDR": ["rupiah", "idr"],
    "GBP": ["pounds", "pound", "£", "gbp"],
    "CENT": ["cents", "cent", "céntimos", "centimes", "centesimi", "centavos"],
}
_SUFFIX = sorted(
    ((w, cur) for cur, words in _SUFFIX_WORDS.items() for w in words), key=lambda x: -len(x[0])
)
_PERCENT_WORDS = [
    "%",
    "％",
    "percent",
    "per cent",
    "por ciento",
    "pour cent",
    "per cento",
    "por cento",
    "प्रतिशत",
    "persen",
    "퍼센트",
    "프로",
]
_HALF_PRICE = re.compile(
    r"half[- ]price|half off|50/50|mitad de precio|moitié prix|metà prezzo|metade do preço|"
    r"반값|반액|半額|半价|半價|आधी कीमत|setengah harga",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Amount:
    kind: AmountKind
    values: tuple[Decimal, ...]  # every plausible reading; for "discount": percent off
    currency: str | None  # for money: ISO code, or "$"/"¥" when the symbol is ambiguous
    text: str
    start: int
    end: int


def number_readings(token: str) -> tuple[Decimal, ...]:
    """All values a written number may mean: ``"3.990"`` → (3990, 3.99); ``"39,99"`` → 39.99."""
    token = re.sub("[ \u00a0\u202f'’]", ",", token)
    seps = [c for c in token if c in ",."]
    try:
        if not seps:
            return (Decimal(token),)
        last = max(token.rfind(","), token.rfind("."))
        tail = token[last + 1 :]
        digits = re.sub(r"[,.]", "", token)
        as_thousands = Decimal(digits)
        as_decimal = Decimal(re.sub(r"[,.]", "", token[:last]) + "." + tail)
        if len(tail) != 3:
            return (as_decimal,)
        if len(set(seps)) > 1 or len(seps) > 1:
            return (as_thousands,)
        return (as_thousands, as_decimal)
    except InvalidOperation:
        return ()


def _phrase_readings(phrase: str) -> tuple[Decimal, ...]:
    """``"3만 9천"`` → 39000; ``"1.5万"`` → 15000; ``"39,000"`` → 39000 (and 39)."""
    parts = re.findall(rf"({_NUM_IN_PHRASE})\s?({_UNIT})?", phrase, re.IGNORECASE)
    totals: set[Decimal] = {Decimal(0)}
    for number, unit in parts:
        mult = _BIG_UNITS.get(unit.strip().lower(), 1) if unit else 1
        totals = {t + r * mult for t in totals for r in number_readings(number)}
    return tuple(sorted(totals))


def cjk_numeral_value(run: str) -> Decimal | None:
    """``"三十九"`` → 39, ``"九十九"`` → 99, ``"三万九千"`` → 39000, ``"八"`` → 8."""
    total, section, digit = 0, 0, None
    for ch in run:
        if ch in _CJK_DIGITS:
            digit = _CJK_DIGITS[ch]
        elif ch in _CJK_SMALL:
            section += (digit if digit is not None else 1) * _CJK_SMALL[ch]
            digit = None
        elif ch in _CJK_LARGE:
            total += (section + (digit or 0)) * _CJK_LARGE[ch]
            section, digit = 0, None
        else:
            return None
    return Decimal(total + section + (digit or 0))


def _match_prefix(text: str, start: int) -> tuple[str, int] | None:
    before = text[max(0, start - 6) : start].rstrip()
    for marker, currency in _PREFIX:
        if before.upper().endswith(marker.upper()):
            begin = start - (len(text[max(0, start - 6) : start]) - len(before)) - len(marker)
            if marker[0].isalpha() and begin > 0 and text[begin - 1].isalpha():
                continue  # "SPRs 5" is not rupees
            return currency, begin
    return None


def _match_after(text: str, end: int, words: list[tuple[str, str]]) -> tuple[str, int] | None:
    after = text[end : end + 20]
    stripped = after.lstrip()
    offset = end + len(after) - len(stripped)
    for word, value in words:
        if stripped.lower().startswith(word.lower()):
            stop = offset + len(word)
            if (
                word[-1].isascii()
                and word[-1].isalpha()
                and stop < len(text)
                and (text[stop].isalpha())
            ):
                continue  # "5 wonderful" is not 5 won
            return value, stop
    return None


_PERCENT_PAIRS = [(w, "%") for w in sorted(_PERCENT_WORDS, key=len, reverse=True)]
_RATE_PAIRS = [("折", "折"), ("割引", "割"), ("割オフ", "割"), ("割", "割")]


def find_amounts(text: str) -> list[Amount]:
    """Every money amount, percentage, discount and bare number in ``text``, in order."""
    found: list[Amount] = []
    taken: list[tuple[int, int]] = []
    for m in _CJK_MONEY.finditer(text):
        value = cjk_numeral_value(m.group(1))
        if value is None:
            continue
        found.append(_cjk_amount(m, value))
        taken.append(m.span())
    for m in _PHRASE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        readings = _phrase_readings(m.group(0))
        if not readings:
            continue
        amount = _classify(text, m.start(), m.end(), readings)
        if (
            amount.kind == "number"
            and m.start() > 0
            and text[m.start() - 1].isascii()
            and (text[m.start() - 1].isalpha())
        ):
            continue  # part of a word or model name ("B12", "X100")
        found.append(amount)
    for m in _HALF_PRICE.finditer(text):
        found.append(Amount("discount", (Decimal(50),), None, m.group(0), m.start(), m.end()))
    return sorted(found, key=lambda a: a.start)


def _cjk_amount(m: re.Match[str], value: Decimal) -> Amount:
    marker = m.group(2)
    if marker == "折":
        return Amount("discount", (100 - value * 10,), None, m.group(0), *m.span())
    if marker == "割":
        return Amount("discount", (value * 10,), None, m.group(0), *m.span())
    currency = "JPY" if marker in ("円", "日元") else "CNY"
    return Amount("money", (value,), currency, m.group(0), *m.span())


def _classify(text: str, start: int, end: int, readings: tuple[Decimal, ...]) -> Amount:
    prefix = _match_prefix(text, start)
    if prefix is not None:
        currency, begin = prefix
        return Amount("money", readings, currency, text[begin:end], begin, end)
    suffix = _match_after(text, end, _SUFFIX)
    if suffix is not None:
        currency, stop = suffix
        if currency == "CENT":
            cents = tuple(r / 100 for r in readings)
            return Amount("money", cents, "$", text[start:stop], start, stop)
        return Amount("money", readings, currency, text[start:stop], start, stop)
    percent = _match_after(text, end, _PERCENT_PAIRS)
    if percent is not None:
        return Amount("percent", readings, None, text[start : percent[1]], start, percent[1])
    rate = _match_after(text, end, _RATE_PAIRS)
    if rate is not None:
        marker, stop = rate
        values = tuple(100 - r * 10 if marker == "折" else r * 10 for r in readings)
        return Amount("discount", values, None, text[start:stop], start, stop)
    return Amount("number", readings, None, text[start:end], start, end)
