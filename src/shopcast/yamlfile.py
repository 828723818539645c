"""Reading YAML that people write (show files, personas, policies) with errors that name the
file, line and column."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from shopcast.errors import InvalidInputError, NotFoundError


def parse_yaml(text: str, source: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise InvalidInputError(f"{source}: not valid YAML{where}: {problem}") from None


def load_yaml_file(path: Path, what: str = "File") -> Any:
    path = Path(path).expanduser()
    if not path.is_file():
        raise NotFoundError(f"{what} not found: {path}")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InvalidInputError(f"{path}: not a UTF-8 text file") from None
    return parse_yaml(text, str(path))
