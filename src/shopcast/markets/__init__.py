"""Markets: language, currency, price formatting and the localised AI disclosure."""

from shopcast.markets.registry import format_price, get_market, list_markets
from shopcast.markets.types import Market

__all__ = ["Market", "format_price", "get_market", "list_markets"]
