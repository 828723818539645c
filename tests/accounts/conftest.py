"""Accounts over a real database (SQLite and PostgreSQL) and the real app, with a manual clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from shopcast.accounts import AccountService, AuditLog
from shopcast.accounts.testing import QUICK_HASHER
from shopcast.commerce import ManualClock
from shopcast.commerce.testing import BACKENDS, add_product, temporary_database
from shopcast.config import Settings
from shopcast.store import Database
from shopcast.web.app import create_app


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 11, 26, 9, 0, tzinfo=UTC))


@pytest.fixture(params=BACKENDS)
def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    with temporary_database(request.param, tmp_path) as db:
        yield db


@pytest.fixture
def accounts(any_db: Database, clock: ManualClock) -> AccountService:
    return AccountService(
        any_db, audit=AuditLog(any_db, clock=clock), clock=clock, password_hasher=QUICK_HASHER
    )


def _client(settings: Settings, db: Database, clock: ManualClock) -> TestClient:
    add_product(db, settings, handle="serum", skus={"SERUM-30": 20}, price=Decimal("24"))
    app = create_app(settings, database=db, clock=clock, maintenance_interval_s=None)
    # Test-sized Argon2id cost (the default's cost is checked in test_accounts_service).
    app.state.accounts = AccountService(
        db, audit=app.state.audit, clock=clock, password_hasher=QUICK_HASHER
    )
    return TestClient(app)


@pytest.fixture(params=BACKENDS)
def client(
    request: pytest.FixtureRequest, tmp_path: Path, clock: ManualClock
) -> Iterator[TestClient]:
    """The app on each backend, without a settings key: only accounts and API keys."""
    settings = Settings(home=tmp_path)
    with temporary_database(request.param, tmp_path) as db, _client(settings, db, clock) as c:
        yield c


@pytest.fixture
def sqlite_client(tmp_path: Path, clock: ManualClock) -> Iterator[TestClient]:
    settings = Settings(home=tmp_path)
    with temporary_database("sqlite", tmp_path) as db, _client(settings, db, clock) as c:
        yield c
