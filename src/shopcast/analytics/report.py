"""The show report: viewers and GMV over time with deals (and any pins) marked, plus the
funnel numbers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from sqlalchemy import select  # noqa: E402

from shopcast.analytics.schemas import ShowFunnel  # noqa: E402
from shopcast.analytics.service import AnalyticsService  # noqa: E402
from shopcast.commerce.clock import as_utc  # noqa: E402
from shopcast.commerce.tables import FlashDealRow  # noqa: E402
from shopcast.config import Settings, load_settings  # noqa: E402
from shopcast.errors import OutputError  # noqa: E402
from shopcast.store import Database, open_database  # noqa: E402


@dataclass(frozen=True)
class Marker:
    """A moment to pin on the chart: a product pin, a deal, a violation."""

    at: datetime
    label: str
    until: datetime | None = None  # a span (a deal's sale window) when set


def deal_markers(db: Database, show_id: str) -> list[Marker]:
    with db.session() as session:
        deals = session.scalars(select(FlashDealRow).where(FlashDealRow.show_id == show_id))
        return [
            Marker(
                at=as_utc(d.starts_at),
                label=f"deal {d.sku}",
                until=as_utc(d.starts_at) + timedelta(seconds=d.window_seconds),
            )
            for d in deals
        ]


def write_report(
    show_id: str,
    path_png: Path,
    *,
    db: Database | None = None,
    settings: Settings | None = None,
    markers: list[Marker] | None = None,
    bucket_seconds: int = 60,
) -> ShowFunnel:
    """Draw viewers and cumulative GMV over time to ``path_png``; return the funnel.

    Uses ``db`` when given, else opens the database of ``settings`` (default: environment).
    """
    owned = db is None
    db = db or open_database(settings or load_settings())
    try:
        analytics = AnalyticsService(db)
        funnel = analytics.funnel(show_id)
        points = analytics.timeline(show_id, bucket_seconds)
        pins = deal_markers(db, show_id) + list(markers or [])
    finally:
        if owned:
            db.close()
    _draw(funnel, points, pins, Path(path_png))
    return funnel


def _draw(funnel: ShowFunnel, points: list, pins: list[Marker], path: Path) -> None:
    times = [p.at for p in points]
    fig, viewers_ax = plt.subplots(figsize=(10, 5), dpi=100)
    try:
        viewers_ax.plot(
            times, [p.concurrent_viewers for p in points], color="#1f77b4", drawstyle="steps-post"
        )
        viewers_ax.set_ylim(bottom=0)
        viewers_ax.set_ylabel("viewers present", color="#1f77b4")
        gmv_ax = viewers_ax.twinx()
        gmv_ax.plot(
            times,
            [float(p.cumulative_gmv) for p in points],
            color="#2ca02c",
            drawstyle="steps-post",
        )
        gmv_ax.set_ylim(bottom=0)
        gmv_ax.set_ylabel(f"GMV ({funnel.currency or 'mixed'}, cumulative)", color="#2ca02c")
        for pin in pins:
            if pin.until is not None:
                viewers_ax.axvspan(pin.at, pin.until, color="#ff7f0e", alpha=0.15)
            viewers_ax.axvline(pin.at, color="#ff7f0e", linestyle="--", linewidth=1)
            viewers_ax.annotate(
                pin.label,
                (mdates.date2num(pin.at), 1.0),
                xycoords=("data", "axes fraction"),
                rotation=90,
                va="top",
                ha="right",
                fontsize=8,
                color="#b35900",
            )
        viewers_ax.xaxis.set_major_formatter(mdates.DateFormatter("%H:%M"))
        viewers_ax.set_title(
            f"Show {funnel.show_id}: {funnel.unique_viewers} viewers, peak "
            f"{funnel.peak_concurrent}, {funnel.orders} orders, GMV {funnel.gmv}"
        )
        fig.autofmt_xdate()
        fig.tight_layout()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part")
        try:
            fig.savefig(tmp, format="png")
            tmp.replace(path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise OutputError(f"Cannot write the report to {path}: {exc}") from exc
    finally:
        plt.close(fig)
