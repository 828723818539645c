"""The honest answer when the catalog cannot answer: say so, say what IS known, and where to look.

"I don't have that detail" every time tells a viewer nothing. Instead: the details of this
product don't cover it (so the host won't guess), the catalog fact nearest to the question in
the market's language (what retrieval found for it, else a selling point, else its options or
price), and the right place — the size chart for fit, checkout for shipping, the product page
otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence

from shopcast.assistant.retrieval import Hit
from shopcast.live.chat.facts.asks import Asked, Topic
from shopcast.live.chat.facts.lines import line, spoken_list
from shopcast.live.chat.facts.product import Fact, ProductFacts
from shopcast.live.chat.phrases import phrase

# an FAQ answer out of its question ("Yes. Both sizes are under 100 Wh") is not said here
_SKIP_KINDS = ("title", "option", "description", "faq")


def _fact_sentence(fact: Fact, facts: ProductFacts) -> str:
    lang = facts.market.language
    assert fact.local is not None
    if fact.kind == "attribute":
        from shopcast.live.chat.facts.fixed import attribute_sentence

        return attribute_sentence(facts, fact)
    else:
        text = fact.local.replace("\n", " ").strip()
    if text and text[-1] not in ".!?。！？":
        text += "。" if lang.startswith(("ja", "zh")) else "."
    return text


def nearest_fact(
    facts: ProductFacts, hits: Sequence[Hit], avoid: Sequence[str] = ()
) -> Fact | None:
    """The sayable fact retrieval ranked best for the question, else the first selling point."""
    for hit in hits:
        if hit.sku != facts.sku or hit.kind in _SKIP_KINDS or not hit.key or hit.key in avoid:
            continue
        fact = facts.fact(hit.key)
        if fact is not None and fact.local:
            return fact
    points = [f for f in facts.sayable("selling_point") if f.key not in avoid]
    return points[0] if points else None


def _structured(facts: ProductFacts) -> str:
    """A fact every product has in every language: its options, else its price."""
    lang, name = facts.market.language, facts.name
    if facts.colours:
        return line(
            lang, "colours", name=name, values=spoken_list(lang, [v.value for v in facts.colours])
        )
    if facts.sizes:
        return line(
            lang, "sizes", name=name, values=spoken_list(lang, [v.value for v in facts.sizes])
        )
    if facts.other_options:
        values = spoken_list(lang, [v.value for v in facts.other_options])
        return line(lang, "options", name=name, values=values)
    prices = facts.prices()
    if not prices:
        return ""
    key = "price" if min(prices) == max(prices) else "price_range"
    return phrase(lang, key, title=name, price=facts.price_text(min(prices)))


def honest_unknown(
    targets: Sequence[ProductFacts], hits: Sequence[Hit], asked: Asked, language: str
) -> tuple[str, list[str]]:
    """(text, sources) of the honest answer about the first of ``targets``."""
    if not targets:
        return f"{line(language, 'unknown_no_product')} {line(language, 'see_page')}", []
    facts = targets[0]
    lang = facts.market.language
    sep = "" if lang.startswith(("ja", "zh")) else " "
    if not facts.on_sale:
        return line(lang, "not_on_sale", name=facts.name), [f"{facts.sku}:status"]
    parts = [line(lang, "unknown", name=facts.name)]
    sources: list[str] = []
    fact = nearest_fact(facts, hits)
    known = _fact_sentence(fact, facts) if fact else _structured(facts)
    if fact is not None:
        sources.append(f"{facts.sku}:{fact.kind}")
    if known:
        parts.append(line(lang, "known", fact=known))
    if {Topic.FIT, Topic.SIZES} & asked.topics:
        parts.append(line(lang, "see_size_chart"))
    elif {Topic.SHIPPING, Topic.RETURNS} & asked.topics:
        parts.append(line(lang, "see_checkout"))
    else:
        parts.append(line(lang, "see_page"))
    return sep.join(parts), sources
