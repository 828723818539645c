"""What a consent record says and how to read it: which uses and rights it grants, where, until
when, and whether it still holds at a given moment."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from shopcast.errors import InvalidInputError

USES = ("video", "live")  # what the persona is used for
RIGHTS = ("likeness", "voice")  # what of the person it uses
SCOPES = USES + RIGHTS
USE_WORDS = {"video": "rendering a video", "live": "streaming a live show"}

Status = Literal["active", "expired", "revoked"]


def as_utc(value: datetime) -> datetime:
    """SQLite hands timestamps back without a zone: they were written in UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def parse_expiry(value: str | date | datetime) -> datetime:
    """``2027-06-30`` means valid through the end of that day (UTC); a full ISO timestamp with a
    zone is taken as the exact moment consent ends."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise InvalidInputError(f"expiry {value.isoformat()} needs a time zone (e.g. +00:00)")
        return value.astimezone(UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(23, 59, 59), tzinfo=UTC)
    text = value.strip()
    try:
        if len(text) == 10:
            return parse_expiry(date.fromisoformat(text))
        return parse_expiry(datetime.fromisoformat(text))
    except ValueError:
        raise InvalidInputError(
            f"expiry {value!r} is not a date: use YYYY-MM-DD (valid through that day, UTC)"
        ) from None


def parse_scope(items: list[str]) -> list[str]:
    named = {item.strip().lower() for item in items if item.strip()}
    unknown = sorted(named - set(SCOPES))
    if unknown:
        raise InvalidInputError(
            f"unknown consent scope {', '.join(map(repr, unknown))}: use any of {', '.join(SCOPES)}"
        )
    scope = [s for s in SCOPES if s in named]
    if not any(s in USES for s in scope):
        raise InvalidInputError(
            f"consent scope {','.join(scope) or '(empty)'} names no use: "
            "include video, live or both"
        )
    return scope


class ConsentRecord(BaseModel):
    id: int
    persona: str
    subject: str
    scope: list[str]
    markets: list[str]
    expires_at: datetime
    document: Path  # the copy kept under SHOPCAST_HOME
    document_sha256: str
    created_by: str
    created_at: datetime
    revoked_at: datetime | None = None
    revoked_by: str | None = None
    revoked_reason: str | None = None

    def status(self, now: datetime) -> Status:
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if now > self.expires_at else "active"

    def grants_right(self, right: str) -> bool:
        """A record that names no right consents to the persona as a whole (every real part)."""
        named = [r for r in self.scope if r in RIGHTS]
        return not named or right in named

    def describe(self) -> str:
        return f"consent #{self.id} ({self.subject})"

    def why_not(self, now: datetime) -> str:
        """Why this record does not hold now (for an expired or revoked one)."""
        if self.revoked_at is not None:
            reason = f": {self.revoked_reason}" if self.revoked_reason else ""
            return f"{self.describe()} was revoked on {self.revoked_at:%Y-%m-%d %H:%M} UTC{reason}"
        if now > self.expires_at:
            return f"{self.describe()} expired on {self.expires_at:%Y-%m-%d}"
        return f"{self.describe()} is active"
