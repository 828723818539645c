"""Side-by-side comparisons built only from catalog attributes, with a grounded summary line.

Rows: price in the market's currency (the seller's price; none → ``None``, never converted),
materials, sizes, colours, then every other attribute both products have (skin type, fit,
care...). The summary line quotes, for each product, the catalog fact that best matches the
question (hybrid retrieval limited to that product): it states facts and never picks a winner.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from shopcast.assistant.mentions import mentioned_products, plural_heads, product_name
from shopcast.assistant.retrieval import Hit, Retriever
from shopcast.catalog.models import Product
from shopcast.live.chat.textmatch import fold
from shopcast.markets.registry import format_price
from shopcast.markets.types import Market

MAX_COMPARED = 3
CLOSE_FACT = 0.95  # a retrieved fact quoted in a summary must match the question this well
FACT_KINDS = ("attribute", "option", "selling_point", "faq")
# Attribute names that hold what a product is made of.
MATERIAL_KEYS = ("material", "materials", "fabric", "wax", "steel", "key_ingredients", "shell")
SIZE_OPTIONS = ("size", "capacity", "volume", "length")
COLOUR_OPTIONS = ("color", "colour")

# Asking for a comparison outright: with one product named, the one on screen is the other.
_COMPARE = re.compile(
    r"(?<!\w)(vs\.?|versus|compare|comparison|compared|difference|differences|differ|different|"
    r"diferente|different|differente|diverso|berbeda|"
    r"diferencia|diferencias|comparar|diferenca|comparacao|differenza|confronta|perbedaan|"
    r"bandingkan|beda)(?!\w)|비교|차이|比較|違い|比较|区别|區別|अंतर|तुलना",
)
# Choosing between products: a comparison only when two products are named.
_CHOOSE = re.compile(
    r"(?<!\w)(better|best|which|either|or|mejor|cual|o|melhor|qual|ou|meilleur|lequel|"
    r"laquelle|migliore|quale|oppure|lebih bagus|mana|atau|या|बेहतर)(?!\w)|"
    r"나아|어떤 게|어느 게|아니면|どっち|どちら|それとも|哪个|哪一个|还是|कौन सा",
)


# Words in a question → the attribute or option names they are about.
TOPIC_KEYS: dict[str, tuple[str, ...]] = {
    r"made of|made from|material|fabric|what is it made": ("material", "materials", "fabric"),
    r"\bsizes?\b|\bfit\b|\bfits\b": ("size", "fit", "model_info"),
    r"colou?rs?\b": ("color", "colour"),
    r"heavy|weigh": ("weight",),
    r"compatib|work with|works with|charge|charging": ("compatibility", "charging"),
    r"\bskin\b": ("skin_type",),
    r"wash|clean|care\b|dishwasher": ("care",),
    r"how big|capacity|hold\b|volume": ("capacity", "volume"),
    r"scent|smell|fragrance": ("scent_notes", "fragrance"),
    r"battery|charge last": ("battery",),
}


def topic_keys(text: str) -> set[str]:
    """Attribute/option names the question is about ("what is it made of" → material...)."""
    folded = fold(text)
    keys: set[str] = set()
    for pattern, names in TOPIC_KEYS.items():
        if re.search(pattern, folded):
            keys.update(names)
    return keys


class ComparisonRow(BaseModel):
    key: str  # price | material | sizes | colours | an attribute name
    label: str  # English label; the widget may translate by key
    values: list[str | None]  # one per compared product, None where the catalog has nothing


class Comparison(BaseModel):
    skus: list[str]
    titles: list[str]
    rows: list[ComparisonRow]
    summary: str
    sources: list[str]


def products_to_compare(
    text: str, products: list[Product], context: Product | None = None
) -> list[Product]:
    """Two or three products when ``text`` asks for a comparison, else an empty list.

    Named products come first ("X or Y"); "the two hoodies" names every product whose head
    noun is "hoodie"; a question that names one product and asks "vs this" adds ``context``.
    """
    folded = fold(text)
    cue, choice = bool(_COMPARE.search(folded)), bool(_CHOOSE.search(folded))
    if not (cue or choice):
        return []
    named = mentioned_products(text, products)
    plurals = plural_heads(text)
    for product in products:
        head = product_name(product).head
        if head in plurals and product not in named:
            named.append(product)
    if len(named) == 1 and context is not None and context.sku != named[0].sku and cue:
        named.append(context)
    if len(named) < 2:
        return []
    return named[:MAX_COMPARED]


def price_text(product: Product, market: Market) -> str | None:
    """The lowest seller price in the market's currency, formatted; None when there is none."""
    prices = [
        p
        for v in product.variants
        if (p := v.price_in(market.currency, product.currency)) is not None
    ]
    return format_price(min(prices), market.currency, market) if prices else None


def _attribute(product: Product, keys: tuple[str, ...]) -> str | None:
    lowered = {k.lower(): v for k, v in product.attributes.items()}
    values = [lowered[k] for k in keys if k in lowered]
    return "; ".join(values) if values else None


def _options(product: Product, names: tuple[str, ...]) -> str | None:
    for option in product.option_names:
        if option.lower() in names:
            return ", ".join(product.option_values(option))
    return None


def _label(key: str) -> str:
    return key.replace("_", " ").capitalize()


def build_comparison(
    text: str, compared: list[Product], market: Market, retriever: Retriever
) -> Comparison:
    rows = [
        ComparisonRow(key="price", label="Price", values=[price_text(p, market) for p in compared]),
        ComparisonRow(
            key="material",
            label="Material",
            values=[_attribute(p, MATERIAL_KEYS) for p in compared],
        ),
        ComparisonRow(
            key="sizes", label="Sizes", values=[_options(p, SIZE_OPTIONS) for p in compared]
        ),
        ComparisonRow(
            key="colours",
            label="Colours",
            values=[_options(p, COLOUR_OPTIONS) for p in compared],
        ),
    ]
    shown = set(MATERIAL_KEYS)
    for key in compared[0].attributes:
        if key.lower() in shown or not all(key in p.attributes for p in compared[1:]):
            continue
        rows.append(
            ComparisonRow(key=key, label=_label(key), values=[p.attributes[key] for p in compared])
        )
    rows = [r for r in rows if any(v is not None for v in r.values)]
    summary, sources = _summary(text, compared, rows, retriever)
    return Comparison(
        skus=[p.sku for p in compared],
        titles=[p.title for p in compared],
        rows=rows,
        summary=summary,
        sources=sources,
    )


def _row_line(compared: list[Product], rows: list[ComparisonRow]) -> str:
    parts = []
    for i, product in enumerate(compared):
        values = [r.values[i] for r in rows if r.values[i] is not None]
        if values:
            parts.append(f"{product.title}: {', '.join(v for v in values if v)}")
    return " · ".join(parts)


def _summary(
    text: str, compared: list[Product], rows: list[ComparisonRow], retriever: Retriever
) -> tuple[str, list[str]]:
    """One line of catalog facts: the rows the question is about ("oily skin" → skin type);
    else each product's fact retrieval ranks close to the question; else the first two rows
    that differ (price, material...)."""
    topic = topic_keys(text)
    about = [r for r in rows if r.key.lower() in topic]
    if about:
        line = _row_line(compared, about[:2])
        return line, [f"{p.sku}:attribute" for p in compared]
    facts = [_best_fact(text, p, retriever) for p in compared]
    if all(h is not None and h.score >= CLOSE_FACT for h in facts):
        line = " · ".join(_fact_line(h, p) for h, p in zip(facts, compared, strict=True) if h)
        return line, [f"{h.sku}:{h.kind}" for h in facts if h]
    differing = [r for r in rows if len(set(r.values)) > 1][:2]
    return _row_line(compared, differing or rows[:1]), [f"{p.sku}:attribute" for p in compared]


def _best_fact(text: str, product: Product, retriever: Retriever) -> Hit | None:
    hits = retriever.search(text, 6, sku=product.sku)
    return next((h for h in hits if h.kind in FACT_KINDS), None)


def _fact_line(hit: Hit, product: Product) -> str:
    """A retrieved fact as one line that names its product."""
    if hit.kind == "faq" and hit.answer:
        return f"{product.title}: {hit.answer}"
    return hit.text.replace("\n", " — ")
