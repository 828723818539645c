"""Implicit feedback: what a viewer did with a product, and how much each action counts.

A viewer never rates anything; they view, click, ask, add to cart and buy. Each action is a
signal with a weight (view 1, click 2, ask 2, cart 4, buy 8). The strength of a viewer's
interest in a product is ``Σ_kind weight(kind) × (1 + ln count(kind))``: repeats count, but
with diminishing returns, and one source seen twice (a cart line in the commerce tables and the
``add_to_cart`` analytics event of the same action) is merged by taking the larger count per
kind, never added up.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

Signal = Literal["view", "click", "ask", "cart", "buy"]

WEIGHTS: dict[Signal, float] = {"view": 1.0, "click": 2.0, "ask": 2.0, "cart": 4.0, "buy": 8.0}
# How a reason reads for the strongest thing a viewer did with a product, strongest first.
SIGNAL_ORDER: tuple[Signal, ...] = ("buy", "cart", "ask", "click", "view")


@dataclass(frozen=True)
class Interaction:
    """One viewer action on one product (the product handle, never a variant SKU)."""

    viewer_id: str
    sku: str
    signal: Signal
    at: datetime | None = None
    count: int = 1
    source: str = "events"  # events | orders | carts: where it was read


@dataclass
class Affinity:
    """Everything one viewer did with one product, summed into a strength."""

    counts: dict[Signal, int]
    last_at: datetime | None = None

    @property
    def strength(self) -> float:
        return sum(WEIGHTS[k] * (1.0 + math.log(n)) for k, n in self.counts.items() if n > 0)

    @property
    def strongest(self) -> Signal:
        return next(s for s in SIGNAL_ORDER if self.counts.get(s, 0) > 0)

    @property
    def bought(self) -> bool:
        return self.counts.get("buy", 0) > 0


def affinities(interactions: Iterable[Interaction]) -> dict[str, dict[str, Affinity]]:
    """viewer → product → :class:`Affinity`. Counts from different sources are merged by the
    larger count per kind (the same add-to-cart seen as a cart line and as an event is one)."""
    per_source: dict[tuple[str, str, Signal, str], int] = defaultdict(int)
    last: dict[tuple[str, str], datetime] = {}
    for it in interactions:
        per_source[(it.viewer_id, it.sku, it.signal, it.source)] += it.count
        if it.at is not None:
            key = (it.viewer_id, it.sku)
            at = as_utc(it.at)
            if key not in last or at > last[key]:
                last[key] = at
    out: dict[str, dict[str, Affinity]] = defaultdict(dict)
    for (viewer, sku, signal, _source), n in per_source.items():
        aff = out[viewer].get(sku)
        if aff is None:
            aff = out[viewer][sku] = Affinity({}, last.get((viewer, sku)))
        aff.counts[signal] = max(aff.counts.get(signal, 0), n)
    return dict(out)


def as_utc(value: datetime) -> datetime:
    """``value`` as an aware UTC datetime (SQLite hands naive UTC datetimes back). The same
    rule as ``commerce.clock.as_utc``, kept here so this module needs no database stack."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
