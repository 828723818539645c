"""ExperimentService on SQLite and PostgreSQL: the lifecycle and its refusals, the live
variant pick, and attribution through the real event log and orders, counted by hand."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from experiment_simulation import PRODUCT, Shop, add_serum, create_experiment, script

from shopcast.analytics.schemas import EventIn
from shopcast.commerce import ManualClock
from shopcast.commerce.errors import ConflictError
from shopcast.commerce.schemas import CheckoutRequest
from shopcast.commerce.testing import BACKENDS, add_product, sample_address, temporary_database
from shopcast.config import Settings
from shopcast.errors import InvalidInputError, NotFoundError
from shopcast.experiments.schemas import ExperimentCreate, VariantIn
from shopcast.experiments.service import ExperimentService
from shopcast.store import Database

T0 = datetime(2026, 11, 27, 18, 0, tzinfo=UTC)


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    with temporary_database(request.param, tmp_path) as database:
        settings = Settings(home=tmp_path)
        add_serum(database, settings)
        add_product(database, settings, handle="tee", skus={"TEE-M": 100})
        yield database


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


@pytest.fixture
def service(db: Database, clock: ManualClock) -> ExperimentService:
    return ExperimentService(db, clock=clock)


def test_lifecycle_and_refusals(service: ExperimentService, clock: ManualClock):
    experiment = create_experiment(service, ("A", "B"))
    assert experiment.status == "draft" and experiment.product_sku == PRODUCT
    assert [v.id for v in experiment.variants] == [f"{experiment.id}-a", f"{experiment.id}-b"]
    assert experiment.design.exposures_per_variant == 3020  # 3% → 4.5%, 80% power
    assert service.report(experiment.id).verdict.status == "not_started"
    assert service.live_variant(show_id="s", product_sku=PRODUCT, market="en-US", turn=0) is None

    started = service.start(experiment.id)
    assert (started.status, started.started_at) == ("running", T0)
    with pytest.raises(ConflictError, match="only a draft can start"):
        service.start(experiment.id)
    rival = create_experiment(service, ("A", "C"))
    with pytest.raises(ConflictError, match=f"{experiment.id} already runs") as refused:
        service.start(rival.id)
    assert f"shopcast experiment stop {experiment.id}" in (refused.value.hint or "")
    live = service.live_variant(show_id="s", product_sku=PRODUCT, market="en-US", turn=0)
    assert live is not None and live.experiment_id == experiment.id
    assert live.script == experiment.variant(live.variant_id).script
    assert service.live_variant(show_id="s", product_sku=PRODUCT, market="ko-KR", turn=0) is None
    assert [e.id for e in service.list("running")] == [experiment.id]

    clock.advance(60)
    stopped = service.stop(experiment.id)
    assert stopped.stopped_at == T0 + timedelta(seconds=60)
    with pytest.raises(ConflictError):
        service.stop(experiment.id)
    with pytest.raises(NotFoundError, match="No experiment 'exp-nope'"):
        service.get("exp-nope")


def test_bad_requests_are_clear(service: ExperimentService):
    with pytest.raises(InvalidInputError, match="same product in the same market"):
        service.create(
            ExperimentCreate(
                name="x",
                variants=[
                    VariantIn(script=script("A")),
                    VariantIn(script=script("B", sku="tee")),
                ],
            ),
            actor="t",
        )
    with pytest.raises(NotFoundError, match="No product 'ghost'"):
        service.create(
            ExperimentCreate(
                name="x",
                variants=[VariantIn(script=script(x, sku="ghost")) for x in "AB"],
            ),
            actor="t",
        )
    with pytest.raises(NotFoundError, match="No studio script 999"):
        service.create(
            ExperimentCreate(
                name="x", variants=[VariantIn(script=script("A")), VariantIn(studio_script_id=999)]
            ),
            actor="t",
        )
    with pytest.raises(ValueError, match="one of them"):
        VariantIn(script=script("A"), studio_script_id=3)
    with pytest.raises(ValueError):
        ExperimentCreate(name="x", variants=[VariantIn(script=script("A"))])  # one variant


def test_attribution_through_the_event_log_and_the_orders(
    db: Database, service: ExperimentService, clock: ManualClock
):
    experiment = create_experiment(service, ("A", "B"))
    service.start(experiment.id)
    a, b = (v.id for v in experiment.variants)
    shop = Shop(db, clock)
    events: list[EventIn] = []

    def event(viewer: str, kind: str, second: float, variant: str | None, **extra: object):
        tag = {"experiment_id": experiment.id, "variant_id": variant} if variant else {}
        events.append(
            EventIn(
                event_id=f"e{len(events)}",
                show_id=extra.pop("show", "live-1"),  # type: ignore[arg-type]
                viewer_id=viewer,
                kind=kind,  # type: ignore[arg-type]
                occurred_at=T0 + timedelta(seconds=second),
                **tag,  # type: ignore[arg-type]
                **extra,  # type: ignore[arg-type]
            )
        )

    def at(second: float) -> datetime:
        return T0 + timedelta(seconds=second)

    event("v7", "join", -10, a)  # before the experiment started: not counted
    event("v1", "join", 10, a)
    event("v1", "product_click", 20, a, sku=PRODUCT)
    event("v1", "exposure", 60, b)  # the live show rotated to B while v1 watched
    event("v1", "add_to_cart", 70, b, sku="GS-30ML")
    first = shop.buy("v1", "live-1", at(80), key="v1-k")
    again, created = shop.commerce.checkout_cart(  # a retried checkout: the same order
        shop.last_cart, CheckoutRequest(address=sample_address()), idempotency_key="v1-k"
    )
    assert (again.id, created) == (first.id, False)
    event("v2", "join", 15, b)
    shop.buy("v2", "live-1", at(30), key="v2-tee", sku="TEE-M")  # another product
    cancelled = shop.buy("v2", "live-1", at(40), key="v2-k")
    shop.commerce.transition(cancelled.id, "cancel", actor="op")  # cancelled: not a sale
    shop.buy("v3", "live-1", at(5), key="v3-k")  # bought before seeing any variant
    event("v3", "join", 50, a)
    event("v4", "join", 20, None, experiment_id=experiment.id, variant_id="exp-x-z")
    event("v5", "join", 25, a)
    # a client-sent "order" event (the public intake accepts them): never a sale here
    event("v5", "order", 26, a, amount=Decimal(999), currency="USD")
    event("v6", "join", 30, a)
    shop.buy("v6", "live-2", at(100), key="v6-k")  # in a show where v6 saw no variant
    assert shop.analytics.ingest(events).accepted == len(events)
    assert shop.analytics.ingest(events).duplicates == len(events)  # resent: stored once

    clock.set(at(200))
    report = service.report(experiment.id)
    by_label = {v.label: v for v in report.variants}
    A, B = by_label["A"], by_label["B"]
    assert (A.exposures, A.viewers, A.views, A.clicks, A.orders) == (4, 4, 4, 1, 0)
    assert (B.exposures, B.viewers, B.add_to_cart, B.orders, B.gmv) == (2, 2, 1, 1, Decimal(28))
    assert (A.conversion, B.conversion) == (0.0, 0.5)
    assert report.viewers_in_several_variants == 1
    assert report.unknown_variant_events == 1
    assert report.verdict.status == "not_enough_data"
    assert (report.window_start, report.window_end) == (T0, at(200))
