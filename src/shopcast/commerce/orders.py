"""Order status: pending_payment → confirmed → shipped, or → cancelled before shipping.

Every change appends a row to the order's status history. Cancelling gives the units back
(allocation ends, deal units and coupon uses are returned); shipping takes them off the shelf.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from shopcast.commerce.clock import as_utc
from shopcast.commerce.errors import ConflictError
from shopcast.commerce.locks import lock_for_checkout
from shopcast.commerce.payments import PaymentProvider
from shopcast.commerce.schemas import (
    OrderLinePublic,
    OrderPublic,
    PaymentPublic,
    StatusChangePublic,
)
from shopcast.commerce.stock import ship_units
from shopcast.commerce.tables import CouponRow, OrderRow, OrderStatusEventRow
from shopcast.errors import NotFoundError

ALLOWED = {
    "pending_payment": {"confirmed", "cancelled"},
    "confirmed": {"shipped", "cancelled"},
    "shipped": set(),
    "cancelled": set(),
}


def order_query():  # noqa: ANN201 - a Select
    return select(OrderRow).options(
        selectinload(OrderRow.lines), selectinload(OrderRow.history), selectinload(OrderRow.payment)
    )


def get_order(session: Session, order_id: int) -> OrderRow:
    row = session.scalar(order_query().where(OrderRow.id == order_id))
    if row is None:
        raise NotFoundError(f"No order {order_id}.")
    return row


def set_status(order: OrderRow, to_status: str, *, actor: str, note: str, now: datetime) -> None:
    if to_status not in ALLOWED[order.status]:
        raise ConflictError(
            f"Order {order.id} is {order.status}; it cannot become {to_status}.",
            hint=f"From {order.status} it can become: "
            f"{', '.join(sorted(ALLOWED[order.status])) or 'nothing (final)'}.",
        )
    order.history.append(
        OrderStatusEventRow(
            from_status=order.status, to_status=to_status, actor=actor, note=note, at=now
        )
    )
    order.status = to_status
    order.updated_at = now


def confirm_payment(
    order: OrderRow, provider: PaymentProvider, *, actor: str, note: str, now: datetime
) -> None:
    set_status(order, "confirmed", actor=actor, note=note or "payment confirmed", now=now)
    if order.payment is not None:
        provider.confirm(order.payment, actor, now)


def ship(session: Session, order: OrderRow, *, actor: str, note: str, now: datetime) -> None:
    variants = lock_for_checkout(
        session, variant_ids=[line.variant_id for line in order.lines]
    ).variants
    set_status(order, "shipped", actor=actor, note=note, now=now)
    for line in order.lines:
        ship_units(variants[line.variant_id], line.quantity)


def cancel(
    session: Session,
    order: OrderRow,
    provider: PaymentProvider | None,
    *,
    actor: str,
    note: str,
    now: datetime,
) -> None:
    locked = lock_for_checkout(
        session,
        deal_ids=[line.deal_id for line in order.lines if line.deal_id is not None],
        coupon_ids=[order.coupon_id] if order.coupon_id else [],
        variant_ids=[line.variant_id for line in order.lines],
    )
    deals, coupons = locked.deals, locked.coupons
    set_status(order, "cancelled", actor=actor, note=note, now=now)
    for line in order.lines:
        if line.deal_id is not None:
            deal = deals[line.deal_id]
            deal.sold_quantity = max(0, deal.sold_quantity - line.quantity)
    if order.coupon_id:
        coupon: CouponRow = coupons[order.coupon_id]
        coupon.used_count = max(0, coupon.used_count - 1)
    if order.payment is not None and provider is not None:
        provider.void(order.payment, now)


def order_public(order: OrderRow, coupon_code: str | None = None) -> OrderPublic:
    payment = order.payment
    return OrderPublic(
        id=order.id,
        customer_id=order.customer_id,
        status=order.status,  # type: ignore[arg-type]
        currency=order.currency,
        subtotal=order.subtotal,
        discount=order.discount,
        total=order.total,
        coupon_code=coupon_code,
        show_id=order.show_id,
        address=dict(order.address),
        lines=[
            OrderLinePublic(
                sku=line.sku,
                quantity=line.quantity,
                unit_price=line.unit_price,
                deal_id=line.deal_id,
            )
            for line in order.lines
        ],
        history=[
            StatusChangePublic(
                from_status=h.from_status,
                to_status=h.to_status,
                actor=h.actor,
                note=h.note,
                at=as_utc(h.at),
            )
            for h in order.history
        ],
        payment=None
        if payment is None
        else PaymentPublic(
            provider=payment.provider,
            status=payment.status,
            amount=payment.amount,
            currency=payment.currency,
            confirmed_by=payment.confirmed_by,
        ),
        created_at=as_utc(order.created_at),
    )
