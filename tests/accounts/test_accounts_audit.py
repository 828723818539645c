"""The audit log: entries in arrival order, filters, details stored as plain JSON."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from shopcast.accounts import AuditLog
from shopcast.errors import InvalidInputError


@pytest.fixture
def audit(any_db, clock) -> AuditLog:
    return AuditLog(any_db, clock=clock)


def test_entries_come_back_newest_first_and_filter(audit, clock):
    first = audit.record(
        actor="ada", role="operator", action="confirm_order", target="/orders/1/confirm"
    )
    clock.advance(60)
    audit.record(
        actor="bob",
        role="operator",
        action="cancel_order",
        target="/orders/1/cancel",
        outcome="refused",
        details={"status": 409},
    )
    clock.advance(60)
    audit.record(actor="ada", role="operator", action="start_deal", target="/deals/3/start")

    assert [e.action for e in audit.query()] == ["start_deal", "cancel_order", "confirm_order"]
    assert [e.action for e in audit.query(actor="ada")] == ["start_deal", "confirm_order"]
    assert [e.actor for e in audit.query(target="/orders/1/")] == ["bob", "ada"]
    assert [e.action for e in audit.query(action="c")] == ["cancel_order", "confirm_order"]
    assert [e.details for e in audit.query(outcome="refused")] == [{"status": 409}]
    start = datetime(2026, 11, 26, 9, 1, tzinfo=UTC)
    assert [e.action for e in audit.query(since=start, until=start + timedelta(seconds=1))] == [
        "cancel_order"
    ]
    later = audit.query(since=start.astimezone(timezone_plus_nine()))
    assert len(later) == 2  # any offset, compared in UTC
    assert [e.id for e in audit.query(before_id=first.id + 1)] == [first.id]
    assert [e.id for e in audit.query(limit=1)] != [first.id]
    assert first.at == datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def timezone_plus_nine():
    from datetime import timezone

    return timezone(timedelta(hours=9))


def test_details_become_plain_json_and_huge_ones_are_cut(audit):
    entry = audit.record(
        actor="ada",
        role="owner",
        action="x",
        details={"price": Decimal("9.50"), "when": datetime(2026, 1, 1, tzinfo=UTC), "n": 3},
    )
    assert entry.details == {"price": "9.50", "when": "2026-01-01 00:00:00+00:00", "n": 3}
    big = audit.record(actor="ada", role="owner", action="y", details={"text": "z" * 10_000})
    assert set(big.details) == {"truncated"} and len(big.details["truncated"]) == 4000
    long_actor = audit.record(actor="a" * 100, role="owner", action="z" * 100)
    assert len(long_actor.actor) == 64 and len(long_actor.action) == 80


def test_bad_queries_are_refused(audit):
    with pytest.raises(InvalidInputError, match="Unknown outcome"):
        audit.query(outcome="maybe")
    with pytest.raises(InvalidInputError, match="limit"):
        audit.query(limit=0)
    with pytest.raises(InvalidInputError):
        audit.record(actor="a", role="owner", action="x", outcome="meh")  # type: ignore[arg-type]
