"""What the catalog lets the host say about one product in one market: the allowed prices,
discounts, numbers, colours, sizes and materials, computed once from the catalog record."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from shopcast.catalog.models import Product
from shopcast.markets.types import Market
from shopcast.writing import lexicon
from shopcast.writing.amounts import find_amounts

COLOUR_OPTION_NAMES = {
    "color",
    "colour",
    "colors",
    "colours",
    "shade",
    "색상",
    "컬러",
    "색",
    "カラー",
    "色",
    "颜色",
    "顏色",
    "color/colour",
    "couleur",
    "colore",
    "cor",
    "warna",
    "रंग",
}
DOLLAR_CURRENCIES = {"USD", "CAD", "AUD", "SGD", "HKD", "TWD", "NZD", "MXN"}


def _norm(value: Decimal) -> Decimal:
    return value.normalize() if value == value.to_integral() else value.quantize(Decimal("0.01"))


@dataclass
class CatalogFacts:
    currency: str
    prices: set[Decimal] = field(default_factory=set)  # sayable money amounts, market currency
    discounts: set[Decimal] = field(default_factory=set)  # sayable "% off" values
    catalog_percents: set[Decimal] = field(default_factory=set)  # "100% linen"
    numbers: set[Decimal] = field(default_factory=set)
    colours: set[str] = field(default_factory=set)  # canonical colours the product has
    colour_values: list[str] = field(default_factory=list)  # as written in the catalog
    sizes: set[str] = field(default_factory=set)  # upper-cased size values
    materials: set[str] = field(default_factory=set)
    brands: set[str] = field(default_factory=set)
    text: str = ""  # the seller's own words: substantiation for "unless_substantiated" rules

    def resolve_currency(self, marker: str | None) -> str | None:
        if marker == "$":
            return self.currency if self.currency in DOLLAR_CURRENCIES else "USD"
        if marker == "¥":
            return self.currency if self.currency in {"JPY", "CNY"} else "JPY"
        return marker


def catalog_text(product: Product) -> str:
    parts = [product.title, product.description, product.category, product.brand]
    parts += product.tags + product.selling_points
    parts += [f"{k}: {v}" for k, v in product.attributes.items()]
    parts += [f"{f.question} {f.answer}" for f in product.faqs]
    parts += [f"{k}: {v}" for variant in product.variants for k, v in variant.options.items()]
    for text in product.texts.values():  # the seller's words in every language substantiate
        parts += [text.title, text.spoken_name, text.description, *text.selling_points]
        parts += [f"{k}: {v}" for k, v in text.attributes.items()]
        parts += [f"{f.question} {f.answer}" for f in text.faqs]
        parts += list(text.option_values.values())
    return "\n".join(p for p in parts if p)


def discount_percents(price: Decimal, compare_at: Decimal) -> set[Decimal]:
    """ "% off" values derivable from a price cut: exact, rounded and floored."""
    if compare_at <= 0 or price >= compare_at:
        return set()
    exact = (1 - price / compare_at) * 100
    return {
        _norm(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)),
        Decimal(int(exact.to_integral_value(rounding=ROUND_HALF_UP))),
        Decimal(math.floor(exact)),
    }


def build_facts(product: Product, market: Market) -> CatalogFacts:
    currency = market.currency.upper()
    text = catalog_text(product)
    facts = CatalogFacts(currency=currency, text=text)
    for v in product.variants:
        price = v.price_in(currency, product.currency)
        if price is not None:
            facts.prices.add(_norm(price))
        if v.compare_at_price is not None:
            facts.discounts |= discount_percents(v.price, v.compare_at_price)
        # the compare-at price in the market's currency: the seller's own ("down from
        # 106,000 won"), never a conversion
        was = v.compare_at_in(currency, product.currency)
        if was is not None and price is not None:
            facts.discounts |= discount_percents(price, was)
            facts.prices.add(_norm(was))
            if was > price:
                facts.prices.add(_norm(was - price))  # "save $20"
        facts.numbers.add(Decimal(v.stock))
    for amount in find_amounts(text):
        facts.numbers.update(_norm(x) for x in amount.values)
        if amount.kind == "percent":
            facts.catalog_percents.update(_norm(x) for x in amount.values)
    facts.numbers |= facts.prices | facts.discounts
    colour_values = [
        val
        for v in product.variants
        for k, val in v.options.items()
        if k.lower() in COLOUR_OPTION_NAMES
    ] + [val for k, val in product.attributes.items() if k.lower() in COLOUR_OPTION_NAMES]
    facts.colour_values = list(dict.fromkeys(colour_values))
    size_values = [
        val
        for v in product.variants
        for k, val in v.options.items()
        if k.lower() in lexicon.sizes().option_names
    ]
    facts.sizes = {s.strip().upper() for s in size_values}
    facts.sizes |= lexicon.sizes().words.canonicals(" ".join(size_values))
    # Counts a host may say: every option value, and the ones still in stock ("2 colours").
    in_stock = [v for v in product.variants if v.stock > 0]
    for key in {k for v in product.variants for k in v.options}:
        facts.numbers.add(Decimal(len({v.options[key] for v in in_stock if key in v.options})))
    facts.numbers |= {
        Decimal(1),
        Decimal(product.total_stock),
        Decimal(len(product.variants)),
        Decimal(len(facts.colour_values)),
        Decimal(len(facts.sizes)),
    }
    colour_source = " ".join([*facts.colour_values, product.title, *product.tags])
    facts.colours = lexicon.colours().canonicals(colour_source)
    facts.materials = lexicon.materials().canonicals(text)
    facts.brands = {b.lower() for b in lexicon.brands().canonicals(text)}
    if product.brand:
        facts.brands.add(product.brand.lower())
    return facts
