"""``shopcast platforms``: show the destination policies and check a go-live plan against them."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from shopcast.cli.common import handles_errors
from shopcast.config import load_settings
from shopcast.platforms.guard import Destination, PolicyGuard
from shopcast.platforms.policy import load_policies

app = typer.Typer(no_args_is_help=True)
console = Console()


@app.command("show")
@handles_errors
def show_command() -> None:
    """Print the policies in force (shipped, with SHOPCAST_HOME/platforms/policies.yaml over
    them); a policy file with errors is reported with the place of each."""
    policies, sources = load_policies(load_settings().home)
    table = Table(title="Destinations — from " + " + ".join(sources))
    for column in ("destination", "name", "modes", "market rules", "label", "simulcast"):
        table.add_column(column, overflow="fold")
    for kind, policy in policies.destinations.items():
        rules = "; ".join(
            f"{code}: {', '.join(rule.modes) or 'closed'}" for code, rule in policy.markets.items()
        )
        table.add_row(
            kind,
            escape(policy.name),
            ", ".join(policy.modes),
            rules or "-",
            "required" if policy.label_required else "-",
            "allowed" if policy.simulcast else "forbidden",
        )
    console.print(table)
    for code, law in policies.markets.items():
        if law.label_required:
            console.print(f"{code}: AI label required ({escape(law.reason or 'market law')})")


@app.command("check")
@handles_errors
def check_command(
    destinations: str = typer.Option(..., "--to", help="Comma-separated, e.g. tiktok,own_page."),
    mode: str = typer.Option(..., "--mode", help="autonomous, copilot or human."),
    market: str = typer.Option(..., "--market", help="Market code, e.g. en-US."),
) -> None:
    """Would going live be allowed? Exit 2 with every reason when it would not."""
    plan = [Destination(kind=k.strip()) for k in destinations.split(",") if k.strip()]
    decision = PolicyGuard.load(load_settings().home).check(plan, mode, market)
    decision.raise_if_refused()
    label = " (the AI label is required)" if decision.label_required else ""
    console.print(f"[green]Allowed[/]: {mode} in {market} to {destinations}{label}")
