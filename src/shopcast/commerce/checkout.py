"""Placing an order: safe to repeat, never oversells.

``place_order`` runs inside ``locks.write_transaction``. With an idempotency key, a repeat of the
same request returns the order the first one created; the same key with a different request is
a ``ConflictError``. Stock, deal units, per-customer limits and coupon usage are checked after
``lock_for_checkout`` holds the rows, in the transaction that writes the order.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopcast.commerce import outbox
from shopcast.commerce.addresses import Address
from shopcast.commerce.coupons import coupon_by_code, coupon_discount
from shopcast.commerce.deals import get_deal, require_live, units_bought
from shopcast.commerce.errors import ConflictError, LimitExceededError, OutOfStockError
from shopcast.commerce.locks import lock_for_checkout
from shopcast.commerce.orders import get_order
from shopcast.commerce.payments import PaymentProvider
from shopcast.commerce.stock import available_units, deal_units_left, release_cart_reservations
from shopcast.commerce.tables import (
    CartLineRow,
    CouponRedemptionRow,
    FlashDealRow,
    OrderLineRow,
    OrderRow,
    OrderStatusEventRow,
)
from shopcast.commerce.variants import price_in, variant_by_sku
from shopcast.errors import InvalidInputError, NotFoundError


@dataclass(frozen=True)
class LineRequest:
    sku: str
    quantity: int
    deal_id: int | None = None
    unit_price: Decimal | None = None  # a cart's price snapshot; None: the current price


@dataclass(frozen=True)
class OrderRequest:
    customer_id: str
    currency: str
    lines: list[LineRequest]
    address: Address
    payment_method: str = "manual"
    coupon_code: str | None = None
    cart_id: int | None = None
    show_id: str | None = None
    idempotency_key: str | None = None

    def fingerprint(self) -> str:
        """A digest of everything that defines the request (not the key itself)."""
        body = {
            "customer": self.customer_id,
            "currency": self.currency,
            "lines": sorted(
                [line.sku, line.quantity, line.deal_id, str(line.unit_price)] for line in self.lines
            ),
            "address": self.address.model_dump(),
            "payment": self.payment_method,
            "coupon": (self.coupon_code or "").upper(),
            "cart": self.cart_id,
            "show": self.show_id,
        }
        return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def find_repeat(session: Session, request: OrderRequest) -> OrderRow | None:
    """The order an earlier request with the same idempotency key created, if any."""
    if not request.idempotency_key:
        return None
    order = session.scalar(
        select(OrderRow).where(OrderRow.idempotency_key == request.idempotency_key)
    )
    if order is None:
        return None
    if order.request_fingerprint != request.fingerprint():
        raise ConflictError(
            f"Idempotency-Key {request.idempotency_key!r} was already used for a different "
            "request.",
            hint="Send a new Idempotency-Key for a new order; reuse a key only to retry.",
        )
    return get_order(session, order.id)


def precheck(session: Session, request: OrderRequest, now: datetime) -> OrderRow | None:
    """Cheap checks without locks, before a writer queues for them: the order an earlier
    request with this key created, or a refusal for a deal that is plainly not live (sold
    out, ended, not started). Everything is checked again under the locks."""
    repeat = find_repeat(session, request)
    if repeat is not None:
        return repeat
    for line in request.lines:
        if line.deal_id:
            require_live(get_deal(session, line.deal_id), now)
    return None


def place_order(
    session: Session, request: OrderRequest, *, provider: PaymentProvider, now: datetime
) -> tuple[OrderRow, bool]:
    """Create the order (True) or return the one this idempotency key already made (False)."""
    if not request.lines:
        raise InvalidInputError("Nothing to order: the cart is empty.")
    lines = _merged(request.lines)
    variants = {line.sku: variant_by_sku(session, line.sku) for line in lines}
    deal_ids = {line.deal_id for line in lines if line.deal_id}
    coupon = coupon_by_code(session, request.coupon_code) if request.coupon_code else None

    locked = lock_for_checkout(
        session,
        cart_ids=[request.cart_id] if request.cart_id else [],
        deal_ids=deal_ids,
        coupon_ids=[coupon.id] if coupon else [],
        variant_ids=[v.id for v in variants.values()],
    )
    repeat = find_repeat(session, request)  # checked under the locks: a twin may have won
    if repeat is not None:
        return repeat, False
    for deal_id in deal_ids:
        if deal_id not in locked.deals:
            raise NotFoundError(f"No flash deal {deal_id}.")
    for line in lines:
        if line.deal_id:
            _check_deal_matches(locked.deals[line.deal_id], line, request.currency)
    if request.cart_id:
        cart = locked.carts[request.cart_id]
        if cart.order_id is not None:
            raise ConflictError(f"Cart {cart.id} was already checked out as order {cart.order_id}.")
        _require_unchanged_cart(session, cart.id, lines)

    prices: list[Decimal] = []
    for line in lines:
        variant = locked.variants[variants[line.sku].id]
        deal = locked.deals.get(line.deal_id) if line.deal_id else None
        if deal is not None:
            _check_deal_units(session, deal, line, request, now)
        available = available_units(session, variant, now, exclude_cart_id=request.cart_id)
        if line.quantity > available:
            raise OutOfStockError(
                f"Only {available} unit(s) of {line.sku!r} available; {line.quantity} requested.",
                available=available,
            )
        if line.unit_price is not None:
            prices.append(line.unit_price)
        else:
            prices.append(deal.deal_price if deal else price_in(variant, request.currency))

    subtotal = sum((p * line.quantity for p, line in zip(prices, lines, strict=True)), Decimal(0))
    discount = Decimal(0)
    if coupon is not None:
        coupon = locked.coupons[coupon.id]
        discount = coupon_discount(
            session,
            coupon,
            customer_id=request.customer_id,
            subtotal=subtotal,
            currency=request.currency,
            now=now,
        )

    order = OrderRow(
        customer_id=request.customer_id,
        idempotency_key=request.idempotency_key,
        request_fingerprint=request.fingerprint(),
        status="pending_payment",
        currency=request.currency,
        subtotal=subtotal,
        discount=discount,
        total=subtotal - discount,
        coupon_id=coupon.id if coupon else None,
        cart_id=request.cart_id,
        show_id=request.show_id,
        address=request.address.model_dump(),
        created_at=now,
        updated_at=now,
    )
    order.lines = [
        OrderLineRow(
            variant_id=variants[line.sku].id,
            sku=line.sku,
            quantity=line.quantity,
            unit_price=price,
            deal_id=line.deal_id,
        )
        for line, price in zip(lines, prices, strict=True)
    ]
    order.history = [
        OrderStatusEventRow(
            from_status=None,
            to_status="pending_payment",
            actor=request.customer_id,
            note="order placed",
            at=now,
        )
    ]
    order.payment = provider.open(order, now)
    session.add(order)
    for line in lines:
        if line.deal_id:
            locked.deals[line.deal_id].sold_quantity += line.quantity
    session.flush()
    if coupon is not None:
        coupon.used_count += 1
        session.add(
            CouponRedemptionRow(
                coupon_id=coupon.id, order_id=order.id, customer_id=request.customer_id
            )
        )
    if request.cart_id:
        release_cart_reservations(session, request.cart_id)
        locked.carts[request.cart_id].order_id = order.id
    outbox.record(session, "order.placed", _event_payload(order), now)
    session.flush()
    return order, True


def _require_unchanged_cart(session: Session, cart_id: int, lines: list[LineRequest]) -> None:
    """The cart's lines, read under its lock, are still the ones this order was built from."""
    stored = session.execute(
        select(
            CartLineRow.sku, CartLineRow.quantity, CartLineRow.deal_id, CartLineRow.unit_price
        ).where(CartLineRow.cart_id == cart_id)
    ).all()
    now_in_cart = _merged([LineRequest(*row) for row in stored])
    if sorted(map(_line_key, now_in_cart)) != sorted(map(_line_key, lines)):
        raise ConflictError(
            f"Cart {cart_id} changed while it was being checked out.",
            hint="Fetch the cart again and retry the checkout with a new Idempotency-Key.",
        )


def _line_key(line: LineRequest) -> tuple[str, int, int, str]:
    return (line.sku, line.quantity, line.deal_id or 0, str(line.unit_price))


def _merged(lines: list[LineRequest]) -> list[LineRequest]:
    """Lines for the same SKU and deal (and price) become one line."""
    merged: dict[tuple[str, int | None, Decimal | None], int] = {}
    for line in lines:
        key = (line.sku.strip(), line.deal_id, line.unit_price)
        merged[key] = merged.get(key, 0) + line.quantity
    return [LineRequest(sku, qty, deal, price) for (sku, deal, price), qty in merged.items()]


def _check_deal_matches(deal: FlashDealRow, line: LineRequest, currency: str) -> None:
    if deal.sku != line.sku:
        raise InvalidInputError(f"Flash deal {deal.id} is for {deal.sku!r}, not {line.sku!r}.")
    if deal.currency != currency:
        raise InvalidInputError(
            f"Flash deal {deal.id} is priced in {deal.currency}; this order is in {currency}."
        )


def _check_deal_units(
    session: Session, deal: FlashDealRow, line: LineRequest, request: OrderRequest, now: datetime
) -> None:
    require_live(deal, now)
    bought = units_bought(session, deal.id, request.customer_id)
    if bought + line.quantity > deal.per_customer_limit:
        raise LimitExceededError(
            f"Flash deal {deal.id} allows {deal.per_customer_limit} unit(s) per customer; "
            f"{request.customer_id!r} already has {bought} and asked for {line.quantity}."
        )
    left = deal_units_left(session, deal, now, exclude_cart_id=request.cart_id)
    if line.quantity > left:
        raise OutOfStockError(
            f"Only {left} unit(s) left in flash deal {deal.id}; {line.quantity} requested.",
            available=left,
        )


def _event_payload(order: OrderRow) -> dict[str, object]:
    return {
        "order_id": order.id,
        "customer_id": order.customer_id,
        "show_id": order.show_id,
        "total": str(order.total),
        "currency": order.currency,
        "skus": [line.sku for line in order.lines],
        "city": str((order.address or {}).get("city") or "")[:100],  # for "someone in Busan..."
        "at": order.created_at.isoformat(),
    }
