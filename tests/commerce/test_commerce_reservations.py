"""Reservations hold stock for a cart until they expire; a cleanup deletes expired ones."""

from __future__ import annotations

import pytest

from shopcast.commerce.errors import OutOfStockError
from shopcast.commerce.schemas import CartCreate, CheckoutRequest, LineAdd
from shopcast.commerce.stock import RESERVATION_TTL
from shopcast.commerce.tables import ReservationRow
from shopcast.commerce.testing import add_product, sample_address


def _reservations(db) -> int:
    with db.session() as session:
        return session.query(ReservationRow).count()


def test_expired_reservations_free_stock_and_are_cleaned(service, db, settings, clock):
    add_product(db, settings, skus={"MUG-1": 3})
    first = service.create_cart(CartCreate(viewer_id="a", currency="USD"))
    service.add_line(first.id, LineAdd(sku="MUG-1", quantity=3))
    second = service.create_cart(CartCreate(viewer_id="b", currency="USD"))
    with pytest.raises(OutOfStockError) as refused:
        service.add_line(second.id, LineAdd(sku="MUG-1", quantity=1))
    assert refused.value.available == 0

    clock.advance(RESERVATION_TTL.total_seconds() - 1)
    with pytest.raises(OutOfStockError):  # one second before expiry: still held
        service.add_line(second.id, LineAdd(sku="MUG-1", quantity=1))
    assert service.release_expired_reservations() == 0

    clock.advance(2)
    service.add_line(second.id, LineAdd(sku="MUG-1", quantity=2))  # expired: counts for nothing
    assert _reservations(db) == 2
    assert service.release_expired_reservations() == 1
    assert _reservations(db) == 1


def test_checkout_converts_the_carts_reservations(service, db, settings, clock):
    add_product(db, settings, skus={"MUG-1": 2})
    cart = service.create_cart(CartCreate(viewer_id="a", currency="USD"))
    service.add_line(cart.id, LineAdd(sku="MUG-1", quantity=2))
    # The cart's own reservation does not block its checkout...
    service.checkout_cart(cart.id, CheckoutRequest(address=sample_address()), idempotency_key="r")
    assert _reservations(db) == 0
    # ...and the units are now allocated to the order, not free.
    other = service.create_cart(CartCreate(viewer_id="b", currency="USD"))
    with pytest.raises(OutOfStockError):
        service.add_line(other.id, LineAdd(sku="MUG-1", quantity=1))


def test_an_expired_cart_is_refused_at_checkout_when_stock_went_elsewhere(
    service, db, settings, clock
):
    add_product(db, settings, skus={"MUG-1": 1})
    slow = service.create_cart(CartCreate(viewer_id="slow", currency="USD"))
    service.add_line(slow.id, LineAdd(sku="MUG-1", quantity=1))
    clock.advance(RESERVATION_TTL.total_seconds() + 1)
    fast = service.create_cart(CartCreate(viewer_id="fast", currency="USD"))
    service.add_line(fast.id, LineAdd(sku="MUG-1", quantity=1))
    service.checkout_cart(fast.id, CheckoutRequest(address=sample_address()), idempotency_key="f")
    with pytest.raises(OutOfStockError, match="Only 0 unit"):
        service.checkout_cart(
            slow.id, CheckoutRequest(address=sample_address()), idempotency_key="s"
        )


def test_maintenance_pass_releases_and_publishes(service, db, settings, clock):
    from shopcast.commerce.tasks import run_maintenance

    add_product(db, settings, skus={"MUG-1": 3})
    cart = service.create_cart(CartCreate(viewer_id="a", currency="USD"))
    service.add_line(cart.id, LineAdd(sku="MUG-1", quantity=1))
    assert run_maintenance(service).reservations_released == 0
    clock.advance(RESERVATION_TTL.total_seconds())
    assert run_maintenance(service).reservations_released == 1
