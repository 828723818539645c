"""Revoking consent (or reaching its expiry) stops a running show: the watch the show runner
polls every tick, reading the database at most every few seconds."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import event

from shopcast.consent.registry import ConsentRegistry
from shopcast.consent.watch import ConsentWatch
from shopcast.errors import ConsentError
from shopcast.persona.service import PersonaService

ADD = dict(
    subject="Jane Doe", scope=["live"], markets=["en-US"], expires="2026-12-31", created_by="tester"
)


class Ticks:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def count_queries(registry: ConsentRegistry) -> list[str]:
    seen: list[str] = []
    event.listen(registry.db.engine, "before_cursor_execute", lambda *args: seen.append(args[2]))
    return seen


def test_revocation_stops_the_show_within_one_interval(
    registry: ConsentRegistry, personas: PersonaService, signed_pdf: Path
) -> None:
    record = registry.add(persona="nova", document=signed_pdf, **ADD)
    ticks = Ticks()
    watch = ConsentWatch(registry, personas.get("nova"), "en-US", every_s=2.0, monotonic=ticks)
    assert watch.require() == [record]
    queries = count_queries(registry)
    for _ in range(50):  # 50 frames in the same second: no database read
        assert watch.still_valid() is None
    assert queries == []
    registry.revoke(record.id, reason="talent withdrew consent", by="legal")
    queries.clear()
    ticks.t += 1.0
    assert watch.still_valid() is None  # not re-read yet: within the interval
    ticks.t += 1.5
    error = watch.still_valid()
    assert isinstance(error, ConsentError)
    assert "revoked" in error.message and "talent withdrew consent" in error.message
    assert queries  # it did read the database
    ticks.t += 100
    assert watch.still_valid() is error  # once stopped, stays stopped


def test_expiry_during_a_show_stops_it(
    registry: ConsentRegistry, personas: PersonaService, signed_pdf: Path, clock
) -> None:
    registry.add(persona="nova", document=signed_pdf, **ADD)
    ticks = Ticks()
    watch = ConsentWatch(registry, personas.get("nova"), "en-US", every_s=2.0, monotonic=ticks)
    watch.require()
    clock.advance(days=36)  # past 2026-12-31
    ticks.t += 2.0
    error = watch.still_valid()
    assert error is not None and "expired on 2026-12-31" in error.message


def test_a_show_without_consent_never_starts(
    registry: ConsentRegistry, personas: PersonaService
) -> None:
    watch = ConsentWatch(registry, personas.get("nova"), "ko-KR")
    with pytest.raises(ConsentError, match="streaming a live show in ko-KR"):
        watch.require()
    assert watch.still_valid() is not None


def test_a_synthetic_persona_is_never_checked(
    registry: ConsentRegistry, personas: PersonaService
) -> None:
    watch = ConsentWatch(registry, personas.get("mina"), "en-US", every_s=0.0)
    queries = count_queries(registry)
    assert watch.require() == []
    assert all(watch.still_valid() is None for _ in range(10))
    assert queries == []


def test_real_time_polling_sees_a_revocation_from_another_registry(
    registry: ConsentRegistry, personas: PersonaService, signed_pdf: Path, db, settings
) -> None:
    """The operator revokes from another process (here another registry on the same database)
    while the show polls with the real monotonic clock."""
    record = registry.add(persona="nova", document=signed_pdf, **ADD)
    watch = ConsentWatch(registry, personas.get("nova"), "en-US", every_s=0.05)
    watch.require()
    assert watch.still_valid() is None
    ConsentRegistry(db, settings).revoke(record.id, reason="revoked by operator", by="ops")
    import time

    deadline = time.monotonic() + 2.0
    while (error := watch.still_valid()) is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert error is not None and "revoked by operator" in error.message
