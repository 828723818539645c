"""``shopcast persona``: create, list and show personas."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from shopcast.cli.common import handles_errors, settings_and_db
from shopcast.persona.service import PersonaService

app = typer.Typer(no_args_is_help=True)
console = Console()


def _service() -> PersonaService:
    _, db = settings_and_db()
    return PersonaService(db)


@app.command("create")
@handles_errors
def create_command(
    file: Path = typer.Argument(..., help="Persona YAML file (see docs/personas.md)."),
    replace: bool = typer.Option(False, "--replace", help="Overwrite a persona of that name."),
) -> None:
    """Validate a persona YAML file and store it."""
    persona = _service().create_from_yaml(file, replace=replace)
    console.print(
        f"[green]Saved persona[/] {persona.name} ({escape(persona.display_name)}), "
        f"markets: {', '.join(persona.markets)}"
    )


@app.command("list")
@handles_errors
def list_command(
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """List personas (the built-ins mina, jay and rosa are always there)."""
    personas = _service().list()
    if as_json:
        typer.echo(
            json.dumps([p.model_dump(mode="json") for p in personas], ensure_ascii=False, indent=2)
        )
        return
    table = Table(title=f"{len(personas)} personas")
    for column in ("name", "display name", "looks", "markets", "personality"):
        table.add_column(column, overflow="fold")
    for p in personas:
        packs = sorted({m.look.pack for m in p.markets.values()})
        table.add_row(
            p.name,
            escape(p.display_name),
            ", ".join(packs),
            ", ".join(p.markets),
            escape(p.personality.split(". ")[0]),
        )
    console.print(table)


@app.command("show")
@handles_errors
def show_command(
    name: str = typer.Argument(..., help="Persona name."),
    as_json: bool = typer.Option(False, "--json", help="JSON instead of YAML."),
) -> None:
    """Print one persona as YAML (or JSON)."""
    service = _service()
    persona = service.get(name)
    if as_json:
        typer.echo(json.dumps(persona.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        typer.echo(service.to_yaml(persona))
