"""A flash deal started from the console: the same commerce deal as a rundown deal (checked
against the catalog price first), and the lines the host says as its true state moves on —
open ("... for $19 instead of $24!"), then sold out or ended."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from shopcast.catalog.models import Product
from shopcast.commerce import CommerceService
from shopcast.commerce.schemas import DealCreate
from shopcast.errors import InvalidInputError, ShopcastError
from shopcast.live.show import live_lines
from shopcast.live.show.showfile import DealSpec
from shopcast.markets.registry import format_price
from shopcast.markets.types import Market


@dataclass
class OperatorDeal:
    deal_id: int
    sku: str  # the variant on sale
    title: str  # the product's name as said aloud in the market (``spoken_name_in``)
    price_text: str
    regular_text: str
    announced: bool = False
    over: bool = False
    next_check: float = field(default_factory=time.monotonic)

    def next_line(self, commerce: CommerceService, market: Market) -> str | None:
        """The line the deal's state calls for now (None: nothing new to say)."""
        try:
            deal = commerce.get_deal(self.deal_id)
        except ShopcastError:
            self.over = True
            return live_lines.spoken(market.language, "deal_ended", title=self.title)
        if deal.state == "live" and not self.announced:
            self.announced = True
            return live_lines.spoken(
                market.language,
                "deal_open",
                title=self.title,
                price=self.price_text,
                regular=self.regular_text,
            )
        if deal.state in ("sold_out", "ended"):
            self.over = True
            key = "deal_sold_out" if deal.state == "sold_out" else "deal_ended"
            return live_lines.spoken(market.language, key, title=self.title)
        return None


def open_operator_deal(
    commerce: CommerceService, spec: DealSpec, product: Product, market: Market, show_id: str
) -> OperatorDeal:
    """Create the deal; refused (nothing created) when the variant is not the product's, the
    catalog has no price in the market's currency, or the deal price is not below it."""
    sku = spec.sku or product.variants[0].sku
    variant = next((v for v in product.variants if v.sku == sku), None)
    if variant is None:
        raise InvalidInputError(
            f"deal.sku: {sku!r} is not a variant of {product.sku!r}; it has: "
            + ", ".join(v.sku for v in product.variants)
        )
    regular = variant.price_in(market.currency, product.currency)
    if regular is None:
        raise InvalidInputError(
            f"deal: {product.sku!r} has no {market.currency} price in the catalog, so a deal "
            "price cannot be checked against it"
        )
    price = format_price(spec.price, market.currency, market)
    if spec.price >= regular:
        raise InvalidInputError(
            f"deal.price: {price} is not below the regular price "
            f"{format_price(regular, market.currency, market)}"
        )
    deal = commerce.create_deal(
        DealCreate(
            sku=sku,
            currency=market.currency,
            deal_price=spec.price,
            starts_at=datetime.now(UTC) + timedelta(seconds=spec.countdown_s),
            countdown_seconds=spec.countdown_s,
            window_seconds=spec.window_s,
            total_quantity=spec.quantity,
            per_customer_limit=spec.per_customer,
            show_id=show_id,
        )
    )
    return OperatorDeal(
        deal_id=deal.id,
        sku=sku,
        title=product.spoken_name_in(market.language),
        price_text=price,
        regular_text=format_price(regular, market.currency, market),
    )
