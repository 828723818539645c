"""Initial schema: products, variants, market prices, personas, import runs.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from shopcast.store.tables import Money

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def _timestamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "products",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sku", sa.String(64), nullable=False, unique=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("category", sa.String(100), nullable=False),
        sa.Column("brand", sa.String(100), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("tags", sa.JSON, nullable=False),
        sa.Column("attributes", sa.JSON, nullable=False),
        sa.Column("selling_points", sa.JSON, nullable=False),
        sa.Column("faqs", sa.JSON, nullable=False),
        sa.Column("images", sa.JSON, nullable=False),
        *_timestamps(),
    )
    op.create_index("ix_products_category", "products", ["category"])
    op.create_table(
        "variants",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "product_id",
            sa.Integer,
            sa.ForeignKey("products.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("sku", sa.String(64), nullable=False, unique=True),
        sa.Column("options", sa.JSON, nullable=False),
        sa.Column("price", Money, nullable=False),
        sa.Column("compare_at_price", Money, nullable=True),
        sa.Column("stock", sa.Integer, nullable=False),
        sa.Column("image", sa.String(500), nullable=True),
    )
    op.create_index("ix_variants_product_id", "variants", ["product_id"])
    op.create_table(
        "variant_market_prices",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "variant_id",
            sa.Integer,
            sa.ForeignKey("variants.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("amount", Money, nullable=False),
        sa.UniqueConstraint("variant_id", "currency"),
    )
    op.create_index("ix_variant_market_prices_variant_id", "variant_market_prices", ["variant_id"])
    op.create_table(
        "personas",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("document", sa.JSON, nullable=False),
        sa.Column("builtin", sa.Boolean, nullable=False),
        *_timestamps(),
    )
    op.create_table(
        "import_runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source", sa.String(1000), nullable=False),
        sa.Column("format", sa.String(20), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("imported", sa.Integer, nullable=False),
        sa.Column("updated", sa.Integer, nullable=False),
        sa.Column("error_count", sa.Integer, nullable=False),
        sa.Column("report", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("import_runs")
    op.drop_table("personas")
    op.drop_table("variant_market_prices")
    op.drop_table("variants")
    op.drop_table("products")
