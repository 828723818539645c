"""Fixed live-state lines per language (``live_lines.yaml``): deal countdowns, stock, sold out,
Q&A invitations and the overlay strings. Values come from the catalog and the commerce state at
the moment of speaking, so these lines are grounded by construction."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from shopcast.writing.grammar import korean


@cache
def _table() -> dict[str, dict[str, Any]]:
    text = resources.files("shopcast.live.show").joinpath("live_lines.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def _lang(language: str) -> dict[str, Any]:
    table = _table()
    return table.get(language.split("-")[0].lower(), table["en"])


def spoken(language: str, key: str, turn: int = 0, **values: object) -> str:
    """One of the variants of ``key`` (rotating with ``turn``), filled with ``values``."""
    options = _lang(language)[key]
    line = str(options[turn % len(options)]).format(**values)
    if language.lower().startswith("ko"):  # 이에요/예요 after the name as it is said
        line = korean.resolve(line)
    return line


def variants(language: str, key: str) -> int:
    return len(_lang(language)[key])


def shown(language: str, key: str, **values: object) -> str:
    return str(_lang(language)[f"{key}_ui"]).format(**values)
