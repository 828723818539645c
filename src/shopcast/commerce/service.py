"""CommerceService: one transaction per call, outbox events published after commit.

This is the API the web routes, the CLI and the benchmarks call; the modules beside it hold
the rules and take a ``Session`` so they compose inside one transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shopcast.commerce import carts, coupons, deals, orders
from shopcast.commerce.addresses import country_of_market, validate_address
from shopcast.commerce.checkout import (
    LineRequest,
    OrderRequest,
    deal_and_key_owner,
    place_order,
    precheck,
)
from shopcast.commerce.clock import Clock, system_clock
from shopcast.commerce.errors import ConflictError
from shopcast.commerce.locks import is_sqlite, lock_for_checkout, write_transaction
from shopcast.commerce.outbox import Outbox
from shopcast.commerce.payments import PaymentProvider, default_providers, provider_named
from shopcast.commerce.schemas import (
    BuyNowRequest,
    CartCreate,
    CartPublic,
    CheckoutRequest,
    CouponCheck,
    CouponCreate,
    CouponPublic,
    CouponQuote,
    DealCreate,
    DealPublic,
    LineAdd,
    OrderPublic,
)
from shopcast.commerce.stock import release_expired_reservations
from shopcast.commerce.tables import CouponRow, OrderRow
from shopcast.errors import InvalidInputError
from shopcast.store import Database

T = TypeVar("T")
log = logging.getLogger(__name__)


class CommerceService:
    def __init__(
        self,
        db: Database,
        *,
        clock: Clock = system_clock,
        providers: dict[str, PaymentProvider] | None = None,
        publish_after_commit: bool = True,
    ) -> None:
        self.db = db
        self.now = clock
        self.providers = providers or default_providers()
        self.outbox = Outbox(db, write_transaction)
        self.publish_after_commit = publish_after_commit

    # --- plumbing ---------------------------------------------------------------------------
    def _write(self, work: Callable[[Session], T], *, publishes: bool = False) -> T:
        with write_transaction(self.db) as session:
            result = work(session)
        if publishes and self.publish_after_commit:
            try:
                self.outbox.publish_pending(self.now())
            except Exception:  # the change is committed; the event stays pending for a retry
                log.exception("publishing outbox events failed; they stay pending")
        return result

    def _read(self, work: Callable[[Session], T]) -> T:
        with self.db.session() as session:
            return work(session)

    # --- carts ------------------------------------------------------------------------------
    def create_cart(self, data: CartCreate) -> CartPublic:
        return self._write(lambda s: carts.cart_public(s, carts.create_cart(s, data, self.now())))

    def get_cart(self, cart_id: int) -> CartPublic:
        return self._read(lambda s: carts.cart_public(s, carts.get_cart(s, cart_id)))

    def add_line(self, cart_id: int, data: LineAdd) -> CartPublic:
        def work(s: Session) -> CartPublic:
            cart = carts.get_cart(s, cart_id)
            carts.add_line(s, cart, data, self.now())
            return carts.cart_public(s, cart)

        return self._write(work)

    def remove_line(self, cart_id: int, line_id: int) -> CartPublic:
        def work(s: Session) -> CartPublic:
            cart = carts.get_cart(s, cart_id)
            carts.remove_line(s, cart, line_id)
            return carts.cart_public(s, cart)

        return self._write(work)

    def release_expired_reservations(self) -> int:
        return self._write(lambda s: release_expired_reservations(s, self.now()))

    # --- checkout ---------------------------------------------------------------------------
    def checkout_cart(
        self,
        cart_id: int,
        data: CheckoutRequest,
        *,
        idempotency_key: str | None,
        market: str | None = None,
    ) -> tuple[OrderPublic, bool]:
        """Order the cart's lines; returns (order, created). ``market`` (e.g. ko-KR) limits the
        shipping country."""
        address = validate_address(data.address, market_country=_country(market))
        provider = provider_named(self.providers, data.payment_method)
        cart = self.get_cart(cart_id)
        request = OrderRequest(
            customer_id=cart.viewer_id,
            currency=cart.currency,
            lines=[
                LineRequest(ln.sku, ln.quantity, ln.deal_id, ln.unit_price) for ln in cart.lines
            ],
            address=address,
            payment_method=provider.name,
            coupon_code=data.coupon_code,
            cart_id=cart.id,
            show_id=cart.show_id,
            idempotency_key=idempotency_key,
        )
        return self._place(request, provider)

    def buy_deal(
        self,
        deal_id: int,
        data: BuyNowRequest,
        *,
        idempotency_key: str | None,
        market: str | None = None,
    ) -> tuple[OrderPublic, bool]:
        """Order ``data.quantity`` units of a live flash deal directly (no cart)."""
        address = validate_address(data.address, market_country=_country(market))
        provider = provider_named(self.providers, data.payment_method)
        with self.db.read_session() as session:
            deal, key_owner = deal_and_key_owner(session, deal_id, idempotency_key)
            request = OrderRequest(
                customer_id=data.customer_id,
                currency=deal.currency,
                lines=[LineRequest(deal.sku, data.quantity, deal.id)],
                address=address,
                payment_method=provider.name,
                show_id=deal.show_id,
                idempotency_key=idempotency_key,
            )
            repeat = precheck(session, request, self.now(), key_unused=key_owner is None)
            if repeat is not None:
                return self._order_public(session, repeat), False
        return self._place(request, provider, checked=True)

    def _place(
        self, request: OrderRequest, provider: PaymentProvider, *, checked: bool = False
    ) -> tuple[OrderPublic, bool]:
        """``precheck`` (outside the write transaction, without locks: replays and deals
        plainly not live end there), then ``place_order`` in a write transaction.

        On SQLite ``place_order`` looks for an earlier order with the key again, under the
        writer lock. On PostgreSQL the unique index on the key settles a race between twins: the
        one that commits second fails with ``IntegrityError`` and is retried, and only that
        retry looks again."""
        if not checked:
            with self.db.read_session() as session:
                repeat = precheck(session, request, self.now())
                if repeat is not None:
                    return self._order_public(session, repeat), False
        repeat_checked = not is_sqlite(self.db)

        def work(s: Session) -> tuple[OrderPublic, bool]:
            order, created = place_order(
                s, request, provider=provider, now=self.now(), repeat_checked=repeat_checked
            )
            if not created:
                return self._order_public(s, order), False
            code = request.coupon_code.upper() if order.coupon_id and request.coupon_code else None
            return orders.order_public(order, code), True

        try:
            return self._write(work, publishes=True)
        except IntegrityError:
            # A twin request with the same idempotency key committed first (PostgreSQL lets
            # both pass until the unique index); the retry finds its order.
            if not request.idempotency_key:
                raise
            repeat_checked = False
            return self._write(work, publishes=True)

    # --- orders -----------------------------------------------------------------------------
    def get_order(self, order_id: int) -> OrderPublic:
        return self._read(lambda s: self._order_public(s, orders.get_order(s, order_id)))

    def list_orders(self, customer_id: str, limit: int = 100) -> list[OrderPublic]:
        def work(s: Session) -> list[OrderPublic]:
            rows = s.scalars(
                orders.order_query()
                .where(OrderRow.customer_id == customer_id)
                .order_by(OrderRow.id.desc())
                .limit(limit)
            )
            return [self._order_public(s, row) for row in rows]

        return self._read(work)

    def transition(self, order_id: int, action: str, *, actor: str, note: str = "") -> OrderPublic:
        """Operator actions: ``confirm`` (payment received), ``ship``, ``cancel``."""

        def work(s: Session) -> OrderPublic:
            lock_for_checkout(s, order_ids=[order_id])
            order = orders.get_order(s, order_id)
            now = self.now()
            provider = self.providers.get(order.payment.provider) if order.payment else None
            if action == "confirm":
                if provider is None:
                    raise ConflictError(f"Order {order_id} has no payment to confirm.")
                orders.confirm_payment(order, provider, actor=actor, note=note, now=now)
            elif action == "ship":
                orders.ship(s, order, actor=actor, note=note, now=now)
            elif action == "cancel":
                orders.cancel(s, order, provider, actor=actor, note=note, now=now)
            else:
                raise InvalidInputError(
                    f"Unknown order action {action!r}: use confirm, ship or cancel."
                )
            s.flush()
            return self._order_public(s, order)

        return self._write(work)

    @staticmethod
    def _order_public(s: Session, order: OrderRow) -> OrderPublic:
        code = s.scalar(select(CouponRow.code).where(CouponRow.id == order.coupon_id))
        return orders.order_public(order, code)

    # --- flash deals ------------------------------------------------------------------------
    def create_deal(self, data: DealCreate) -> DealPublic:
        def work(s: Session) -> DealPublic:
            return deals.deal_public(s, deals.create_deal(s, data, self.now()), self.now())

        return self._write(work)

    def start_deal(self, deal_id: int) -> DealPublic:
        def work(s: Session) -> DealPublic:
            deal = lock_for_checkout(s, deal_ids=[deal_id]).deals.get(deal_id)
            deal = deal or deals.get_deal(s, deal_id)
            return deals.deal_public(s, deals.start_deal(s, deal, self.now()), self.now())

        return self._write(work)

    def get_deal(self, deal_id: int) -> DealPublic:
        return self._read(lambda s: deals.deal_public(s, deals.get_deal(s, deal_id), self.now()))

    # --- coupons ----------------------------------------------------------------------------
    def create_coupon(self, data: CouponCreate) -> CouponPublic:
        return self._write(lambda s: coupons.coupon_public(coupons.create_coupon(s, data)))

    def quote_coupon(self, data: CouponCheck) -> CouponQuote:
        def work(s: Session) -> CouponQuote:
            coupon = coupons.coupon_by_code(s, data.code)
            discount = coupons.coupon_discount(
                s,
                coupon,
                customer_id=data.customer_id,
                subtotal=data.subtotal,
                currency=data.currency.upper(),
                now=self.now(),
            )
            return CouponQuote(
                code=coupon.code,
                discount=discount,
                total=data.subtotal - discount,
                currency=data.currency.upper(),
            )

        return self._read(work)


def _country(market: str | None) -> str | None:
    return country_of_market(market) if market else None
