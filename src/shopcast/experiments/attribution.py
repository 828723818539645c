"""Who saw which variant, and what they did while it was the one they last saw.

The unit is an **exposure**: a viewer's stretch of watching one variant in one place (a show id:
the live show, or the page that plays a variant's video). It starts at the viewer's first
``join``/``exposure`` event naming the variant there and lasts until they are shown another
variant of the same experiment there (a live show rotating variants by segment), or until the
experiment ends. Repeated events for the variant being watched (a re-join, a replay) add views
to the same exposure. Each product click, add-to-cart and order of that viewer in that place is
credited to the exposure running at its moment — last touch within the experiment — so nothing
is counted twice: an order is one ``orders`` row (its idempotency key keeps a retried checkout
one order), credited to at most one exposure.

Pure functions over plain records; ``service.ExperimentService`` loads them from the analytics
event log and the orders.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal


@dataclass(frozen=True)
class Seen:
    """A ``join`` or ``exposure`` event naming a variant of the experiment."""

    viewer_id: str
    show_id: str
    variant_id: str
    at: datetime


@dataclass(frozen=True)
class Action:
    """A ``product_click`` or ``add_to_cart`` event on the experiment's product."""

    viewer_id: str
    show_id: str
    kind: str
    at: datetime


@dataclass(frozen=True)
class Purchase:
    """An order (not cancelled) holding the experiment's product: ``amount`` is what its lines
    of that product cost (price paid × quantity)."""

    order_id: int
    viewer_id: str
    show_id: str
    at: datetime
    amount: Decimal
    currency: str


@dataclass
class Exposure:
    variant_id: str
    viewer_id: str
    show_id: str
    started_at: datetime
    views: int = 1
    clicks: int = 0
    carts: int = 0
    purchases: list[Purchase] = field(default_factory=list)

    def converted_by(self, moment: datetime | None = None) -> bool:
        return any(moment is None or p.at <= moment for p in self.purchases)


def build_exposures(seen: Iterable[Seen]) -> list[Exposure]:
    """Exposures from events in time order (ties in the order given)."""
    current: dict[tuple[str, str], Exposure] = {}
    out: list[Exposure] = []
    for event in seen:
        key = (event.viewer_id, event.show_id)
        running = current.get(key)
        if running is not None and running.variant_id == event.variant_id:
            running.views += 1
            continue
        exposure = Exposure(event.variant_id, event.viewer_id, event.show_id, event.at)
        current[key] = exposure
        out.append(exposure)
    return out


class _Index:
    """The exposure running for a viewer in a place at a moment."""

    def __init__(self, exposures: Sequence[Exposure]) -> None:
        self._by_place: dict[tuple[str, str], list[Exposure]] = defaultdict(list)
        for exposure in exposures:  # already in time order per place
            self._by_place[(exposure.viewer_id, exposure.show_id)].append(exposure)
        self._starts = {key: [e.started_at for e in runs] for key, runs in self._by_place.items()}

    def at(self, viewer_id: str, show_id: str, moment: datetime) -> Exposure | None:
        starts = self._starts.get((viewer_id, show_id))
        if not starts:
            return None
        i = bisect.bisect_right(starts, moment) - 1
        return self._by_place[(viewer_id, show_id)][i] if i >= 0 else None


def credit(
    exposures: Sequence[Exposure], actions: Iterable[Action], purchases: Iterable[Purchase]
) -> int:
    """Credit actions and purchases to the exposure running when they happened; returns how
    many purchases found none (bought before seeing any variant there)."""
    index = _Index(exposures)
    for action in actions:
        exposure = index.at(action.viewer_id, action.show_id, action.at)
        if exposure is None:
            continue
        if action.kind == "product_click":
            exposure.clicks += 1
        elif action.kind == "add_to_cart":
            exposure.carts += 1
    unmatched = 0
    for purchase in purchases:
        exposure = index.at(purchase.viewer_id, purchase.show_id, purchase.at)
        if exposure is None:
            unmatched += 1
        else:
            exposure.purchases.append(purchase)
    return unmatched


def viewers_in_several_variants(exposures: Iterable[Exposure]) -> int:
    seen: dict[str, set[str]] = defaultdict(set)
    for exposure in exposures:
        seen[exposure.viewer_id].add(exposure.variant_id)
    return sum(1 for variants in seen.values() if len(variants) > 1)
