"""The real app over a real database (SQLite and PostgreSQL), with a manual clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from shopcast.commerce import ManualClock
from shopcast.commerce.testing import BACKENDS, add_product, temporary_database
from shopcast.config import Settings
from shopcast.web.app import create_app


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))


@pytest.fixture(params=BACKENDS)
def client(
    request: pytest.FixtureRequest, tmp_path: Path, clock: ManualClock
) -> Iterator[TestClient]:
    settings = Settings(home=tmp_path, api_key="test-operator-key")
    with temporary_database(request.param, tmp_path) as db:
        add_product(
            db,
            settings,
            handle="serum",
            skus={"SERUM-30": 20, "SERUM-50": 2},
            price=Decimal("24.00"),
            market_prices={"KRW": Decimal(32000)},
        )
        with TestClient(create_app(settings, database=db, clock=clock)) as test_client:
            yield test_client
