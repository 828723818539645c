"""Analytics in/out: the events a client sends, the funnel a show gets back."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

# view: a viewer opened a product (page or card); ask: a viewer asked the shopping assistant
# about it. Both feed the assistant's recommender; the funnel counts neither.
# exposure: a viewer began to see a script variant of an experiment (a live show switched to
# it while they watched, or they started its video); it names experiment_id and variant_id, as
# a join may. The funnel does not count it; experiments do (docs/experiments.md).
EventKind = Literal[
    "join", "leave", "view", "product_click", "ask", "add_to_cart", "order", "exposure"
]


class EventIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    event_id: str = Field(min_length=1, max_length=64, description="Unique; resends are ignored")
    show_id: str = Field(min_length=1, max_length=64)
    segment_id: str | None = Field(default=None, max_length=64)
    viewer_id: str = Field(min_length=1, max_length=64)
    kind: EventKind
    sku: str | None = Field(default=None, max_length=64)
    amount: Decimal | None = Field(default=None, ge=0, max_digits=14, decimal_places=4)
    currency: str | None = Field(default=None, min_length=3, max_length=3)
    occurred_at: datetime
    experiment_id: str | None = Field(default=None, min_length=1, max_length=32)
    variant_id: str | None = Field(default=None, min_length=1, max_length=40)

    @model_validator(mode="after")
    def _consistent(self) -> EventIn:
        if self.occurred_at.tzinfo is None:
            raise ValueError("occurred_at needs a time zone, e.g. 2026-11-25T20:00:00Z")
        if self.kind == "order" and (self.amount is None or not self.currency):
            raise ValueError("an order event needs amount and currency")
        if (self.experiment_id is None) != (self.variant_id is None):
            raise ValueError("experiment_id and variant_id come together (or neither)")
        if self.kind == "exposure" and self.variant_id is None:
            raise ValueError("an exposure event needs experiment_id and variant_id")
        if self.currency:
            self.currency = self.currency.upper()
        return self


class EventBatch(BaseModel):
    events: list[EventIn] = Field(min_length=1, max_length=5000)


class IngestResult(BaseModel):
    accepted: int
    duplicates: int


class FunnelNumbers(BaseModel):
    views: int  # joins (a viewer who leaves and comes back counts twice)
    unique_viewers: int
    product_clicks: int
    click_through: float  # viewers who clicked / unique viewers
    add_to_cart: int
    orders: int
    gmv: Decimal
    currency: str | None
    gmv_per_1000_views: Decimal
    average_order_value: Decimal


class SegmentFunnel(FunnelNumbers):
    segment_id: str


class ShowFunnel(FunnelNumbers):
    show_id: str
    peak_concurrent: int
    average_watch_seconds: float
    started_at: datetime | None
    ended_at: datetime | None
    segments: list[SegmentFunnel]


class TimelinePoint(BaseModel):
    at: datetime
    concurrent_viewers: int
    cumulative_gmv: Decimal
