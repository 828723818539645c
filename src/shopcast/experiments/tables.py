"""Experiment tables (migration ``0008_experiments``; change both together)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shopcast.store.tables import Base, utcnow


class ExperimentRow(Base):
    """One experiment: ``draft`` → ``running`` (``started_at``) → ``stopped`` (``stopped_at``).
    ``design`` holds the decision rule's settings (``schemas.Design``)."""

    __tablename__ = "experiments"
    __table_args__ = (
        Index("ix_experiments_product_market", "product_sku", "market", "status"),
        # one running experiment per product and market, held by the database too
        Index(
            "uq_experiments_one_running",
            "product_sku",
            "market",
            unique=True,
            sqlite_where=text("status = 'running'"),
            postgresql_where=text("status = 'running'"),
        ),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    product_sku: Mapped[str] = mapped_column(String(64))
    market: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="draft")
    design: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    stopped_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    variants: Mapped[list[ExperimentVariantRow]] = relationship(
        back_populates="experiment",
        cascade="all, delete-orphan",
        order_by="ExperimentVariantRow.position",
    )


class ExperimentVariantRow(Base):
    """A script variant under test. ``script`` is the ``writing.script.Script`` as JSON; its id
    (``<experiment id>-<label>``) is what videos, shows and viewer events carry."""

    __tablename__ = "experiment_variants"
    __table_args__ = (UniqueConstraint("experiment_id", "label"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    experiment_id: Mapped[str] = mapped_column(
        ForeignKey("experiments.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(8))
    angle: Mapped[str] = mapped_column(String(200), default="")
    script: Mapped[dict[str, Any]] = mapped_column(JSON)
    studio_script_id: Mapped[int | None] = mapped_column(Integer, nullable=True)

    experiment: Mapped[ExperimentRow] = relationship(back_populates="variants")
