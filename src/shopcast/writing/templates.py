"""Fallback lines from catalog facts only (``templates/lines.yaml``), one language each."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from babel.numbers import format_currency

from shopcast.catalog.models import Product
from shopcast.errors import InvalidInputError
from shopcast.markets.types import Market
from shopcast.writing.facts import COLOUR_OPTION_NAMES
from shopcast.writing.script import base_language

TEMPLATE_FILE = Path(__file__).with_name("templates") / "lines.yaml"


@cache
def _all_templates() -> dict[str, Any]:
    try:
        return yaml.safe_load(TEMPLATE_FILE.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InvalidInputError(f"template file {TEMPLATE_FILE} cannot be read: {exc}") from exc


def language_key(language: str) -> str:
    """``pt-BR`` → ``pt``; unknown languages fall back to English templates."""
    key = base_language(language)
    return key if key in _all_templates() else "en"


def language_info(language: str) -> dict[str, Any]:
    return _all_templates()[language_key(language)]


def money(amount: Decimal, market: Market) -> str:
    """A price written the market's way (Babel/CLDR): ₩39,000, 36,90 €, R$ 199,90."""
    return format_currency(amount, market.currency, locale=market.locale)


def fact_values(product: Product, market: Market) -> dict[str, str]:
    """Placeholder values; a fact the catalog lacks is absent (its templates are skipped)."""
    values: dict[str, str] = {"title": product.title}
    lang = language_key(market.language)
    joiner = "、" if lang in ("ja", "zh") else ", "
    priced = [
        (p, v)
        for v in product.variants
        if (p := v.price_in(market.currency, product.currency)) is not None
    ]
    if priced:
        price, variant = min(priced, key=lambda pv: pv[0])
        values["price"] = money(price, market)
        same_currency = market.currency.upper() == product.currency
        if same_currency and variant.compare_at_price and variant.compare_at_price > price:
            values["was"] = money(variant.compare_at_price, market)
    colours = [
        val
        for v in product.variants
        for k, val in v.options.items()
        if k.lower() in COLOUR_OPTION_NAMES
    ]
    if colours:
        values["colours"] = joiner.join(dict.fromkeys(colours))
    sizes = product.option_values("size")
    if sizes:
        values["sizes"] = joiner.join(sizes)
    if product.selling_points:
        values["point"] = product.selling_points[0]
    return values


def template_lines(kind: str, product: Product, market: Market, *, variant: int = 0) -> list[str]:
    """Candidate fallback lines for one beat kind, the variant's preferred one first."""
    templates: list[str] = list(language_info(market.language).get(kind, []))
    if not templates:
        return []
    values = fact_values(product, market)
    shift = variant % len(templates)
    lines = []
    for template in templates[shift:] + templates[:shift]:
        try:
            lines.append(template.format(**values))
        except KeyError:
            continue  # a fact this product does not have
    return lines
