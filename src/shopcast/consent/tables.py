"""The consent table. Created by the Alembic revision ``0004_consent``; change both together."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from shopcast.store.tables import Base, utcnow


class ConsentRow(Base):
    """One signed authorisation by a real person for a persona to use their likeness or voice."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    persona: Mapped[str] = mapped_column(String(64), index=True)  # persona name
    subject: Mapped[str] = mapped_column(String(200))  # the person who consented
    scope: Mapped[list[str]] = mapped_column(JSON)  # video, live, voice, likeness
    markets: Mapped[list[str]] = mapped_column(JSON)  # market codes
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    document_path: Mapped[str] = mapped_column(String(500))  # relative to SHOPCAST_HOME
    document_sha256: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    revoked_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    revoked_reason: Mapped[str | None] = mapped_column(String(500), nullable=True)
