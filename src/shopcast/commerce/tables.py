"""Commerce tables: carts, reservations, flash deals, coupons, orders, payments, the outbox.

They share ``shopcast.store.tables.Base`` and are created by the Alembic revision
``0002_commerce``; change both together. Variants are referenced by their catalog primary key
(``variants.id``) plus the SKU copied at the time, so an order keeps reading right even after the
catalog changes.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shopcast.store.tables import Base, Money, utcnow

ORDER_STATUSES = ("pending_payment", "confirmed", "shipped", "cancelled")
# Orders whose lines still hold stock (allocated, not yet shipped).
ALLOCATING_STATUSES = ("pending_payment", "confirmed")


def _when() -> Mapped[datetime]:
    return mapped_column(DateTime(timezone=True), default=utcnow)


class CartRow(Base):
    __tablename__ = "carts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    viewer_id: Mapped[str] = mapped_column(String(64), index=True)
    currency: Mapped[str] = mapped_column(String(3))
    show_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    order_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # set at checkout
    created_at: Mapped[datetime] = _when()

    lines: Mapped[list[CartLineRow]] = relationship(
        back_populates="cart", cascade="all, delete-orphan", order_by="CartLineRow.id"
    )


class CartLineRow(Base):
    __tablename__ = "cart_lines"
    __table_args__ = (CheckConstraint("quantity > 0", name="ck_cart_lines_quantity"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cart_id: Mapped[int] = mapped_column(ForeignKey("carts.id", ondelete="CASCADE"), index=True)
    variant_id: Mapped[int] = mapped_column(ForeignKey("variants.id"))
    sku: Mapped[str] = mapped_column(String(64))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3))
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("flash_deals.id"), nullable=True)

    cart: Mapped[CartRow] = relationship(back_populates="lines")


class ReservationRow(Base):
    """Units held for a cart line until ``expires_at``; expired rows count for nothing and are
    deleted by ``stock.release_expired_reservations``."""

    __tablename__ = "stock_reservations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cart_line_id: Mapped[int] = mapped_column(
        ForeignKey("cart_lines.id", ondelete="CASCADE"), unique=True
    )
    variant_id: Mapped[int] = mapped_column(ForeignKey("variants.id"), index=True)
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("flash_deals.id"), nullable=True)
    quantity: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class FlashDealRow(Base):
    __tablename__ = "flash_deals"
    __table_args__ = (
        CheckConstraint(
            "sold_quantity >= 0 AND sold_quantity <= total_quantity", name="ck_deals_sold"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    variant_id: Mapped[int] = mapped_column(ForeignKey("variants.id"), index=True)
    sku: Mapped[str] = mapped_column(String(64))
    currency: Mapped[str] = mapped_column(String(3))
    deal_price: Mapped[Decimal] = mapped_column(Money)
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    countdown_seconds: Mapped[int] = mapped_column(Integer)
    window_seconds: Mapped[int] = mapped_column(Integer)
    total_quantity: Mapped[int] = mapped_column(Integer)
    sold_quantity: Mapped[int] = mapped_column(Integer, default=0)
    per_customer_limit: Mapped[int] = mapped_column(Integer)
    show_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = _when()


class CouponRow(Base):
    __tablename__ = "coupons"
    __table_args__ = (
        CheckConstraint(
            "usage_limit IS NULL OR used_count <= usage_limit", name="ck_coupons_usage"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(10))  # percent | fixed
    value: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str | None] = mapped_column(String(3), nullable=True)  # fixed only
    min_spend: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    usage_limit: Mapped[int | None] = mapped_column(Integer, nullable=True)
    per_customer_limit: Mapped[int | None] = mapped_column(Integer, nullable=True)
    used_count: Mapped[int] = mapped_column(Integer, default=0)
    starts_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    ends_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = _when()


class OrderRow(Base):
    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(64), index=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(128), unique=True, nullable=True)
    request_fingerprint: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20), index=True)
    currency: Mapped[str] = mapped_column(String(3))
    subtotal: Mapped[Decimal] = mapped_column(Money)
    discount: Mapped[Decimal] = mapped_column(Money)
    total: Mapped[Decimal] = mapped_column(Money)
    coupon_id: Mapped[int | None] = mapped_column(ForeignKey("coupons.id"), nullable=True)
    cart_id: Mapped[int | None] = mapped_column(ForeignKey("carts.id"), nullable=True)
    show_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    address: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = _when()
    updated_at: Mapped[datetime] = _when()

    lines: Mapped[list[OrderLineRow]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderLineRow.id"
    )
    history: Mapped[list[OrderStatusEventRow]] = relationship(
        cascade="all, delete-orphan", order_by="OrderStatusEventRow.id"
    )
    payment: Mapped[PaymentRow | None] = relationship(cascade="all, delete-orphan")


class OrderLineRow(Base):
    __tablename__ = "order_lines"
    __table_args__ = (CheckConstraint("quantity > 0", name="ck_order_lines_quantity"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    variant_id: Mapped[int] = mapped_column(ForeignKey("variants.id"), index=True)
    sku: Mapped[str] = mapped_column(String(64))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[Decimal] = mapped_column(Money)
    deal_id: Mapped[int | None] = mapped_column(
        ForeignKey("flash_deals.id"), nullable=True, index=True
    )

    order: Mapped[OrderRow] = relationship(back_populates="lines")


class OrderStatusEventRow(Base):
    __tablename__ = "order_status_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(20), nullable=True)
    to_status: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(String(500), default="")
    at: Mapped[datetime] = _when()


class CouponRedemptionRow(Base):
    __tablename__ = "coupon_redemptions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    coupon_id: Mapped[int] = mapped_column(ForeignKey("coupons.id"), index=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), unique=True)
    customer_id: Mapped[str] = mapped_column(String(64), index=True)


class PaymentRow(Base):
    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), unique=True)
    provider: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(20))  # pending | captured | voided
    amount: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3))
    confirmed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = _when()
    updated_at: Mapped[datetime] = _when()


class OutboxEventRow(Base):
    """A side effect written in the same transaction as the change that caused it; published
    (and stamped ``published_at``) only after that transaction committed."""

    __tablename__ = "outbox_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    topic: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = _when()
    published_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True, index=True
    )
