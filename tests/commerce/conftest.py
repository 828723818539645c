"""Fixtures: every commerce test runs on SQLite and on the real PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from shopcast.commerce import CommerceService, ManualClock
from shopcast.commerce.testing import BACKENDS, temporary_database
from shopcast.config import Settings
from shopcast.store import Database

START = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    with temporary_database(request.param, tmp_path) as database:
        yield database


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def service(db: Database, clock: ManualClock) -> CommerceService:
    return CommerceService(db, clock=clock)
