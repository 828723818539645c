"""Fixtures: every commerce test runs on SQLite and on the real PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from shopcast.commerce import CommerceService, ManualClock
from shopcast.commerce.schemas import DealCreate, DealPublic
from shopcast.commerce.testing import BACKENDS, add_product, temporary_database
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


@pytest.fixture
def live_deal(
    service: CommerceService, db: Database, settings: Settings, clock: ManualClock
) -> Callable[..., DealPublic]:
    """Make a live flash deal on LAMP-1 ($49, deal $19): ``live_deal(total, per_customer,
    stock=500)``."""

    def make(total: int, per_customer: int, stock: int = 500) -> DealPublic:
        add_product(db, settings, handle="lamp", skus={"LAMP-1": stock}, price=Decimal(49))
        return service.create_deal(
            DealCreate(
                sku="LAMP-1",
                currency="USD",
                deal_price=Decimal(19),
                starts_at=clock() - timedelta(seconds=1),
                window_seconds=600,
                total_quantity=total,
                per_customer_limit=per_customer,
            )
        )

    return make
