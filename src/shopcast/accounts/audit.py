"""The audit log: who did what, to what, when, and how it ended.

Entries are only ever added. Their ids grow in the order they reach the database, which is
the order commands were applied: when two operators send conflicting commands, both entries
are there and the later one is the one that holds (docs/accounts.md, "Last writer wins").
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import func, select

from shopcast.accounts.schemas import AuditEntry
from shopcast.accounts.tables import AuditEntryRow
from shopcast.commerce.clock import Clock, as_utc, system_clock
from shopcast.errors import InvalidInputError
from shopcast.store import Database

Outcome = Literal["ok", "denied", "refused", "error"]
OUTCOMES: tuple[str, ...] = ("ok", "denied", "refused", "error")
MAX_DETAILS_CHARS = 4000
MAX_QUERY_LIMIT = 500


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _plain_details(details: Mapping[str, Any] | None) -> dict[str, Any]:
    """Details as plain JSON (dates, decimals and enums as text), cut down when too large."""
    plain = json.loads(json.dumps(dict(details or {}), default=str, ensure_ascii=False))
    text = json.dumps(plain, ensure_ascii=False)
    if len(text) > MAX_DETAILS_CHARS:
        return {"truncated": _clip(text, MAX_DETAILS_CHARS)}
    return plain


class AuditLog:
    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock

    def record(
        self,
        *,
        actor: str,
        role: str,
        action: str,
        target: str = "",
        details: Mapping[str, Any] | None = None,
        outcome: Outcome = "ok",
    ) -> AuditEntry:
        if outcome not in OUTCOMES:
            raise InvalidInputError(f"Unknown audit outcome {outcome!r}.")
        row = AuditEntryRow(
            at=self._clock(),
            actor=_clip(actor, 64),
            role=_clip(role, 16),
            action=_clip(action, 80),
            target=_clip(target, 200),
            details=_plain_details(details),
            outcome=outcome,
        )
        with self._db.session() as session:
            session.add(row)
            session.flush()
            return AuditEntry.model_validate(row)

    def query(
        self,
        *,
        actor: str | None = None,
        action: str | None = None,
        target: str | None = None,
        outcome: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        before_id: int | None = None,
        limit: int = 100,
    ) -> list[AuditEntry]:
        """Entries matching every given filter, newest first. ``action`` and ``target`` match a
        prefix; ``before_id`` pages back from an entry."""
        if not 1 <= limit <= MAX_QUERY_LIMIT:
            raise InvalidInputError(f"limit must be between 1 and {MAX_QUERY_LIMIT}.")
        if outcome is not None and outcome not in OUTCOMES:
            raise InvalidInputError(
                f"Unknown outcome {outcome!r}.", hint=f"Outcomes: {', '.join(OUTCOMES)}."
            )
        statement = select(AuditEntryRow)
        if actor is not None:
            statement = statement.where(AuditEntryRow.actor == actor)
        if action is not None:
            statement = statement.where(AuditEntryRow.action.startswith(action, autoescape=True))
        if target is not None:
            statement = statement.where(AuditEntryRow.target.startswith(target, autoescape=True))
        if outcome is not None:
            statement = statement.where(AuditEntryRow.outcome == outcome)
        if since is not None:
            statement = statement.where(AuditEntryRow.at >= as_utc(since))
        if until is not None:
            statement = statement.where(AuditEntryRow.at < as_utc(until))
        if before_id is not None:
            statement = statement.where(AuditEntryRow.id < before_id)
        statement = statement.order_by(AuditEntryRow.id.desc()).limit(limit)
        with self._db.session() as session:
            return [AuditEntry.model_validate(row) for row in session.scalars(statement)]

    def count(self, *, actor: str, action: str, outcome: str, since: datetime) -> int:
        """How many entries match exactly and are newer than ``since`` (sign-in throttle)."""
        statement = select(func.count(AuditEntryRow.id)).where(
            AuditEntryRow.actor == actor,
            AuditEntryRow.action == action,
            AuditEntryRow.outcome == outcome,
            AuditEntryRow.at > as_utc(since),
        )
        with self._db.session() as session:
            return int(session.scalar(statement) or 0)
