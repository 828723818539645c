"""The funnel of a generated show log, computed by hand; ingestion stores each event once;
the report PNG is drawn."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shopcast.analytics.report import Marker, deal_markers, write_report
from shopcast.analytics.schemas import EventIn
from shopcast.analytics.service import AnalyticsService
from shopcast.commerce import CommerceService, ManualClock
from shopcast.commerce.schemas import DealCreate
from shopcast.commerce.testing import BACKENDS, add_product, temporary_database
from shopcast.config import Settings
from shopcast.errors import NotFoundError
from shopcast.store import Database

T0 = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    with temporary_database(request.param, tmp_path) as database:
        yield database


def show_log(show: str = "s1") -> list[EventIn]:
    """10 viewers join 10 s apart; 5 leave at 200 s; v0 comes back 300–360 s.
    v1 clicks twice, v2 and v3 once; v1, v2 add to cart; v1 orders 30, v2 orders 50."""
    events: list[EventIn] = []

    def add(kind: str, viewer: int, second: int, segment: str, **extra: object) -> None:
        events.append(
            EventIn(
                event_id=f"{show}-{len(events)}",
                show_id=show,
                segment_id=segment,
                viewer_id=f"v{viewer}",
                kind=kind,
                occurred_at=T0 + timedelta(seconds=second),
                **extra,
            )
        )

    for i in range(10):
        add("join", i, i * 10, "intro")
    for viewer, second in ((1, 110), (1, 115), (2, 120), (3, 125)):
        add("product_click", viewer, second, "deal", sku="SERUM-30")
    add("add_to_cart", 1, 130, "deal", sku="SERUM-30")
    add("add_to_cart", 2, 135, "deal", sku="SERUM-30")
    add("order", 1, 150, "deal", amount=Decimal(30), currency="USD")
    add("order", 2, 160, "deal", amount=Decimal(50), currency="USD")
    for i in range(5):
        add("leave", i, 200, "deal")
    add("join", 0, 300, "outro")
    add("leave", 0, 360, "outro")
    return events


def test_funnel_numbers(db):
    analytics = AnalyticsService(db)
    assert analytics.ingest(show_log()).accepted == 25
    funnel = analytics.funnel("s1")
    assert (funnel.views, funnel.unique_viewers, funnel.peak_concurrent) == (11, 10, 10)
    # visits: v0 200+60, v1..v4 190..160, v5..v9 open until 360 s: 310..270 → 2410 s / 11
    assert funnel.average_watch_seconds == pytest.approx(219.09)
    assert (funnel.product_clicks, funnel.click_through, funnel.add_to_cart) == (4, 0.3, 2)
    assert (funnel.orders, funnel.gmv, funnel.currency) == (2, Decimal(80), "USD")
    assert funnel.average_order_value == Decimal(40)
    assert funnel.gmv_per_1000_views == Decimal("7272.73")
    segments = {s.segment_id: s for s in funnel.segments}
    assert set(segments) == {"intro", "deal", "outro"}
    assert (segments["deal"].orders, segments["deal"].gmv) == (2, Decimal(80))
    assert (segments["intro"].views, segments["outro"].views) == (10, 1)
    timeline = analytics.timeline("s1", bucket_seconds=60)
    assert [p.concurrent_viewers for p in timeline] == [1, 7, 10, 10, 5, 6, 5]
    assert timeline[-1].cumulative_gmv == Decimal(80)


def test_resent_events_are_counted_once(db):
    analytics = AnalyticsService(db)
    log = show_log()
    assert analytics.ingest(log[:10]).accepted == 10
    result = analytics.ingest(log + log[:3])
    assert (result.accepted, result.duplicates) == (15, 13)
    assert analytics.funnel("s1").views == 11
    with pytest.raises(NotFoundError, match="No analytics events for show 'other'"):
        analytics.funnel("other")


def test_report_png_and_cli(db, tmp_path, monkeypatch):
    AnalyticsService(db).ingest(show_log())
    add_product(db, Settings(home=tmp_path), handle="serum", skus={"SERUM-30": 10})
    CommerceService(db, clock=ManualClock(T0)).create_deal(
        DealCreate(
            sku="SERUM-30",
            currency="USD",
            deal_price=Decimal(9),
            show_id="s1",
            starts_at=T0 + timedelta(seconds=110),
            window_seconds=120,
            total_quantity=5,
        )
    )
    assert [m.label for m in deal_markers(db, "s1")] == ["deal SERUM-30"]
    png = tmp_path / "out" / "report.png"
    funnel = write_report(
        "s1", png, db=db, markers=[Marker(at=T0 + timedelta(seconds=100), label="pin SERUM-30")]
    )
    assert funnel.orders == 2
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    if db.engine.dialect.name != "sqlite":
        return
    import typer

    from shopcast.cli.report import report_command

    monkeypatch.setenv("SHOPCAST_DATABASE_URL", db.url)
    app = typer.Typer()
    app.command()(report_command)
    result = CliRunner().invoke(app, ["--show", "s1", "--out", str(tmp_path / "cli.png")])
    assert result.exit_code == 0, result.output
    assert "GMV per 1,000 views" in result.output and "7272.73" in result.output
    assert (tmp_path / "cli.png").exists()
