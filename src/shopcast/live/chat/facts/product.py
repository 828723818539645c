"""What the host may say about one product in one market: the catalog record read once.

Structured facts (prices in the market's currency, the seller's compare-at price, option values
with their stock, whether the product is sold at all) are answered in code. The seller's words
(attributes, selling points, FAQs, the description) come as :class:`Fact`\\ s that carry their
text in the product's own language (``source``) and, when the seller or a reviewed draft gave
one, in the market's language (``local``). Only ``local`` text is ever spoken: an English care
instruction is not read into a Korean show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from shopcast.catalog.models import Product, ProductText, Variant, base_language
from shopcast.markets.registry import format_price
from shopcast.markets.types import Market
from shopcast.writing import lexicon
from shopcast.writing.facts import COLOUR_OPTION_NAMES

# Values that read the same in every language: numbers, units and codes ("350 ml", "IPX4",
# "SPF 50+ PA++++", "24 cm: 1.3 kg; 28 cm: 1.7 kg").
_UNITS = frozenset(
    {"ml", "l", "g", "kg", "mg", "mm", "cm", "m", "mah", "wh", "w", "v", "gsm", "hrc", "h"}
    | {"min", "oz", "in", "°", "%", "x", "×"}
)
_NUMBER = re.compile(r"^[+±~–-]?\d[\d.,±–-]*[+%°]*$")
_CODE = re.compile(r"^[A-Z0-9][A-Z0-9+.\-]*[A-Z0-9+]$")  # upper case only: "IPX4", "PA++++"


def language_neutral(value: str) -> bool:
    """Whether ``value`` is numbers, units and codes only, so any language may say it."""
    tokens = [t for t in re.split(r"[\s,;:/()]+", value.strip()) if t]
    return bool(tokens) and all(
        _NUMBER.match(t) or t.lower() in _UNITS or _CODE.match(t) for t in tokens
    )


@dataclass(frozen=True)
class Fact:
    """One piece of the seller's words about a product."""

    key: str  # "attribute:care", "faq:1", "selling_point:0", "description"
    kind: str  # attribute | faq | selling_point | description
    label: str  # the attribute's name ("care"); the FAQ's question; "" otherwise
    source: str  # in the product's language
    local: str | None  # in the market's language; None when the catalog has no text in it
    local_label: str = ""  # the attribute name / FAQ question in the market's language

    @property
    def sayable(self) -> bool:
        return bool(self.local)


@dataclass(frozen=True)
class OptionValue:
    option: str  # the option's name as written ("Color")
    value: str  # "Olive"
    stock: int  # summed over the variants that have this value

    @property
    def in_stock(self) -> bool:
        return self.stock > 0


@dataclass(frozen=True)
class ProductFacts:
    product: Product
    market: Market
    name: str  # how the host says the product's name in the market's language
    local_text: ProductText | None  # the product's words in the market's language
    facts: list[Fact] = field(default_factory=list)
    colours: list[OptionValue] = field(default_factory=list)
    sizes: list[OptionValue] = field(default_factory=list)
    other_options: list[OptionValue] = field(default_factory=list)

    @property
    def sku(self) -> str:
        return self.product.sku

    @property
    def language(self) -> str:
        return base_language(self.market.language)

    @property
    def on_sale(self) -> bool:
        return self.product.on_sale

    @property
    def in_stock(self) -> bool:
        return self.product.total_stock > 0

    @property
    def options(self) -> list[OptionValue]:
        return [*self.colours, *self.sizes, *self.other_options]

    def prices(self) -> list[Decimal]:
        """The seller's prices in the market's currency (one per variant that has one)."""
        cur = self.market.currency
        return [p for v in self.product.variants if (p := v.price_in(cur, self.product.currency))]

    def price_text(self, amount: Decimal) -> str:
        return format_price(amount, self.market.currency, self.market)

    def deal(self) -> tuple[Decimal, Decimal] | None:
        """(price, compare-at price) of the deepest price cut the seller set, when the market
        sells in the catalog's own currency (compare-at prices exist only in that one)."""
        if self.market.currency.upper() != self.product.currency.upper():
            return None
        cuts = [
            (v.price, v.compare_at_price)
            for v in self.product.variants
            if v.compare_at_price is not None and v.compare_at_price > v.price
        ]
        if not cuts:
            return None
        return max(cuts, key=lambda pair: pair[1] - pair[0])

    def variants_with(self, values: list[OptionValue]) -> list[Variant]:
        """The variants that have every one of ``values`` (an empty list: all of them)."""
        return [
            v
            for v in self.product.variants
            if all(v.options.get(o.option) == o.value for o in values)
        ]

    def sayable(self, kind: str | None = None) -> list[Fact]:
        return [f for f in self.facts if f.sayable and (kind is None or f.kind == kind)]

    def fact(self, key: str) -> Fact | None:
        return next((f for f in self.facts if f.key == key), None)

    def text(self) -> str:
        """Everything the catalog says, in both languages: what an answer may draw on."""
        parts = [self.product.title, self.name, self.product.brand]
        for f in self.facts:
            parts += [f.label, f.source, f.local_label, f.local or ""]
        parts += [f"{o.option}: {o.value}" for o in self.options]
        return "\n".join(p for p in parts if p)


def _option_kind(name: str) -> str:
    low = name.strip().lower()
    if low in COLOUR_OPTION_NAMES:
        return "colour"
    if low in lexicon.sizes().option_names:
        return "size"
    return "other"


def _option_values(product: Product) -> dict[str, list[OptionValue]]:
    stock: dict[tuple[str, str], int] = {}
    for v in product.variants:
        for name, value in v.options.items():
            stock[(name, value)] = stock.get((name, value), 0) + v.stock
    out: dict[str, list[OptionValue]] = {"colour": [], "size": [], "other": []}
    for (name, value), count in stock.items():
        out[_option_kind(name)].append(OptionValue(name, value, count))
    return out


def _aligned(source: list[str], local: list[str] | None, i: int) -> str | None:
    """The local entry matching ``source[i]``: translations keep the seller's order, so
    entries align by position when both lists have the same length."""
    if local is None or len(local) != len(source):
        return None
    return local[i] or None


def _build_facts(product: Product, local: ProductText | None, same: bool) -> list[Fact]:
    out: list[Fact] = []
    attrs = list(product.attributes.items())
    local_attrs = dict(local.attributes) if local else {}
    local_items = list(local_attrs.items())
    for i, (key, value) in enumerate(attrs):
        if key in local_attrs:
            loc_label, loc_value = key, local_attrs[key]
        elif local is not None and len(local_items) == len(attrs):
            loc_label, loc_value = local_items[i]
        else:
            loc_label, loc_value = "", None
        if loc_value is None and language_neutral(value):
            loc_value = value
        out.append(Fact(f"attribute:{key}", "attribute", key, value, loc_value, loc_label))
    sources = product.selling_points
    local_points = local.selling_points if local else None
    for i, point in enumerate(sources):
        out.append(
            Fact(
                f"selling_point:{i}",
                "selling_point",
                "",
                point,
                point if same else _aligned(sources, local_points, i),
            )
        )
    questions = [f.question for f in product.faqs]
    local_faqs = local.faqs if local else None
    for i, faq in enumerate(product.faqs):
        loc = (
            local_faqs[i] if local_faqs is not None and len(local_faqs) == len(questions) else None
        )
        out.append(
            Fact(
                f"faq:{i}",
                "faq",
                faq.question,
                faq.answer,
                faq.answer if same else (loc.answer if loc else None),
                faq.question if same else (loc.question if loc else ""),
            )
        )
    if product.description.strip():
        desc = local.description.strip() if local and local.description.strip() else None
        out.append(
            Fact(
                "description",
                "description",
                "",
                product.description.strip(),
                product.description.strip() if same else desc,
            )
        )
    return out


def product_facts(product: Product, market: Market) -> ProductFacts:
    """The facts of ``product`` for a show in ``market``."""
    lang = base_language(market.language)
    local = product.text_in(lang)
    same = lang == product.language
    options = _option_values(product)
    return ProductFacts(
        product=product,
        market=market,
        name=_spoken_name(product, lang, local),
        local_text=local,
        facts=_build_facts(product, local, same),
        colours=options["colour"],
        sizes=options["size"],
        other_options=options["other"],
    )


def _spoken_name(product: Product, lang: str, local: ProductText | None) -> str:
    if local is not None:
        return local.spoken_name or local.title or product.spoken_name or product.title
    # no words in the market's language: the brand-like name as the seller wrote it
    return product.spoken_name or product.title
