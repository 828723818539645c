"""The operator desk on its own: the co-pilot queue and its time-out policy, stale and
conflicting decisions from two operators, typed lines, whispers and mode switches."""

from __future__ import annotations

import pytest

from shopcast.commerce.errors import ConflictError
from shopcast.errors import InvalidInputError, NotFoundError
from shopcast.live.show.operator import OperatorDesk, OperatorTextError
from shopcast.live.show.showfile import CopilotPolicy

SAFE = "I don't have that detail right now."


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def desk(on_timeout: str = "drop", mode: str = "copilot", **kw) -> tuple[OperatorDesk, FakeClock]:
    clock = FakeClock()
    policy = CopilotPolicy(timeout_s=30, on_timeout=on_timeout)
    return OperatorDesk(policy, mode=mode, safe_line=SAFE, clock=clock, **kw), clock


def propose(d: OperatorDesk, text: str = "It is waterproof.") -> int:
    return d.propose(question="waterproof?", viewer="anna", text=text, path="faq").id


def test_approve_edit_reject_reach_the_voice_queue_once() -> None:
    d, _ = desk()
    events = d.events.subscribe()
    a, b, c = propose(d, "one"), propose(d, "two"), propose(d, "three")
    assert [p.id for p in d.view().pending] == [a, b, c]
    d.decide(a, "approve", operator="ada", version=1)
    d.decide(b, "edit", operator="ben", version=1, text="  two,   edited ")
    d.decide(c, "reject", operator="ada", version=1)
    ready = d.take_ready()
    assert [(p.id, p.spoken_text) for p in ready] == [(a, "one"), (b, "two, edited")]
    assert d.take_ready() == []
    view = d.view()
    assert view.pending == []
    assert [(p.id, p.state, p.decided_by) for p in view.decided] == [
        (c, "rejected", "ada"),
        (b, "edited", "ben"),
        (a, "approved", "ada"),
    ]
    kinds = [e["type"] for e in iter(lambda: events.get(0), None)]
    assert kinds.count("proposed") == 3 and kinds.count("decided") == 3


def test_a_second_decision_is_refused_naming_who_decided_first() -> None:
    d, _ = desk()
    pid = propose(d)
    d.decide(pid, "approve", operator="ada", version=1)
    with pytest.raises(ConflictError, match=r"already approved by ada at \d\d:\d\d:\d\d UTC"):
        d.decide(pid, "reject", operator="ben", version=1)
    assert len(d.take_ready()) == 1  # spoken once, not rejected afterwards
    with pytest.raises(NotFoundError):
        d.decide(999, "approve", operator="ada", version=1)


def test_a_decision_with_a_stale_version_is_refused() -> None:
    d, _ = desk()
    pid = propose(d)
    with pytest.raises(ConflictError, match="version 1, you sent 7"):
        d.decide(pid, "approve", operator="ada", version=7)
    assert d.view().pending[0].state == "pending"


@pytest.mark.parametrize(
    ("policy", "spoken"), [("drop", None), ("safe_line", SAFE), ("send", "It is waterproof.")]
)
def test_time_out_policy(policy: str, spoken: str | None) -> None:
    d, clock = desk(policy)
    pid = propose(d)
    assert d.view().pending[0].expires_in_s == 30.0
    clock.now += 29.9
    assert d.expire() == [] and d.take_ready() == []
    clock.now += 0.2
    [expired] = d.expire()
    assert expired.id == pid and expired.state == "timed_out"
    assert [p.spoken_text for p in d.take_ready()] == ([spoken] if spoken else [])
    with pytest.raises(ConflictError, match="timed out"):
        d.decide(pid, "approve", operator="ada", version=1)


def test_human_mode_never_sends_on_its_own() -> None:
    d, clock = desk("send", mode="human")
    propose(d)
    clock.now += 31
    assert len(d.expire()) == 1
    assert d.take_ready() == []


def test_edits_and_typed_lines_are_checked_before_anything_is_queued() -> None:
    d, _ = desk(check_text=lambda text: ["offer word 'free' not in the catalog"] * ("free" in text))
    pid = propose(d)
    with pytest.raises(OperatorTextError, match="free") as refused:
        d.decide(pid, "edit", operator="ada", version=1, text="It's free today!")
    assert refused.value.problems
    assert d.view().pending[0].version == 1  # still waiting, still decidable
    with pytest.raises(OperatorTextError):
        d.say("Everything is free!", operator="ada")
    with pytest.raises(InvalidInputError, match="type something"):
        d.say("   ", operator="ada")
    with pytest.raises(InvalidInputError, match="at most"):
        d.say("x" * 281, operator="ada")
    d.say("Welcome back, everyone!", operator="ada")
    d.say("Second line", operator="ben")
    assert [line.text for line in d.take_lines()] == ["Welcome back, everyone!", "Second line"]
    assert d.take_lines() == []
    assert [s.text for s in d.view().said] == ["Second line", "Welcome back, everyone!"]


def test_a_whisper_is_used_once_and_a_newer_one_replaces_it() -> None:
    d, _ = desk()
    assert d.whisper("mention the travel size", operator="ada") is None
    replaced = d.whisper("mention the SPF", operator="ben")
    assert replaced is not None and replaced.operator == "ada"
    assert d.view().whisper.text == "mention the SPF"
    hint = d.take_whisper()
    assert hint is not None and hint.text == "mention the SPF"
    assert d.take_whisper() is None


def test_mode_switches_last_writer_wins_unless_a_version_is_stale() -> None:
    d, _ = desk(mode="autonomous")
    assert d.mode == "autonomous" and d.mode_version == 1
    v2 = d.set_mode("copilot", operator="ada", version=1)
    assert (d.mode, d.mode_set_by, v2) == ("copilot", "ada", 2)
    with pytest.raises(ConflictError, match="switched to copilot by ada"):
        d.set_mode("human", operator="ben", version=1)  # ben saw version 1
    assert d.mode == "copilot"
    d.set_mode("human", operator="ben")  # no version: last writer wins
    assert (d.view().mode, d.view().mode_set_by, d.view().mode_version) == ("human", "ben", 3)
