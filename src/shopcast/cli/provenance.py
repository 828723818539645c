"""``shopcast provenance show FILE``: read a video's C2PA Content Credentials back."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from shopcast.cli.common import handles_errors
from shopcast.config import load_settings
from shopcast.provenance.reader import read_provenance

app = typer.Typer(no_args_is_help=True)
console = Console()
EXIT_INVALID = 1


@app.command("show")
@handles_errors
def show_command(
    file: Path = typer.Argument(..., help="A video exported by shopcast (or any C2PA asset)."),
    as_json: bool = typer.Option(False, "--json", help="Print the whole manifest store."),
) -> None:
    """Print the manifest and whether it validates; exits 1 when the file was altered."""
    report = read_provenance(file, load_settings())
    if as_json:
        typer.echo(json.dumps(report.store, ensure_ascii=False, indent=2))
    else:
        colour = {"Trusted": "green", "Valid": "yellow"}.get(report.state, "red")
        console.print(f"{escape(str(file))}: [{colour}]{report.state}[/]")
        signer = report.signer
        console.print(
            f"  signed by: {escape(str(signer.get('common_name', '?')))} "
            f"({escape(str(signer.get('issuer', '?')))}), {signer.get('alg', '?')}"
        )
        console.print(f"  AI-generated: {'yes' if report.ai_generated else 'not stated'}")
        for source in report.digital_source_types:
            console.print(f"  digital source type: {source}")
        if report.disclosure:
            for key in (
                "statement",
                "generator",
                "generator_version",
                "persona",
                "market",
                "product",
                "visible_label",
            ):
                if key in report.disclosure:
                    console.print(f"  {key}: {escape(str(report.disclosure[key]))}")
        console.print(f"  assertions: {', '.join(report.assertions)}")
        if report.state == "Valid":
            console.print(
                "  [yellow]the signature is intact but its signer is not a trusted "
                "anchor here (SHOPCAST_C2PA_TRUST_ANCHORS)[/]"
            )
        for failure in report.failures:
            console.print(f"  [red]failure[/] {escape(failure)}")
    if not report.verified:
        raise typer.Exit(EXIT_INVALID)
