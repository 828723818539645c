"""Studio tables: scripts written in the studio (drafts and approved) and render jobs.

Created by the Alembic revision ``0005_studio``; change both together.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shopcast.store.tables import Base, utcnow


class StudioScriptRow(Base):
    """One script variant. Variants written together share a ``batch`` (compared side by side).
    ``document`` is the ``writing.script.Script`` as JSON; ``status`` is draft or approved."""

    __tablename__ = "studio_scripts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch: Mapped[str] = mapped_column(String(32), index=True)
    product_sku: Mapped[str] = mapped_column(String(64))
    persona: Mapped[str] = mapped_column(String(64))
    market: Mapped[str] = mapped_column(String(16))
    writer: Mapped[str] = mapped_column(String(16))
    variant: Mapped[int] = mapped_column(Integer, default=0)
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    approved_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class RenderJobRow(Base):
    """A video render: queued → running → done | failed. ``video`` is the MP4's path."""

    __tablename__ = "studio_render_jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    script_id: Mapped[int | None] = mapped_column(
        ForeignKey("studio_scripts.id", ondelete="SET NULL"), nullable=True, index=True
    )
    product_sku: Mapped[str] = mapped_column(String(64))
    persona: Mapped[str] = mapped_column(String(64))
    market: Mapped[str] = mapped_column(String(16))
    aspect: Mapped[str] = mapped_column(String(8))
    length_s: Mapped[float] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    stage: Mapped[str] = mapped_column(String(32), default="queued")
    percent: Mapped[float] = mapped_column(Float, default=0.0)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    video: Mapped[str | None] = mapped_column(String(500), nullable=True)
    duration_s: Mapped[float | None] = mapped_column(Float, nullable=True)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
