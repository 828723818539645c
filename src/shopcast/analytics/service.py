"""AnalyticsService: ingest events once, answer funnel and timeline queries for a show."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shopcast.analytics.funnel import show_funnel, timeline
from shopcast.analytics.schemas import EventIn, IngestResult, ShowFunnel, TimelinePoint
from shopcast.analytics.tables import AnalyticsEventRow
from shopcast.errors import NotFoundError
from shopcast.store import Database


def _row(event: EventIn) -> AnalyticsEventRow:
    return AnalyticsEventRow(**event.model_dump())


def _new_only(session: Session, events: list[EventIn]) -> list[EventIn]:
    ids = list({e.event_id for e in events})
    seen = set(
        session.scalars(
            select(AnalyticsEventRow.event_id).where(AnalyticsEventRow.event_id.in_(ids))
        )
    )
    fresh: dict[str, EventIn] = {}
    for event in events:
        if event.event_id not in seen:
            fresh.setdefault(event.event_id, event)
    return list(fresh.values())


class AnalyticsService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def ingest(self, events: list[EventIn]) -> IngestResult:
        """Store events whose ``event_id`` is new; resent events are counted as duplicates."""
        for attempt in range(2):
            try:
                with self.db.session() as session:
                    fresh = _new_only(session, events)
                    session.add_all(_row(e) for e in fresh)
                return IngestResult(accepted=len(fresh), duplicates=len(events) - len(fresh))
            except IntegrityError:
                if attempt:  # a concurrent sender stored the same ids twice in a row
                    raise
        raise AssertionError("unreachable")

    def events(self, show_id: str) -> list[AnalyticsEventRow]:
        with self.db.session() as session:
            rows = list(
                session.scalars(
                    select(AnalyticsEventRow)
                    .where(AnalyticsEventRow.show_id == show_id)
                    .order_by(AnalyticsEventRow.occurred_at, AnalyticsEventRow.id)
                )
            )
        if not rows:
            raise NotFoundError(f"No analytics events for show {show_id!r}.")
        return rows

    def funnel(self, show_id: str) -> ShowFunnel:
        return show_funnel(show_id, self.events(show_id))

    def timeline(self, show_id: str, bucket_seconds: int = 60) -> list[TimelinePoint]:
        return timeline(self.events(show_id), bucket_seconds)

    @staticmethod
    def record_order(session: Session, event_id: int, topic: str, payload: dict[str, Any]) -> None:
        """Outbox subscriber: a placed order of a show becomes its ``order`` event (once)."""
        if topic != "order.placed" or not payload.get("show_id"):
            return
        key = f"order-{payload['order_id']}"
        if session.scalar(select(AnalyticsEventRow.id).where(AnalyticsEventRow.event_id == key)):
            return
        session.add(
            AnalyticsEventRow(
                event_id=key,
                show_id=payload["show_id"],
                viewer_id=payload["customer_id"],
                kind="order",
                sku=(payload.get("skus") or [None])[0],
                amount=Decimal(payload["total"]),
                currency=payload["currency"],
                occurred_at=datetime.fromisoformat(payload["at"]),
            )
        )
