"""Prices read the way a host says them, before espeak phonemises a sentence.

espeak reads "$28.00" as "dollar twenty-eight point zero zero" and drops the cents of "$19.99"
in some sentences; a host says "twenty-eight dollars" and "nineteen dollars ninety-nine". Each
word of a sentence gets a *spoken form* (digits and currency words, which espeak reads well in
every language); the word itself, and so the captions, stay as written. A currency symbol
standing as its own word ("28 €", "R$ 28") is folded into the amount next to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class CurrencyWords:
    one: str  # the unit, singular
    many: str  # the unit, plural
    joiner: str = ""  # between the units and the cents ("con", "e")
    cents: str = ""  # the cents' unit, said after them ("" = not said)
    cents_alone: str = ""  # the cents' unit when there are no units ("99 cents")


# per language (espeak's base code), per currency symbol
_WORDS: dict[str, dict[str, CurrencyWords]] = {
    "en": {
        "$": CurrencyWords("dollar", "dollars", cents_alone="cents"),
        "US$": CurrencyWords("dollar", "dollars", cents_alone="cents"),
        "£": CurrencyWords("pound", "pounds", cents_alone="pence"),
        "€": CurrencyWords("euro", "euros", cents_alone="cents"),
        "₹": CurrencyWords("rupee", "rupees", cents_alone="paise"),
    },
    "es": {
        "$": CurrencyWords("peso", "pesos", "con"),
        "€": CurrencyWords("euro", "euros", "con"),
        "US$": CurrencyWords("dólar", "dólares", "con"),
    },
    "fr": {"€": CurrencyWords("euro", "euros"), "$": CurrencyWords("dollar", "dollars")},
    "it": {"€": CurrencyWords("euro", "euro", "e"), "$": CurrencyWords("dollaro", "dollari", "e")},
    "pt": {
        "R$": CurrencyWords("real", "reais", "e", "centavos"),
        "€": CurrencyWords("euro", "euros", "e"),
    },
    "hi": {"₹": CurrencyWords("रुपया", "रुपये", "", "पैसे")},
    "id": {"Rp": CurrencyWords("rupiah", "rupiah")},
    "ko": {"₩": CurrencyWords("원", "원")},
}
# how numbers are written: (thousands separator, decimal separator)
_SEPARATORS = {"en": (",", "."), "hi": (",", "."), "ko": (",", ".")}
_DEFAULT_SEPARATORS = (".", ",")  # es, fr, it, pt, id

_SYMBOLS = "US\\$|R\\$|Rp|\\$|£|€|₹|₩"
_AMOUNT = r"\d(?:[\d.,]*\d)?"
_PREFIXED = re.compile(rf"^(?P<lead>\W*?)(?P<sym>{_SYMBOLS})\s?(?P<num>{_AMOUNT})(?P<tail>\W*)$")
_SUFFIXED = re.compile(rf"^(?P<lead>\W*?)(?P<num>{_AMOUNT})\s?(?P<sym>{_SYMBOLS})(?P<tail>\W*)$")
_NUMBER = re.compile(rf"^(?P<lead>\W*?)(?P<num>{_AMOUNT})(?P<tail>\W*)$")
_SYMBOL = re.compile(rf"^(?P<lead>\W*?)(?P<sym>{_SYMBOLS})(?P<tail>\W*)$")


def base_language(espeak_language: str) -> str:
    return espeak_language.split("-", 1)[0].lower()


def spoken_forms(words: list[str], language: str) -> list[str]:
    """The spoken form of each word (same length as ``words``); a word that is not part of a
    price is its own spoken form. A folded currency symbol's spoken form is ""."""
    lang = base_language(language)
    table = _WORDS.get(lang)
    if not table:
        return list(words)
    if lang == "fr":  # "1 299,99 €": thousands split by a (narrow) space
        words = _join_digit_groups(words)
    spoken = list(words)
    for i, word in enumerate(words):
        for pattern in (_PREFIXED, _SUFFIXED):
            m = pattern.match(word)
            if m and m["sym"] in table:
                spoken[i] = _say(m["lead"], m["num"], table[m["sym"]], lang, m["tail"])
                break
        else:
            m = _SYMBOL.match(word)
            if not m or m["sym"] not in table:
                continue
            nxt = _NUMBER.match(words[i + 1]) if i + 1 < len(words) else None
            prev = _NUMBER.match(words[i - 1]) if i > 0 else None
            if nxt and not m["tail"]:  # "R$ 28": the amount says the currency
                spoken[i] = m["lead"]
                spoken[i + 1] = _say("", nxt["num"], table[m["sym"]], lang, nxt["tail"])
            elif prev and not prev["tail"]:  # "28 €"
                spoken[i - 1] = _say(prev["lead"], prev["num"], table[m["sym"]], lang, "")
                spoken[i] = m["tail"]
    return spoken


def _join_digit_groups(words: list[str]) -> list[str]:
    """["1", "299,99", "€"] → ["", "1299,99", "€"]: the groups of one number in one word."""
    out = list(words)
    joined = False
    for i in range(len(out) - 1):
        if (
            out[i].isdigit()
            and (joined or len(out[i]) <= 3)
            and re.match(r"^\d{3}(?:[.,]\d+)?\W*$", out[i + 1])
        ):
            out[i + 1], out[i] = out[i] + out[i + 1], ""
            joined = True
        else:
            joined = False
    return out


def _say(lead: str, number: str, words: CurrencyWords, lang: str, tail: str) -> str:
    parsed = _parse(number, lang)
    if parsed is None:
        return f"{lead}{number}{tail}"
    units, cents = parsed
    if units == 0 and cents:  # "$0.99" → "99 cents"
        parts = [str(cents), words.cents_alone or words.cents]
    else:
        parts = [str(units), words.one if units == 1 else words.many]
        if cents:
            parts += [words.joiner, str(cents), words.cents]
    return lead + " ".join(p for p in parts if p) + tail


def phonemes_per_word(whole: list[str], spoken: list[str]) -> list[str] | None:
    """The phonemes of a sentence phonemised whole (one token per spoken word), given back per
    written word: a price's several spoken words are one written word, a folded currency sign
    none. None when espeak's token count does not match (then phonemise word by word)."""
    sizes = [len(s.split()) for s in spoken]
    if len(whole) != sum(sizes):
        return None
    out, at = [], 0
    for size in sizes:
        out.append(" ".join(whole[at : at + size]))
        at += size
    return out


def _parse(number: str, lang: str) -> tuple[int, int] | None:
    """Units and cents of "1,299.99" (en) / "1.299,99" (es); the language's own convention
    first, then the other one (es-MX writes "$1,299.99"). None when it is not an amount."""
    own = _SEPARATORS.get(lang, _DEFAULT_SEPARATORS)
    for thousands, decimal in (own, (own[1], own[0])):
        parsed = _parse_with(number, thousands, decimal)
        if parsed is not None:
            return parsed
    return None


def _parse_with(number: str, thousands: str, decimal: str) -> tuple[int, int] | None:
    number = number.rstrip(".,")
    head, sep, fraction = number.rpartition(decimal)
    if not sep:
        head, fraction = number, ""
    if fraction and (len(fraction) != 2 or not fraction.isdigit()):
        return None  # not a price's cents: left as written
    groups = head.split(thousands)
    if not groups[0].isdigit() or any(len(g) != 3 or not g.isdigit() for g in groups[1:]):
        return None
    return int("".join(groups)), int(fraction or 0)


_YEN = re.compile(r"[￥¥]\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?")
_GROUPED_BEFORE_UNIT = re.compile(r"(\d{1,3}(?:,\d{3})+)(?=\s?[円元])")


# a lone 2 counting something is 两 in Mandarin ("两分钟", two minutes), not 二 (the digit's
# name, which the number converter gives): before a measure word or a time unit
_TWO_COUNTED = re.compile(
    r"(?<![\d.,])2(?![\d.,])(?=\s?(?:分钟|小时|秒|天|周|个|件|瓶|支|盒|套|双|条|次|位|种|款|元|块))"
)


def spoken_cjk(sentence: str, language: str) -> str:
    """Japanese and Chinese prices as their front-ends read them well: "￥1,300" → "1300円",
    "¥1,299.99" → "1299.99元" (the sign was silent and "1,300" was read "one, three
    hundred"); in Chinese a counted 2 is "两" ("还剩两分钟", not "二分钟"). These front-ends
    take the sentence whole, so the text itself is rewritten."""
    unit = {"ja": "円", "zh": "元"}.get(base_language(language))
    if unit is None:
        return sentence

    def price(m: re.Match[str]) -> str:
        whole = m[1].replace(",", "")
        cents = f".{m[2]}" if m[2] and unit == "元" and int(m[2]) else ""
        return f"{whole}{cents}{unit}"

    sentence = _YEN.sub(price, sentence)
    sentence = _GROUPED_BEFORE_UNIT.sub(lambda m: m[1].replace(",", ""), sentence)
    return _TWO_COUNTED.sub("两", sentence) if unit == "元" else sentence
