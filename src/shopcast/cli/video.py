"""``shopcast video`` and ``shopcast demo``: render short videos with the virtual host."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from shopcast.api import Shopcast
from shopcast.cli.common import handles_errors
from shopcast.cli.progress import stage_progress
from shopcast.cli.script import parse_length
from shopcast.errors import InvalidInputError
from shopcast.writing.script import Script

console = Console()


def _load_script(path: Path) -> Script:
    try:
        return Script.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InvalidInputError(f"cannot read script {path}: {exc}") from exc


@handles_errors
def video_command(
    product: str = typer.Option(..., "--product", help="Product handle or variant SKU."),
    persona: str = typer.Option(..., "--persona", help="Persona name."),
    market: str = typer.Option(..., "--market", help="Market code, e.g. ko-KR."),
    out: Path = typer.Option(..., "--out", help="Output MP4 path."),
    aspect: str = typer.Option("9:16", "--aspect", help="9:16 (1080x1920) or 16:9 (1920x1080)."),
    length: str = typer.Option("30s", "--length"),
    brief: str | None = typer.Option(None, "--brief"),
    script: Path | None = typer.Option(None, "--script", help="Use a ready script (JSON)."),
    seed: int = typer.Option(0, "--seed"),
) -> None:
    """Render an MP4 with the host, product card, captions and AI label; also writes the
    script (JSON), captions (SRT, WebVTT) and a thumbnail beside it."""
    sc = Shopcast()
    ready = _load_script(script) if script else None
    with stage_progress(console) as progress:
        result = sc.render_video(
            product,
            persona,
            market,
            out,
            aspect=aspect,
            length_s=parse_length(length),
            brief=brief,
            script=ready,
            seed=seed,
            on_progress=progress,
        )
    _print_result(result)


def _print_result(result) -> None:
    table = Table(title=f"{result.outputs.video} — {result.duration:.1f}s, {result.frames} frames")
    table.add_column("output")
    table.add_column("path")
    for name, path in vars(result.outputs).items():
        if path is not None:
            table.add_row(name, str(path))
    console.print(table)
    stages = {k: round(v, 2) for k, v in result.seconds.items()}
    console.print(f"stage seconds: {json.dumps(stages)}")


DEMO_JOBS = [
    # product, persona, market, aspect, brief
    ("glow-serum", "mina", "ko-KR", "9:16", "Evening skincare routine for dry winter skin"),
    ("heavyweight-hoodie", "jay", "en-US", "16:9", "Drop-day energy, cosy oversized fit"),
]


@handles_errors
def demo_command(
    out: Path = typer.Option(Path("out/demo"), "--out", help="Folder for the demo outputs."),
    length: str = typer.Option("30s", "--length"),
) -> None:
    """The demo: import the sample catalog and render a 9:16 and a 16:9 video."""
    sc = Shopcast()
    report = sc.import_sample_catalog()
    console.print(f"Sample catalog: {report.imported} imported, {report.updated} updated")
    out.mkdir(parents=True, exist_ok=True)
    for product, persona, market, aspect, brief in DEMO_JOBS:
        target = out / f"{product}-{market}-{aspect.replace(':', 'x')}.mp4"
        console.rule(f"{persona} · {product} · {market} · {aspect}")
        with stage_progress(console) as progress:
            result = sc.render_video(
                product,
                persona,
                market,
                target,
                aspect=aspect,
                length_s=parse_length(length),
                brief=brief,
                on_progress=progress,
            )
        _print_result(result)
    console.print(f"[green]Demo outputs in {out.resolve()}[/]")
