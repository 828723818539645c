"""Answers stated in code from the catalog: no language model, so nothing to check.

:func:`catalog_answer` answers what the catalog holds as structured data — whether the product
is sold at all, prices and price cuts, stock per option, sizes, colours and other options,
shipping and returns (the seller's per-market terms), yes/no properties the seller's words
settle, attributes and fit notes in the market's language, and the selling points for "tell me
about it". Several topics or several products in one question get one line each. It returns
None when the question is about something else (the FAQ and model paths take it from there).

Only the market's language is spoken: a fact the catalog has only in another language is not
read out (see :attr:`ProductFacts.sayable`); the honest answer then says what is known.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import regex
import yaml

from shopcast.live.chat.facts.asks import Asked, Topic, attribute_keys, read_question
from shopcast.live.chat.facts.lines import attribute_label, line, spoken_list
from shopcast.live.chat.facts.product import Fact, OptionValue, ProductFacts
from shopcast.live.chat.facts.properties import Property, Settled, asked_properties, settle
from shopcast.live.chat.phrases import phrase
from shopcast.live.chat.textmatch import fold
from shopcast.writing import lexicon

_SIZE_CODE = regex.compile(
    r"(?<![A-Za-z0-9'’])(XXS|XS|XXXL|XXL|2XL|3XL|4XL|XL|S|M|L)(?![A-Za-z0-9])"
    r"|(?<![A-Za-z0-9'’])(?i:xxs|xs|xxxl|xxl|2xl|3xl|xl)(?![A-Za-z0-9])"
)
_OPENS_WITH_VERDICT = regex.compile(
    r"^\W*(yes|no|sí|sim|não|oui|non|sì|네|예|아니요|아뇨|はい|いいえ|是|不|可以|没有)(?![a-z])"
)
# Brazilian letter sizes: P, M, G, GG, XG ("tem no tamanho GG?")
_BR_SIZE = regex.compile(
    r"(?i)\b(?:tamanho|tam\.?)\s+(PP|P|M|G|GG|XG|XGG|EG)\b|(?<![A-Za-z])(GG|XGG)(?![A-Za-z])"
)
_BR_SIZES = {
    "PP": "XS",
    "P": "S",
    "M": "M",
    "G": "L",
    "GG": "XL",
    "XG": "XL",
    "EG": "XL",
    "XGG": "XXL",
}
_SIZE_WORD = regex.compile(r"\b(extra small|extra large|x-large|small|medium|large)\b")
_SIZE_WORDS = {
    "extra small": "XS",
    "small": "S",
    "medium": "M",
    "large": "L",
    "extra large": "XL",
    "x-large": "XL",
}
# "what colours / which sizes" asks for the list; "does it come in sage?" for one value
_WHICH = regex.compile(
    r"\b(what|which|any other|other|que|qué|cual|cuál|cuales|cuáles|quais|qual|quel|quelle)\b"
    r"|무슨|어떤|뭐|何|どんな|什么|哪些|哪几|几种"
)
_DIGITS = regex.compile(r"(?<=\d)[\s,.](?=\d{3}\b)")


@dataclass(frozen=True)
class CatalogAnswer:
    text: str
    # unavailable | price | deal | stock | options | shipping | property | attribute | fit | about
    path: str
    sources: list[str] = field(default_factory=list)
    # topics the catalog could not settle in the market's language (for the honest answer)
    unsettled: list[str] = field(default_factory=list)


@dataclass
class _Parts:
    lines: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    unsettled: list[str] = field(default_factory=list)

    def add(self, text: str, path: str, *sources: str) -> None:
        if text and text not in self.lines:
            self.lines.append(text)
            self.paths.append(path)
            self.sources += list(sources)


def _sentence(text: str, language: str) -> str:
    text = text.strip().replace("\n", " ")
    if text[:1].islower():
        text = text[0].upper() + text[1:]
    if not text or text[-1] in ".!?。！？":
        return text
    return text + ("。" if language in ("ja", "zh") else ".")


def _joined(language: str, lines: list[str]) -> str:
    sep = "" if language in ("ja", "zh") else " "
    return sep.join(lines)


# -- options -------------------------------------------------------------------------------------
def _norm_value(text: str) -> str:
    return regex.sub(r"[\s,]", "", _DIGITS.sub("", fold(text)))


def mentioned_options(text: str, facts: ProductFacts) -> tuple[list[OptionValue], list[str]]:
    """The product's option values a question names ("olive", "XL", "50 ml", "Washed Black")
    and the colours or sizes it asks for that the product does not have ("red", "XXL")."""
    folded = fold(text)
    compact = _norm_value(text)
    found: list[OptionValue] = []
    for value in facts.options:
        if _SIZE_CODE.fullmatch(value.value):
            continue  # letter sizes are matched as codes below ("S" is not the s of "it's")
        v = fold(value.value)
        named = regex.search(
            rf"(?<![\p{{Latin}}\p{{N}}]){regex.escape(v)}(?![\p{{Latin}}\p{{N}}])", folded
        )
        alias = _option_words().get(v)
        if (
            named
            or (alias is not None and alias.search(folded))
            or (any(c.isdigit() for c in v) and _norm_value(v) in compact)
        ):
            found.append(value)
    missing: list[str] = []
    colours = lexicon.colours()
    for mention in colours.find(text):
        if any(fold(mention.text) in fold(v.value) for v in found):
            continue
        same = [
            v
            for v in facts.colours
            if mention.canonical in colours.canonicals(v.value)
            or any(colours.family(c) == mention.canonical for c in colours.canonicals(v.value))
        ]
        if same:
            found += [v for v in same if v not in found]
        elif facts.colours:
            missing.append(mention.text)
    codes = {m.group(0).upper() for m in _SIZE_CODE.finditer(text)}
    codes |= {_BR_SIZES[(m.group(1) or m.group(2)).upper()] for m in _BR_SIZE.finditer(text)}
    codes |= lexicon.sizes().words.canonicals(text) - {"FREE"}
    codes |= {_SIZE_WORDS[m.group(1).lower()] for m in _SIZE_WORD.finditer(folded)}
    have = {v.value.upper(): v for v in facts.sizes}
    for code in sorted(codes):
        if code in have:
            if have[code] not in found:
                found.append(have[code])
        elif facts.sizes and all(_SIZE_CODE.fullmatch(v.value) for v in facts.sizes):
            missing.append(code)  # letter sizes asked of a product sold in letter sizes
    return found, missing


@cache
def _option_word_lists() -> dict[str, frozenset[str]]:
    path = resources.files("shopcast.live.chat.facts").joinpath("option_words.yaml")
    data = yaml.safe_load(path.read_text("utf-8")) or {}
    return {fold(str(v)): frozenset(fold(str(w)) for w in words) for v, words in data.items()}


def option_aliases(value: str) -> frozenset[str]:
    """What viewers call an option value in other languages ("Cream" → 크림, クリーム...)."""
    return _option_word_lists().get(fold(value), frozenset())


@cache
def _option_words() -> dict[str, regex.Pattern[str]]:
    """Option value (folded) → what viewers call it in other languages (option_words.yaml)."""
    out = {}
    for value, words in _option_word_lists().items():
        alternatives = []
        for word in sorted(words, key=len, reverse=True):
            body = regex.escape(word).replace(r"\ ", r"[\s-]*")
            latin = all(ord(c) < 0x0250 for c in word)
            alternatives.append(
                rf"(?<![\p{{Latin}}\p{{N}}]){body}(?![\p{{Latin}}\p{{N}}])" if latin else body
            )
        out[value] = regex.compile("|".join(alternatives))
    return out


def _combos(found: list[OptionValue]) -> list[list[OptionValue]]:
    by_option: dict[str, list[OptionValue]] = {}
    for v in found:
        by_option.setdefault(v.option, []).append(v)
    return [list(c) for c in itertools.product(*by_option.values())][:4]


def _display(values: list[OptionValue]) -> str:
    return " ".join(v.value for v in values)


def _stock_lines(
    facts: ProductFacts, asked: Asked, found: list[OptionValue], parts: _Parts
) -> None:
    lang, name = facts.market.language, facts.name
    src = f"{facts.sku}:stock"
    restock = Topic.RESTOCK in asked
    if not facts.in_stock:
        parts.add(line(lang, "sold_out", name=name), "stock", src)
        if restock:
            parts.add(line(lang, "no_restock_date"), "stock", src)
        return
    if found:
        any_out = False
        for combo in _combos(found):
            stock = sum(v.stock for v in facts.variants_with(combo))
            key = "in_stock_value" if stock > 0 else "sold_out_value"
            any_out |= stock == 0
            parts.add(line(lang, key, name=name, value=_display(combo)), "stock", src)
        if any_out:
            left = _alternatives(facts, found)
            if left:
                parts.add(
                    line(lang, "still_available", values=spoken_list(lang, left)), "stock", src
                )
            if restock:
                parts.add(line(lang, "no_restock_date"), "stock", src)
        return
    parts.add(line(lang, "in_stock", name=name), "stock", src)
    out = [v.value for v in facts.options if not v.in_stock]
    if out:
        parts.add(line(lang, "but_sold_out", values=spoken_list(lang, out)), "stock", src)


def _alternatives(facts: ProductFacts, found: list[OptionValue]) -> list[str]:
    """In-stock variants that differ from what was asked in one option ("Cream XL" sold out →
    "Cream S", "Black XL"...), at most five."""
    asked = {v.option: v.value for v in found}
    out = []
    for variant in facts.product.variants:
        differs = [k for k, val in asked.items() if variant.options.get(k) != val]
        if variant.stock > 0 and len(differs) == 1:
            out.append(" ".join(variant.options.values()))
    return list(dict.fromkeys(o for o in out if o))[:5]


def _option_lines(
    facts: ProductFacts,
    asked: Asked,
    found: list[OptionValue],
    missing: list[str],
    parts: _Parts,
    *,
    listing: bool = True,
) -> None:
    lang, name = facts.market.language, facts.name
    src = f"{facts.sku}:option"
    for word in missing:
        kind = facts.colours if _is_colour(word) else facts.sizes
        values = [v.value for v in (kind or facts.options)]
        if values:
            parts.add(
                line(lang, "lacks_value", name=name, value=word, values=spoken_list(lang, values)),
                "options",
                src,
            )
    if found and not listing and not missing:
        for combo in _combos(found):
            stock = sum(v.stock for v in facts.variants_with(combo))
            parts.add(line(lang, "has_value", name=name, value=_display(combo)), "options", src)
            if stock == 0:
                parts.add(
                    line(lang, "sold_out_value", name=name, value=_display(combo)), "stock", src
                )
        return
    wanted = []
    if not listing:
        return
    if Topic.SIZES in asked:
        wanted.append(("sizes", facts.sizes))
    if Topic.COLOURS in asked:
        wanted.append(("colours", facts.colours))
    if Topic.OPTIONS in asked:
        wanted.append(("options", facts.other_options or facts.options))
    for key, values in wanted:
        if not values:
            if key == "sizes" and _attribute_lines(facts, ["dimensions"], parts):
                continue
            if not facts.options:
                parts.add(line(lang, "one_version", name=name), "options", src)
            elif key == "sizes" and facts.other_options:
                listed = spoken_list(lang, [v.value for v in facts.other_options])
                parts.add(line(lang, "options", name=name, values=listed), "options", src)
            continue
        listed = spoken_list(lang, [v.value for v in values])
        parts.add(line(lang, key, name=name, values=listed), "options", src)
        out = [v.value for v in values if not v.in_stock]
        if out and facts.in_stock:
            parts.add(line(lang, "but_sold_out", values=spoken_list(lang, out)), "stock", src)


def _is_colour(word: str) -> bool:
    return bool(lexicon.colours().find(word))


# -- prices --------------------------------------------------------------------------------------
def _price_lines(facts: ProductFacts, found: list[OptionValue], parts: _Parts) -> None:
    lang, name = facts.market.language, facts.name
    src = f"{facts.sku}:price"
    variants = facts.variants_with(found) if found else facts.product.variants
    cur, base = facts.market.currency, facts.product.currency
    prices = [p for v in variants if (p := v.price_in(cur, base)) is not None]
    if not prices:
        parts.add(phrase(lang, "no_price"), "price", src)
        return
    low, high = min(prices), max(prices)
    said = f"{name} {_display(found)}" if found else name
    key = "price" if low == high else "price_range"
    parts.add(phrase(lang, key, title=said, price=facts.price_text(low)), "price", src)


def _deal_lines(facts: ProductFacts, asked: Asked, parts: _Parts) -> None:
    lang, name = facts.market.language, facts.name
    src = f"{facts.sku}:price"
    deal = facts.deal()
    if deal is not None:
        price, was = deal
        said = name
        if len(facts.product.variants) > 1:
            variant = next(
                v for v in facts.product.variants if v.price == price and v.compare_at_price == was
            )
            said = f"{name} {' '.join(variant.options.values())}".strip()
        text = line(
            lang, "deal_on", name=said, price=facts.price_text(price), was=facts.price_text(was)
        )
        parts.add(text, "deal", src)
    elif any(v.compare_at_price for v in facts.product.variants):
        parts.add(line(lang, "deal_unknown", name=name), "deal", src)
    else:
        parts.add(line(lang, "no_deal", name=name), "deal", src)
        _price_lines(facts, [], parts)
    if Topic.HOW_LONG in asked:
        parts.add(line(lang, "how_long"), "deal", src)


# -- the seller's words --------------------------------------------------------------------------
def attribute_sentence(facts: ProductFacts, fact: Fact, *, named: bool = False) -> str:
    """An attribute said in the market's language: "For X, the material is Y." ("The material
    is Y." when ``named``: the product was just named) — or its value alone when it is a
    sentence of its own (``labels`` gives it no name)."""
    lang = facts.market.language
    assert fact.local is not None
    label = attribute_label(lang, fact.label, fact.local_label)
    if not label:
        return _sentence(fact.local, lang)
    value = fact.local.rstrip(".。")
    key = "attribute_more" if named else "attribute"
    return _sentence(line(lang, key, name=facts.name, label=label, value=value), lang)


def _attribute_facts(facts: ProductFacts, topics: list[str]) -> list[Fact]:
    """The attributes that answer ``topics``, the best-matched topic's first."""
    out: list[Fact] = []
    for topic in topics:
        keys = {k.lower() for k in attribute_keys(topic)}
        out += [
            f
            for f in facts.facts
            if f.kind == "attribute"
            and f not in out
            and (f.label.lower() in keys or (f.local_label and f.local_label.lower() in keys))
        ]
    return out


def _attribute_lines(facts: ProductFacts, topics: list[str], parts: _Parts) -> bool:
    """One line per attribute the question asks for; unsayable ones are noted as unsettled."""
    said = False
    for fact in _attribute_facts(facts, topics)[:2]:
        if fact.local:
            sentence = attribute_sentence(facts, fact, named=said)
            parts.add(sentence, "attribute", f"{facts.sku}:{fact.kind}")
            said = True
        else:
            parts.unsettled.append(fact.key)
    return said


def _fit_lines(text: str, facts: ProductFacts, parts: _Parts) -> bool:
    """The seller's fit note (an FAQ about fit, else the fit attribute), and the model's size
    when the viewer gives their height."""
    lang = facts.market.language
    said = False
    for fact in facts.facts:
        if fact.kind != "faq" or not fact.local:
            continue
        labels = [fact.label, fact.local_label]
        if any(label and Topic.FIT in read_question(label).topics for label in labels):
            parts.add(_sentence(fact.local, lang), "fit", f"{facts.sku}:{fact.kind}")
            said = True
            break
    keys = ["model_info"] if said else ["fit", "model_info"]
    if not regex.search(r"\d", text):
        keys = [k for k in keys if k != "model_info"]
    for key in keys:
        fact = facts.fact(f"attribute:{key}")
        if fact is None:
            continue
        if fact.local:
            parts.add(attribute_sentence(facts, fact), "fit", f"{facts.sku}:{fact.kind}")
            said = True
        else:
            parts.unsettled.append(fact.key)
    return said


def _property_lines(settled: Settled, facts: ProductFacts, parts: _Parts) -> None:
    lang = facts.market.language
    verdict, evidence = settled.verdict, settled.evidence
    if verdict is None or evidence is None:
        parts.unsettled.append(f"property:{settled.prop.name}")
        return
    src = f"{facts.sku}:{evidence.kind}"
    if settled.by_faq and evidence.local:  # the seller's FAQ asks exactly this
        answer = _sentence(evidence.local, lang)
        if verdict in ("yes", "no") and not _OPENS_WITH_VERDICT.search(answer.lower()):
            answer = _joined(lang, [line(lang, f"verdict_{verdict}"), answer])
        parts.add(answer, "faq", src)
        return
    said = settled.prop.line(verdict, lang)
    if said is None:
        if not evidence.local:
            parts.unsettled.append(f"property:{settled.prop.name}")
            return
        said = line(lang, f"verdict_{verdict}")
    parts.add(said, "property", src)
    if evidence.local and evidence.kind == "attribute":
        parts.add(attribute_sentence(facts, evidence), "property", src)
    elif evidence.local and evidence.kind == "selling_point":
        parts.add(_sentence(evidence.local, lang), "property", src)


def _about_lines(facts: ProductFacts, parts: _Parts) -> None:
    lang = facts.market.language
    points = facts.sayable("selling_point")[:2]
    if not points:
        parts.unsettled.append("about")
        return
    said = [_sentence(p.local, lang) for p in points if p.local]
    first = line(lang, "highlights", name=facts.name, facts=said[0])
    text = _joined(lang, [first, *said[1:]])
    parts.add(text, "about", f"{facts.sku}:selling_point")


# -- shipping ------------------------------------------------------------------------------------
def _shipping_lines(
    asked: Asked, facts: ProductFacts, terms: Mapping | None, parts: _Parts
) -> None:
    from shopcast.assistant.shipping import shipping_answer

    lang = facts.market.language
    if terms is None:
        parts.add(line(lang, "shipping_unknown"), "shipping", f"shipping:{facts.market.code}")
        return
    wanted = " ".join(
        t
        for t, on in (("shipping", Topic.SHIPPING in asked), ("returns", Topic.RETURNS in asked))
        if on
    )
    answered = shipping_answer(wanted, facts.market, dict(terms))
    if answered is not None:
        text, sources = answered
        parts.add(text, "shipping", *(sources or [f"shipping:{facts.market.code}"]))


# -- one question --------------------------------------------------------------------------------
def catalog_answer(
    text: str,
    targets: list[ProductFacts],
    *,
    shipping: Mapping | None = None,
    asked: Asked | None = None,
) -> CatalogAnswer | None:
    """The answer the catalog gives in code to ``text`` about ``targets`` (the products it is
    about, first the main one), or None when nothing in it is answered in code."""
    if not targets:
        return None
    asked = asked or read_question(text)
    props = asked_properties(text)
    lang = targets[0].market.language
    parts = _Parts()
    shipped = False
    for facts in targets:
        if not facts.on_sale:
            parts.add(
                line(lang, "not_on_sale", name=facts.name), "unavailable", f"{facts.sku}:status"
            )
            continue
        _one_product(text, asked, props, facts, parts)
        if not shipped and ({Topic.SHIPPING, Topic.RETURNS} & asked.topics):
            _shipping_lines(asked, facts, shipping, parts)
            shipped = True
    if not parts.lines:
        if parts.unsettled:
            return CatalogAnswer("", "safe", [], parts.unsettled)
        return None
    main = next((p for p in parts.paths if p != "stock"), parts.paths[0])
    return CatalogAnswer(_joined(lang, parts.lines), main, parts.sources, parts.unsettled)


def _one_product(
    text: str, asked: Asked, props: list[Property], facts: ProductFacts, parts: _Parts
) -> None:
    found, missing = mentioned_options(text, facts)
    priced = bool({Topic.PRICE, Topic.DEAL} & asked.topics)
    other = bool(props or asked.attributes or Topic.FIT in asked)
    if Topic.PRICE in asked:
        _price_lines(facts, found, parts)
    if Topic.DEAL in asked or (Topic.HOW_LONG in asked and Topic.PRICE in asked):
        _deal_lines(facts, asked, parts)
    listing = bool({Topic.SIZES, Topic.COLOURS, Topic.OPTIONS} & asked.topics)
    if found and listing and not missing and not _WHICH.search(fold(text)):
        listing = False  # "セージ色もある？" asks about one colour, not for the list
    if Topic.STOCK in asked or Topic.RESTOCK in asked:
        _stock_lines(facts, asked, found, parts)
        if missing or listing:
            _option_lines(facts, asked, [], missing, parts, listing=listing)
    elif listing or missing or (found and not priced and not other):
        values = [] if priced or other else found
        _option_lines(facts, asked, values, missing, parts, listing=listing)
    for prop in props:
        _property_lines(settle(prop, facts), facts, parts)
    if Topic.FIT in asked:
        _fit_lines(text, facts, parts)
    attr_topics = [t for t in asked.attributes if not _covered(t, props)]
    if attr_topics:
        _attribute_lines(facts, attr_topics, parts)
    if Topic.ABOUT in asked and not parts.lines:
        _about_lines(facts, parts)


def _covered(topic: str, props: list[Property]) -> bool:
    """An attribute topic a property already answers ("is it machine washable?" is the
    property, not the care attribute read out beside it)."""
    overlaps = {
        "care": {"machine_washable", "tumble_dry", "dishwasher_safe", "microwave_safe", "shrink"},
        "hobs": {"oven_safe", "induction"},
        "water_resistance": {"waterproof"},
        "charging": {"wireless_charging"},
        "compatibility": {"phones"},
        "closure": {"adjustable"},
        "scent": {"fragrance_free"},
        "skin_type": {"sensitive_skin"},
        "packaging": {"gift_box"},
        "material": {"organic"},
    }
    return bool(overlaps.get(topic, set()) & {p.name for p in props})


LIKELY_TOPICS = (Topic.PRICE, Topic.DEAL, Topic.SIZES, Topic.COLOURS, Topic.STOCK, Topic.SHIPPING)


def likely_answers(facts: ProductFacts, *, shipping: Mapping | None = None) -> list[str]:
    """The answers to the questions viewers most often ask about a product on screen (price,
    deal, sizes, colours, stock, shipping), as they would be said now: a show can voice them
    before anyone asks. The same question later gets the same text while the catalog is
    unchanged, so the kept audio matches."""
    out = []
    for topic in LIKELY_TOPICS:
        asked = Asked(frozenset({topic}))
        found = catalog_answer("", [facts], shipping=shipping, asked=asked)
        if found is not None and found.text and found.text not in out:
            out.append(found.text)
    return out
