"""Flash deal state machine, driven by a manual clock (no sleeping)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from pydantic import ValidationError

from shopcast.commerce.errors import DealNotLiveError, LimitExceededError, OutOfStockError
from shopcast.commerce.schemas import (
    BuyNowRequest,
    CartCreate,
    CheckoutRequest,
    DealCreate,
    LineAdd,
)
from shopcast.commerce.testing import add_product, sample_address
from shopcast.errors import InvalidInputError


@pytest.fixture
def deal(service, db, settings, clock):
    add_product(db, settings, handle="lamp", skus={"LAMP-1": 50}, price=Decimal(49))
    return service.create_deal(
        DealCreate(
            sku="LAMP-1",
            currency="USD",
            deal_price=Decimal("19.90"),
            starts_at=clock() + timedelta(minutes=5),
            countdown_seconds=30,
            window_seconds=120,
            total_quantity=3,
            per_customer_limit=2,
        )
    )


def _buy(service, deal_id, customer, qty=1, key=None):
    body = BuyNowRequest(customer_id=customer, quantity=qty, address=sample_address())
    return service.buy_deal(deal_id, body, idempotency_key=key or f"{customer}-{qty}-{deal_id}")


def test_states_follow_the_clock(service, deal, clock):
    assert deal.state == "scheduled" and deal.remaining == 3
    clock.advance(5 * 60 - 30)
    state = service.get_deal(deal.id)
    assert (state.state, state.seconds_to_start) == ("countdown", 30)
    with pytest.raises(DealNotLiveError, match="opens in 30 s") as refused:
        _buy(service, deal.id, "a")
    assert refused.value.state == "countdown"
    clock.advance(30)
    live = service.get_deal(deal.id)
    assert (live.state, live.seconds_left) == ("live", 120)
    clock.advance(120)
    assert service.get_deal(deal.id).state == "ended"
    with pytest.raises(DealNotLiveError, match="has ended"):
        _buy(service, deal.id, "a")


def test_start_begins_the_countdown_now(service, deal, clock):
    started = service.start_deal(deal.id)
    assert started.state == "countdown" and started.seconds_to_start == 30
    with pytest.raises(DealNotLiveError, match="cannot be started"):
        service.start_deal(deal.id)
    clock.advance(30)
    order, created = _buy(service, deal.id, "a", 2)
    assert created and order.total == Decimal("39.80") and order.lines[0].deal_id == deal.id


def test_per_customer_limit_and_sold_out(service, deal, clock):
    service.start_deal(deal.id)
    clock.advance(30)
    _buy(service, deal.id, "a", 2)
    with pytest.raises(LimitExceededError, match="allows 2 unit"):
        _buy(service, deal.id, "a", 1)
    with pytest.raises(OutOfStockError, match="Only 1 unit"):
        _buy(service, deal.id, "b", 2)
    _buy(service, deal.id, "b", 1)
    state = service.get_deal(deal.id)
    assert (state.state, state.sold_quantity, state.remaining) == ("sold_out", 3, 0)
    with pytest.raises(DealNotLiveError, match="sold out"):
        _buy(service, deal.id, "c", 1)


def test_cancel_returns_deal_units_and_limit(service, deal, clock):
    service.start_deal(deal.id)
    clock.advance(30)
    order, _ = _buy(service, deal.id, "a", 2)
    service.transition(order.id, "cancel", actor="operator", note="changed mind")
    assert service.get_deal(deal.id).remaining == 3
    again, created = _buy(service, deal.id, "a", 2, key="a-again")
    assert created and again.id != order.id


def test_cart_deal_lines_reserve_deal_units(service, deal, clock):
    service.start_deal(deal.id)
    clock.advance(30)
    cart = service.create_cart(CartCreate(viewer_id="a", currency="USD"))
    service.add_line(cart.id, LineAdd(sku="LAMP-1", quantity=2, deal_id=deal.id))
    assert service.get_deal(deal.id).remaining == 1
    with pytest.raises(LimitExceededError):
        service.add_line(cart.id, LineAdd(sku="LAMP-1", quantity=1, deal_id=deal.id))
    with pytest.raises(OutOfStockError):
        _buy(service, deal.id, "b", 2)
    order, _ = service.checkout_cart(
        cart.id, CheckoutRequest(address=sample_address()), idempotency_key="cart-deal"
    )
    assert order.total == Decimal("39.80")
    assert service.get_deal(deal.id).sold_quantity == 2


def test_deal_definitions_are_checked(service, deal, clock):
    with pytest.raises(ValidationError, match="countdown_seconds"):
        DealCreate(
            sku="LAMP-1",
            currency="USD",
            deal_price=Decimal(1),
            starts_at=clock(),
            countdown_seconds=5,
            total_quantity=1,
        )
    with pytest.raises(InvalidInputError, match="already be over"):
        service.create_deal(
            DealCreate(
                sku="LAMP-1",
                currency="USD",
                deal_price=Decimal(1),
                starts_at=clock() - timedelta(hours=1),
                total_quantity=1,
            )
        )
