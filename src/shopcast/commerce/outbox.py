"""The outbox: side effects are rows written in the same transaction as the change, and
handed to subscribers only after that transaction committed.

Delivery is at-least-once: an event is claimed and delivered in one transaction, so a crash
in a subscriber leaves it pending for the next ``publish_pending``. Subscribers must be
idempotent (the analytics subscriber keys its rows by the event id).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from shopcast.commerce.tables import OutboxEventRow
from shopcast.store import Database

log = logging.getLogger(__name__)

# A subscriber gets (session, event id, topic, payload) and may write in that session.
Subscriber = Callable[[Session, int, str, dict[str, Any]], None]


def record(session: Session, topic: str, payload: dict[str, Any], now: datetime) -> None:
    session.add(OutboxEventRow(topic=topic, payload=payload, created_at=now))


class Outbox:
    def __init__(self, db: Database, write_transaction: Callable[[Database], Any]) -> None:
        self.db = db
        self._write = write_transaction
        self._subscribers: list[Subscriber] = []

    def subscribe(self, subscriber: Subscriber) -> None:
        self._subscribers.append(subscriber)

    def publish_pending(self, now: datetime, limit: int = 100) -> int:
        """Deliver up to ``limit`` unpublished events, oldest first; returns how many."""
        with self.db.session() as session:
            ids = list(
                session.scalars(
                    select(OutboxEventRow.id)
                    .where(OutboxEventRow.published_at.is_(None))
                    .order_by(OutboxEventRow.id)
                    .limit(limit)
                )
            )
        delivered = 0
        for event_id in ids:
            with self._write(self.db) as session:
                claimed = session.execute(
                    update(OutboxEventRow)
                    .where(OutboxEventRow.id == event_id, OutboxEventRow.published_at.is_(None))
                    .values(published_at=now)
                ).rowcount
                if not claimed:
                    continue  # another publisher took it
                event = session.get(OutboxEventRow, event_id)
                assert event is not None
                for subscriber in self._subscribers:
                    subscriber(session, event.id, event.topic, dict(event.payload))
                delivered += 1
        return delivered
