"""ExperimentService: create, start and stop experiments, pick the variant a live segment
airs, and report which variant sells."""

from __future__ import annotations

import secrets
from datetime import datetime
from decimal import Decimal

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from shopcast.analytics.tables import AnalyticsEventRow
from shopcast.commerce.clock import Clock, as_utc, system_clock
from shopcast.commerce.errors import ConflictError
from shopcast.commerce.tables import OrderLineRow, OrderRow
from shopcast.errors import InvalidInputError, NotFoundError
from shopcast.experiments import rotation, stats
from shopcast.experiments.attribution import Action, Purchase, Seen
from shopcast.experiments.report import ExperimentData, build_report
from shopcast.experiments.schemas import (
    LABELS,
    Design,
    ExperimentCreate,
    ExperimentPublic,
    ExperimentReport,
    LiveVariant,
    VariantIn,
    VariantPublic,
)
from shopcast.experiments.tables import ExperimentRow, ExperimentVariantRow
from shopcast.markets.registry import get_market
from shopcast.store import Database
from shopcast.store.tables import ProductRow, VariantRow
from shopcast.studio.tables import StudioScriptRow
from shopcast.writing.script import Script

EXPOSURE_KINDS = ("join", "exposure")
ACTION_KINDS = ("product_click", "add_to_cart")
LIST_LIMIT = 200


def _public(row: ExperimentRow) -> ExperimentPublic:
    return ExperimentPublic(
        id=row.id,
        name=row.name,
        product_sku=row.product_sku,
        market=row.market,
        status=row.status,  # type: ignore[arg-type]
        design=Design.model_validate(row.design),
        variants=[
            VariantPublic(
                id=v.id,
                label=v.label,
                angle=v.angle,
                script=v.script,  # type: ignore[arg-type]
                studio_script_id=v.studio_script_id,
            )
            for v in row.variants
        ],
        created_by=row.created_by,
        created_at=as_utc(row.created_at),
        started_at=as_utc(row.started_at) if row.started_at else None,
        stopped_at=as_utc(row.stopped_at) if row.stopped_at else None,
    )


def _design(data: ExperimentCreate) -> Design:
    planned = data.exposures_per_variant or stats.planned_sample_size(
        data.baseline_rate,
        data.min_lift,
        alpha=data.alpha,
        power=data.power,
        variants=len(data.variants),
    )
    return Design(
        baseline_rate=data.baseline_rate,
        min_lift=data.min_lift,
        alpha=data.alpha,
        power=data.power,
        exposures_per_variant=planned,
        min_exposures=data.min_exposures,
        min_orders=data.min_orders,
    )


def _script_of(session: Session, variant: VariantIn) -> Script:
    if variant.script is not None:
        return variant.script
    row = session.get(StudioScriptRow, variant.studio_script_id)
    if row is None:
        raise NotFoundError(
            f"No studio script {variant.studio_script_id}.",
            hint="Write the variants in the studio first, or give the scripts themselves.",
        )
    return Script.model_validate(row.document)


def _product_and_market(data: ExperimentCreate, scripts: list[Script]) -> tuple[str, str]:
    """The one product and market every script is for (and the request names, if it does)."""
    skus = {s.product_sku for s in scripts}
    markets = {get_market(s.market).code for s in scripts}
    if len(skus) > 1 or len(markets) > 1:
        raise InvalidInputError(
            "Every variant must be a script of the same product in the same market; got "
            f"products {', '.join(sorted(skus))} and markets {', '.join(sorted(markets))}.",
            hint="An experiment compares ways to sell one product to one market.",
        )
    sku, market = skus.pop(), markets.pop()
    if data.product_sku and data.product_sku != sku:
        raise InvalidInputError(f"The scripts are for {sku!r}, not {data.product_sku!r}.")
    if data.market and get_market(data.market).code != market:
        raise InvalidInputError(f"The scripts are for market {market}, not {data.market}.")
    return sku, market


class ExperimentService:
    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self.db = db
        self.now = clock

    # -- lifecycle ------------------------------------------------------------------------
    def create(self, data: ExperimentCreate, *, actor: str) -> ExperimentPublic:
        """Store a draft experiment over the given scripts (labelled A, B, C...)."""
        design = _design(data)
        experiment_id = f"exp-{secrets.token_hex(4)}"
        with self.db.session() as session:
            scripts = [_script_of(session, variant) for variant in data.variants]
            sku, market = _product_and_market(data, scripts)
            if session.scalar(select(ProductRow.id).where(ProductRow.sku == sku)) is None:
                raise NotFoundError(
                    f"No product {sku!r} in the catalog.",
                    hint="Experiments test scripts of a catalog product: import it first.",
                )
            row = ExperimentRow(
                id=experiment_id,
                name=data.name,
                product_sku=sku,
                market=market,
                status="draft",
                design=design.model_dump(mode="json"),
                created_by=actor,
                created_at=self.now(),
                variants=[
                    ExperimentVariantRow(
                        id=f"{experiment_id}-{label.lower()}",
                        position=n,
                        label=label,
                        angle=variant.angle,
                        script=script.model_dump(mode="json"),
                        studio_script_id=variant.studio_script_id,
                    )
                    for n, (label, variant, script) in enumerate(
                        zip(LABELS, data.variants, scripts, strict=False)
                    )
                ],
            )
            session.add(row)
            session.flush()
            return _public(row)

    def get(self, experiment_id: str) -> ExperimentPublic:
        with self.db.session() as session:
            return _public(self._row(session, experiment_id))

    def list(self, status: str | None = None) -> list[ExperimentPublic]:
        query = select(ExperimentRow).options(selectinload(ExperimentRow.variants))
        if status:
            query = query.where(ExperimentRow.status == status)
        with self.db.session() as session:
            rows = session.scalars(
                query.order_by(ExperimentRow.created_at.desc()).limit(LIST_LIMIT)
            )
            return [_public(row) for row in rows]

    def start(self, experiment_id: str) -> ExperimentPublic:
        """Begin counting: only events from now on belong to the experiment. One experiment
        runs per product and market at a time (a live show must know which to rotate)."""
        with self.db.session() as session:
            row = self._row(session, experiment_id, lock=True)
            if row.status != "draft":
                raise ConflictError(
                    f"Experiment {experiment_id} is {row.status}; only a draft can start.",
                    hint="Create a new experiment to test again.",
                )
            other = session.scalar(
                select(ExperimentRow.id).where(
                    ExperimentRow.product_sku == row.product_sku,
                    ExperimentRow.market == row.market,
                    ExperimentRow.status == "running",
                )
            )
            if other is not None:
                raise ConflictError(
                    f"Experiment {other} already runs for {row.product_sku} in {row.market}.",
                    hint=f"Stop it first: shopcast experiment stop {other}",
                )
            row.status, row.started_at = "running", self.now()
            try:
                session.flush()
            except IntegrityError:  # another start for this product and market won the race
                raise ConflictError(
                    f"Another experiment started for {row.product_sku} in {row.market} just now.",
                    hint="shopcast experiment list --status running",
                ) from None
            return _public(row)

    def stop(self, experiment_id: str) -> ExperimentPublic:
        with self.db.session() as session:
            row = self._row(session, experiment_id, lock=True)
            if row.status != "running":
                raise ConflictError(
                    f"Experiment {experiment_id} is {row.status}; only a running one can stop."
                )
            row.status, row.stopped_at = "stopped", self.now()
            session.flush()
            return _public(row)

    @staticmethod
    def _row(session: Session, experiment_id: str, *, lock: bool = False) -> ExperimentRow:
        query = select(ExperimentRow).where(ExperimentRow.id == experiment_id)
        if lock:
            query = query.with_for_update()
        row = session.scalar(query)
        if row is None:
            raise NotFoundError(
                f"No experiment {experiment_id!r}.", hint="List them: shopcast experiment list"
            )
        return row

    # -- live shows -----------------------------------------------------------------------
    def running_for(self, product_sku: str, market: str) -> ExperimentPublic | None:
        with self.db.session() as session:
            row = session.scalar(
                select(ExperimentRow).where(
                    ExperimentRow.product_sku == product_sku,
                    ExperimentRow.market == market,
                    ExperimentRow.status == "running",
                )
            )
            return _public(row) if row is not None else None

    def live_variant(
        self, *, show_id: str, product_sku: str, market: str, turn: int
    ) -> LiveVariant | None:
        """The script a live show airs for its ``turn``-th segment (0-based, see
        ``rotation.product_turn``) of ``product_sku`` while an experiment runs for that product
        in ``market``; None when none runs (the show writes its own script). The show then puts
        ``experiment_id`` and ``variant_id`` in the viewers' state while the segment is on air,
        and the watch page reports an ``exposure`` (docs/experiments.md)."""
        experiment = self.running_for(product_sku, market)
        if experiment is None:
            return None
        variant = rotation.variant_for_segment(experiment, show_id=show_id, turn=turn)
        return LiveVariant(
            experiment_id=experiment.id,
            variant_id=variant.id,
            label=variant.label,
            script=variant.script,
        )

    # -- the report -----------------------------------------------------------------------
    def report(self, experiment_id: str) -> ExperimentReport:
        experiment = self.get(experiment_id)
        now = self.now()
        if experiment.started_at is None:
            return build_report(experiment, None, now=now)
        start = experiment.started_at
        end = experiment.stopped_at or now
        if end < start:
            raise InvalidInputError("The experiment stops before it starts; check the clock.")
        with self.db.session() as session:
            data = _load(session, experiment, start, end)
        return build_report(experiment, data, now=now)


def _load(
    session: Session, experiment: ExperimentPublic, start: datetime, end: datetime
) -> ExperimentData:
    variant_ids = [v.id for v in experiment.variants]
    product_variants = dict(
        session.execute(
            select(VariantRow.sku, VariantRow.id)
            .join(ProductRow, VariantRow.product_id == ProductRow.id)
            .where(ProductRow.sku == experiment.product_sku)
        ).all()
    )
    skus = [experiment.product_sku, *product_variants]
    events = AnalyticsEventRow
    in_window = (events.occurred_at >= start) & (events.occurred_at <= end)
    exposures_query = select(events).where(
        events.experiment_id == experiment.id, events.kind.in_(EXPOSURE_KINDS), in_window
    )
    seen: list[Seen] = []
    unknown = 0
    for row in session.scalars(exposures_query.order_by(events.occurred_at, events.id)):
        if row.variant_id not in variant_ids:
            unknown += 1  # a variant id this experiment never had (a stale or forged link)
            continue
        seen.append(Seen(row.viewer_id, row.show_id, row.variant_id, as_utc(row.occurred_at)))
    exposed_viewers = (
        select(events.viewer_id)
        .where(events.experiment_id == experiment.id, events.kind.in_(EXPOSURE_KINDS), in_window)
        .distinct()
        .scalar_subquery()
    )
    exposed_places = (
        select(events.show_id)
        .where(events.experiment_id == experiment.id, events.kind.in_(EXPOSURE_KINDS), in_window)
        .distinct()
        .scalar_subquery()
    )
    actions = [
        Action(viewer, show, kind, as_utc(at))
        for viewer, show, kind, at in session.execute(
            select(events.viewer_id, events.show_id, events.kind, events.occurred_at).where(
                events.kind.in_(ACTION_KINDS),
                events.sku.in_(skus),
                events.viewer_id.in_(exposed_viewers),
                events.show_id.in_(exposed_places),
                in_window,
            )
        )
    ]
    has_product = exists().where(
        OrderLineRow.order_id == OrderRow.id,
        OrderLineRow.variant_id.in_(list(product_variants.values()) or [-1]),
    )
    orders = session.execute(
        select(
            OrderRow.id,
            OrderRow.customer_id,
            OrderRow.show_id,
            OrderRow.created_at,
            OrderRow.currency,
        )
        .where(
            OrderRow.customer_id.in_(exposed_viewers),
            OrderRow.show_id.in_(exposed_places),
            OrderRow.status != "cancelled",
            OrderRow.created_at >= start,
            OrderRow.created_at <= end,
            has_product,
        )
        .order_by(OrderRow.created_at, OrderRow.id)
    ).all()
    amounts = _product_amounts(session, [o.id for o in orders], list(product_variants.values()))
    purchases = [
        Purchase(o.id, o.customer_id, o.show_id, as_utc(o.created_at), amounts[o.id], o.currency)
        for o in orders
    ]
    return ExperimentData(start, end, seen, actions, purchases, unknown)


def _product_amounts(
    session: Session, order_ids: list[int], variant_ids: list[int]
) -> dict[int, Decimal]:
    """What each order's lines of the product cost (Money is text on SQLite: summed here)."""
    totals: dict[int, Decimal] = {order_id: Decimal(0) for order_id in order_ids}
    for chunk in range(0, len(order_ids), 500):
        ids = order_ids[chunk : chunk + 500]
        rows = session.execute(
            select(OrderLineRow.order_id, OrderLineRow.unit_price, OrderLineRow.quantity).where(
                OrderLineRow.order_id.in_(ids), OrderLineRow.variant_id.in_(variant_ids)
            )
        )
        for order_id, price, quantity in rows:
            totals[order_id] += price * quantity
    return totals
