"""Never oversell: many threads race for a flash deal; injected races at the worst moments."""

from __future__ import annotations

import random
import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from shopcast.commerce import checkout
from shopcast.commerce import service as service_module
from shopcast.commerce.errors import (
    CouponError,
    DealNotLiveError,
    LimitExceededError,
    OutOfStockError,
)
from shopcast.commerce.schemas import (
    BuyNowRequest,
    CartCreate,
    CheckoutRequest,
    CouponCreate,
    LineAdd,
)
from shopcast.commerce.tables import (
    CouponRedemptionRow,
    CouponRow,
    FlashDealRow,
    OrderLineRow,
    OrderRow,
)
from shopcast.commerce.testing import add_product, sample_address
from shopcast.store.tables import VariantRow


def _buy(service, deal_id, customer, qty, key):
    try:
        service.buy_deal(
            deal_id,
            BuyNowRequest(customer_id=customer, quantity=qty, address=sample_address()),
            idempotency_key=key,
        )
        return "ordered"
    except (OutOfStockError, DealNotLiveError):
        return "refused"
    except LimitExceededError:
        return "limit"


def test_300_concurrent_attempts_sell_exactly_100(service, db, live_deal):
    deal = live_deal(total=100, per_customer=2)
    rng = random.Random(3)
    jobs = [(f"c{rng.randrange(90)}", rng.choice((1, 2)), f"k{i}") for i in range(300)]
    jobs += jobs[:20]  # client retries with the same keys: never counted twice
    with ThreadPoolExecutor(16) as pool:
        outcomes = list(pool.map(lambda job: _buy(service, deal.id, *job), jobs))

    with db.session() as session:
        sold = session.scalar(select(func.sum(OrderLineRow.quantity)))
        per_customer = dict(
            session.execute(
                select(OrderRow.customer_id, func.sum(OrderLineRow.quantity))
                .join(OrderLineRow)
                .group_by(OrderRow.customer_id)
            ).all()
        )
        deal_row = session.get(FlashDealRow, deal.id)
        stock = session.scalar(select(VariantRow.stock).where(VariantRow.sku == "LAMP-1"))
        orders = session.scalar(select(func.count(OrderRow.id)))
    assert sold == 100 and deal_row.sold_quantity == 100
    assert max(per_customer.values()) <= 2
    assert stock == 500  # allocated, not yet shipped: on-hand untouched, never negative
    placed = {
        key for (_, _, key), result in zip(jobs, outcomes, strict=True) if result == "ordered"
    }
    assert orders == len(placed)
    assert service.get_deal(deal.id).state == "sold_out"


class PauseOnce:
    """Deterministic race injection: the first call of the wrapped function for ``who``
    stops right after (or before) the real call until ``release`` is set."""

    def __init__(self, real, who: str, *, after: bool) -> None:
        self.real, self.who, self.after = real, who, after
        self.reached, self.release = threading.Event(), threading.Event()

    def __call__(self, session, request, *args, **kwargs):
        mine = request.customer_id == self.who and not self.reached.is_set()
        if mine and not self.after:
            self.reached.set()
            assert self.release.wait(10)
        result = self.real(session, request, *args, **kwargs)
        if mine and self.after:
            self.reached.set()
            assert self.release.wait(10)
        return result


def test_race_after_the_lockless_precheck(service, live_deal, monkeypatch):
    """A passes the cheap check with 1 unit left, B buys that unit, then A continues."""
    deal = live_deal(total=1, per_customer=1)
    pause = PauseOnce(service_module.precheck, "A", after=True)
    monkeypatch.setattr(service_module, "precheck", pause)
    with ThreadPoolExecutor(1) as pool:
        slow = pool.submit(_buy, service, deal.id, "A", 1, "a")
        assert pause.reached.wait(10)
        assert _buy(service, deal.id, "B", 1, "b") == "ordered"
        pause.release.set()
        assert slow.result(10) == "refused"
    assert service.get_deal(deal.id).sold_quantity == 1


def test_race_while_the_locks_are_held(service, live_deal, monkeypatch):
    """A has checked the deal under its locks and pauses before writing; B's buy for the same
    customer must wait (FOR UPDATE / the SQLite writer lock) and then see A's order."""
    deal = live_deal(total=10, per_customer=1)
    real_check = checkout._check_deal_units
    checked, go_on = threading.Event(), threading.Event()

    def check(session, deal_row, line, request, now):
        real_check(session, deal_row, line, request, now)
        if request.idempotency_key == "a1":
            checked.set()
            assert go_on.wait(10)

    monkeypatch.setattr(checkout, "_check_deal_units", check)
    with ThreadPoolExecutor(2) as pool:
        slow = pool.submit(_buy, service, deal.id, "A", 1, "a1")
        assert checked.wait(10)
        fast = pool.submit(_buy, service, deal.id, "A", 1, "a2")
        with pytest.raises(TimeoutError):
            fast.result(0.5)  # blocked behind A's locks, not racing past them
        go_on.set()
        assert (slow.result(10), fast.result(10)) == ("ordered", "limit")
    assert service.get_deal(deal.id).sold_quantity == 1


def test_same_key_twins_create_one_order(service, db, live_deal):
    deal = live_deal(total=10, per_customer=5)
    barrier = threading.Barrier(8)

    def twin(_):
        barrier.wait()
        return _buy(service, deal.id, "A", 2, "same-key")

    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(twin, range(8))) == ["ordered"] * 8
    with db.session() as session:
        assert session.scalar(select(func.count(OrderRow.id))) == 1
    assert service.get_deal(deal.id).sold_quantity == 2


def test_coupon_usage_limit_holds_under_concurrency(service, db, settings):
    add_product(db, settings, handle="pen", skus={"PEN-1": 100}, price=Decimal(10))
    service.create_coupon(
        CouponCreate(code="FIRST10", kind="percent", value=Decimal(10), usage_limit=10)
    )
    carts = []
    for i in range(40):
        cart = service.create_cart(CartCreate(viewer_id=f"c{i}", currency="USD"))
        service.add_line(cart.id, LineAdd(sku="PEN-1", quantity=1))
        carts.append(cart.id)
    body = CheckoutRequest(address=sample_address(), coupon_code="FIRST10")

    def checkout(cart_id):
        try:
            service.checkout_cart(cart_id, body, idempotency_key=f"cart-{cart_id}")
            return "ordered"
        except CouponError:
            return "used_up"

    with ThreadPoolExecutor(12) as pool:
        outcomes = list(pool.map(checkout, carts))
    assert outcomes.count("ordered") == 10 and outcomes.count("used_up") == 30
    with db.session() as session:
        assert session.scalar(select(CouponRow.used_count)) == 10
        assert session.scalar(select(func.count(CouponRedemptionRow.id))) == 10
