"""What goes in and comes out of commerce: a schema family per entity (``XCreate``, ``XPublic``).

The service returns these; the HTTP API uses the same classes as request and response bodies.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from shopcast.commerce.addresses import Address

MAX_LINE_QUANTITY = 99  # per line; larger is refused as bad input, never clamped
DealState = Literal["scheduled", "countdown", "live", "ended", "sold_out"]
OrderStatus = Literal["pending_payment", "confirmed", "shipped", "cancelled"]
Quantity = Field(ge=1, le=MAX_LINE_QUANTITY, description=f"1 to {MAX_LINE_QUANTITY}")


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class CartCreate(_In):
    viewer_id: str = Field(min_length=1, max_length=64)
    currency: str = Field(min_length=3, max_length=3)
    show_id: str | None = Field(default=None, max_length=64)

    @field_validator("currency")
    @classmethod
    def _upper(cls, value: str) -> str:
        return value.upper()


class LineAdd(_In):
    sku: str = Field(min_length=1, max_length=64)
    quantity: int = Quantity
    deal_id: int | None = None


class CartLinePublic(BaseModel):
    id: int
    sku: str
    quantity: int
    unit_price: Decimal
    currency: str
    deal_id: int | None
    reserved_until: datetime | None


class CartPublic(BaseModel):
    id: int
    viewer_id: str
    currency: str
    show_id: str | None
    order_id: int | None
    lines: list[CartLinePublic]
    subtotal: Decimal


class CheckoutRequest(_In):
    address: Address
    coupon_code: str | None = Field(default=None, max_length=40)
    payment_method: str = Field(default="manual", max_length=32)


class BuyNowRequest(_In):
    """Buy a flash deal directly (no cart): the path a live-show "buy" button takes."""

    customer_id: str = Field(min_length=1, max_length=64)
    quantity: int = Quantity
    address: Address
    payment_method: str = Field(default="manual", max_length=32)


class OrderLinePublic(BaseModel):
    sku: str
    quantity: int
    unit_price: Decimal
    deal_id: int | None


class StatusChangePublic(BaseModel):
    from_status: str | None
    to_status: str
    actor: str
    note: str
    at: datetime


class PaymentPublic(BaseModel):
    provider: str
    status: str
    amount: Decimal
    currency: str
    confirmed_by: str | None


class OrderPublic(BaseModel):
    id: int
    customer_id: str
    status: OrderStatus
    currency: str
    subtotal: Decimal
    discount: Decimal
    total: Decimal
    coupon_code: str | None
    show_id: str | None
    address: dict[str, str]
    lines: list[OrderLinePublic]
    history: list[StatusChangePublic]
    payment: PaymentPublic | None
    created_at: datetime


class OrderTransition(_In):
    note: str = Field(default="", max_length=500)


class DealCreate(_In):
    sku: str = Field(min_length=1, max_length=64)
    currency: str = Field(min_length=3, max_length=3)
    deal_price: Decimal = Field(gt=0, max_digits=14, decimal_places=4)
    starts_at: datetime
    countdown_seconds: int = Field(default=60, ge=10, le=300)
    window_seconds: int = Field(default=300, ge=60, le=1200)
    total_quantity: int = Field(ge=1, le=1_000_000)
    per_customer_limit: int = Field(default=1, ge=1, le=MAX_LINE_QUANTITY)
    show_id: str | None = Field(default=None, max_length=64)

    @field_validator("currency")
    @classmethod
    def _upper(cls, value: str) -> str:
        return value.upper()

    @field_validator("starts_at")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("starts_at needs a time zone, e.g. 2026-11-25T20:00:00Z")
        return value


class DealPublic(BaseModel):
    id: int
    sku: str
    currency: str
    deal_price: Decimal
    state: DealState
    starts_at: datetime
    ends_at: datetime
    countdown_starts_at: datetime
    seconds_to_start: float
    seconds_left: float
    total_quantity: int
    sold_quantity: int
    remaining: int
    per_customer_limit: int
    show_id: str | None


class CouponCreate(_In):
    code: str = Field(min_length=3, max_length=40, pattern=r"^[A-Za-z0-9_-]+$")
    kind: Literal["percent", "fixed"]
    value: Decimal = Field(gt=0, max_digits=14, decimal_places=4)
    currency: str | None = Field(default=None, min_length=3, max_length=3)
    min_spend: Decimal = Field(default=Decimal(0), ge=0, max_digits=14, decimal_places=4)
    usage_limit: int | None = Field(default=None, ge=1)
    per_customer_limit: int | None = Field(default=None, ge=1)
    starts_at: datetime | None = None
    ends_at: datetime | None = None

    @model_validator(mode="after")
    def _consistent(self) -> CouponCreate:
        self.code = self.code.upper()
        if self.currency:
            self.currency = self.currency.upper()
        if self.kind == "percent" and self.value > 100:
            raise ValueError("a percent coupon's value must be at most 100")
        if self.kind == "fixed" and not self.currency:
            raise ValueError("a fixed coupon needs the currency of its amount")
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValueError("ends_at must be after starts_at")
        return self


class CouponPublic(BaseModel):
    code: str
    kind: str
    value: Decimal
    currency: str | None
    min_spend: Decimal
    usage_limit: int | None
    per_customer_limit: int | None
    used_count: int
    starts_at: datetime | None
    ends_at: datetime | None


class CouponCheck(_In):
    code: str = Field(min_length=1, max_length=40)
    customer_id: str = Field(min_length=1, max_length=64)
    subtotal: Decimal = Field(ge=0, max_digits=14, decimal_places=4)
    currency: str = Field(min_length=3, max_length=3)


class CouponQuote(BaseModel):
    code: str
    discount: Decimal
    total: Decimal
    currency: str
