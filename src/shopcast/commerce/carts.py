"""Carts: one per viewer session, lines with a price snapshot, stock reserved while it sits."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from shopcast.commerce.clock import as_utc
from shopcast.commerce.deals import get_deal, require_live, units_bought
from shopcast.commerce.errors import ConflictError, LimitExceededError, OutOfStockError
from shopcast.commerce.locks import lock_for_checkout
from shopcast.commerce.schemas import (
    MAX_LINE_QUANTITY,
    CartCreate,
    CartLinePublic,
    CartPublic,
    LineAdd,
)
from shopcast.commerce.stock import (
    available_units,
    deal_units_left,
    reserve_line,
)
from shopcast.commerce.tables import CartLineRow, CartRow, ReservationRow
from shopcast.commerce.variants import price_in, require_on_sale, variant_by_sku
from shopcast.errors import InvalidInputError, NotFoundError


def create_cart(session: Session, data: CartCreate, now: datetime) -> CartRow:
    cart = CartRow(
        viewer_id=data.viewer_id, currency=data.currency, show_id=data.show_id, created_at=now
    )
    session.add(cart)
    session.flush()
    return cart


def get_cart(session: Session, cart_id: int) -> CartRow:
    cart = session.scalar(
        select(CartRow).where(CartRow.id == cart_id).options(selectinload(CartRow.lines))
    )
    if cart is None:
        raise NotFoundError(f"No cart {cart_id}.", hint="Create one with POST /carts.")
    return cart


def _open_cart(cart: CartRow) -> None:
    if cart.order_id is not None:
        raise ConflictError(
            f"Cart {cart.id} was checked out as order {cart.order_id}; start a new cart."
        )


def add_line(session: Session, cart: CartRow, data: LineAdd, now: datetime) -> CartLineRow:
    """Add ``data.quantity`` units (merged with a line for the same SKU and deal) and reserve
    them; refused when stock, the deal or the per-customer limit does not allow it."""
    _open_cart(cart)
    variant = variant_by_sku(session, data.sku)
    require_on_sale(variant)
    deal = get_deal(session, data.deal_id) if data.deal_id else None
    if deal is not None and deal.variant_id != variant.id:
        raise InvalidInputError(f"Flash deal {deal.id} is for {deal.sku!r}, not {data.sku!r}.")
    if deal is not None and deal.currency != cart.currency:
        raise InvalidInputError(
            f"Flash deal {deal.id} is priced in {deal.currency}; cart {cart.id} is in "
            f"{cart.currency}."
        )
    unit_price = deal.deal_price if deal else price_in(variant, cart.currency)
    locked = lock_for_checkout(
        session,
        cart_ids=[cart.id],
        deal_ids=[deal.id] if deal else [],
        variant_ids=[variant.id],
    )
    _open_cart(locked.carts[cart.id])
    same_deal = (
        CartLineRow.deal_id.is_(None)
        if data.deal_id is None
        else CartLineRow.deal_id == data.deal_id
    )
    line = session.scalar(
        select(CartLineRow).where(
            CartLineRow.cart_id == cart.id, CartLineRow.variant_id == variant.id, same_deal
        )
    )
    wanted = data.quantity + (line.quantity if line else 0)
    if wanted > MAX_LINE_QUANTITY:
        raise InvalidInputError(
            f"At most {MAX_LINE_QUANTITY} units of {data.sku!r} per cart line ({wanted} asked)."
        )
    if deal is not None:
        deal = locked.deals[deal.id]
        require_live(deal, now)
        bought = units_bought(session, deal.id, cart.viewer_id)
        if bought + wanted > deal.per_customer_limit:
            raise LimitExceededError(
                f"Flash deal {deal.id} allows {deal.per_customer_limit} unit(s) per customer; "
                f"you would have {bought + wanted}."
            )
        left = deal_units_left(session, deal, now, exclude_cart_id=cart.id)
        if wanted > left:
            raise OutOfStockError(
                f"Only {left} unit(s) left in flash deal {deal.id}.", available=left
            )
    available = available_units(session, locked.variants[variant.id], now, exclude_cart_id=cart.id)
    if wanted > available:
        raise OutOfStockError(
            f"Only {available} unit(s) of {data.sku!r} available; {wanted} requested.",
            available=available,
        )
    if line is None:
        line = CartLineRow(
            variant_id=variant.id,
            sku=variant.sku,
            quantity=wanted,
            unit_price=unit_price,
            currency=cart.currency,
            deal_id=data.deal_id,
            cart_id=cart.id,
        )
        session.add(line)
    else:
        line.quantity = wanted
        line.unit_price = unit_price
    session.flush()
    reserve_line(session, line, now)
    session.flush()
    session.expire(cart, ["lines"])
    return line


def remove_line(session: Session, cart: CartRow, line_id: int) -> None:
    _open_cart(lock_for_checkout(session, cart_ids=[cart.id]).carts[cart.id])
    line = next((ln for ln in cart.lines if ln.id == line_id), None)
    if line is None:
        raise NotFoundError(f"Cart {cart.id} has no line {line_id}.")
    reservation = session.scalar(
        select(ReservationRow).where(ReservationRow.cart_line_id == line_id)
    )
    if reservation is not None:
        session.delete(reservation)
    cart.lines.remove(line)
    session.flush()


def cart_public(session: Session, cart: CartRow) -> CartPublic:
    holds = {
        r.cart_line_id: as_utc(r.expires_at)
        for r in session.scalars(
            select(ReservationRow).where(
                ReservationRow.cart_line_id.in_([ln.id for ln in cart.lines])
            )
        )
    }
    lines = [
        CartLinePublic(
            id=ln.id,
            sku=ln.sku,
            quantity=ln.quantity,
            unit_price=ln.unit_price,
            currency=ln.currency,
            deal_id=ln.deal_id,
            reserved_until=holds.get(ln.id),
        )
        for ln in cart.lines
    ]
    return CartPublic(
        id=cart.id,
        viewer_id=cart.viewer_id,
        currency=cart.currency,
        show_id=cart.show_id,
        order_id=cart.order_id,
        lines=lines,
        subtotal=sum((ln.unit_price * ln.quantity for ln in cart.lines), Decimal(0)),
    )
