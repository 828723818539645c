"""A database "restart" in the middle of a checkout: a clear 503, nothing lost, nothing twice.

On the real PostgreSQL the restart is simulated by terminating every server backend this
app's engine opened (``pg_terminate_backend`` from a separate connection) at the moment the
checkout transaction, holding its row locks, is about to insert the order. Only this engine's
backends are killed: the server and the ``test`` database are shared with other test runs.
On SQLite the analogue is another process holding the write lock past the busy timeout.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, func, select

from shopcast.commerce import CommerceService, ManualClock
from shopcast.commerce.errors import LimitExceededError, OutOfStockError
from shopcast.commerce.schemas import (
    BuyNowRequest,
    CartCreate,
    CheckoutRequest,
    DealCreate,
    LineAdd,
)
from shopcast.commerce.stock import available_units
from shopcast.commerce.tables import OrderRow, OutboxEventRow, ReservationRow
from shopcast.commerce.testing import POSTGRES_URL, add_product, sample_address, temporary_database
from shopcast.config import Settings
from shopcast.store import Database, DatabaseUnavailableError
from shopcast.store.tables import VariantRow
from shopcast.web.app import create_app


class BackendKiller:
    """Kills all of ``db``'s PostgreSQL backends just before the next ``INSERT INTO orders``,
    i.e. mid-checkout, after ``SELECT ... FOR UPDATE`` took the locks (or, with ``at_commit``,
    just before that transaction's COMMIT)."""

    def __init__(self, db: Database) -> None:
        self.pids: set[int] = set()
        self.armed = False
        self.kills = 0
        db.engine.dispose()  # pooled connections from before are replaced by tracked ones
        event.listen(db.engine, "connect", self._remember)
        event.listen(db.engine, "before_cursor_execute", self._maybe_kill)
        event.listen(db.engine, "commit", self._maybe_kill_at_commit)
        self.at_commit = False  # kill at the COMMIT of the order's transaction instead
        self.order_inserted = False

    def _remember(self, dbapi_connection: Any, _record: Any) -> None:
        self.pids.add(dbapi_connection.info.backend_pid)

    def _maybe_kill_at_commit(self, _conn: Any) -> None:
        if self.armed and self.at_commit and self.order_inserted:
            self._kill()

    def _maybe_kill(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not self.armed or not statement.lstrip().upper().startswith("INSERT INTO ORDERS"):
            return
        if self.at_commit:
            self.order_inserted = True  # kill at this transaction's COMMIT
        else:
            self._kill()

    def _kill(self) -> None:
        self.armed = False
        admin_url = POSTGRES_URL.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(admin_url, autocommit=True) as admin:
            killed = admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                "AND pid = ANY(%s)",
                (list(self.pids),),
            ).fetchall()
            self.kills += sum(1 for (ok,) in killed if ok)
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:  # the backends are gone, not just signalled
                (alive,) = admin.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(%s)", (list(self.pids),)
                ).fetchone()
                if alive == 0:
                    return
                time.sleep(0.02)
        raise AssertionError("the terminated backends did not go away")


@pytest.fixture
def pg_db(tmp_path: Path) -> Iterator[Database]:
    with temporary_database("postgresql", tmp_path) as database:
        yield database


@pytest.fixture
def shop(pg_db: Database, settings: Settings, clock: ManualClock) -> CommerceService:
    add_product(pg_db, settings, skus={"TEE-M": 5})
    return CommerceService(pg_db, clock=clock)


def _count(db: Database, query: Any) -> int:
    with db.session() as session:
        return int(session.scalar(query) or 0)


def _available(db: Database, sku: str, clock: ManualClock) -> int:
    with db.session() as session:
        variant = session.scalar(select(VariantRow).where(VariantRow.sku == sku))
        assert variant is not None
        return available_units(session, variant, clock())


def test_checkout_killed_mid_transaction_rolls_back_and_the_retry_orders_once(
    shop: CommerceService, pg_db: Database, clock: ManualClock
) -> None:
    cart = shop.create_cart(CartCreate(viewer_id="v1", currency="USD"))
    shop.add_line(cart.id, LineAdd(sku="TEE-M", quantity=2))
    killer = BackendKiller(pg_db)
    shop.get_cart(cart.id)  # a pooled connection the "restart" will also kill
    body = CheckoutRequest(address=sample_address())

    killer.armed = True
    with pytest.raises(DatabaseUnavailableError, match="Database unavailable") as refused:
        shop.checkout_cart(cart.id, body, idempotency_key="restart-1")
    assert killer.kills >= 1
    assert "same Idempotency-Key" in (refused.value.hint or "")

    # Rolled back: no order, no event; the cart still holds its reservation (counted once).
    assert _count(pg_db, select(func.count()).select_from(OrderRow)) == 0
    assert _count(pg_db, select(func.count()).select_from(OutboxEventRow)) == 0
    assert _count(pg_db, select(func.sum(ReservationRow.quantity))) == 2
    assert _available(pg_db, "TEE-M", clock) == 3
    assert shop.get_cart(cart.id).order_id is None  # the pool recovered

    order, created = shop.checkout_cart(cart.id, body, idempotency_key="restart-1")
    again, created_again = shop.checkout_cart(cart.id, body, idempotency_key="restart-1")
    assert created and not created_again and again.id == order.id
    assert _count(pg_db, select(func.count()).select_from(OrderRow)) == 1
    assert _count(pg_db, select(func.count()).select_from(OutboxEventRow)) == 1
    assert _count(pg_db, select(func.count()).select_from(ReservationRow)) == 0
    assert _available(pg_db, "TEE-M", clock) == 3  # 5 on hand − 2 allocated, nothing held
    other = shop.create_cart(CartCreate(viewer_id="v2", currency="USD"))
    shop.add_line(other.id, LineAdd(sku="TEE-M", quantity=3))
    last = shop.create_cart(CartCreate(viewer_id="v3", currency="USD"))
    with pytest.raises(OutOfStockError, match="Only 0 unit"):
        shop.add_line(last.id, LineAdd(sku="TEE-M", quantity=1))


def test_connection_lost_at_commit_is_unavailable_and_the_retry_orders_once(
    shop: CommerceService, pg_db: Database, clock: ManualClock
) -> None:
    cart = shop.create_cart(CartCreate(viewer_id="v1", currency="USD"))
    shop.add_line(cart.id, LineAdd(sku="TEE-M", quantity=1))
    killer = BackendKiller(pg_db)
    body = CheckoutRequest(address=sample_address())

    killer.armed, killer.at_commit = True, True
    with pytest.raises(DatabaseUnavailableError):
        shop.checkout_cart(cart.id, body, idempotency_key="at-commit")
    assert killer.order_inserted and killer.kills >= 1  # killed in the order's transaction
    assert _count(pg_db, select(func.count()).select_from(OrderRow)) == 0

    _, created = shop.checkout_cart(cart.id, body, idempotency_key="at-commit")
    _, created_again = shop.checkout_cart(cart.id, body, idempotency_key="at-commit")
    assert created and not created_again
    assert _count(pg_db, select(func.count()).select_from(OrderRow)) == 1
    assert _available(pg_db, "TEE-M", clock) == 4


def test_flash_deal_units_and_customer_limit_count_once_after_a_restart(
    shop: CommerceService, pg_db: Database, clock: ManualClock
) -> None:
    deal = shop.create_deal(
        DealCreate(
            sku="TEE-M",
            currency="USD",
            deal_price=Decimal("9.90"),
            starts_at=clock(),
            countdown_seconds=10,
            window_seconds=300,
            total_quantity=4,
            per_customer_limit=2,
        )
    )
    clock.advance(10)
    killer = BackendKiller(pg_db)
    body = BuyNowRequest(customer_id="c1", quantity=2, address=sample_address())

    killer.armed = True
    with pytest.raises(DatabaseUnavailableError):
        shop.buy_deal(deal.id, body, idempotency_key="deal-restart")
    assert shop.get_deal(deal.id).sold_quantity == 0

    order, created = shop.buy_deal(deal.id, body, idempotency_key="deal-restart")
    _, created_again = shop.buy_deal(deal.id, body, idempotency_key="deal-restart")
    assert created and not created_again and order.total == Decimal("19.80")
    assert shop.get_deal(deal.id).sold_quantity == 2
    assert _available(pg_db, "TEE-M", clock) == 3  # 5 − 2: allocated once
    one_more = BuyNowRequest(customer_id="c1", quantity=1, address=sample_address())
    with pytest.raises(LimitExceededError, match="already has 2"):
        shop.buy_deal(deal.id, one_more, idempotency_key="deal-restart-2")


def test_http_checkout_during_a_restart_is_503_then_the_retry_is_one_order(
    pg_db: Database, tmp_path: Path, clock: ManualClock
) -> None:
    settings = Settings(home=tmp_path, api_key="test-operator-key")
    add_product(pg_db, settings, skus={"TEE-M": 5})
    app = create_app(settings, database=pg_db, clock=clock, maintenance_interval_s=None)
    with TestClient(app, raise_server_exceptions=False) as client:
        cart = client.post("/carts", json={"viewer_id": "v1", "currency": "USD"}).json()
        client.post(f"/carts/{cart['id']}/lines", json={"sku": "TEE-M", "quantity": 2})
        killer = BackendKiller(pg_db)
        client.get(f"/carts/{cart['id']}")
        checkout = {"address": sample_address().model_dump()}
        headers = {"Idempotency-Key": "http-restart"}

        killer.armed = True
        refused = client.post(f"/carts/{cart['id']}/checkout", json=checkout, headers=headers)
        assert refused.status_code == 503, refused.text
        assert refused.headers["Retry-After"] == "1"
        assert refused.json()["error"] == "database_unavailable"
        assert "same Idempotency-Key" in refused.json()["hint"]
        assert "Traceback" not in refused.text

        placed = client.post(f"/carts/{cart['id']}/checkout", json=checkout, headers=headers)
        replay = client.post(f"/carts/{cart['id']}/checkout", json=checkout, headers=headers)
        assert placed.status_code == 201 and replay.status_code == 200
        assert replay.headers["Idempotent-Replayed"] == "true"
        assert replay.json()["id"] == placed.json()["id"]
        orders = client.get("/orders", params={"customer_id": "v1"}).json()
        assert [o["id"] for o in orders] == [placed.json()["id"]]
    assert _available(pg_db, "TEE-M", clock) == 3


def test_sqlite_locked_by_another_writer_is_unavailable_and_nothing_is_lost(
    tmp_path: Path, settings: Settings, clock: ManualClock
) -> None:
    with temporary_database("sqlite", tmp_path) as db:
        add_product(db, settings, skus={"TEE-M": 5})

        def short_busy_timeout(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.execute("PRAGMA busy_timeout=200")  # not the 30 s default

        event.listen(db.engine, "connect", short_busy_timeout)
        db.engine.dispose()
        shop = CommerceService(db, clock=clock)
        cart = shop.create_cart(CartCreate(viewer_id="v1", currency="USD"))
        shop.add_line(cart.id, LineAdd(sku="TEE-M", quantity=2))
        body = CheckoutRequest(address=sample_address())

        other_writer = sqlite3.connect(str(db.engine.url.database), isolation_level=None)
        other_writer.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(DatabaseUnavailableError, match="database is locked"):
                shop.checkout_cart(cart.id, body, idempotency_key="sqlite-busy")
        finally:
            other_writer.execute("ROLLBACK")
            other_writer.close()

        assert _count(db, select(func.count()).select_from(OrderRow)) == 0
        order, created = shop.checkout_cart(cart.id, body, idempotency_key="sqlite-busy")
        _, created_again = shop.checkout_cart(cart.id, body, idempotency_key="sqlite-busy")
        assert created and not created_again
        assert _count(db, select(func.count()).select_from(OrderRow)) == 1
        assert order.lines[0].quantity == 2
        assert _available(db, "TEE-M", clock) == 3
