"""Personas that use a real person's likeness or voice, a signed document, and a registry whose
clock a test can move (to reach an expiry without waiting for it)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from shopcast.config import Settings
from shopcast.consent.registry import ConsentRegistry
from shopcast.persona.service import PersonaService
from shopcast.persona.types import Persona
from shopcast.store import Database

START = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


@dataclass
class MovableClock:
    now: datetime = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def real_persona(name: str, *, likeness: bool = True, voice: bool = False) -> Persona:
    market = {"voice": {"engine": "kokoro", "voice": "af_heart"}, "look": {"pack": "seoul-glow"}}
    return Persona.model_validate(
        {
            "name": name,
            "display_name": name.title(),
            "personality": "warm",
            "speaking_style": "short sentences",
            "markets": {"en-US": market, "ko-KR": market},
            "real_likeness": likeness,
            "real_voice": voice,
            "consent": {"subject": "Jane Doe", "scope": "video and live", "markets": ["en-US"]},
        }
    )


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock()


@pytest.fixture
def nova() -> Persona:
    """A persona with a real person's face (Jane Doe), markets en-US and ko-KR."""
    return real_persona("nova")


@pytest.fixture
def personas(db: Database) -> PersonaService:
    service = PersonaService(db)
    service.save(real_persona("nova"))
    service.save(real_persona("echo", likeness=True, voice=True))
    return service


@pytest.fixture
def registry(
    db: Database, settings: Settings, personas: PersonaService, clock: MovableClock
) -> Iterator[ConsentRegistry]:
    yield ConsentRegistry(db, settings, clock=clock)


@pytest.fixture
def signed_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "signed consent.pdf"
    path.write_bytes(b"%PDF-1.4\n% Jane Doe authorises the persona nova (test document)\n%%EOF\n")
    return path
