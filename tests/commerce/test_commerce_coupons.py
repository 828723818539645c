"""Coupon rules: percent/fixed, minimum spend, usage limits, validity window."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from pydantic import ValidationError

from shopcast.commerce.errors import ConflictError, CouponError, LimitExceededError
from shopcast.commerce.schemas import (
    CartCreate,
    CheckoutRequest,
    CouponCheck,
    CouponCreate,
    LineAdd,
)
from shopcast.commerce.testing import add_product, sample_address


def _quote(service, code, subtotal="100", customer="v", currency="USD"):
    return service.quote_coupon(
        CouponCheck(code=code, customer_id=customer, subtotal=Decimal(subtotal), currency=currency)
    )


def test_percent_and_fixed_discounts(service):
    service.create_coupon(CouponCreate(code="live10", kind="percent", value=Decimal(10)))
    service.create_coupon(CouponCreate(code="FIVE", kind="fixed", value=Decimal(5), currency="USD"))
    assert _quote(service, "LIVE10", "39.99").discount == Decimal("4.00")
    assert _quote(service, "five", "3").discount == Decimal(3)  # never below zero
    with pytest.raises(CouponError, match="for USD orders"):
        _quote(service, "FIVE", currency="KRW")
    with pytest.raises(CouponError, match="Unknown coupon"):
        _quote(service, "NOPE")
    with pytest.raises(ConflictError):
        service.create_coupon(CouponCreate(code="LIVE10", kind="percent", value=Decimal(5)))


def test_min_spend_and_validity_window(service, clock):
    now = clock()
    service.create_coupon(
        CouponCreate(
            code="WINDOW",
            kind="percent",
            value=Decimal(20),
            min_spend=Decimal(50),
            starts_at=now + timedelta(hours=1),
            ends_at=now + timedelta(hours=2),
        )
    )
    with pytest.raises(CouponError, match="not valid before"):
        _quote(service, "WINDOW")
    clock.advance(3600)
    assert _quote(service, "WINDOW").discount == Decimal(20)
    with pytest.raises(CouponError, match="at least 50"):
        _quote(service, "WINDOW", "49.99")
    clock.advance(3600)
    with pytest.raises(CouponError, match="expired"):
        _quote(service, "WINDOW")


def test_bad_coupon_definitions_are_refused():
    with pytest.raises(ValidationError, match="at most 100"):
        CouponCreate(code="BIG", kind="percent", value=Decimal(150))
    with pytest.raises(ValidationError, match="needs the currency"):
        CouponCreate(code="FIX", kind="fixed", value=Decimal(5))


def test_usage_limits_and_cancel_returns_a_use(service, db, settings):
    add_product(db, settings, skus={"CAP-1": 10})
    service.create_coupon(
        CouponCreate(
            code="ONCE", kind="percent", value=Decimal(50), usage_limit=2, per_customer_limit=1
        )
    )

    def order(viewer, key):
        cart = service.create_cart(CartCreate(viewer_id=viewer, currency="USD"))
        service.add_line(cart.id, LineAdd(sku="CAP-1", quantity=1))
        return service.checkout_cart(
            cart.id,
            CheckoutRequest(address=sample_address(), coupon_code="once"),
            idempotency_key=key,
        )[0]

    first = order("a", "1")
    assert (first.discount, first.total, first.coupon_code) == (Decimal(10), Decimal(10), "ONCE")
    with pytest.raises(LimitExceededError, match="per customer"):
        order("a", "2")
    order("b", "3")
    with pytest.raises(CouponError, match="used up"):
        order("c", "4")
    service.transition(first.id, "cancel", actor="op")
    assert order("c", "5").discount == Decimal(10)
