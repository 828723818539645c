"""Shared CLI plumbing: turn ``ShopcastError`` into a red message + hint and exit code 2,
and build settings and the database the same way in every command."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from shopcast.config import Settings, load_settings
from shopcast.errors import ShopcastError
from shopcast.store import Database, open_database

P = ParamSpec("P")
R = TypeVar("R")

EXIT_USER_ERROR = 2
error_console = Console(stderr=True)


def print_error(error: ShopcastError) -> None:
    error_console.print(f"[bold red]Error:[/] [red]{escape(error.message)}[/]")
    if error.hint:
        error_console.print(f"[yellow]Hint:[/] {escape(error.hint)}")


def handles_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Decorate a Typer command: a ``ShopcastError`` prints message + hint and exits 2."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except ShopcastError as error:
            print_error(error)
            raise typer.Exit(EXIT_USER_ERROR) from None

    return wrapper


def run_cli(fn: Callable[[], R]) -> R:
    """Call ``fn`` with the same error handling as ``@handles_errors``."""
    return handles_errors(fn)()


def settings_and_db() -> tuple[Settings, Database]:
    """Settings from the environment (SHOPCAST_*) and the opened, migrated database."""
    settings = load_settings()
    return settings, open_database(settings)
