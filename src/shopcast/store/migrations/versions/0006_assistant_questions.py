"""The shopping assistant's question log: what viewers asked, how it was answered.

Revision ID: 0006_assistant_questions
Revises: 0005_studio
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_assistant_questions"
down_revision = "0005_studio"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assistant_questions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("viewer_id", sa.String(64), nullable=False),
        sa.Column("show_id", sa.String(64), nullable=False),
        sa.Column("market", sa.String(16), nullable=False),
        sa.Column("sku", sa.String(64), nullable=True),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("path", sa.String(16), nullable=False),
        sa.Column("sources", sa.JSON, nullable=False),
        sa.Column("model_rejected", sa.Boolean, nullable=False),
        sa.Column("answer_ms", sa.Integer, nullable=False),
    )
    op.create_index(
        "ix_assistant_questions_show_time", "assistant_questions", ["show_id", "asked_at"]
    )
    op.create_index("ix_assistant_questions_sku", "assistant_questions", ["sku"])


def downgrade() -> None:
    op.drop_index("ix_assistant_questions_sku", table_name="assistant_questions")
    op.drop_index("ix_assistant_questions_show_time", table_name="assistant_questions")
    op.drop_table("assistant_questions")
