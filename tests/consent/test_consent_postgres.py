"""The consent table on the real PostgreSQL (migration 0004, time zones, revocation)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from shopcast.config import Settings
from shopcast.consent.registry import ConsentRegistry
from shopcast.errors import ConsentError
from shopcast.persona.service import PersonaService
from shopcast.persona.types import Persona
from shopcast.store import Database, open_database

SERVER_URL = os.environ.get(
    "SHOPCAST_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)


@pytest.fixture
def pg_db(tmp_path: Path) -> Iterator[tuple[Database, Settings]]:
    name = f"shopcast_consent_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(SERVER_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL not reachable at {SERVER_URL}: {exc}")
    with admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    base = SERVER_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    settings = Settings(home=tmp_path / "home", database_url=f"{base}/{name}")
    db = open_database(settings)
    try:
        yield db, settings
    finally:
        db.close()
        with psycopg.connect(SERVER_URL, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def test_record_require_and_revoke_on_postgres(
    pg_db, signed_pdf: Path, nova: Persona, clock
) -> None:
    db, settings = pg_db
    PersonaService(db).save(nova)
    registry = ConsentRegistry(db, settings, clock=clock)
    record = registry.add(
        persona="nova",
        subject="Jane Doe",
        scope=["video"],
        markets=["en-US"],
        expires="2026-12-01",
        document=signed_pdf,
        created_by="tester",
    )
    nova = PersonaService(db).get("nova")  # as stored and read back
    assert registry.require(nova, "en-US", "video") == [record]
    assert record.expires_at.utcoffset() is not None
    clock.advance(days=6)
    with pytest.raises(ConsentError, match="expired on 2026-12-01"):
        registry.require(nova, "en-US", "video")
    registry.revoke(record.id, reason="ended", by="legal")
    assert registry.get(record.id).status(clock()) == "revoked"
