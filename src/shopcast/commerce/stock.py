"""Stock arithmetic: available = on hand − allocated − live reservations.

Call these only inside a ``locks.write_transaction`` after ``lock_for_checkout`` has locked the
variant (and deal) rows, so nobody else changes the numbers before the transaction commits.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from shopcast.commerce.tables import (
    ALLOCATING_STATUSES,
    CartLineRow,
    FlashDealRow,
    OrderLineRow,
    OrderRow,
    ReservationRow,
)
from shopcast.store.tables import VariantRow

RESERVATION_TTL = timedelta(minutes=10)


def _live_reservations(now: datetime, exclude_cart_id: int | None):  # noqa: ANN202 - a Select
    query = select(func.coalesce(func.sum(ReservationRow.quantity), 0)).where(
        ReservationRow.expires_at > now
    )
    if exclude_cart_id is not None:
        query = query.join(CartLineRow, CartLineRow.id == ReservationRow.cart_line_id).where(
            CartLineRow.cart_id != exclude_cart_id
        )
    return query


def units_taken(
    variant_id: int,
    now: datetime,
    exclude_cart_id: int | None = None,
    exclude_order_id: int | None = None,
):  # noqa: ANN201 - a scalar SQL expression
    """Allocated (orders not shipped or cancelled, but ``exclude_order_id``) + held by live
    reservations of other carts than ``exclude_cart_id``: one SQL expression."""
    allocating = (
        select(func.coalesce(func.sum(OrderLineRow.quantity), 0))
        .join(OrderRow)
        .where(OrderLineRow.variant_id == variant_id, OrderRow.status.in_(ALLOCATING_STATUSES))
    )
    if exclude_order_id is not None:
        allocating = allocating.where(OrderRow.id != exclude_order_id)
    reserved = _live_reservations(now, exclude_cart_id).where(
        ReservationRow.variant_id == variant_id
    )
    return allocating.scalar_subquery() + reserved.scalar_subquery()


def available_units(
    session: Session,
    variant: VariantRow,
    now: datetime,
    exclude_cart_id: int | None = None,
    *,
    exclude_order_id: int | None = None,
) -> int:
    """On hand − allocated − live reservations of other carts (never below zero), in one query.
    ``exclude_order_id``: the order being placed, whose lines are already inserted."""
    taken = session.scalar(select(units_taken(variant.id, now, exclude_cart_id, exclude_order_id)))
    return max(0, variant.stock - int(taken or 0))


def deal_units_held(deal_id: int, now: datetime, exclude_cart_id: int | None = None):  # noqa: ANN201 - a Select
    """A query for the units of a deal held by live reservations of other carts."""
    return _live_reservations(now, exclude_cart_id).where(ReservationRow.deal_id == deal_id)


def deal_units_left(
    session: Session, deal: FlashDealRow, now: datetime, exclude_cart_id: int | None = None
) -> int:
    """Deal units neither sold nor held by another cart's live reservation."""
    held = int(session.scalar(deal_units_held(deal.id, now, exclude_cart_id)) or 0)
    return max(0, deal.total_quantity - deal.sold_quantity - held)


def reserve_line(session: Session, line: CartLineRow, now: datetime) -> ReservationRow:
    """Hold ``line.quantity`` units for the line's cart until ``now + RESERVATION_TTL``."""
    row = session.scalar(select(ReservationRow).where(ReservationRow.cart_line_id == line.id))
    if row is None:
        row = ReservationRow(cart_line_id=line.id, variant_id=line.variant_id, deal_id=line.deal_id)
        session.add(row)
    row.quantity = line.quantity
    row.expires_at = now + RESERVATION_TTL
    return row


def release_cart_reservations(session: Session, cart_id: int) -> None:
    line_ids = select(CartLineRow.id).where(CartLineRow.cart_id == cart_id)
    session.execute(delete(ReservationRow).where(ReservationRow.cart_line_id.in_(line_ids)))


def release_expired_reservations(session: Session, now: datetime) -> int:
    """Delete reservations that expired at or before ``now``; returns how many."""
    result = session.execute(delete(ReservationRow).where(ReservationRow.expires_at <= now))
    return int(result.rowcount or 0)


def ship_units(variant: VariantRow, quantity: int) -> None:
    """Shipping turns an allocation into units gone from the shelf."""
    variant.stock = max(0, variant.stock - quantity)
