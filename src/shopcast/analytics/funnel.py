"""Funnel arithmetic over one show's events (pure functions; the service loads the rows)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from shopcast.analytics.schemas import FunnelNumbers, SegmentFunnel, ShowFunnel, TimelinePoint
from shopcast.analytics.tables import AnalyticsEventRow
from shopcast.commerce.clock import as_utc

_CENT = Decimal("0.01")


def _money(value: Decimal) -> Decimal:
    return value.quantize(_CENT, ROUND_HALF_UP)


def funnel_numbers(events: Sequence[AnalyticsEventRow]) -> FunnelNumbers:
    by_kind: dict[str, list[AnalyticsEventRow]] = defaultdict(list)
    for event in events:
        by_kind[event.kind].append(event)
    views = len(by_kind["join"])
    unique = len({e.viewer_id for e in by_kind["join"]})
    clickers = len({e.viewer_id for e in by_kind["product_click"]})
    orders = by_kind["order"]
    currencies = sorted({e.currency for e in orders if e.currency})
    gmv = sum((e.amount or Decimal(0) for e in orders), Decimal(0))
    return FunnelNumbers(
        views=views,
        unique_viewers=unique,
        product_clicks=len(by_kind["product_click"]),
        click_through=round(clickers / unique, 4) if unique else 0.0,
        add_to_cart=len(by_kind["add_to_cart"]),
        orders=len(orders),
        gmv=_money(gmv),
        currency=currencies[0] if len(currencies) == 1 else None,
        gmv_per_1000_views=_money(gmv * 1000 / views) if views else Decimal(0),
        average_order_value=_money(gmv / len(orders)) if orders else Decimal(0),
    )


def _presence(events: Iterable[AnalyticsEventRow]) -> list[tuple[datetime, int]]:
    """(time, +1/-1) steps of viewers present; a leave without a join is ignored."""
    present: dict[str, int] = defaultdict(int)
    steps = []
    for event in sorted(events, key=lambda e: (as_utc(e.occurred_at), e.id or 0)):
        if event.kind == "join":
            present[event.viewer_id] += 1
            steps.append((as_utc(event.occurred_at), 1))
        elif event.kind == "leave" and present[event.viewer_id] > 0:
            present[event.viewer_id] -= 1
            steps.append((as_utc(event.occurred_at), -1))
    return steps


def peak_concurrent(events: Sequence[AnalyticsEventRow]) -> int:
    current = peak = 0
    for _, step in _presence(events):
        current += step
        peak = max(peak, current)
    return peak


def average_watch_seconds(events: Sequence[AnalyticsEventRow]) -> float:
    """Mean length of a join→leave visit; visits still open end at the show's last event."""
    if not events:
        return 0.0
    end = max(as_utc(e.occurred_at) for e in events)
    open_visits: dict[str, list[datetime]] = defaultdict(list)
    lengths: list[float] = []
    for event in sorted(events, key=lambda e: (as_utc(e.occurred_at), e.id or 0)):
        at = as_utc(event.occurred_at)
        if event.kind == "join":
            open_visits[event.viewer_id].append(at)
        elif event.kind == "leave" and open_visits[event.viewer_id]:
            lengths.append((at - open_visits[event.viewer_id].pop()).total_seconds())
    lengths += [
        (end - start).total_seconds() for starts in open_visits.values() for start in starts
    ]
    return round(sum(lengths) / len(lengths), 2) if lengths else 0.0


def show_funnel(show_id: str, events: Sequence[AnalyticsEventRow]) -> ShowFunnel:
    segments: dict[str, list[AnalyticsEventRow]] = defaultdict(list)
    for event in events:
        if event.segment_id:
            segments[event.segment_id].append(event)
    times = [as_utc(e.occurred_at) for e in events]
    return ShowFunnel(
        show_id=show_id,
        **funnel_numbers(events).model_dump(),
        peak_concurrent=peak_concurrent(events),
        average_watch_seconds=average_watch_seconds(events),
        started_at=min(times) if times else None,
        ended_at=max(times) if times else None,
        segments=[
            SegmentFunnel(segment_id=sid, **funnel_numbers(rows).model_dump())
            for sid, rows in sorted(segments.items())
        ],
    )


def timeline(events: Sequence[AnalyticsEventRow], bucket_seconds: int = 60) -> list[TimelinePoint]:
    """Viewers present and cumulative GMV at the end of each ``bucket_seconds`` bucket."""
    if not events:
        return []
    times = sorted(as_utc(e.occurred_at) for e in events)
    start, end = times[0], times[-1]
    steps = _presence(events)
    orders = sorted(
        (as_utc(e.occurred_at), e.amount or Decimal(0)) for e in events if e.kind == "order"
    )
    points, viewers, gmv, si, oi = [], 0, Decimal(0), 0, 0
    at = start
    while True:
        while si < len(steps) and steps[si][0] <= at:
            viewers += steps[si][1]
            si += 1
        while oi < len(orders) and orders[oi][0] <= at:
            gmv += orders[oi][1]
            oi += 1
        points.append(TimelinePoint(at=at, concurrent_viewers=viewers, cumulative_gmv=gmv))
        if at >= end:
            return points
        at = min(at + timedelta(seconds=bucket_seconds), end)
