"""A/B rotation in a real show, end to end: an experiment with two variant scripts of the
serum runs; the show's loop airs both in turn (its script source asks the experiment service
for each segment's variant), the viewers' state names the variant on air, the watch page's
events follow it, and ``shopcast report --experiment``'s numbers attribute clicks, carts and
the order to the variant that was on air when they happened."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from shopcast.analytics.schemas import EventIn
from shopcast.analytics.service import AnalyticsService
from shopcast.commerce import CommerceService
from shopcast.commerce.schemas import CartCreate, CheckoutRequest, LineAdd
from shopcast.commerce.testing import sample_address
from shopcast.experiments.schemas import ExperimentCreate, VariantIn
from shopcast.experiments.service import ExperimentService
from shopcast.live.show import parse_show
from shopcast.live.show.registry import ShowRegistry
from shopcast.store import open_database
from shopcast.writing.script import Beat, Script
from show_helpers import sample_shop

SHOW = {
    "show": "ab-show",
    "persona": "mina",
    "market": "en-US",
    "size": "360x640",
    "writer": "templates",
    "rundown": [{"product": "glow-serum", "seconds": 15, "segments": ["hook"]}],
}
HOOKS = {
    "A": "Dry skin by noon? This serum keeps it glowing.",
    "B": "One drop sinks in fast and leaves no shine.",
}


def variant(label: str) -> VariantIn:
    script = Script(
        product_sku="glow-serum",
        persona="mina",
        market="en-US",
        language="en",
        length_target_s=10,
        beats=[Beat.make("hook", HOOKS[label], "en")],
    )
    return VariantIn(script=script, angle=f"angle {label}")


def test_a_running_experiment_rotates_its_variants_and_the_report_credits_each(
    tmp_path: Path, models_dir: Path
) -> None:
    settings = sample_shop(tmp_path / "home", models_dir)
    db = open_database(settings)
    commerce = CommerceService(db)
    analytics = AnalyticsService(db)
    commerce.outbox.subscribe(analytics.record_order)
    experiments = ExperimentService(db)
    experiment = experiments.create(
        ExperimentCreate(name="Serum hooks", variants=[variant("A"), variant("B")]), actor="t"
    )
    experiments.start(experiment.id)
    label_of = {v.id: v.label for v in experiment.variants}
    registry = ShowRegistry(settings, db, commerce)
    runner = registry.start(parse_show(SHOW, "test"))
    events = runner.events.subscribe()
    aired: list[tuple[str, str]] = []  # (variant on air, line spoken), in order
    sent: list[EventIn] = []

    def send(viewer: str, kind: str, variant_id: str, **extra: object) -> None:
        sent.append(
            EventIn(
                event_id=f"e{len(sent)}",
                show_id="ab-show",
                viewer_id=viewer,
                kind=kind,  # type: ignore[arg-type]
                experiment_id=experiment.id,
                variant_id=variant_id,
                occurred_at=datetime.now(UTC),
                **extra,  # type: ignore[arg-type]
            )
        )

    try:
        assert runner.wait_until_live(120), runner.status()
        on_air: list[str] = []  # variants in the order their segments aired
        deadline = time.monotonic() + 150
        heard: set[str] = set()  # variants whose own hook was said while they were on air
        while len(heard) < 2 and time.monotonic() < deadline:
            event = events.get(0.5)
            if event is None or event["type"] != "state":
                continue
            state = event["state"]
            if state["variant_id"] is None:
                continue
            assert state["experiment_id"] == experiment.id
            if state["speaking"]:
                aired.append((state["variant_id"], state["speaking"]))
                if state["speaking"] in HOOKS[label_of[state["variant_id"]]]:
                    heard.add(state["variant_id"])
            if not on_air or on_air[-1] != state["variant_id"]:
                on_air.append(state["variant_id"])
                # the watch page: a join with the first variant, an exposure at each change
                send("v1", "join" if len(on_air) == 1 else "exposure", state["variant_id"])
                if len(on_air) == 1:
                    send("v1", "product_click", state["variant_id"], sku="glow-serum")
                else:
                    send("v1", "add_to_cart", state["variant_id"], sku="HL-GS-30ML")
                assert analytics.ingest(sent[-2:]).accepted == 2
        # both variants aired in turn, each saying its own hook while named on air
        assert len(heard) == 2 and len(on_air) == 2, (on_air, aired)
        first, second = on_air
        assert {first, second} == set(label_of)
        cart = commerce.create_cart(CartCreate(viewer_id="v1", currency="USD", show_id="ab-show"))
        commerce.add_line(cart.id, LineAdd(sku="HL-GS-30ML", quantity=1))
        commerce.checkout_cart(
            cart.id, CheckoutRequest(address=sample_address()), idempotency_key="v1-k"
        )
    finally:
        registry.stop_all()
    report = experiments.report(experiment.id)
    db.close()
    by_id = {v.variant_id: v for v in report.variants}
    assert (by_id[first].exposures, by_id[first].clicks, by_id[first].orders) == (1, 1, 0)
    assert (by_id[second].exposures, by_id[second].add_to_cart) == (1, 1)
    assert (by_id[second].orders, by_id[second].gmv) == (1, Decimal(28))
