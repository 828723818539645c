"""Account tables: users, browser sessions, API keys and the audit log.

Created by the Alembic revision ``0003_accounts``; change both together. Secrets are never
stored: passwords as Argon2id hashes, session tokens and API keys as SHA-256 digests.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column

from shopcast.store.tables import Base, utcnow


def _when(*, index: bool = False) -> Mapped[datetime]:
    return mapped_column(DateTime(timezone=True), default=utcnow, index=index)


def _maybe_when() -> Mapped[datetime | None]:
    return mapped_column(DateTime(timezone=True), nullable=True)


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = _when()
    updated_at: Mapped[datetime] = _when()


class AuthSessionRow(Base):
    """A signed-in browser: the cookie holds the token, the table only its digest."""

    __tablename__ = "auth_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = _when()
    expires_at: Mapped[datetime] = _when(index=True)
    revoked_at: Mapped[datetime | None] = _maybe_when()


class ApiKeyRow(Base):
    """A key for automation, scoped to one role. ``prefix`` (the first characters) identifies a
    key in lists without revealing it."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    prefix: Mapped[str] = mapped_column(String(16))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = _when()
    last_used_at: Mapped[datetime | None] = _maybe_when()
    revoked_at: Mapped[datetime | None] = _maybe_when()


class AuditEntryRow(Base):
    """One action: who (actor and the role they held), what (action, target, details), when,
    and how it ended. Ids grow in the order entries reach the database."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = _when(index=True)
    actor: Mapped[str] = mapped_column(String(64), index=True)
    role: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(80), index=True)
    target: Mapped[str] = mapped_column(String(200))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    outcome: Mapped[str] = mapped_column(String(16))
