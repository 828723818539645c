"""Reading persona YAML files into validated ``Persona`` objects, with errors that name the
file and the field."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from shopcast.errors import InvalidInputError
from shopcast.markets.registry import list_markets
from shopcast.persona.types import Persona
from shopcast.yamlfile import load_yaml_file

VOICE_ENGINES = ("kokoro", "piper", "espeak")
BUILTIN_NAMES = ("mina", "jay", "rosa")


def parse_persona(document: Any, source: str) -> Persona:
    """Validate a parsed YAML/JSON document; ``source`` names it in error messages."""
    if not isinstance(document, dict):
        raise InvalidInputError(
            f"{source}: a persona must be a mapping of fields (name, display_name, ...)",
            hint="See docs/personas.md for the persona YAML format.",
        )
    try:
        persona = Persona.model_validate(document)
    except ValidationError as exc:
        raise InvalidInputError(
            f"{source}: invalid persona: {_describe(exc)}",
            hint="See docs/personas.md for every field and an example.",
        ) from None
    _check_markets_and_voices(persona, source)
    return persona


def load_persona_file(path: Path) -> Persona:
    path = Path(path).expanduser()
    return parse_persona(load_yaml_file(path, "Persona file"), str(path))


def builtin_personas() -> list[Persona]:
    folder = resources.files("shopcast.persona").joinpath("builtin")
    personas = []
    for name in BUILTIN_NAMES:
        source = f"built-in persona {name}.yaml"
        document = yaml.safe_load(folder.joinpath(f"{name}.yaml").read_text("utf-8"))
        personas.append(parse_persona(document, source))
    return personas


def _describe(error: ValidationError) -> str:
    parts = []
    for item in error.errors():
        field = ".".join(str(p) for p in item["loc"])
        message = item["msg"].removeprefix("Value error, ")
        parts.append(f"field '{field}': {message}" if field else message)
    return "; ".join(parts)


def _check_markets_and_voices(persona: Persona, source: str) -> None:
    known = {m.code for m in list_markets()}
    for code, market in persona.markets.items():
        if code not in known:
            raise InvalidInputError(
                f"{source}: field 'markets.{code}': unknown market {code!r}. "
                f"Supported markets: {', '.join(sorted(known))}."
            )
        if market.voice.engine not in VOICE_ENGINES:
            raise InvalidInputError(
                f"{source}: field 'markets.{code}.voice.engine': unknown engine "
                f"{market.voice.engine!r} (use one of {', '.join(VOICE_ENGINES)})"
            )
    if not persona.markets:
        raise InvalidInputError(f"{source}: field 'markets': give at least one market")
