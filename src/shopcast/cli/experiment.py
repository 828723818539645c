"""``shopcast experiment``: run script variants of a product as an A/B experiment (create,
start, stop, list, show, videos per variant); ``shopcast report --experiment ID`` says which
one sells."""

from __future__ import annotations

import getpass
import json
from pathlib import Path

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table
from rich.text import Text

from shopcast.api import Shopcast
from shopcast.cli.common import handles_errors, settings_and_db
from shopcast.cli.progress import stage_progress
from shopcast.errors import InvalidInputError
from shopcast.experiments.schemas import ExperimentCreate, ExperimentPublic, ExperimentReport
from shopcast.experiments.service import ExperimentService
from shopcast.experiments.videos import render_variant_videos

app = typer.Typer(no_args_is_help=True)
console = Console()

VERDICT_STYLE = {
    "winner": "bold green",
    "no_winner": "bold",
    "no_winner_yet": "yellow",
    "not_enough_data": "yellow",
    "not_started": "dim",
}


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"[:64]
    except (KeyError, OSError):
        return "cli:unknown"


def _read_scripts(paths: list[Path]) -> list[dict]:
    """Scripts from JSON files: each holds one script or a list (``shopcast script --out``)."""
    scripts: list[dict] = []
    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InvalidInputError(f"Cannot read scripts from {path}: {exc}") from exc
        scripts.extend(data if isinstance(data, list) else [data])
    return scripts


def _service() -> ExperimentService:
    _, db = settings_and_db()
    return ExperimentService(db)


@app.command("create")
@handles_errors
def create_command(
    name: str = typer.Option(..., "--name", help="What is tested, e.g. 'Serum: price vs demo'."),
    scripts: list[Path] = typer.Option(  # noqa: B008
        ..., "--scripts", help="Script JSON (one or a list; repeat the option for more files)."
    ),
    angle: list[str] = typer.Option(  # noqa: B008
        [], "--angle", help="Each variant's angle, in order (e.g. price-led)."
    ),
    baseline: float = typer.Option(0.03, "--baseline", help="Conversion you expect now."),
    lift: float = typer.Option(0.5, "--lift", help="Smallest relative lift worth finding."),
    exposures: int | None = typer.Option(
        None, "--exposures", help="Planned exposures per variant (default: from the power plan)."
    ),
    start: bool = typer.Option(False, "--start", help="Start counting right away."),
) -> None:
    """Create an experiment from 2–6 scripts of one product and market."""
    documents = _read_scripts(scripts)
    if angle and len(angle) != len(documents):
        raise InvalidInputError(
            f"{len(angle)} --angle values for {len(documents)} scripts: give one per script."
        )
    try:
        data = ExperimentCreate(
            name=name,
            variants=[
                {"script": doc, "angle": angle[n] if angle else ""}
                for n, doc in enumerate(documents)
            ],
            baseline_rate=baseline,
            min_lift=lift,
            exposures_per_variant=exposures,
        )
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        raise InvalidInputError(f"Cannot create the experiment: {problems}") from None
    service = _service()
    experiment = service.create(data, actor=_actor())
    if start:
        experiment = service.start(experiment.id)
    print_experiment(experiment)


@app.command("start")
@handles_errors
def start_command(experiment_id: str = typer.Argument(..., help="Experiment id.")) -> None:
    """Start counting viewers and orders for the experiment."""
    print_experiment(_service().start(experiment_id))


@app.command("stop")
@handles_errors
def stop_command(experiment_id: str = typer.Argument(..., help="Experiment id.")) -> None:
    """Stop the experiment (events after now no longer count)."""
    print_experiment(_service().stop(experiment_id))


@app.command("show")
@handles_errors
def show_command(experiment_id: str = typer.Argument(..., help="Experiment id.")) -> None:
    """The experiment, its variants and their scripts' first lines."""
    print_experiment(_service().get(experiment_id))


@app.command("list")
@handles_errors
def list_command(
    status: str | None = typer.Option(None, "--status", help="draft, running or stopped."),
) -> None:
    """Experiments, newest first."""
    table = Table(title="Experiments")
    for column in ("id", "name", "product", "market", "status", "variants", "started"):
        table.add_column(column)
    for e in _service().list(status):
        table.add_row(
            e.id,
            Text(e.name),
            e.product_sku,
            e.market,
            e.status,
            " ".join(v.label for v in e.variants),
            e.started_at.strftime("%Y-%m-%d %H:%M") if e.started_at else "",
        )
    console.print(table)


@app.command("videos")
@handles_errors
def videos_command(
    experiment_id: str = typer.Argument(..., help="Experiment id."),
    persona: str = typer.Option(..., "--persona", help="Persona name."),
    out: Path = typer.Option(..., "--out", help="Folder for the videos."),  # noqa: B008
    aspect: str = typer.Option("9:16", "--aspect"),
    seed: int = typer.Option(0, "--seed"),
) -> None:
    """Render one video per variant, each carrying its variant id (MP4 metadata and
    ``<variant id>.experiment.json``)."""
    sc = Shopcast()
    experiment = ExperimentService(sc.db).get(experiment_id)
    with stage_progress(console) as progress:
        results = render_variant_videos(
            sc,
            experiment,
            persona=persona,
            out_dir=out,
            aspect=aspect,
            seed=seed,
            on_progress=progress,
            on_variant=lambda v: console.print(f"Variant {v.label} ({v.id})"),
        )
    table = Table(title=f"Videos of {experiment.id}")
    table.add_column("variant")
    table.add_column("video")
    table.add_column("seconds", justify="right")
    for variant, result in zip(experiment.variants, results, strict=True):
        table.add_row(variant.label, str(result.outputs.video), f"{result.duration:.1f}")
    console.print(table)


def print_experiment(experiment: ExperimentPublic) -> None:
    design = experiment.design
    console.print(
        Text.assemble(
            (f"{experiment.id}", "bold"),
            f" · {experiment.name} · {experiment.product_sku} · {experiment.market} · ",
            (experiment.status, "bold"),
        )
    )
    console.print(
        f"Plan: {design.exposures_per_variant} exposures per variant (finds +{design.min_lift:.0%}"
        f" over {design.baseline_rate:.1%} conversion with {design.power:.0%} power); no verdict "
        f"before {design.min_exposures} exposures per variant and {design.min_orders} orders."
    )
    table = Table()
    for column in ("variant", "id", "angle", "hook"):
        table.add_column(column, overflow="fold")
    for v in experiment.variants:
        hook = v.script.beats[0].text if v.script.beats else ""
        table.add_row(v.label, v.id, Text(v.angle), Text(hook))
    console.print(table)


def print_report(report: ExperimentReport, out: Path | None) -> None:
    """The report as a Rich table, its verdict and notes (and the chart when ``out``)."""
    e = report.experiment
    window = (
        f"{report.window_start:%Y-%m-%d %H:%M} → {report.window_end:%Y-%m-%d %H:%M} UTC"
        if report.window_start and report.window_end
        else "not started"
    )
    console.print(
        Text.assemble(
            ("Experiment ", "bold"),
            (e.id, "bold"),
            f" · {e.name} · {e.product_sku} · {e.market} · {e.status} · {window}",
        )
    )
    table = Table(title=f"Per variant ({report.currency})")
    for column, justify in (
        ("variant", "left"),
        ("angle", "left"),
        ("exposures", "right"),
        ("viewers", "right"),
        ("views", "right"),
        ("clicked", "right"),
        ("carted", "right"),
        ("orders", "right"),
        ("conversion [95%]", "right"),
        ("GMV", "right"),
        ("GMV / exposure [95%]", "right"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for v in report.variants:
        mark = " ★" if v.variant_id == report.verdict.winner else ""
        table.add_row(
            f"{v.label}{mark}",
            Text(v.angle),
            str(v.exposures),
            str(v.viewers),
            str(v.views),
            f"{v.click_rate:.1%}",
            f"{v.cart_rate:.1%}",
            str(v.orders),
            f"{v.conversion:.2%} [{v.conversion_low:.2%}, {v.conversion_high:.2%}]",
            str(v.gmv),
            f"{v.gmv_per_exposure} [{v.gmv_per_exposure_low}, {v.gmv_per_exposure_high}]",
        )
    console.print(table)
    if any(v.decided_on < v.exposures for v in report.variants):
        console.print(
            f"The verdict uses the first {e.design.exposures_per_variant} exposures of each "
            "variant (the plan); the table counts them all."
        )
    labels = {v.variant_id: v.label for v in report.variants}
    for c in report.comparisons:
        verdict = "[green]crossed[/]" if c.significant else "not crossed"
        console.print(
            f"{labels[c.better]} vs {labels[c.worse]}: {c.difference * 100:+.2f} points "
            f"[{c.low * 100:+.2f}, {c.high * 100:+.2f}], z {c.z:.2f}, threshold now "
            f"{c.boundary:.2f} ({verdict}; {c.information_fraction:.0%} of the plan)"
        )
    style = VERDICT_STYLE[report.verdict.status]
    console.print(Text(report.verdict.message, style=style))
    if report.viewers_in_several_variants:
        console.print(
            f"{report.viewers_in_several_variants} viewer(s) saw more than one variant (a live "
            "show rotating variants): each stretch counts for the variant then on air."
        )
    if report.unknown_variant_events:
        console.print(
            f"[yellow]{report.unknown_variant_events} event(s) named a variant this experiment "
            "does not have: not counted.[/]"
        )
    if report.orders_in_other_currencies:
        console.print(
            f"{report.orders_in_other_currencies} order(s) in another currency than "
            f"{report.currency}: counted as orders, not in GMV."
        )
    if out is not None:
        from shopcast.experiments.chart import write_chart  # matplotlib: ~5 s to import

        write_chart(report, out)
        console.print(f"Chart written to {out}")
