"""Carts, checkout, orders, flash deals and coupons over ``CommerceService``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

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
    OrderTransition,
)
from shopcast.web.deps import PUBLIC, CommerceDep, IdempotencyKeyDep, OperatorDep

router = APIRouter()
Market = Annotated[
    str | None, Query(description="Market code (e.g. ko-KR): the address must be in it.")
]


def _created(response: Response, created: bool) -> None:
    response.status_code = 201 if created else 200
    response.headers["Idempotent-Replayed"] = "false" if created else "true"


@router.post("/carts", status_code=201, tags=["carts"], openapi_extra=PUBLIC)
def create_cart(body: CartCreate, service: CommerceDep) -> CartPublic:
    return service.create_cart(body)


@router.get("/carts/{cart_id}", tags=["carts"], openapi_extra=PUBLIC)
def get_cart(cart_id: int, service: CommerceDep) -> CartPublic:
    return service.get_cart(cart_id)


@router.post("/carts/{cart_id}/lines", tags=["carts"], openapi_extra=PUBLIC)
def add_line(cart_id: int, body: LineAdd, service: CommerceDep) -> CartPublic:
    return service.add_line(cart_id, body)


@router.delete("/carts/{cart_id}/lines/{line_id}", tags=["carts"], openapi_extra=PUBLIC)
def remove_line(cart_id: int, line_id: int, service: CommerceDep) -> CartPublic:
    return service.remove_line(cart_id, line_id)


@router.post("/carts/{cart_id}/checkout", tags=["checkout"], status_code=201, openapi_extra=PUBLIC)
def checkout(
    cart_id: int,
    body: CheckoutRequest,
    key: IdempotencyKeyDep,
    service: CommerceDep,
    response: Response,
    market: Market = None,
) -> OrderPublic:
    """Place the cart's order. Repeating the request with the same ``Idempotency-Key``
    returns the same order (200); the same key with another body is refused (409)."""
    order, created = service.checkout_cart(cart_id, body, idempotency_key=key, market=market)
    _created(response, created)
    return order


@router.post("/deals/{deal_id}/buy", tags=["flash deals"], status_code=201, openapi_extra=PUBLIC)
def buy_deal(
    deal_id: int,
    body: BuyNowRequest,
    key: IdempotencyKeyDep,
    service: CommerceDep,
    response: Response,
    market: Market = None,
) -> OrderPublic:
    order, created = service.buy_deal(deal_id, body, idempotency_key=key, market=market)
    _created(response, created)
    return order


@router.get("/orders/{order_id}", tags=["orders"], openapi_extra=PUBLIC)
def get_order(order_id: int, service: CommerceDep) -> OrderPublic:
    return service.get_order(order_id)


@router.get("/orders", tags=["orders"], openapi_extra=PUBLIC)
def list_orders(
    service: CommerceDep,
    customer_id: Annotated[str, Query(min_length=1, max_length=64)],
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[OrderPublic]:
    return service.list_orders(customer_id, limit)


def _transition(action: str):  # noqa: ANN202 - a route function
    def change(
        actor: OperatorDep, order_id: int, service: CommerceDep, body: OrderTransition | None = None
    ) -> OrderPublic:
        return service.transition(order_id, action, actor=actor, note=body.note if body else "")

    change.__name__ = f"{action}_order"
    return change


for _action in ("confirm", "ship", "cancel"):
    router.post(f"/orders/{{order_id}}/{_action}", tags=["orders (operator)"])(_transition(_action))


@router.post("/deals", status_code=201, tags=["flash deals"])
def create_deal(_actor: OperatorDep, body: DealCreate, service: CommerceDep) -> DealPublic:
    return service.create_deal(body)


@router.post("/deals/{deal_id}/start", tags=["flash deals"])
def start_deal(_actor: OperatorDep, deal_id: int, service: CommerceDep) -> DealPublic:
    """Start the countdown now; the sale opens when it reaches zero."""
    return service.start_deal(deal_id)


@router.get("/deals/{deal_id}", tags=["flash deals"], openapi_extra=PUBLIC)
def get_deal(deal_id: int, service: CommerceDep) -> DealPublic:
    """State, countdown and remaining units."""
    return service.get_deal(deal_id)


@router.post("/coupons", status_code=201, tags=["coupons"])
def create_coupon(_actor: OperatorDep, body: CouponCreate, service: CommerceDep) -> CouponPublic:
    return service.create_coupon(body)


@router.post("/coupons/validate", tags=["coupons"], openapi_extra=PUBLIC)
def validate_coupon(body: CouponCheck, service: CommerceDep) -> CouponQuote:
    return service.quote_coupon(body)
