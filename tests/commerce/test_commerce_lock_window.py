"""How long a flash-deal checkout holds the contended rows, and what it checks while it does.

The deal's row is claimed with one conditional UPDATE after the order's rows are written; from
then until COMMIT only the variant lock and one query of checks run. A refusal for a sold-out
deal is one read and no write transaction. Stock is checked for everything the order takes of
a variant, a cart's deal line and plain line of the same SKU together. On both backends.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event, func, select

from shopcast.commerce.errors import DealNotLiveError, OutOfStockError
from shopcast.commerce.schemas import (
    BuyNowRequest,
    CartCreate,
    CheckoutRequest,
    LineAdd,
)
from shopcast.commerce.tables import OrderLineRow, OrderRow
from shopcast.commerce.testing import sample_address
from shopcast.store import Database


class Statements:
    """Every statement the engine sends, with COMMIT/ROLLBACK marks (one thread here)."""

    def __init__(self, db: Database) -> None:
        self.log: list[str] = []
        self._db = db
        event.listen(db.engine, "before_cursor_execute", self._statement)
        event.listen(db.engine, "commit", self._commit)
        event.listen(db.engine, "rollback", self._rollback)

    def _statement(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        self.log.append(" ".join(statement.split()).upper())

    def _commit(self, _conn: Any) -> None:
        self.log.append("COMMIT")

    def _rollback(self, _conn: Any) -> None:
        self.log.append("ROLLBACK")

    def close(self) -> None:
        event.remove(self._db.engine, "before_cursor_execute", self._statement)
        event.remove(self._db.engine, "commit", self._commit)
        event.remove(self._db.engine, "rollback", self._rollback)


@pytest.fixture
def statements(db: Database) -> Iterator[Statements]:
    recorder = Statements(db)
    yield recorder
    recorder.close()


@pytest.fixture
def deal(live_deal):
    return live_deal(total=2, per_customer=5, stock=3)


def _buy(service, deal_id: int, customer: str, quantity: int, key: str):
    body = BuyNowRequest(customer_id=customer, quantity=quantity, address=sample_address())
    return service.buy_deal(deal_id, body, idempotency_key=key)


def test_the_deal_row_is_held_for_two_statements_and_the_commit(service, deal, statements):
    statements.log.clear()
    order, created = _buy(service, deal.id, "c1", 1, "k1")
    assert created and order.total == Decimal(19)
    log = statements.log
    claim = next(i for i, s in enumerate(log) if s.startswith("UPDATE FLASH_DEALS"))
    assert "SOLD_QUANTITY + " in log[claim] and "<= FLASH_DEALS.TOTAL_QUANTITY" in log[claim]
    assert all(s.startswith("INSERT") for s in log[claim - 5 : claim])  # written before
    held = log[claim + 1 : log.index("COMMIT", claim)]
    assert len(held) == 2, held
    assert held[0].startswith("SELECT VARIANTS.")  # the variant's lock (FOR NO KEY UPDATE)
    assert "FOR NO KEY UPDATE" in held[0] or service.db.engine.dialect.name == "sqlite"


def test_a_sold_out_refusal_is_one_read_and_no_transaction(service, deal, statements):
    _buy(service, deal.id, "c1", 2, "k1")
    statements.log.clear()
    with pytest.raises(DealNotLiveError, match="sold out"):
        _buy(service, deal.id, "c2", 1, "k2")
    reads = [s for s in statements.log if s not in ("COMMIT", "ROLLBACK")]
    assert len(reads) == 1 and reads[0].startswith("SELECT FLASH_DEALS.")
    assert "IDEMPOTENCY_KEY" in reads[0]  # the replay check rides along
    # a replay of the order that sold it out still returns it
    again, created = _buy(service, deal.id, "c1", 2, "k1")
    assert not created and again.total == Decimal(38)


@pytest.mark.parametrize(("on_deal", "plain"), [(1, 3), (2, 2)])
def test_stock_counts_a_deal_line_and_a_plain_line_of_the_same_sku_together(
    service, deal, db, on_deal, plain
):
    cart = service.create_cart(CartCreate(viewer_id="v1", currency="USD"))
    service.add_line(cart.id, LineAdd(sku="LAMP-1", quantity=on_deal, deal_id=deal.id))
    service.add_line(cart.id, LineAdd(sku="LAMP-1", quantity=plain))  # 4 asked, 3 on hand
    with pytest.raises(OutOfStockError, match="Only 3 unit"):
        service.checkout_cart(
            cart.id, CheckoutRequest(address=sample_address()), idempotency_key="cart-1"
        )
    with db.session() as session:
        assert session.scalar(select(func.count(OrderRow.id))) == 0
        assert session.scalar(select(func.sum(OrderLineRow.quantity))) is None
    assert service.get_deal(deal.id).sold_quantity == 0  # the claim was rolled back


def test_buyers_racing_for_the_last_units_never_deadlock(service, deal, clock):
    """Order rows are inserted (foreign-key share locks on the variant and the deal) before
    the deal and variant locks are queued for: the row locks must not wait for those."""
    barrier = threading.Barrier(6)
    outcomes: list[str] = []

    def buy(n: int) -> None:
        barrier.wait()
        try:
            _buy(service, deal.id, f"c{n}", 1, f"race-{n}")
            outcomes.append("ordered")
        except (OutOfStockError, DealNotLiveError):
            outcomes.append("refused")

    threads = [threading.Thread(target=buy, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(outcomes) == ["ordered"] * 2 + ["refused"] * 4
    assert service.get_deal(deal.id).sold_quantity == 2
