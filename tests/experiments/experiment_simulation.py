"""Simulated experiments through the real layers: viewers' events go through
``AnalyticsService.ingest`` (as the watch page sends them), orders through ``CommerceService``
(cart, line, checkout with an idempotency key; the outbox turns each into the show's analytics
``order`` event, as the app wires it). Nothing writes aggregate numbers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

import numpy as np

from shopcast.analytics.schemas import EventIn
from shopcast.analytics.service import AnalyticsService
from shopcast.commerce import CommerceService, ManualClock
from shopcast.commerce.schemas import CartCreate, CheckoutRequest, LineAdd
from shopcast.commerce.testing import add_product, sample_address
from shopcast.config import Settings
from shopcast.experiments.rotation import variant_for_segment
from shopcast.experiments.schemas import ExperimentCreate, ExperimentPublic, VariantIn
from shopcast.experiments.service import ExperimentService
from shopcast.store import Database
from shopcast.writing.script import Beat, Script

PRODUCT = "glow-serum"
VARIANT_SKU = "GS-30ML"
PRICE = Decimal("28.00")
HOOKS = {
    "A": "Dry skin by noon? This serum fixes that.",
    "B": "Watch it sink in: one drop, no shine.",
    "C": "Twenty-eight dollars for a month of glow.",
}


def script(label: str, *, sku: str = PRODUCT, market: str = "en-US") -> Script:
    lines = [("hook", HOOKS[label]), ("cta", "Tap the card to get yours.")]
    return Script(
        product_sku=sku,
        persona="mina",
        market=market,
        language="en",
        length_target_s=10,
        beats=[Beat.make(kind, text, "en") for kind, text in lines],
    )


def add_serum(db: Database, settings: Settings) -> None:
    add_product(
        db,
        settings,
        handle=PRODUCT,
        skus={VARIANT_SKU: 1_000_000},
        price=PRICE,
    )


def create_experiment(
    service: ExperimentService, labels: Sequence[str] = ("A", "B"), **design: object
) -> ExperimentPublic:
    return service.create(
        ExperimentCreate(
            name="Serum hooks",
            variants=[VariantIn(script=script(label), angle=f"angle {label}") for label in labels],
            **design,  # type: ignore[arg-type]
        ),
        actor="test",
    )


@dataclass
class Shop:
    """The real services a simulated viewer touches, on one manual clock."""

    db: Database
    clock: ManualClock
    analytics: AnalyticsService = field(init=False)
    commerce: CommerceService = field(init=False)
    last_cart: int = 0  # the cart of the last ``buy`` (to retry its checkout)

    def __post_init__(self) -> None:
        self.analytics = AnalyticsService(self.db)
        self.commerce = CommerceService(self.db, clock=self.clock)
        self.commerce.outbox.subscribe(self.analytics.record_order)

    def buy(self, viewer: str, show_id: str, at: datetime, *, key: str, sku: str = VARIANT_SKU):
        """A viewer's cart → checkout at ``at`` (the watch page's path); returns the order."""
        self.clock.set(at)
        cart = self.commerce.create_cart(
            CartCreate(viewer_id=viewer, currency="USD", show_id=show_id)
        )
        self.commerce.add_line(cart.id, LineAdd(sku=sku, quantity=1))
        self.last_cart = cart.id
        order, _ = self.commerce.checkout_cart(
            cart.id, CheckoutRequest(address=sample_address()), idempotency_key=key
        )
        return order


@dataclass
class Tally:
    """What the simulation did, per variant label (to compare with the report)."""

    exposures: dict[str, int] = field(default_factory=dict)
    orders: dict[str, int] = field(default_factory=dict)


def simulate_videos(
    shop: Shop,
    experiment: ExperimentPublic,
    conversion: dict[str, float],
    *,
    viewers_per_variant: int,
    start: datetime,
    seed: int,
    show_id: str = "serum-videos",
    click_rate: float = 0.25,
) -> Tally:
    """Viewers each watch one variant's video (an equal number per variant, in a shuffled
    order, one every 20 s) and join the shop page with its link; some click the product;
    ``conversion[label]`` of them add it to the cart and order."""
    rng = np.random.default_rng(seed)
    labels = [v.label for v in experiment.variants]
    by_label = {v.label: v for v in experiment.variants}
    queue = np.repeat(np.arange(len(labels)), viewers_per_variant)
    rng.shuffle(queue)
    events: list[EventIn] = []
    tally = Tally({label: 0 for label in labels}, {label: 0 for label in labels})

    def event(kind: str, viewer: str, at: datetime, variant_id: str, **extra: object) -> None:
        events.append(
            EventIn(
                event_id=f"{viewer}-{len(events)}",
                show_id=show_id,
                viewer_id=viewer,
                kind=kind,  # type: ignore[arg-type]
                occurred_at=at,
                experiment_id=experiment.id,
                variant_id=variant_id,
                **extra,  # type: ignore[arg-type]
            )
        )

    for n, arm in enumerate(queue):
        label = labels[arm]
        variant = by_label[label]
        viewer = f"{seed}-viewer-{n}"
        at = start + timedelta(seconds=20 * n + 1)
        event("join", viewer, at, variant.id)
        tally.exposures[label] += 1
        orders = rng.random() < conversion[label]
        if orders or rng.random() < click_rate:
            event("product_click", viewer, at + timedelta(seconds=5), variant.id, sku=PRODUCT)
        if orders:
            event("add_to_cart", viewer, at + timedelta(seconds=8), variant.id, sku=VARIANT_SKU)
            shop.buy(viewer, show_id, at + timedelta(seconds=12), key=f"{viewer}-order")
            tally.orders[label] += 1
    for chunk in range(0, len(events), 2000):
        shop.analytics.ingest(events[chunk : chunk + 2000])
    return tally


def simulate_live_rotation(
    shop: Shop,
    experiment: ExperimentPublic,
    conversion: dict[str, float],
    *,
    show_id: str,
    segments: int,
    start: datetime,
    seed: int,
    arrivals: int = 20,
    segment_s: int = 120,
    stay: float = 0.6,
) -> Tally:
    """A live show airs the experiment's product every ``segment_s`` seconds, the variant picked
    by ``variant_for_segment``. ``arrivals`` viewers join per segment (their ``join`` tagged with
    the variant on air); each stays on with probability ``stay`` per segment, and when the
    variant changes while they watch the page sends an ``exposure``. A viewer orders at most
    once, with probability ``conversion[label]`` in a segment airing that variant."""
    rng = np.random.default_rng(seed)
    events: list[EventIn] = []
    tally = Tally(
        {v.label: 0 for v in experiment.variants}, {v.label: 0 for v in experiment.variants}
    )
    present: dict[str, str | None] = {}  # viewer → the variant id they last saw
    bought: set[str] = set()
    joined = 0

    def event(kind: str, viewer: str, at: datetime, variant_id: str, **extra: object) -> None:
        events.append(
            EventIn(
                event_id=f"{show_id}-{len(events)}",
                show_id=show_id,
                viewer_id=viewer,
                kind=kind,  # type: ignore[arg-type]
                occurred_at=at,
                experiment_id=experiment.id,
                variant_id=variant_id,
                **extra,  # type: ignore[arg-type]
            )
        )

    for turn in range(segments):
        variant = variant_for_segment(experiment, show_id=show_id, turn=turn)
        begins = start + timedelta(seconds=segment_s * turn)
        present = {v: last for v, last in present.items() if rng.random() < stay}
        for _ in range(arrivals):
            present[f"{seed}-live-{joined}"] = None
            joined += 1
        for n, (viewer, last) in enumerate(sorted(present.items())):
            at = begins + timedelta(seconds=1 + n * 0.01)
            if last is None:
                event("join", viewer, at, variant.id)
            elif last != variant.id:
                event("exposure", viewer, at, variant.id)
            if last != variant.id:
                tally.exposures[variant.label] += 1
            present[viewer] = variant.id
            if viewer not in bought and rng.random() < conversion[variant.label]:
                moment = at + timedelta(seconds=30)
                event("product_click", viewer, moment, variant.id, sku=PRODUCT)
                shop.buy(viewer, show_id, moment + timedelta(seconds=10), key=f"{viewer}-o")
                bought.add(viewer)
                tally.orders[variant.label] += 1
    for chunk in range(0, len(events), 2000):
        shop.analytics.ingest(events[chunk : chunk + 2000])
    return tally
