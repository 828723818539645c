"""``shopcast report --show ID --out report.png``: a show's funnel and chart."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from shopcast.analytics.report import write_report
from shopcast.config import load_settings
from shopcast.errors import ShopcastError


def report_command(
    show: str = typer.Option(..., "--show", help="Show id whose events to report."),
    out: Path = typer.Option(Path("report.png"), "--out", help="Where to write the chart PNG."),
) -> None:
    """Print a show's funnel and draw viewers and GMV over time."""
    console = Console()
    try:
        funnel = write_report(show, out, settings=load_settings())
    except ShopcastError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from exc
    table = Table(title=f"Show {show}")
    table.add_column("metric")
    table.add_column("value", justify="right")
    rows = [
        ("views", funnel.views),
        ("unique viewers", funnel.unique_viewers),
        ("peak concurrent", funnel.peak_concurrent),
        ("average watch (s)", funnel.average_watch_seconds),
        ("product clicks", funnel.product_clicks),
        ("click-through", f"{funnel.click_through:.1%}"),
        ("add to cart", funnel.add_to_cart),
        ("orders", funnel.orders),
        ("GMV", f"{funnel.gmv} {funnel.currency or ''}".strip()),
        ("GMV per 1,000 views", funnel.gmv_per_1000_views),
        ("average order value", funnel.average_order_value),
    ]
    for name, value in rows:
        table.add_row(name, str(value))
    console.print(table)
    for segment in funnel.segments:
        console.print(
            f"segment {segment.segment_id}: {segment.unique_viewers} viewers, "
            f"{segment.product_clicks} clicks, {segment.orders} orders, GMV {segment.gmv}"
        )
    console.print(f"Chart written to {out}")
