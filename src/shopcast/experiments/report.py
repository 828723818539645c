"""An experiment's report: per-variant numbers with intervals, the pairwise tests and the
verdict (a winner, no winner yet, no winner, or not enough data), from attributed exposures."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from shopcast.experiments import stats
from shopcast.experiments.attribution import (
    Action,
    Exposure,
    Purchase,
    Seen,
    build_exposures,
    credit,
    viewers_in_several_variants,
)
from shopcast.experiments.schemas import (
    ExperimentPublic,
    ExperimentReport,
    PairResult,
    PathPoint,
    VariantResult,
    Verdict,
)
from shopcast.markets.registry import get_market

PATH_POINTS = 40
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class ExperimentData:
    """What the service loaded for the experiment's window."""

    start: datetime
    end: datetime
    seen: Sequence[Seen]
    actions: Sequence[Action]
    purchases: Sequence[Purchase]
    unknown_variant_events: int = 0


def _money(value: Decimal | float) -> Decimal:
    return Decimal(str(value)).quantize(_CENT, ROUND_HALF_UP)


def _seed(experiment_id: str) -> int:
    return int.from_bytes(hashlib.sha256(experiment_id.encode()).digest()[:4], "big")


def _arm(key: str, exposures: Sequence[Exposure], moment: datetime | None = None) -> stats.Arm:
    return stats.Arm(key, len(exposures), sum(1 for e in exposures if e.converted_by(moment)))


def build_report(
    experiment: ExperimentPublic, data: ExperimentData | None, *, now: datetime
) -> ExperimentReport:
    market = get_market(experiment.market)
    design = experiment.design
    planned = design.exposures_per_variant
    exposures = build_exposures(data.seen) if data else []
    if data:
        credit(exposures, data.actions, data.purchases)
    by_variant: dict[str, list[Exposure]] = {v.id: [] for v in experiment.variants}
    for exposure in exposures:
        by_variant[exposure.variant_id].append(exposure)
    # The decision sees the first planned exposures of each variant, never more (stats).
    decided = {vid: runs[:planned] for vid, runs in by_variant.items()}
    arms = [_arm(vid, decided[vid]) for vid in by_variant]
    results = [
        _variant_result(
            v.id,
            v.label,
            v.angle,
            by_variant[v.id],
            len(decided[v.id]),
            market.currency,
            _seed(v.id),
        )
        for v in experiment.variants
    ]
    c = stats.boundary_constant(design.alpha, len(arms))
    leader = stats.leader_of(arms)
    tests = (
        [stats.compare_pair(leader, arm, c=c, planned=planned) for arm in arms if arm is not leader]
        if leader
        else []
    )
    fraction = min(
        (stats.information_fraction(a.n, b.n, planned) for a in arms for b in arms if a is not b),
        default=0.0,
    )
    labels = {v.id: v.label for v in experiment.variants}
    verdict = _verdict(experiment, data, arms, leader, tests, fraction, labels)
    other_currency = sum(1 for e in exposures for p in e.purchases if p.currency != market.currency)
    return ExperimentReport(
        experiment=experiment,
        currency=market.currency,
        window_start=data.start if data else None,
        window_end=data.end if data else None,
        variants=results,
        comparisons=[
            PairResult(
                better=t.better,
                worse=t.worse,
                difference=t.difference,
                low=t.low,
                high=t.high,
                z=t.z,
                boundary=t.boundary,
                information_fraction=t.fraction,
                significant=t.significant,
            )
            for t in tests
        ],
        verdict=verdict,
        information_fraction=fraction,
        viewers_in_several_variants=viewers_in_several_variants(exposures),
        unknown_variant_events=data.unknown_variant_events if data else 0,
        orders_in_other_currencies=other_currency,
        path=_path(by_variant, arms, planned, c, data) if data else [],
    )


def _variant_result(
    variant_id: str,
    label: str,
    angle: str,
    runs: Sequence[Exposure],
    decided_on: int,
    currency: str,
    seed: int,
) -> VariantResult:
    n = len(runs)
    converted = sum(1 for e in runs if e.purchases)
    clicked = sum(1 for e in runs if e.clicks)
    carted = sum(1 for e in runs if e.carts)
    per_exposure = [
        float(sum((p.amount for p in e.purchases if p.currency == currency), Decimal(0)))
        for e in runs
    ]
    gmv = sum((p.amount for e in runs for p in e.purchases if p.currency == currency), Decimal(0))
    low, high = stats.wilson(converted, n)
    gmv_low, gmv_high = stats.mean_interval(per_exposure, seed=seed)
    return VariantResult(
        variant_id=variant_id,
        label=label,
        angle=angle,
        exposures=n,
        viewers=len({e.viewer_id for e in runs}),
        views=sum(e.views for e in runs),
        clicks=sum(e.clicks for e in runs),
        click_rate=clicked / n if n else 0.0,
        add_to_cart=sum(e.carts for e in runs),
        cart_rate=carted / n if n else 0.0,
        orders=sum(len(e.purchases) for e in runs),
        conversion=converted / n if n else 0.0,
        conversion_low=low,
        conversion_high=high,
        gmv=_money(gmv),
        gmv_per_exposure=_money(gmv / n) if n else Decimal(0),
        gmv_per_exposure_low=_money(gmv_low),
        gmv_per_exposure_high=_money(gmv_high),
        decided_on=decided_on,
    )


def _points(value: float) -> str:
    return f"{value * 100:+.1f}"


def _verdict(
    experiment: ExperimentPublic,
    data: ExperimentData | None,
    arms: list[stats.Arm],
    leader: stats.Arm | None,
    tests: list[stats.PairTest],
    fraction: float,
    labels: dict[str, str],
) -> Verdict:
    design = experiment.design
    planned = design.exposures_per_variant
    leader_id = leader.key if leader else None
    if data is None:
        return Verdict(
            status="not_started",
            leader=None,
            winner=None,
            message=f"Not started: run `shopcast experiment start {experiment.id}`.",
        )
    orders = sum(a.successes for a in arms)
    short = [a for a in arms if a.n < design.min_exposures]
    if short or orders < design.min_orders:
        counts = ", ".join(f"{labels[a.key]} {a.n}" for a in arms)
        lead = (
            f" {labels[leader.key]} leads for now ({leader.rate:.1%}), which says nothing yet."
            if leader
            else ""
        )
        return Verdict(
            status="not_enough_data",
            leader=leader_id,
            winner=None,
            message=(
                f"Not enough data: every variant needs {design.min_exposures} exposures "
                f"({counts}) and all together {design.min_orders} orders ({orders} so far)." + lead
            ),
        )
    if leader is not None and tests and all(t.significant for t in tests):
        runner_up = min(tests, key=lambda t: t.difference)
        worse = next(a for a in arms if a.key == runner_up.worse)
        return Verdict(
            status="winner",
            leader=leader_id,
            winner=leader_id,
            message=(
                f"{labels[leader.key]} wins: {leader.rate:.1%} of exposures ordered, against "
                f"{worse.rate:.1%} for {labels[worse.key]} (difference "
                f"{_points(runner_up.difference)} points, interval {_points(runner_up.low)} to "
                f"{_points(runner_up.high)}), decided at {fraction:.0%} of the planned "
                f"{planned} exposures per variant."
            ),
        )
    closest = min(tests, key=lambda t: t.difference) if tests else None
    spread = (
        f"difference {_points(closest.difference)} points, interval {_points(closest.low)} to "
        f"{_points(closest.high)}"
        if closest
        else "no variant ahead"
    )
    if fraction >= 1.0:
        return Verdict(
            status="no_winner",
            leader=leader_id,
            winner=None,
            message=(
                f"No winner: at the planned {planned} exposures per variant the variants sell "
                f"alike ({spread}). A real difference, if any, is likely smaller than the "
                f"planned +{design.min_lift:.0%}."
            ),
        )
    if experiment.status == "stopped":
        return Verdict(
            status="no_winner",
            leader=leader_id,
            winner=None,
            message=(
                f"No winner: stopped at {fraction:.0%} of the planned {planned} exposures per "
                f"variant, before the data could tell the variants apart ({spread})."
            ),
        )
    lead = (
        f"{labels[leader.key]} leads ({leader.rate:.1%}), but the gap is still within chance"
        if leader
        else "No variant leads"
    )
    return Verdict(
        status="no_winner_yet",
        leader=leader_id,
        winner=None,
        message=(
            f"No winner yet: {lead} ({spread}) at {fraction:.0%} of the planned {planned} "
            "exposures per variant. Keep it running; reading this report often is safe."
        ),
    )


def _path(
    by_variant: dict[str, list[Exposure]],
    arms: list[stats.Arm],
    planned: int,
    c: float,
    data: ExperimentData,
) -> list[PathPoint]:
    """The leader-versus-runner-up z over the experiment's window (for the chart)."""
    ranked = sorted(arms, key=lambda a: a.rate, reverse=True)
    if len(ranked) < 2 or ranked[0].successes == 0:
        return []
    first, second = ranked[0].key, ranked[1].key
    span = (data.end - data.start) / PATH_POINTS
    points: list[PathPoint] = []
    for step in range(1, PATH_POINTS + 1):
        moment = data.start + span * step
        a, b = (
            _arm(key, [e for e in by_variant[key] if e.started_at <= moment][:planned], moment)
            for key in (first, second)
        )
        if a.n == 0 or b.n == 0:
            continue
        fraction = stats.information_fraction(a.n, b.n, planned)
        points.append(
            PathPoint(
                at=moment,
                information_fraction=fraction,
                z=stats.score_z(a, b),
                boundary=stats.boundary(c, fraction),
            )
        )
    return points
