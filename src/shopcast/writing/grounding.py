"""The grounding check: does one line agree with the catalog and the market's policy?

``check_line`` returns every violation it finds; an empty list means the line may be spoken.
Kinds: ``price`` (a money amount that is not one of the product's prices in the market's
currency, or a currency the market does not use), ``discount`` (a "% off"/折/割/half-price
not derivable from price vs compare-at), ``number`` (any other number the catalog does not
contain), ``colour``, ``size``, ``material``, ``other_product`` (another brand), ``claim``
and ``endorsement`` (policy rules).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from shopcast.catalog.models import Product
from shopcast.markets.types import Market
from shopcast.writing import lexicon
from shopcast.writing.amounts import Amount, find_amounts
from shopcast.writing.facts import CatalogFacts, build_facts
from shopcast.writing.policy import ClaimsPolicy


@dataclass(frozen=True)
class Violation:
    kind: str
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.detail}"


def _fmt(values: set[Decimal]) -> str:
    return ", ".join(format(v, "f") for v in sorted(values)) or "none"


def _check_amount(amount: Amount, facts: CatalogFacts) -> Violation | None:
    values = set(amount.values)
    if amount.kind == "money":
        currency = facts.resolve_currency(amount.currency)
        if currency != facts.currency:
            return Violation(
                "price",
                f"{amount.text!r} is in {currency}, but this market sells in {facts.currency}",
            )
        if not values & facts.prices:
            return Violation(
                "price",
                f"{amount.text!r} is not a catalog price in {facts.currency} "
                f"(allowed: {_fmt(facts.prices)})",
            )
        return None
    if amount.kind == "percent":
        if values & (facts.discounts | facts.catalog_percents):
            return None
        return Violation(
            "discount",
            f"{amount.text!r} is not derivable from the catalog prices "
            f"(allowed % off: {_fmt(facts.discounts)})",
        )
    if amount.kind == "discount":
        if values & facts.discounts:
            return None
        return Violation(
            "discount",
            f"{amount.text!r} means {_fmt(values)}% off; "
            f"the catalog allows {_fmt(facts.discounts)}",
        )
    if not values & facts.numbers:
        return Violation("number", f"{amount.text!r} does not appear in the catalog")
    return None


def _check_colours(text: str, facts: CatalogFacts) -> list[Violation]:
    colours = lexicon.colours()
    allowed_families = {colours.family(c) for c in facts.colours}
    out = []
    for mention in colours.find(text):
        if mention.canonical in facts.colours or mention.canonical in allowed_families:
            continue
        if _as_the_seller_says(text, mention.start, mention.text, facts.text):
            continue  # "no white cast", "白浮きしない": a colour word, not a product colour
        if any(mention.text.lower() in value.lower() for value in facts.colour_values):
            continue
        have = ", ".join(facts.colour_values) or "no colour options"
        detail = f"{mention.text!r} is not a colour of this product ({have})"
        out.append(Violation("colour", detail))
    return out


def _as_the_seller_says(text: str, start: int, word: str, catalog: str) -> bool:
    """Whether the word at ``start`` is used inside a phrase the seller wrote: the word with
    its neighbours (the next Latin word, or the run of CJK/Hangul letters around it)."""
    end = start + len(word)
    if re.match(r"[A-Za-z]", word):
        after = re.match(r"[\s-]+[A-Za-z]+", text[end:])
        before = re.search(r"[A-Za-z]+[\s-]+$", text[:start])
        phrases = [word + after.group(0)] if after else []
        phrases += [before.group(0) + word] if before else []
    else:
        run = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]*")
        left = run.fullmatch(text[:start][::-1][:8]) or re.match(run, text[:start][::-1])
        right = re.match(run, text[end:])
        phrases = [(left.group(0)[::-1] if left else "") + word + (right.group(0) if right else "")]
        phrases = [p for p in phrases if p != word]
    low = catalog.lower()
    return any(p.lower() in low for p in phrases)


def _check_sizes(text: str, facts: CatalogFacts) -> list[Violation]:
    sizes = lexicon.sizes()
    # a size code right after a number is a unit ("1 L", "0.8 L"), not a size
    mentioned = {
        m.group(0)
        for m in sizes.codes.finditer(text)
        if not re.search(r"\d\s?$", text[: m.start()])
    }
    mentioned |= sizes.words.canonicals(text)
    have = ", ".join(sorted(facts.sizes)) or "no size options"
    return [
        Violation("size", f"size {size!r} is not offered ({have})")
        for size in sorted(mentioned)
        if size.upper() not in facts.sizes
    ]


def _check_materials(text: str, facts: CatalogFacts) -> list[Violation]:
    out = []
    for mention in lexicon.materials().find(text):
        if mention.canonical not in facts.materials:
            out.append(
                Violation("material", f"{mention.text!r} is not a material named in the catalog")
            )
    return out


def _check_brands(text: str, facts: CatalogFacts) -> list[Violation]:
    return [
        Violation("other_product", f"mentions {brand!r}, which is not this product's brand")
        for brand in sorted(lexicon.brands().canonicals(text))
        if brand.lower() not in facts.brands
    ]


def check_with_facts(text: str, facts: CatalogFacts, policy: ClaimsPolicy) -> list[Violation]:
    """``check_line`` with the catalog facts computed once (the generator checks many lines)."""
    violations = [v for a in find_amounts(text) if (v := _check_amount(a, facts)) is not None]
    violations += _check_colours(text, facts)
    violations += _check_sizes(text, facts)
    violations += _check_materials(text, facts)
    violations += _check_brands(text, facts)
    for hit in policy.scan(text, substantiation=facts.text):
        violations.append(Violation(hit.rule.kind, f"{hit.phrase!r}: {hit.rule.reason}"))
    return violations


def check_line(
    text: str, product: Product, market: Market, policy: ClaimsPolicy
) -> list[Violation]:
    """Every way ``text`` departs from the catalog or breaks the market's policy."""
    return check_with_facts(text, build_facts(product, market), policy)
