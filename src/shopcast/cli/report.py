"""``shopcast report --show ID --out report.png``: a show's funnel and chart, and what its
viewers asked the shopping assistant; ``shopcast report --experiment ID``: which script variant
sells (docs/experiments.md)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from shopcast.analytics.report import write_report
from shopcast.assistant.questions import QuestionLog
from shopcast.assistant.schemas import QuestionSummary
from shopcast.cli.common import print_error
from shopcast.cli.experiment import print_report
from shopcast.config import load_settings
from shopcast.errors import InvalidInputError, ShopcastError
from shopcast.experiments.service import ExperimentService
from shopcast.store import open_database


def report_command(
    show: str | None = typer.Option(None, "--show", help="Show id whose events to report."),
    experiment: str | None = typer.Option(
        None, "--experiment", help="Experiment id: which variant sells."
    ),
    out: Path = typer.Option(Path("report.png"), "--out", help="Where to write the chart PNG."),
    as_json: bool = typer.Option(False, "--json", help="Experiment report as JSON (as the API)."),
) -> None:
    """Print a show's funnel and draw viewers and GMV over time, or an experiment's verdict
    with its per-variant numbers and chart."""
    if (show is None) == (experiment is None):
        print_error(InvalidInputError("Name what to report: --show ID or --experiment ID (one)."))
        raise typer.Exit(2)
    if experiment is not None:
        _experiment_report(experiment, out, as_json)
        return
    assert show is not None
    console = Console()
    settings = load_settings()
    try:
        db = open_database(settings)
        try:
            funnel = write_report(show, out, db=db)
            questions = QuestionLog(db).summary(show)
        finally:
            db.close()
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
    print_questions(console, questions)
    console.print(f"Chart written to {out}")


def _experiment_report(experiment_id: str, out: Path, as_json: bool) -> None:
    try:
        db = open_database(load_settings())
        try:
            report = ExperimentService(db).report(experiment_id)
        finally:
            db.close()
        if as_json:
            typer.echo(report.model_dump_json(indent=2))
            return
        print_report(report, out)
    except ShopcastError as exc:
        print_error(exc)
        raise typer.Exit(2) from exc


def print_questions(console: Console, summary: QuestionSummary) -> None:
    """The assistant's questions: the unanswered rate and the top questions per product."""
    if not summary.total:
        console.print("Assistant: no questions asked.")
        return
    console.print(
        f"Assistant: {summary.total} questions, {summary.product_questions} about products, "
        f"{summary.unanswered} unanswered (safe line, {summary.unanswered_rate:.0%}), "
        f"{summary.refused} refused, {summary.model_rejected} model answers replaced"
    )
    table = Table(title="Top questions per product (unanswered ones belong in the FAQ)")
    table.add_column("product")
    table.add_column("question")
    table.add_column("asked", justify="right")
    table.add_column("unanswered", justify="right")
    for product in summary.products:
        for n, asked in enumerate(product.top):
            label = (product.sku or "(no product)") if n == 0 else ""
            # viewers' words are data: printed as text, never as console markup
            table.add_row(
                Text(label), Text(asked.question), str(asked.count), str(asked.unanswered)
            )
    console.print(table)
