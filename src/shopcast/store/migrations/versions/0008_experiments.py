"""Experiments: script variants of one product and market tested against each other, and the
experiment and variant a viewer event was seen under.

Revision ID: 0008_experiments
Revises: 0007_product_texts
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_experiments"
down_revision = "0007_product_texts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "experiments",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("product_sku", sa.String(64), nullable=False),
        sa.Column("market", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("design", sa.JSON, nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("stopped_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index(
        "ix_experiments_product_market", "experiments", ["product_sku", "market", "status"]
    )
    op.create_index(
        "uq_experiments_one_running",
        "experiments",
        ["product_sku", "market"],
        unique=True,
        sqlite_where=sa.text("status = 'running'"),
        postgresql_where=sa.text("status = 'running'"),
    )
    op.create_table(
        "experiment_variants",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column(
            "experiment_id",
            sa.String(32),
            sa.ForeignKey("experiments.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("label", sa.String(8), nullable=False),
        sa.Column("angle", sa.String(200), nullable=False),
        sa.Column("script", sa.JSON, nullable=False),
        sa.Column("studio_script_id", sa.Integer, nullable=True),
        sa.UniqueConstraint("experiment_id", "label"),
    )
    with op.batch_alter_table("analytics_events") as table:
        table.add_column(sa.Column("experiment_id", sa.String(32), nullable=True))
        table.add_column(sa.Column("variant_id", sa.String(40), nullable=True))
    op.create_index(
        "ix_analytics_events_experiment_time", "analytics_events", ["experiment_id", "occurred_at"]
    )
    op.create_index("ix_analytics_events_viewer_show", "analytics_events", ["viewer_id", "show_id"])


def downgrade() -> None:
    op.drop_index("ix_analytics_events_viewer_show", table_name="analytics_events")
    op.drop_index("ix_analytics_events_experiment_time", table_name="analytics_events")
    with op.batch_alter_table("analytics_events") as table:
        table.drop_column("variant_id")
        table.drop_column("experiment_id")
    op.drop_table("experiment_variants")
    op.drop_index("uq_experiments_one_running", table_name="experiments")
    op.drop_index("ix_experiments_product_market", table_name="experiments")
    op.drop_table("experiments")
