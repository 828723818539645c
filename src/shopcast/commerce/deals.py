"""Flash deals: scheduled → countdown → live → ended, or sold_out once every unit is sold.

The state is a pure function of the deal row and ``now`` (no background job flips it), so a
controllable clock drives every transition in tests.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopcast.commerce.clock import as_utc
from shopcast.commerce.errors import DealNotLiveError
from shopcast.commerce.schemas import DealCreate, DealPublic, DealState
from shopcast.commerce.stock import deal_units_left
from shopcast.commerce.tables import FlashDealRow, OrderLineRow, OrderRow
from shopcast.commerce.variants import require_on_sale, variant_by_sku
from shopcast.errors import InvalidInputError, NotFoundError


def deal_state(deal: FlashDealRow, now: datetime) -> DealState:
    starts = as_utc(deal.starts_at)
    if now >= starts + timedelta(seconds=deal.window_seconds):
        return "ended"
    if now >= starts:
        return "sold_out" if deal.sold_quantity >= deal.total_quantity else "live"
    if now >= starts - timedelta(seconds=deal.countdown_seconds):
        return "countdown"
    return "scheduled"


def get_deal(session: Session, deal_id: int) -> FlashDealRow:
    deal = session.get(FlashDealRow, deal_id)
    if deal is None:
        raise NotFoundError(f"No flash deal {deal_id}.")
    return deal


def create_deal(session: Session, data: DealCreate, now: datetime) -> FlashDealRow:
    variant = variant_by_sku(session, data.sku)
    require_on_sale(variant)
    starts_at = as_utc(data.starts_at)
    if starts_at + timedelta(seconds=data.window_seconds) <= now:
        raise InvalidInputError(
            f"Flash deal for {data.sku!r} would already be over (starts {starts_at.isoformat()}, "
            f"{data.window_seconds} s window).",
            hint="Pick a start time in the future.",
        )
    deal = FlashDealRow(
        variant_id=variant.id,
        sku=variant.sku,
        currency=data.currency,
        deal_price=data.deal_price,
        starts_at=starts_at,
        countdown_seconds=data.countdown_seconds,
        window_seconds=data.window_seconds,
        total_quantity=data.total_quantity,
        sold_quantity=0,
        per_customer_limit=data.per_customer_limit,
        show_id=data.show_id,
    )
    session.add(deal)
    session.flush()
    return deal


def start_deal(session: Session, deal: FlashDealRow, now: datetime) -> FlashDealRow:
    """Start the countdown now: the sale opens ``countdown_seconds`` from ``now``."""
    state = deal_state(deal, now)
    if state != "scheduled":
        raise DealNotLiveError(
            f"Flash deal {deal.id} cannot be started: it is {state}.", state=state
        )
    deal.starts_at = now + timedelta(seconds=deal.countdown_seconds)
    return deal


def require_live(deal: FlashDealRow, now: datetime) -> None:
    state = deal_state(deal, now)
    if state == "live":
        return
    messages = {
        "scheduled": "has not started yet",
        "countdown": f"opens in {(as_utc(deal.starts_at) - now).total_seconds():.0f} s",
        "ended": "has ended",
        "sold_out": "is sold out",
    }
    raise DealNotLiveError(f"Flash deal {deal.id} {messages[state]}.", state=state)


def units_bought_query(deal_id: int, customer_id: str):  # noqa: ANN201 - a Select
    """A query for the deal units a customer holds in orders that are not cancelled."""
    return (
        select(func.coalesce(func.sum(OrderLineRow.quantity), 0))
        .join(OrderRow)
        .where(
            OrderLineRow.deal_id == deal_id,
            OrderRow.customer_id == customer_id,
            OrderRow.status != "cancelled",
        )
    )


def units_bought(session: Session, deal_id: int, customer_id: str) -> int:
    """Deal units a customer holds in orders that are not cancelled."""
    return int(session.scalar(units_bought_query(deal_id, customer_id)) or 0)


def deal_public(session: Session, deal: FlashDealRow, now: datetime) -> DealPublic:
    starts = as_utc(deal.starts_at)
    ends = starts + timedelta(seconds=deal.window_seconds)
    state = deal_state(deal, now)
    return DealPublic(
        id=deal.id,
        sku=deal.sku,
        currency=deal.currency,
        deal_price=deal.deal_price,
        state=state,
        starts_at=starts,
        ends_at=ends,
        countdown_starts_at=starts - timedelta(seconds=deal.countdown_seconds),
        seconds_to_start=max(0.0, (starts - now).total_seconds()),
        seconds_left=max(0.0, (ends - now).total_seconds()) if state == "live" else 0.0,
        total_quantity=deal.total_quantity,
        sold_quantity=deal.sold_quantity,
        remaining=0 if state == "ended" else deal_units_left(session, deal, now),
        per_customer_limit=deal.per_customer_limit,
        show_id=deal.show_id,
    )
