"""The markets shopcast supports, loaded from ``markets.yaml``, and price formatting."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from importlib import resources

import yaml
from babel import Locale
from babel.numbers import format_currency

from shopcast.errors import InvalidInputError
from shopcast.markets.types import Market


@cache
def _markets() -> dict[str, Market]:
    text = resources.files("shopcast.markets").joinpath("markets.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    return {code: Market(code=code, **fields) for code, fields in raw.items()}


def list_markets() -> list[Market]:
    """Every supported market, in the order of ``markets.yaml``."""
    return list(_markets().values())


def get_market(code: str) -> Market:
    """The market for a code such as ``ko-KR`` (case and ``_`` vs ``-`` are forgiven)."""
    markets = _markets()
    wanted = code.strip().replace("_", "-")
    for known, market in markets.items():
        if known.lower() == wanted.lower():
            return market
    raise InvalidInputError(
        f"Unknown market {code!r}. Supported markets: {', '.join(markets)}.",
        hint="Pass one of the supported codes, e.g. --market ko-KR.",
    )


def format_price(amount: Decimal, currency: str, market: Market) -> str:
    """``amount`` in ``currency`` as shoppers of ``market`` read it.

    Whole amounts drop the fraction (``$38``, ``₩39,000``, ``Rp549.000``); others keep the
    currency's digits (``R$ 199,90``, ``36,90 €``). Babel's spacing (no-break spaces) is kept.
    """
    amount = Decimal(amount)
    currency = currency.upper()
    if amount == amount.to_integral_value():
        pattern = Locale.parse(market.locale).currency_formats["standard"].pattern
        whole_pattern = pattern.split(";")[0].replace(".00", "")
        return format_currency(
            amount, currency, format=whole_pattern, locale=market.locale, currency_digits=False
        )
    return format_currency(amount, currency, locale=market.locale)
