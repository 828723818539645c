"""Placing an order: safe to repeat, never oversells.

``place_order`` runs inside ``locks.write_transaction``. With an idempotency key, a repeat of the
same request returns the order the first one created; the same key with a different request is
a ``ConflictError``. The order's rows are written first, without locks; then
``lock_for_checkout`` locks the cart, claims the flash deal units (a conditional ``UPDATE``),
locks the coupon and the variants, and stock, deal units, per-customer limits and coupon usage
are checked under those locks, in the transaction that wrote the order: a refusal rolls it all
back. The rows everyone contends for are held only for the checks and the commit.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import null, select
from sqlalchemy.orm import Session

from shopcast.commerce import outbox
from shopcast.commerce.addresses import Address
from shopcast.commerce.coupons import coupon_by_code, coupon_discount
from shopcast.commerce.deals import deal_state, get_deal, require_live, units_bought_query
from shopcast.commerce.errors import ConflictError, LimitExceededError, OutOfStockError
from shopcast.commerce.locks import lock_for_checkout
from shopcast.commerce.orders import get_order
from shopcast.commerce.payments import PaymentProvider
from shopcast.commerce.stock import (
    available_units,
    deal_units_held,
    release_cart_reservations,
    units_taken,
)
from shopcast.commerce.tables import (
    CartLineRow,
    CouponRedemptionRow,
    CouponRow,
    FlashDealRow,
    OrderLineRow,
    OrderRow,
    OrderStatusEventRow,
)
from shopcast.commerce.variants import price_in, require_on_sale, variant_by_sku
from shopcast.errors import InvalidInputError, NotFoundError
from shopcast.store.tables import VariantRow


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
                (
                    [line.sku, line.quantity, line.deal_id, str(line.unit_price)]
                    for line in self.lines
                ),
                key=_line_order,
            ),
            "address": self.address.model_dump(),
            "payment": self.payment_method,
            "coupon": (self.coupon_code or "").upper(),
            "cart": self.cart_id,
            "show": self.show_id,
        }
        return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def _line_order(row: list) -> tuple:
    """Rows sort as the lists themselves did (so digests stay the same), with a plain line
    (no deal) before a deal line of the same SKU and quantity instead of a TypeError."""
    sku, quantity, deal_id, price = row
    return (sku, quantity, deal_id is not None, deal_id or 0, price)


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


def deal_and_key_owner(
    session: Session, deal_id: int, idempotency_key: str | None
) -> tuple[FlashDealRow, int | None]:
    """The deal, and the order an earlier request with this idempotency key made (its id;
    None: no such order), in one statement."""
    owner = (
        select(OrderRow.id).where(OrderRow.idempotency_key == idempotency_key).scalar_subquery()
        if idempotency_key
        else null()
    )
    row = session.execute(select(FlashDealRow, owner).where(FlashDealRow.id == deal_id)).first()
    if row is None:
        raise NotFoundError(f"No flash deal {deal_id}.")
    return row[0], row[1]


def precheck(
    session: Session, request: OrderRequest, now: datetime, *, key_unused: bool = False
) -> OrderRow | None:
    """Cheap checks without locks, before a writer queues for them: the order an earlier
    request with this key created, or a refusal for a deal that is plainly not live (sold
    out, ended, not started). Everything is checked again under the locks. ``key_unused``:
    the caller found no order with the key in this session (``deal_and_key_owner``)."""
    repeat = None if key_unused else find_repeat(session, request)
    if repeat is not None:
        return repeat
    for line in request.lines:
        if line.deal_id:
            require_live(get_deal(session, line.deal_id), now)
    return None


def place_order(
    session: Session,
    request: OrderRequest,
    *,
    provider: PaymentProvider,
    now: datetime,
    repeat_checked: bool = False,
) -> tuple[OrderRow, bool]:
    """Create the order (True) or return the one this idempotency key already made (False).

    1. Without locks: the earlier order with this key (unless ``repeat_checked``: the caller
       looked in this transaction), the deals, variants and coupon, the prices, and the order
       with its lines, status history, payment and outbox event inserted (uncommitted).
    2. ``lock_for_checkout``: the cart, the deal units claimed, the coupon, the variants.
    3. Under the locks, each in a statement of its own: the cart unchanged, every deal live,
       within the customer's limit and the units other carts hold, the coupon still valid,
       enough stock of every variant. A refusal raises; the rollback undoes 1 and 2.

    On PostgreSQL a twin request with the same key that commits first makes the order insert
    fail on the unique index (``IntegrityError``); the caller retries and finds its order.
    """
    if not request.lines:
        raise InvalidInputError("Nothing to order: the cart is empty.")
    if not repeat_checked:
        repeat = find_repeat(session, request)
        if repeat is not None:
            return repeat, False
    lines = _merged(request.lines)
    # Deal rows read without a lock: their SKU, currency and price never change; their state
    # and units are checked again once the units are claimed.
    deals = {
        deal_id: get_deal(session, deal_id)
        for deal_id in sorted({line.deal_id for line in lines if line.deal_id})
    }
    variant_ids: dict[str, int] = {}
    prices: list[Decimal] = []
    for line in lines:
        if line.deal_id:
            deal = deals[line.deal_id]
            _check_deal_matches(deal, line, request.currency)
            variant_ids[line.sku] = deal.variant_id  # no SKU lookup: the deal names its variant
            require_on_sale(session.get_one(VariantRow, deal.variant_id))
            current = deal.deal_price
        else:
            variant = variant_by_sku(session, line.sku)
            require_on_sale(variant)
            variant_ids[line.sku] = variant.id
            current = line.unit_price
            if current is None:
                current = price_in(variant, request.currency)
        prices.append(current if line.unit_price is None else line.unit_price)

    subtotal = sum((p * line.quantity for p, line in zip(prices, lines, strict=True)), Decimal(0))
    coupon = coupon_by_code(session, request.coupon_code) if request.coupon_code else None
    discount = Decimal(0)
    if coupon is not None:  # refused early when it plainly does not apply; checked again below
        discount = _coupon_discount(session, coupon, request, subtotal, now)

    order = _new_order(request, lines, prices, variant_ids, subtotal, discount, coupon, now)
    order.payment = provider.open(order, now)
    session.add(order)
    session.flush()
    outbox.record(session, "order.placed", _event_payload(order), now)
    session.flush()

    deal_units: dict[int, int] = {}
    own_units: dict[int, int] = {}  # this order's units per variant
    for line in lines:
        if line.deal_id:
            deal_units[line.deal_id] = deal_units.get(line.deal_id, 0) + line.quantity
        own_units[variant_ids[line.sku]] = own_units.get(variant_ids[line.sku], 0) + line.quantity
    locked = lock_for_checkout(
        session,
        cart_ids=[request.cart_id] if request.cart_id else [],
        deal_units=deal_units,
        coupon_ids=[coupon.id] if coupon else [],
        variant_ids=own_units,
    )
    if request.cart_id:
        cart = locked.carts[request.cart_id]
        if cart.order_id is not None:
            raise ConflictError(f"Cart {cart.id} was already checked out as order {cart.order_id}.")
        _require_unchanged_cart(session, cart.id, lines)
    for deal_id, units in sorted(deal_units.items()):  # claims stop at the first refused one
        line = LineRequest(deals[deal_id].sku, units, deal_id)
        if deal_id in locked.unclaimed_deals:
            _refuse_unclaimed(session, deal_id, line, request, now)
        _check_deal_units(session, locked.deals[deal_id], line, request, now)
    checked = {deals[deal_id].variant_id for deal_id in deal_units}  # with the deal's units
    for variant_id, units in own_units.items():
        if variant_id in checked:
            continue
        variant = locked.variants[variant_id]
        available = available_units(
            session, variant, now, exclude_cart_id=request.cart_id, exclude_order_id=order.id
        )
        if units > available:
            raise OutOfStockError(
                f"Only {available} unit(s) of {variant.sku!r} available; {units} requested.",
                available=available,
            )
    if coupon is not None:
        coupon = locked.coupons[coupon.id]
        if _coupon_discount(session, coupon, request, subtotal, now) != discount:
            raise ConflictError(
                f"Coupon {coupon.code} changed while this order was placed.",
                hint="Retry the checkout with a new Idempotency-Key.",
            )
        coupon.used_count += 1
        session.add(
            CouponRedemptionRow(
                coupon_id=coupon.id, order_id=order.id, customer_id=request.customer_id
            )
        )
    if request.cart_id:
        release_cart_reservations(session, request.cart_id)
        locked.carts[request.cart_id].order_id = order.id
    session.flush()
    return order, True


def _coupon_discount(
    session: Session, coupon: CouponRow, request: OrderRequest, subtotal: Decimal, now: datetime
) -> Decimal:
    return coupon_discount(
        session,
        coupon,
        customer_id=request.customer_id,
        subtotal=subtotal,
        currency=request.currency,
        now=now,
    )


def _new_order(
    request: OrderRequest,
    lines: list[LineRequest],
    prices: list[Decimal],
    variant_ids: dict[str, int],
    subtotal: Decimal,
    discount: Decimal,
    coupon: CouponRow | None,
    now: datetime,
) -> OrderRow:
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
            variant_id=variant_ids[line.sku],
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
    return order


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
    """Under the locks, after this order inserted its lines and claimed ``line.quantity``
    units of ``deal`` (counted in ``deal.sold_quantity``): the deal is live, the customer stays
    within the limit, carts' live reservations are not eaten into, and the deal's variant
    (locked too) has the stock for every unit of it this order takes. One query."""
    sold_before = deal.sold_quantity - line.quantity
    if deal_state(deal, now) != "sold_out" or sold_before >= deal.total_quantity:
        require_live(deal, now)  # the last units, claimed by this order, do not make it sold out
    variant = session.get(VariantRow, deal.variant_id)  # locked: in the identity map
    _check_limit_and_units(session, deal, line, request, now, sold_before, variant)


def _refuse_unclaimed(
    session: Session, deal_id: int, line: LineRequest, request: OrderRequest, now: datetime
) -> None:
    """The claim found fewer units than asked: say why (always raises). Read without a lock,
    for the message only; the refusal itself was decided by the conditional UPDATE."""
    deal = session.get(FlashDealRow, deal_id, populate_existing=True)
    assert deal is not None  # read in this transaction; deals are never deleted
    require_live(deal, now)
    _check_limit_and_units(session, deal, line, request, now, deal.sold_quantity, None)
    raise OutOfStockError(  # units freed since the claim: the client may simply retry
        f"No units left in flash deal {deal.id} for {line.quantity} requested; try again.",
        available=0,
    )


def _check_limit_and_units(
    session: Session,
    deal: FlashDealRow,
    line: LineRequest,
    request: OrderRequest,
    now: datetime,
    sold_before: int,
    variant: VariantRow | None,
) -> None:
    """Per-customer limit, deal units left and (with ``variant``) stock, in one query. The
    counts include this transaction's own order lines: ``line`` sums this order's units of
    the deal, ``own`` its units of the variant."""
    columns = [
        units_bought_query(deal.id, request.customer_id).scalar_subquery(),
        deal_units_held(deal.id, now, request.cart_id).scalar_subquery(),
    ]
    if variant is not None:
        columns.append(units_taken(variant.id, now, request.cart_id))
    counts = [int(n or 0) for n in session.execute(select(*columns)).one()]
    bought_with_this, held = counts[0], counts[1]
    bought = bought_with_this - line.quantity
    if bought_with_this > deal.per_customer_limit:
        raise LimitExceededError(
            f"Flash deal {deal.id} allows {deal.per_customer_limit} unit(s) per customer; "
            f"{request.customer_id!r} already has {bought} and asked for {line.quantity}."
        )
    left = max(0, deal.total_quantity - sold_before - held)
    if line.quantity > left:
        raise OutOfStockError(
            f"Only {left} unit(s) left in flash deal {deal.id}; {line.quantity} requested.",
            available=left,
        )
    if variant is not None and counts[2] > variant.stock:
        own = sum(ln.quantity for ln in _merged(request.lines) if ln.sku == deal.sku)
        available = max(0, variant.stock - (counts[2] - own))
        raise OutOfStockError(
            f"Only {available} unit(s) of {variant.sku!r} available; {own} requested.",
            available=available,
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
