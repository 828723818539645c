"""Commerce and analytics: carts, reservations, flash deals, coupons, orders, payments, outbox,
analytics events.

Revision ID: 0002_commerce
Revises: 0001_initial
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from shopcast.store.tables import Money

revision = "0002_commerce"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def _when(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer, primary_key=True)


def _fk(
    name: str,
    target: str,
    nullable: bool = False,
    *,
    ondelete: str | None = None,
    index: bool = False,
    unique: bool = False,
) -> sa.Column:
    return sa.Column(
        name,
        sa.Integer,
        sa.ForeignKey(target, ondelete=ondelete),
        nullable=nullable,
        index=index,
        unique=unique,
    )


def upgrade() -> None:
    op.create_table(
        "carts",
        _id(),
        sa.Column("viewer_id", sa.String(64), nullable=False, index=True),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("show_id", sa.String(64), nullable=True),
        sa.Column("order_id", sa.Integer, nullable=True),
        _when("created_at"),
    )
    op.create_table(
        "flash_deals",
        _id(),
        _fk("variant_id", "variants.id", index=True),
        sa.Column("sku", sa.String(64), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("deal_price", Money, nullable=False),
        _when("starts_at"),
        sa.Column("countdown_seconds", sa.Integer, nullable=False),
        sa.Column("window_seconds", sa.Integer, nullable=False),
        sa.Column("total_quantity", sa.Integer, nullable=False),
        sa.Column("sold_quantity", sa.Integer, nullable=False),
        sa.Column("per_customer_limit", sa.Integer, nullable=False),
        sa.Column("show_id", sa.String(64), nullable=True),
        _when("created_at"),
        sa.CheckConstraint(
            "sold_quantity >= 0 AND sold_quantity <= total_quantity", name="ck_deals_sold"
        ),
    )
    op.create_table(
        "cart_lines",
        _id(),
        _fk("cart_id", "carts.id", ondelete="CASCADE", index=True),
        _fk("variant_id", "variants.id"),
        sa.Column("sku", sa.String(64), nullable=False),
        sa.Column("quantity", sa.Integer, nullable=False),
        sa.Column("unit_price", Money, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        _fk("deal_id", "flash_deals.id", nullable=True),
        sa.CheckConstraint("quantity > 0", name="ck_cart_lines_quantity"),
    )
    op.create_table(
        "stock_reservations",
        _id(),
        _fk("cart_line_id", "cart_lines.id", ondelete="CASCADE", unique=True),
        _fk("variant_id", "variants.id", index=True),
        _fk("deal_id", "flash_deals.id", nullable=True),
        sa.Column("quantity", sa.Integer, nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False, index=True),
    )
    op.create_table(
        "coupons",
        _id(),
        sa.Column("code", sa.String(40), nullable=False, unique=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("value", Money, nullable=False),
        sa.Column("currency", sa.String(3), nullable=True),
        sa.Column("min_spend", Money, nullable=False),
        sa.Column("usage_limit", sa.Integer, nullable=True),
        sa.Column("per_customer_limit", sa.Integer, nullable=True),
        sa.Column("used_count", sa.Integer, nullable=False),
        _when("starts_at", nullable=True),
        _when("ends_at", nullable=True),
        _when("created_at"),
        sa.CheckConstraint(
            "usage_limit IS NULL OR used_count <= usage_limit", name="ck_coupons_usage"
        ),
    )
    op.create_table(
        "orders",
        _id(),
        sa.Column("customer_id", sa.String(64), nullable=False, index=True),
        sa.Column("idempotency_key", sa.String(128), nullable=True, unique=True),
        sa.Column("request_fingerprint", sa.String(64), nullable=False),
        sa.Column("status", sa.String(20), nullable=False, index=True),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("subtotal", Money, nullable=False),
        sa.Column("discount", Money, nullable=False),
        sa.Column("total", Money, nullable=False),
        _fk("coupon_id", "coupons.id", nullable=True),
        _fk("cart_id", "carts.id", nullable=True),
        sa.Column("show_id", sa.String(64), nullable=True),
        sa.Column("address", sa.JSON, nullable=False),
        _when("created_at"),
        _when("updated_at"),
    )
    op.create_table(
        "order_lines",
        _id(),
        _fk("order_id", "orders.id", ondelete="CASCADE", index=True),
        _fk("variant_id", "variants.id", index=True),
        sa.Column("sku", sa.String(64), nullable=False),
        sa.Column("quantity", sa.Integer, nullable=False),
        sa.Column("unit_price", Money, nullable=False),
        _fk("deal_id", "flash_deals.id", nullable=True, index=True),
        sa.CheckConstraint("quantity > 0", name="ck_order_lines_quantity"),
    )
    op.create_table(
        "order_status_history",
        _id(),
        _fk("order_id", "orders.id", ondelete="CASCADE", index=True),
        sa.Column("from_status", sa.String(20), nullable=True),
        sa.Column("to_status", sa.String(20), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("note", sa.String(500), nullable=False),
        _when("at"),
    )
    op.create_table(
        "coupon_redemptions",
        _id(),
        _fk("coupon_id", "coupons.id", index=True),
        _fk("order_id", "orders.id", ondelete="CASCADE", unique=True),
        sa.Column("customer_id", sa.String(64), nullable=False, index=True),
    )
    op.create_table(
        "payments",
        _id(),
        _fk("order_id", "orders.id", ondelete="CASCADE", unique=True),
        sa.Column("provider", sa.String(32), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("amount", Money, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("confirmed_by", sa.String(64), nullable=True),
        _when("created_at"),
        _when("updated_at"),
    )
    op.create_table(
        "outbox_events",
        _id(),
        sa.Column("topic", sa.String(64), nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        _when("created_at"),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True, index=True),
    )
    op.create_table(
        "analytics_events",
        _id(),
        sa.Column("event_id", sa.String(64), nullable=False, unique=True),
        sa.Column("show_id", sa.String(64), nullable=False),
        sa.Column("segment_id", sa.String(64), nullable=True),
        sa.Column("viewer_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("sku", sa.String(64), nullable=True),
        sa.Column("amount", Money, nullable=True),
        sa.Column("currency", sa.String(3), nullable=True),
        _when("occurred_at"),
    )
    op.create_index("ix_analytics_events_show_time", "analytics_events", ["show_id", "occurred_at"])


def downgrade() -> None:
    op.drop_index("ix_analytics_events_show_time", table_name="analytics_events")
    for table in (
        "analytics_events",
        "outbox_events",
        "payments",
        "coupon_redemptions",
        "order_status_history",
        "order_lines",
        "orders",
        "coupons",
        "stock_reservations",
        "cart_lines",
        "flash_deals",
        "carts",
    ):
        op.drop_table(table)
