"""``shopcast doctor``: what is installed, which models verify, what is missing and its fix."""

from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.table import Table

from shopcast.config import load_settings
from shopcast.doctor import run_checks

console = Console()


def doctor_command(as_json: bool = typer.Option(False, "--json", help="Machine-readable.")) -> None:
    """Check the installation: Python engines, system tools, fonts, models, database."""
    settings = load_settings()
    checks = run_checks(settings)
    if as_json:
        typer.echo(json.dumps([c.__dict__ for c in checks], indent=2))
    else:
        table = Table(title=f"shopcast doctor — home {settings.home}, models {settings.models_dir}")
        for col in ("", "group", "check", "detail", "fix"):
            table.add_column(col, overflow="fold")
        for c in checks:
            table.add_row("[green]✓[/]" if c.ok else "[red]✗[/]", c.group, c.name, c.detail, c.fix)
        console.print(table)
        bad = [c for c in checks if not c.ok]
        console.print(
            f"[green]all {len(checks)} checks passed[/]"
            if not bad
            else f"[red]{len(bad)} of {len(checks)} checks failed[/]"
        )
    if any(not c.ok for c in checks):
        raise typer.Exit(1)
