"""Fixtures for persona tests: settings under a tmp SHOPCAST_HOME, an opened database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from shopcast.config import Settings, load_settings
from shopcast.persona.service import PersonaService
from shopcast.store import Database, open_database


@pytest.fixture
def settings(tmp_path, monkeypatch) -> Settings:
    monkeypatch.setenv("SHOPCAST_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SHOPCAST_DATABASE_URL", raising=False)
    return load_settings()


@pytest.fixture
def db(settings: Settings) -> Iterator[Database]:
    database = open_database(settings)
    yield database
    database.close()


@pytest.fixture
def personas(db: Database) -> PersonaService:
    return PersonaService(db)
