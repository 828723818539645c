"""Personas stored in the database; the built-ins (mina, jay, rosa) are seeded on first use."""

from __future__ import annotations

import builtins
from pathlib import Path

import yaml
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from shopcast.errors import InvalidInputError, NotFoundError
from shopcast.persona.loader import builtin_personas, load_persona_file, parse_persona
from shopcast.persona.types import Persona
from shopcast.store import Database
from shopcast.store.tables import PersonaRow


class PersonaService:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._seeded = False

    def create_from_yaml(self, path: Path, *, replace: bool = False) -> Persona:
        """Validate a persona YAML file and store it (``replace`` overwrites the same name)."""
        return self.save(load_persona_file(path), replace=replace)

    def save(self, persona: Persona, *, replace: bool = False) -> Persona:
        self._seed_builtins()
        with self.db.session() as session:
            row = session.scalars(select(PersonaRow).where(PersonaRow.name == persona.name)).first()
            if row is not None and not replace:
                raise InvalidInputError(
                    f"A persona named {persona.name!r} already exists.",
                    hint="Pass --replace to overwrite it, or choose another name.",
                )
            if row is None:
                row = PersonaRow(name=persona.name)
                session.add(row)
            row.document = persona.model_dump(mode="json")
            row.builtin = False
        return persona

    def list(self) -> builtins.list[Persona]:
        self._seed_builtins()
        with self.db.session() as session:
            rows = session.scalars(select(PersonaRow).order_by(PersonaRow.id))
            return [parse_persona(row.document, f"stored persona {row.name!r}") for row in rows]

    def names(self) -> builtins.list[str]:
        return [p.name for p in self.list()]

    def get(self, name: str) -> Persona:
        self._seed_builtins()
        with self.db.session() as session:
            row = session.scalars(select(PersonaRow).where(PersonaRow.name == name)).first()
            if row is not None:
                return parse_persona(row.document, f"stored persona {name!r}")
            names = list(session.scalars(select(PersonaRow.name).order_by(PersonaRow.id)))
        raise NotFoundError(
            f"No persona {name!r}. Available personas: {', '.join(names) or 'none'}.",
            hint="Create one with `shopcast persona create FILE.yaml`.",
        )

    def to_yaml(self, persona: Persona) -> str:
        return yaml.safe_dump(
            persona.model_dump(mode="json", exclude_none=True), allow_unicode=True, sort_keys=False
        )

    def _seed_builtins(self) -> None:
        if self._seeded:
            return
        for persona in builtin_personas():
            try:
                with self.db.session() as session:
                    exists = session.scalars(
                        select(PersonaRow.id).where(PersonaRow.name == persona.name)
                    ).first()
                    if exists is None:
                        session.add(
                            PersonaRow(
                                name=persona.name,
                                document=persona.model_dump(mode="json"),
                                builtin=True,
                            )
                        )
            except IntegrityError:
                pass  # another process seeded it at the same moment
        self._seeded = True
