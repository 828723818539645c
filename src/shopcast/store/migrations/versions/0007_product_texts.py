"""Products in several languages: base language, spoken name, Shopify status, texts per language
and flagged copy; a seller-set compare-at ("was") price per market currency.

Revision ID: 0007_product_texts
Revises: 0006_assistant_questions
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from shopcast.store.tables import Money

revision = "0007_product_texts"
down_revision = "0006_assistant_questions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing rows get what the model assumed before: English, active, no other texts.
    with op.batch_alter_table("products") as batch:
        batch.add_column(sa.Column("language", sa.String(12), nullable=False, server_default="en"))
        batch.add_column(
            sa.Column("spoken_name", sa.String(120), nullable=False, server_default="")
        )
        batch.add_column(
            sa.Column("status", sa.String(16), nullable=False, server_default="active")
        )
        batch.add_column(sa.Column("texts", sa.JSON, nullable=False, server_default="{}"))
        batch.add_column(sa.Column("copy_flags", sa.JSON, nullable=False, server_default="[]"))
        batch.create_index("ix_products_status", ["status"])
    with op.batch_alter_table("variant_market_prices") as batch:
        batch.add_column(sa.Column("compare_at_amount", Money, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("variant_market_prices") as batch:
        batch.drop_column("compare_at_amount")
    with op.batch_alter_table("products") as batch:
        batch.drop_index("ix_products_status")
        for column in ("copy_flags", "texts", "status", "spoken_name", "language"):
            batch.drop_column(column)
