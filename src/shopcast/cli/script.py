"""``shopcast script``: write grounded sales scripts for a product, persona and market."""

from __future__ import annotations

import json
import re
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from shopcast.api import Shopcast
from shopcast.cli.common import handles_errors
from shopcast.errors import InvalidInputError

console = Console()


def parse_length(text: str) -> float:
    """'30s', '45', '1m', '1m30s' → seconds (5 s to 10 min)."""
    m = re.fullmatch(r"\s*(?:(\d+(?:\.\d+)?)m)?\s*(?:(\d+(?:\.\d+)?)s?)?\s*", text)
    if not m or not any(m.groups()):
        raise InvalidInputError(f"cannot read length {text!r}; write e.g. 30s, 45s or 1m")
    seconds = float(m.group(1) or 0) * 60 + float(m.group(2) or 0)
    if not 5 <= seconds <= 600:
        raise InvalidInputError(f"length {seconds:g}s is outside 5s..10m")
    return seconds


@handles_errors
def script_command(
    product: str = typer.Option(..., "--product", help="Product handle or variant SKU."),
    persona: str = typer.Option(..., "--persona", help="Persona name (shopcast persona list)."),
    market: str = typer.Option(..., "--market", help="Market code, e.g. ko-KR, en-US."),
    length: str = typer.Option("30s", "--length", help="Target length, e.g. 30s, 1m."),
    brief: str | None = typer.Option(None, "--brief", help="The seller's brief (plain text)."),
    variants: int = typer.Option(1, "--variants", min=1, max=5, help="Distinct scripts (A/B)."),
    seed: int = typer.Option(0, "--seed"),
    out: Path | None = typer.Option(None, "--out", help="Write the scripts as JSON here."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """Write a structured sales script; every line is checked against the catalog."""
    sc = Shopcast()
    with console.status("Writing with the language model…"):
        scripts = sc.write_scripts(
            product,
            persona,
            market,
            length_s=parse_length(length),
            brief=brief,
            variants=variants,
            seed=seed,
        )
    payload = [json.loads(s.to_json()) for s in scripts]
    if out:
        out.write_text(
            json.dumps(payload if variants > 1 else payload[0], ensure_ascii=False, indent=2),
            encoding="utf-8",
        )
    if as_json:
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for s in scripts:
        table = Table(
            title=f"Script v{s.variant} — {s.product_sku} · {s.persona} · {s.market} "
            f"(~{s.total_seconds:.0f}s)"
        )
        table.add_column("beat")
        table.add_column("s", justify="right")
        table.add_column("line", overflow="fold")
        for b in s.beats:
            table.add_row(b.kind, f"{b.est_seconds:.1f}", b.text)
        console.print(table)
        for note in s.checks:
            console.print(f"[yellow]check:[/] {note}")
