"""``shopcast consent``: record, list, check and revoke consent for real likenesses and voices."""

from __future__ import annotations

import getpass
import json
from datetime import datetime
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from shopcast.cli.common import handles_errors, settings_and_db
from shopcast.consent.registry import ConsentRegistry
from shopcast.consent.types import ConsentRecord
from shopcast.persona.service import PersonaService
from shopcast.store.tables import utcnow

app = typer.Typer(no_args_is_help=True)
console = Console()


def _registry() -> ConsentRegistry:
    settings, db = settings_and_db()
    return ConsentRegistry(db, settings)


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _operator(by: str | None) -> str:
    if by:
        return by
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (containers without a passwd entry)
        return "cli"


@app.command("add")
@handles_errors
def add_command(
    persona: str = typer.Option(..., "--persona", help="Persona name."),
    subject: str = typer.Option(..., "--subject", help="The person who signed the consent."),
    scope: str = typer.Option(
        ..., "--scope", help="Comma-separated: video, live (uses); voice, likeness (rights)."
    ),
    markets: str = typer.Option(..., "--markets", help="Comma-separated market codes."),
    expires: str = typer.Option(..., "--expires", help="YYYY-MM-DD: valid through that day."),
    document: Path = typer.Option(..., "--document", help="The signed authorisation (copied)."),
    by: str | None = typer.Option(None, "--by", help="Who records it (default: login name)."),
) -> None:
    """Record a signed consent; the document is copied into SHOPCAST_HOME with its SHA-256."""
    record = _registry().add(
        persona=persona,
        subject=subject,
        scope=_split(scope),
        markets=_split(markets),
        expires=expires,
        document=document,
        created_by=_operator(by),
    )
    console.print(
        f"[green]Recorded consent #{record.id}[/] for {record.persona}: "
        f"{escape(record.subject)}, {', '.join(record.scope)} in {', '.join(record.markets)}, "
        f"until {record.expires_at:%Y-%m-%d}; document SHA-256 {record.document_sha256[:16]}…"
    )


@app.command("list")
@handles_errors
def list_command(
    persona: str | None = typer.Option(None, "--persona", help="Only this persona."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """List consent records with their status (active, expired, revoked)."""
    records = _registry().list(persona=persona)
    now = utcnow()
    if as_json:
        rows = [{**r.model_dump(mode="json"), "status": r.status(now)} for r in records]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(records)} consent records")
    for column in ("id", "persona", "subject", "scope", "markets", "expires", "status", "by"):
        table.add_column(column, overflow="fold")
    for r in records:
        table.add_row(
            str(r.id),
            r.persona,
            escape(r.subject),
            ",".join(r.scope),
            ",".join(r.markets),
            f"{r.expires_at:%Y-%m-%d}",
            _status(r, now),
            escape(r.created_by),
        )
    console.print(table)


@app.command("revoke")
@handles_errors
def revoke_command(
    consent_id: int = typer.Argument(..., help="Consent id (see `shopcast consent list`)."),
    reason: str = typer.Option(..., "--reason", help="Why consent is withdrawn."),
    by: str | None = typer.Option(None, "--by", help="Who revokes it (default: login name)."),
) -> None:
    """Revoke a consent: new renders are refused and running shows of the persona stop."""
    record = _registry().revoke(consent_id, reason=reason, by=_operator(by))
    console.print(
        f"[yellow]Revoked consent #{record.id}[/] ({escape(record.subject)}) for "
        f"{record.persona}: {escape(reason)}"
    )


@app.command("check")
@handles_errors
def check_command(
    persona: str = typer.Option(..., "--persona", help="Persona name."),
    market: str = typer.Option(..., "--market", help="Market code."),
    use: str = typer.Option("video", "--use", help="video or live."),
) -> None:
    """Check that the persona may be used now (exit 2 with the reason when it may not)."""
    settings, db = settings_and_db()
    records = ConsentRegistry(db, settings).require(PersonaService(db).get(persona), market, use)
    if not records:
        console.print(f"{persona} is a synthetic persona: no consent is needed.")
    for r in records:
        console.print(
            f"[green]OK[/] consent #{r.id} ({escape(r.subject)}) until {r.expires_at:%Y-%m-%d}"
        )


def _status(record: ConsentRecord, now: datetime) -> str:
    status = record.status(now)
    colour = {"active": "green", "expired": "yellow", "revoked": "red"}[status]
    extra = f": {escape(record.revoked_reason)}" if record.revoked_reason else ""
    return f"[{colour}]{status}[/]{extra}"
