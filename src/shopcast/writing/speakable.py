"""The facts of one product as a host may say them in one market: the spoken name, the selling
points in the market's language, the offer written the way a host says it ("$59, down from
$79", never "$59.00 (was $79.00, 25% off)"), and only the options that are in stock.

Everything here comes from the catalog: nothing is translated by a model or invented. A product
with no words in the market's language gets only its language-neutral facts (name, price,
sizes), so a script in Korean never quotes an English selling point.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal

from shopcast.catalog.models import Product, ProductText, base_language
from shopcast.markets.registry import format_price
from shopcast.markets.types import Market
from shopcast.writing import lexicon
from shopcast.writing.facts import COLOUR_OPTION_NAMES

MIN_PERCENT_OFF = 5  # smaller cuts are said as "down from", without a percentage
_DIGIT = re.compile(r"\d")
_SLASH = re.compile(r"\s*/\s*")
_BRACKETS = re.compile(r"\s*[\(\[（【][^\)\]）】]*[\)\]）】]")
OR_WORDS = {
    "en": " or ",
    "es": " o ",
    "pt": " ou ",
    "fr": " ou ",
    "it": " o ",
    "id": " atau ",
    "hi": " या ",
    "ko": " 또는 ",
    "ja": "または",
    "zh": "或",
}


@dataclass(frozen=True)
class Point:
    """One thing the host may say about the product, in the market's language."""

    text: str
    source: str  # "point:2", "attribute:volume", "faq:0"
    has_number: bool = False


@dataclass(frozen=True)
class SpokenFacts:
    language: str  # base language code: "ko"
    market: str
    name: str  # the spoken name
    title: str  # the title as shown
    brand: str
    localised: bool  # the catalog has words in this language (selling points, attributes...)
    points: tuple[Point, ...] = ()
    specs: tuple[tuple[str, str], ...] = ()  # (attribute key, speakable value)
    price: str | None = None  # "$59", "39,000원", "26,90 €"
    was: str | None = None
    percent_off: int | None = None
    colours: tuple[str, ...] = ()  # in stock, in the market's language
    sizes: tuple[str, ...] = ()  # in stock
    sold_out_options: tuple[str, ...] = ()  # option values with no stock left (never said)
    # The seller's FAQs in the market's language, (question, first sentences of the answer),
    # for a script that needs more to say; only those a host can read out (no brackets).
    faqs: tuple[tuple[str, str], ...] = ()
    words: tuple[str, ...] = field(default=())  # every word the catalog gives, for checks

    @property
    def source_text(self) -> str:
        """The catalog's own words these facts come from (for checks of model lines)."""
        return "\n".join(self.words)


RANGE_WORDS = {"en": " to ", "es": " a ", "pt": " a ", "fr": " à ", "it": " a ", "id": " sampai ",
               "hi": " से ", "ko": "에서 ", "ja": "から", "zh": "到"}  # fmt: skip


def say_ranges(text: str, language: str) -> str:
    """ "4~8세" → "4에서 8세", "2–3 drops" → "2 to 3 drops": a range said, not a symbol."""
    word = RANGE_WORDS.get(base_language(language), " to ")
    return re.sub(r"(?<=\d)\s?[~〜～–]\s?(?=\d)", word, text)


PER_WORDS = {"en": " per ", "es": " por ", "pt": " por ", "fr": " par ", "it": " per ",
             "id": " per "}  # fmt: skip


def speakable(value: str, language: str) -> str:
    """A catalog value said aloud: brackets dropped, "30 ml / 50 ml" → "30 ml or 50 ml",
    "480 g/m²" → "480 g per m²", "24cm: 1.3kg; 28cm: 1.7kg" → "24cm 1.3kg, 28cm 1.7kg"."""
    lang = base_language(language)
    text = say_ranges(_BRACKETS.sub("", value).strip(), lang)
    text = re.sub(r"(?<=\S)/(?=\S)", PER_WORDS.get(lang, "/"), text)  # a unit: g/m²
    text = _SLASH.sub(OR_WORDS.get(lang, " / "), text)
    text = re.sub(r"\s*[:：]\s*", " ", text)
    text = re.sub(r"\s*[;；]\s*", "、" if lang in ("ja", "zh") else ", ", text)
    return re.sub(r"\s+", " ", text).strip(" ;,")


def spoken_money(amount: Decimal, market: Market) -> str:
    """A price as a host says it in ``market`` (and as captions show it): ``$59``, ``39,000원``,
    ``4,200円``, ``199元``, ``26,90 €``. Korean, Japanese and Chinese hosts put the unit
    after the number, as shops there write it."""
    lang = base_language(market.language)
    whole = amount == amount.to_integral_value()
    if lang in ("ko", "ja", "zh") and market.currency.upper() in ("KRW", "JPY", "CNY"):
        unit = {"KRW": "원", "JPY": "円", "CNY": "元"}[market.currency.upper()]
        number = f"{int(amount):,}" if whole else f"{amount:,.2f}"
        return f"{number}{unit}"
    return format_price(amount, market.currency, market)


def spoken_facts(product: Product, market: Market, *, drafts: bool = False) -> SpokenFacts:
    """What the host may say about ``product`` in ``market``."""
    lang = base_language(market.language)
    text: ProductText | None = product.text_in(market.language, drafts=drafts)
    in_stock = [v for v in product.variants if v.stock > 0] or []
    price, was, off = _offer(product, market, in_stock)
    colours, sizes, sold_out = _options(product, in_stock, text, lang)
    points: list[Point] = []
    specs: list[tuple[str, str]] = []
    words: list[str] = [product.title, product.brand]
    if text is not None:
        for i, point in enumerate(text.selling_points):
            clean = say_ranges(point.strip(), lang)
            if clean:
                points.append(Point(clean, f"point:{i}", bool(_DIGIT.search(clean))))
        for key, value in text.attributes.items():
            if value.strip() and not re.search(r"[:：;；]", value):  # not "20 cm: 1.9 kg; ..."
                specs.append((key, speakable(value, lang)))
        faqs = [qa for f in text.faqs if (qa := _faq(f.question, f.answer, lang))]
        words += [text.title, text.spoken_name, text.description, *text.selling_points]
        words += [f"{k} {v}" for k, v in text.attributes.items()]
        words += [f"{f.question} {f.answer}" for f in text.faqs]
        words += list(text.option_values.values())
    name = product.spoken_name_in(market.language)
    return SpokenFacts(
        language=lang,
        market=market.code,
        name=name,
        title=product.title_in(market.language),
        brand=product.brand,
        localised=text is not None,
        points=tuple(points),
        specs=tuple(specs),
        price=price,
        was=was,
        percent_off=off,
        colours=tuple(colours),
        sizes=tuple(sizes),
        sold_out_options=tuple(sold_out),
        faqs=tuple(faqs) if text is not None else (),
        words=tuple(w for w in words if w),
    )


_UNSPEAKABLE = re.compile(r"[()\[\]{}<>/|*#@=~_\"“”「」『』【】]")
_ANSWER_SENTENCE = re.compile(r".+?(?:[.!?](?=\s|$)|[。！？]|$)\s*", re.S)
FAQ_MIN_WORDS = 4  # "Yes." alone is not an answer worth saying: the next sentence comes with it


def _faq(question: str, answer: str, lang: str) -> tuple[str, str] | None:
    """A FAQ as a host can say it: the question as asked and the answer's first sentence
    (two when the first is a bare "Yes."); None when either has symbols or brackets."""
    question, answer = question.strip(), say_ranges(answer.strip(), lang)
    if not question or not answer or not re.search(r"[?？]$", question):
        return None
    said, words = [], 0
    for sentence in _ANSWER_SENTENCE.findall(answer):
        said.append(sentence.strip())
        words += len(sentence.split()) if lang not in ("ko", "ja", "zh") else len(sentence) // 3
        if words >= FAQ_MIN_WORDS or len(said) == 2:
            break
    text = " ".join(s for s in said if s) if lang not in ("ja", "zh") else "".join(said)
    if not text or _UNSPEAKABLE.search(question + text):
        return None
    return question, text


def _offer(
    product: Product, market: Market, in_stock: list
) -> tuple[str | None, str | None, int | None]:
    """The lowest in-stock price, its compare-at price when higher, and the % off."""
    priced = [
        (p, v)
        for v in (in_stock or product.variants)
        if (p := v.price_in(market.currency, product.currency)) is not None
    ]
    if not priced:
        return None, None, None
    price, variant = min(priced, key=lambda pv: pv[0])
    compare = _compare_at(variant, market, product)
    if compare is None or compare <= price:
        return spoken_money(price, market), None, None
    off = math.floor((1 - price / compare) * 100)
    return (
        spoken_money(price, market),
        spoken_money(compare, market),
        off if off >= MIN_PERCENT_OFF else None,
    )


def _compare_at(variant, market: Market, product: Product) -> Decimal | None:
    compare_in = getattr(variant, "compare_at_in", None)  # per-market compare-at prices
    if compare_in is not None:
        return compare_in(market.currency, product.currency)
    if market.currency.upper() == product.currency.upper():
        return variant.compare_at_price
    return None


def _options(
    product: Product, in_stock: list, text: ProductText | None, lang: str
) -> tuple[list[str], list[str], list[str]]:
    """In-stock colours (in the market's language) and sizes, and sold-out option values.
    A colour with no word in the market's language is not said (a Korean line does not
    quote "Olive"); sizes such as "M" or "30 ml" are said as they are."""
    size_names = set(lexicon.sizes().option_names)

    def local(value: str) -> str | None:
        if lang == product.language:
            return value
        if text is not None and value in text.option_values:
            return text.option_values[value]
        return None

    colours: dict[str, None] = {}
    sizes: dict[str, None] = {}
    for variant in in_stock:
        for key, value in variant.options.items():
            if key.lower() in COLOUR_OPTION_NAMES:
                if said := local(value):
                    colours[said] = None
            elif key.lower() in size_names:
                sizes[local(value) or value] = None
    stocked = {value for v in in_stock for value in v.options.values()}
    every = dict.fromkeys(value for v in product.variants for value in v.options.values())
    sold_out = [value for value in every if value not in stocked]
    return list(colours), list(sizes), sold_out
