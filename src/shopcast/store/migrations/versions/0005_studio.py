"""Studio: scripts written in the studio (drafts, approved variants) and render jobs.

Revision ID: 0005_studio
Revises: 0004_consent
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_studio"
down_revision = "0004_consent"
branch_labels = None
depends_on = None


def _when(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "studio_scripts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("batch", sa.String(32), nullable=False, index=True),
        sa.Column("product_sku", sa.String(64), nullable=False),
        sa.Column("persona", sa.String(64), nullable=False),
        sa.Column("market", sa.String(16), nullable=False),
        sa.Column("writer", sa.String(16), nullable=False),
        sa.Column("variant", sa.Integer, nullable=False),
        sa.Column("document", sa.JSON, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        _when("created_at"),
        _when("updated_at"),
        sa.Column("approved_by", sa.String(64), nullable=True),
        _when("approved_at", nullable=True),
    )
    op.create_table(
        "studio_render_jobs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "script_id",
            sa.Integer,
            sa.ForeignKey("studio_scripts.id", ondelete="SET NULL"),
            nullable=True,
            index=True,
        ),
        sa.Column("product_sku", sa.String(64), nullable=False),
        sa.Column("persona", sa.String(64), nullable=False),
        sa.Column("market", sa.String(16), nullable=False),
        sa.Column("aspect", sa.String(8), nullable=False),
        sa.Column("length_s", sa.Float, nullable=False),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("stage", sa.String(32), nullable=False),
        sa.Column("percent", sa.Float, nullable=False),
        sa.Column("error", sa.Text, nullable=True),
        sa.Column("video", sa.String(500), nullable=True),
        sa.Column("duration_s", sa.Float, nullable=True),
        sa.Column("created_by", sa.String(64), nullable=False),
        _when("created_at"),
        _when("started_at", nullable=True),
        _when("finished_at", nullable=True),
    )


def downgrade() -> None:
    op.drop_table("studio_render_jobs")
    op.drop_table("studio_scripts")
