"""``shopcast users``, ``shopcast keys`` and ``shopcast audit``: accounts from the machine that
holds the database (the way to create the first owner). Every change is written to the audit
log as ``cli:<system user>``."""

from __future__ import annotations

import getpass
import json
import sys
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from shopcast.accounts import AccountService, Role, parse_role
from shopcast.accounts.schemas import ApiKeyCreate, UserCreate, UserUpdate
from shopcast.cli.common import handles_errors, settings_and_db
from shopcast.errors import InvalidInputError

users_app = typer.Typer(no_args_is_help=True)
keys_app = typer.Typer(no_args_is_help=True)
console = Console()


def _service() -> AccountService:
    _, db = settings_and_db()
    return AccountService(db)


def _cli_actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"[:64]
    except (KeyError, OSError):  # no user name in this environment (some containers)
        return "cli:unknown"


def _record(service: AccountService, action: str, target: str, **details: Any) -> None:
    service.audit.record(
        actor=_cli_actor(), role=Role.OWNER, action=action, target=target, details=details
    )


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise InvalidInputError("No password on standard input.")
        return password
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


def _echo_json(items: list[Any]) -> None:
    typer.echo(json.dumps([i.model_dump(mode="json") for i in items], indent=2))


def _validated(model: type, **fields: Any) -> Any:
    try:
        return model(**fields)
    except ValueError as exc:  # pydantic's ValidationError: name or role not acceptable
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
            for e in exc.errors()  # type: ignore[attr-defined]
        )
        raise InvalidInputError(f"Invalid input: {problems}") from None


@users_app.command("create")
@handles_errors
def create_user_command(
    name: str = typer.Argument(..., help="Sign-in name: a-z, 0-9, '.', '_' or '-'."),
    role: str = typer.Option(..., "--role", help="owner, editor, operator or viewer."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from standard input (scripts)."
    ),
) -> None:
    """Create a user (the first owner is made here). Asks for the password unless
    --password-stdin."""
    new_role = parse_role(role)  # before asking for the password
    service = _service()
    data = _validated(UserCreate, name=name, role=new_role, password=_read_password(password_stdin))
    user = service.create_user(data)
    _record(service, "users.create", user.name, new_role=user.role.value)
    console.print(f"[green]Created[/] {escape(user.name)} ({user.role})")


@users_app.command("list")
@handles_errors
def list_users_command(
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """List users, their roles and whether they are disabled."""
    users = _service().list_users()
    if as_json:
        _echo_json(users)
        return
    table = Table(title=f"{len(users)} users")
    for column in ("name", "role", "state", "created"):
        table.add_column(column)
    for user in users:
        state = "[red]disabled[/]" if user.disabled else "active"
        table.add_row(escape(user.name), user.role, state, f"{user.created_at:%Y-%m-%d %H:%M}")
    console.print(table)


def _update(name: str, change: UserUpdate, action: str, **details: Any) -> None:
    service = _service()
    user = service.update_user(name, change)
    _record(service, action, user.name, **details)
    state = "disabled" if user.disabled else "active"
    console.print(f"[green]Updated[/] {escape(user.name)}: {user.role}, {state}")


@users_app.command("set-role")
@handles_errors
def set_role_command(
    name: str = typer.Argument(..., help="User name."),
    role: str = typer.Argument(..., help="owner, editor, operator or viewer."),
) -> None:
    """Change a user's role (applies to their open sessions at once)."""
    new_role = parse_role(role)
    _update(name, UserUpdate(role=new_role), "users.set_role", new_role=new_role.value)


@users_app.command("set-password")
@handles_errors
def set_password_command(
    name: str = typer.Argument(..., help="User name."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from standard input (scripts)."
    ),
) -> None:
    """Set a new password; the user's sessions end."""
    change = _validated(UserUpdate, password=_read_password(password_stdin))
    _update(name, change, "users.set_password")


@users_app.command("disable")
@handles_errors
def disable_command(name: str = typer.Argument(..., help="User name.")) -> None:
    """Disable a user: sign-in refused, sessions ended (the last owner cannot be disabled)."""
    _update(name, UserUpdate(disabled=True), "users.disable")


@users_app.command("enable")
@handles_errors
def enable_command(name: str = typer.Argument(..., help="User name.")) -> None:
    """Enable a disabled user again."""
    _update(name, UserUpdate(disabled=False), "users.enable")


@keys_app.command("create")
@handles_errors
def create_key_command(
    name: str = typer.Option(..., "--name", help="What the key is for, e.g. bot."),
    role: str = typer.Option(..., "--role", help="owner, editor, operator or viewer."),
) -> None:
    """Create an API key and print it once (only its digest is stored)."""
    service = _service()
    data = _validated(ApiKeyCreate, name=name, role=parse_role(role))
    created = service.create_api_key(data, created_by=_cli_actor())
    _record(service, "keys.create", f"key:{created.name}", key_id=created.id, key_role=created.role)
    console.print(
        f"[green]Created API key[/] {created.id} key:{escape(created.name)} ({created.role}). "
        "It is shown only now:",
        highlight=False,
    )
    typer.echo(created.key)


@keys_app.command("list")
@handles_errors
def list_keys_command(
    include_revoked: bool = typer.Option(False, "--all", help="Include revoked keys."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """List API keys (their first characters only)."""
    keys = _service().list_api_keys(include_revoked=include_revoked)
    if as_json:
        _echo_json(keys)
        return
    table = Table(title=f"{len(keys)} API keys")
    for column in ("id", "name", "prefix", "role", "created by", "last used", "state"):
        table.add_column(column)
    for key in keys:
        table.add_row(
            str(key.id),
            escape(key.name),
            key.prefix + "…",
            key.role,
            escape(key.created_by),
            f"{key.last_used_at:%Y-%m-%d %H:%M}" if key.last_used_at else "never",
            "[red]revoked[/]" if key.revoked_at else "active",
        )
    console.print(table)


@keys_app.command("revoke")
@handles_errors
def revoke_key_command(key_id: int = typer.Argument(..., help="The key's id (keys list).")) -> None:
    """Revoke an API key; it stops working on the next request."""
    service = _service()
    key = service.revoke_api_key(key_id)
    _record(service, "keys.revoke", f"key:{key.name}", key_id=key.id)
    console.print(f"[green]Revoked[/] key {key.id} (key:{escape(key.name)})")


@handles_errors
def audit_command(
    actor: str | None = typer.Option(None, "--actor", help="Only this actor."),
    action: str | None = typer.Option(None, "--action", help="Actions starting with this."),
    limit: int = typer.Option(50, "--limit", min=1, max=500, help="How many entries."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Show the audit log, newest first: who did what, to what, when, and how it ended."""
    entries = _service().audit.query(actor=actor, action=action, limit=limit)
    if as_json:
        _echo_json(entries)
        return
    table = Table(title=f"{len(entries)} audit entries (newest first)")
    for column in ("id", "at (UTC)", "actor", "role", "action", "target", "outcome"):
        table.add_column(column, overflow="fold")
    for e in entries:
        table.add_row(
            str(e.id),
            f"{e.at:%Y-%m-%d %H:%M:%S}",
            escape(e.actor),
            e.role,
            escape(e.action),
            escape(e.target),
            e.outcome,
        )
    console.print(table)
