"""Checkout: idempotency, stock checks, price snapshots, carts that cannot be ordered twice."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shopcast.commerce.errors import ConflictError, OutOfStockError
from shopcast.commerce.schemas import CartCreate, CheckoutRequest, LineAdd
from shopcast.commerce.testing import add_product, sample_address
from shopcast.errors import InvalidInputError, NotFoundError


@pytest.fixture
def stocked(db, settings):
    add_product(db, settings, skus={"TEE-M": 5, "TEE-L": 1}, market_prices={"KRW": Decimal(26000)})


def _cart(service, viewer="v1", currency="USD", **lines):
    cart = service.create_cart(CartCreate(viewer_id=viewer, currency=currency))
    for sku, qty in lines.items():
        service.add_line(cart.id, LineAdd(sku=sku.replace("_", "-"), quantity=qty))
    return cart


def test_same_key_same_request_returns_the_first_order(service, stocked):
    cart = _cart(service, TEE_M=2)
    body = CheckoutRequest(address=sample_address())
    first, created = service.checkout_cart(cart.id, body, idempotency_key="key-1")
    again, created_again = service.checkout_cart(cart.id, body, idempotency_key="key-1")
    assert created and not created_again
    assert again.id == first.id and again.total == Decimal(40)
    assert len(service.list_orders("v1")) == 1


def test_same_key_different_request_is_a_conflict(service, stocked):
    cart = _cart(service, TEE_M=1)
    service.checkout_cart(cart.id, CheckoutRequest(address=sample_address()), idempotency_key="k")
    other = sample_address().model_copy(update={"street": "2 Other St"})
    with pytest.raises(ConflictError, match="already used for a different request"):
        service.checkout_cart(cart.id, CheckoutRequest(address=other), idempotency_key="k")


def test_a_cart_is_ordered_once_even_with_a_new_key(service, stocked):
    cart = _cart(service, TEE_M=1)
    service.checkout_cart(cart.id, CheckoutRequest(address=sample_address()), idempotency_key="a")
    with pytest.raises(ConflictError, match="already checked out"):
        service.checkout_cart(
            cart.id, CheckoutRequest(address=sample_address()), idempotency_key="b"
        )
    with pytest.raises(ConflictError):
        service.add_line(cart.id, LineAdd(sku="TEE-M", quantity=1))


def test_stock_is_checked_and_allocated(service, stocked):
    with pytest.raises(OutOfStockError, match="Only 1 unit"):
        _cart(service, TEE_L=2)
    buyer = _cart(service, viewer="a", TEE_L=1)
    with pytest.raises(OutOfStockError):  # held by buyer's reservation
        _cart(service, viewer="b", TEE_L=1)
    service.checkout_cart(buyer.id, CheckoutRequest(address=sample_address()), idempotency_key="x")
    with pytest.raises(OutOfStockError):  # now allocated to buyer's order
        _cart(service, viewer="c", TEE_L=1)


def test_unknown_sku_and_empty_cart_are_refused(service, stocked):
    cart = service.create_cart(CartCreate(viewer_id="v", currency="USD"))
    with pytest.raises(NotFoundError, match="Unknown SKU 'NOPE'"):
        service.add_line(cart.id, LineAdd(sku="NOPE", quantity=1))
    with pytest.raises(InvalidInputError, match="empty"):
        service.checkout_cart(
            cart.id, CheckoutRequest(address=sample_address()), idempotency_key="e"
        )
    with pytest.raises(NotFoundError):
        service.get_cart(999)


def test_prices_come_from_the_seller_never_converted(service, stocked):
    krw = _cart(service, currency="KRW", TEE_M=1)
    assert krw.id and service.get_cart(krw.id).subtotal == Decimal(26000)
    jpy = service.create_cart(CartCreate(viewer_id="v", currency="JPY"))
    with pytest.raises(InvalidInputError, match="no price in JPY"):
        service.add_line(jpy.id, LineAdd(sku="TEE-M", quantity=1))


def test_lines_merge_and_can_be_removed(service, stocked):
    cart = _cart(service, TEE_M=1)
    cart = service.add_line(cart.id, LineAdd(sku="TEE-M", quantity=2))
    assert [(ln.sku, ln.quantity) for ln in cart.lines] == [("TEE-M", 3)]
    assert cart.lines[0].reserved_until is not None
    cart = service.remove_line(cart.id, cart.lines[0].id)
    assert cart.lines == [] and cart.subtotal == 0
    _cart(service, viewer="other", TEE_M=5)  # the removed line's units are free again


def test_korean_market_checks_korean_address(service, stocked):
    cart = _cart(service, currency="KRW", TEE_M=1)
    with pytest.raises(InvalidInputError, match="outside this market"):
        service.checkout_cart(
            cart.id,
            CheckoutRequest(address=sample_address("US")),
            idempotency_key="kr",
            market="ko-KR",
        )
    order, _ = service.checkout_cart(
        cart.id,
        CheckoutRequest(address=sample_address("KR")),
        idempotency_key="kr2",
        market="ko-KR",
    )
    assert order.address["phone"] == "010-1234-5678"


def test_a_cart_changed_during_checkout_is_refused(service, stocked, monkeypatch):
    from shopcast.commerce import service as service_module

    cart = _cart(service, TEE_M=1)
    real_precheck = service_module.precheck

    def precheck_then_edit(session, request, now):
        result = real_precheck(session, request, now)
        service.add_line(cart.id, LineAdd(sku="TEE-M", quantity=1))  # another tab adds one
        return result

    monkeypatch.setattr(service_module, "precheck", precheck_then_edit)
    with pytest.raises(ConflictError, match="changed while it was being checked out"):
        service.checkout_cart(
            cart.id, CheckoutRequest(address=sample_address()), idempotency_key="race"
        )
    monkeypatch.setattr(service_module, "precheck", real_precheck)
    order, _ = service.checkout_cart(
        cart.id, CheckoutRequest(address=sample_address()), idempotency_key="retry"
    )
    assert order.lines[0].quantity == 2
