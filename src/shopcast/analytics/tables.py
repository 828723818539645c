"""The analytics event log: one row per viewer action during a show (migration 0002; the
experiment and variant columns: 0008)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import DateTime, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from shopcast.store.tables import Base, Money

EVENT_KINDS = (
    "join",
    "leave",
    "view",
    "product_click",
    "ask",
    "add_to_cart",
    "order",
    "exposure",
)


class AnalyticsEventRow(Base):
    __tablename__ = "analytics_events"
    __table_args__ = (
        Index("ix_analytics_events_show_time", "show_id", "occurred_at"),
        Index("ix_analytics_events_experiment_time", "experiment_id", "occurred_at"),
        Index("ix_analytics_events_viewer_show", "viewer_id", "show_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # A client-chosen id: the same event sent twice is stored once.
    event_id: Mapped[str] = mapped_column(String(64), unique=True)
    show_id: Mapped[str] = mapped_column(String(64))
    segment_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    viewer_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(20))
    sku: Mapped[str | None] = mapped_column(String(64), nullable=True)
    amount: Mapped[Decimal | None] = mapped_column(Money, nullable=True)
    currency: Mapped[str | None] = mapped_column(String(3), nullable=True)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # The experiment and script variant the viewer was seeing (shopcast.experiments), if any.
    experiment_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    variant_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
