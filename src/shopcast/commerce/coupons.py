"""Coupons: percent or fixed amount, minimum spend, total and per-customer usage limits, and a
validity window."""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shopcast.commerce.clock import as_utc
from shopcast.commerce.errors import ConflictError, CouponError, LimitExceededError
from shopcast.commerce.schemas import CouponCreate, CouponPublic
from shopcast.commerce.tables import CouponRedemptionRow, CouponRow, OrderRow


def create_coupon(session: Session, data: CouponCreate) -> CouponRow:
    if session.scalar(select(CouponRow.id).where(CouponRow.code == data.code)) is not None:
        raise ConflictError(f"Coupon {data.code!r} already exists.")
    row = CouponRow(**data.model_dump(), used_count=0)
    session.add(row)
    try:
        session.flush()
    except IntegrityError as exc:
        raise ConflictError(f"Coupon {data.code!r} already exists.") from exc
    return row


def coupon_by_code(session: Session, code: str) -> CouponRow:
    row = session.scalar(select(CouponRow).where(CouponRow.code == code.strip().upper()))
    if row is None:
        raise CouponError(f"Unknown coupon code {code!r}.")
    return row


def redemptions_by(session: Session, coupon_id: int, customer_id: str) -> int:
    query = (
        select(func.count(CouponRedemptionRow.id))
        .join(OrderRow, OrderRow.id == CouponRedemptionRow.order_id)
        .where(
            CouponRedemptionRow.coupon_id == coupon_id,
            CouponRedemptionRow.customer_id == customer_id,
            OrderRow.status != "cancelled",
        )
    )
    return int(session.scalar(query) or 0)


def coupon_discount(
    session: Session,
    coupon: CouponRow,
    *,
    customer_id: str,
    subtotal: Decimal,
    currency: str,
    now: datetime,
) -> Decimal:
    """The discount ``coupon`` gives on ``subtotal``; ``CouponError`` when it does not apply."""
    code = coupon.code
    if coupon.starts_at is not None and now < as_utc(coupon.starts_at):
        raise CouponError(
            f"Coupon {code} is not valid before {as_utc(coupon.starts_at):%Y-%m-%d %H:%M} UTC."
        )
    if coupon.ends_at is not None and now >= as_utc(coupon.ends_at):
        raise CouponError(f"Coupon {code} expired on {as_utc(coupon.ends_at):%Y-%m-%d %H:%M} UTC.")
    if coupon.usage_limit is not None and coupon.used_count >= coupon.usage_limit:
        raise CouponError(f"Coupon {code} has been used up.")
    if coupon.kind == "fixed" and (coupon.currency or "").upper() != currency.upper():
        raise CouponError(f"Coupon {code} is for {coupon.currency} orders, not {currency}.")
    if subtotal < coupon.min_spend:
        raise CouponError(
            f"Coupon {code} needs a subtotal of at least {coupon.min_spend} (this one: {subtotal})."
        )
    if coupon.per_customer_limit is not None:
        used = redemptions_by(session, coupon.id, customer_id)
        if used >= coupon.per_customer_limit:
            raise LimitExceededError(
                f"Coupon {code} can be used {coupon.per_customer_limit} time(s) per customer; "
                "you have used it already."
            )
    if coupon.kind == "percent":
        discount = (subtotal * coupon.value / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
    else:
        discount = coupon.value
    return min(discount, subtotal)


def coupon_public(row: CouponRow) -> CouponPublic:
    return CouponPublic(
        code=row.code,
        kind=row.kind,
        value=row.value,
        currency=row.currency,
        min_spend=row.min_spend,
        usage_limit=row.usage_limit,
        per_customer_limit=row.per_customer_limit,
        used_count=row.used_count,
        starts_at=as_utc(row.starts_at) if row.starts_at else None,
        ends_at=as_utc(row.ends_at) if row.ends_at else None,
    )
