"""Order status changes, history, payments (manual confirmation) and the outbox."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from shopcast.commerce.errors import ConflictError
from shopcast.commerce.schemas import CartCreate, CheckoutRequest, LineAdd
from shopcast.commerce.tables import OutboxEventRow
from shopcast.commerce.testing import add_product, sample_address
from shopcast.errors import InvalidInputError
from shopcast.store.tables import VariantRow


@pytest.fixture
def order(service, db, settings):
    add_product(db, settings, skus={"BAG-1": 4}, price=Decimal("12.50"))
    cart = service.create_cart(CartCreate(viewer_id="v", currency="USD", show_id="show-1"))
    service.add_line(cart.id, LineAdd(sku="BAG-1", quantity=3))
    return service.checkout_cart(
        cart.id, CheckoutRequest(address=sample_address()), idempotency_key="o"
    )[0]


def _stock(db) -> int:
    with db.session() as session:
        return session.scalar(select(VariantRow.stock).where(VariantRow.sku == "BAG-1"))


def test_confirm_then_ship_with_history(service, db, order):
    assert order.payment.provider == "manual" and order.payment.status == "pending"
    confirmed = service.transition(order.id, "confirm", actor="op-kim", note="cash received")
    assert confirmed.status == "confirmed" and confirmed.payment.status == "captured"
    assert confirmed.payment.confirmed_by == "op-kim"
    shipped = service.transition(order.id, "ship", actor="op-kim")
    assert [(h.from_status, h.to_status) for h in shipped.history] == [
        (None, "pending_payment"),
        ("pending_payment", "confirmed"),
        ("confirmed", "shipped"),
    ]
    assert _stock(db) == 1  # 4 on hand, 3 shipped
    with pytest.raises(ConflictError, match="cannot become cancelled"):
        service.transition(order.id, "cancel", actor="op")


def test_illegal_transitions_and_actions(service, order):
    with pytest.raises(ConflictError, match="cannot become shipped"):
        service.transition(order.id, "ship", actor="op")
    with pytest.raises(InvalidInputError, match="Unknown order action"):
        service.transition(order.id, "refund", actor="op")
    cancelled = service.transition(order.id, "cancel", actor="op")
    assert cancelled.payment.status == "voided"
    with pytest.raises(ConflictError):
        service.transition(order.id, "confirm", actor="op")


def test_order_event_is_published_after_commit(service, db, order):
    seen = []
    service.outbox.subscribe(lambda s, i, topic, payload: seen.append((topic, payload)))
    with db.session() as session:
        rows = list(session.scalars(select(OutboxEventRow)))
    assert [r.topic for r in rows] == ["order.placed"]
    assert rows[0].published_at is not None  # published right after the checkout committed
    assert rows[0].payload["order_id"] == order.id and rows[0].payload["show_id"] == "show-1"
    assert service.outbox.publish_pending(service.now()) == 0  # never delivered twice
    assert seen == []


def test_a_failing_subscriber_leaves_the_event_pending(service, db, settings):
    add_product(db, settings, skus={"PEN-1": 2})
    calls = []

    def flaky(session, event_id, topic, payload):
        calls.append(event_id)
        if len(calls) == 1:
            raise RuntimeError("webhook down")

    service.outbox.subscribe(flaky)
    cart = service.create_cart(CartCreate(viewer_id="v", currency="USD"))
    service.add_line(cart.id, LineAdd(sku="PEN-1", quantity=1))
    order, created = service.checkout_cart(
        cart.id, CheckoutRequest(address=sample_address()), idempotency_key="p"
    )
    # The order committed and the caller got it; the event was not lost: it is delivered on
    # the next run, once.
    assert created and service.get_order(order.id).status == "pending_payment"
    assert service.outbox.publish_pending(service.now()) == 1
    assert service.outbox.publish_pending(service.now()) == 0
    assert len(calls) == 2
