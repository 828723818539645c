"""The backlog rules with numbers only: text after the bound, the busy line now and then, each
viewer told once where their question stands."""

from __future__ import annotations

from shopcast.live.show.backlog import Backlog, BacklogRules, Waiting


def test_a_question_waiting_past_the_bound_is_due_in_text() -> None:
    backlog = Backlog(BacklogRules(voice_within_s=25.0))
    waiting = [Waiting("a", 0.0, ("jun",)), Waiting("b", 10.0, ("ana",))]
    assert backlog.overdue(waiting, 24.9) == []
    assert [w.key for w in backlog.overdue(waiting, 25.0)] == ["a"]
    assert [w.key for w in backlog.overdue(waiting, 40.0)] == ["a", "b"]


def test_the_busy_line_needs_a_queue_that_has_waited_and_is_not_repeated_soon() -> None:
    backlog = Backlog(BacklogRules(voice_within_s=30.0, busy_line_waiting=4, busy_line_every_s=60))
    three = [Waiting(n, 0.0) for n in range(3)]
    four = [*three, Waiting(3, 5.0)]
    assert not backlog.busy_line_due(three, 20.0)  # too few
    assert not backlog.busy_line_due(four, 9.0)  # a burst just in: no announcement
    assert backlog.busy_line_due(four, 10.0)
    assert not backlog.busy_line_due(four * 5, 40.0)  # said 30 s ago
    assert backlog.busy_line_due(four * 5, 71.0)


def test_viewers_behind_others_are_told_once_with_a_wait_at_the_shows_pace() -> None:
    backlog = Backlog(BacklogRules(voice_within_s=25.0, tell_from_position=2, answer_s=6.0))
    waiting = [
        Waiting("a", 0.0, ("jun",)),
        Waiting("b", 0.0, ("ana", "leo")),  # two viewers asked it
        Waiting("c", 0.0, ("mia",)),
    ]
    told = backlog.positions(waiting, 1.0)
    assert [(t.viewer, t.position, t.seconds) for t in told] == [
        ("ana", 2, 12),
        ("leo", 2, 12),
        ("mia", 3, 18),
    ]
    assert backlog.positions(waiting, 2.0) == []  # told once
    for _ in range(5):
        backlog.spoke(3.0)  # the show answers faster than assumed
    later = [*waiting, Waiting("d", 20.0, ("kai",))]
    assert [(t.viewer, t.position, t.seconds) for t in backlog.positions(later, 21.0)] == [
        ("kai", 4, 12)
    ]


def test_the_wait_told_never_passes_the_text_bound() -> None:
    backlog = Backlog(BacklogRules(voice_within_s=25.0, tell_from_position=1, answer_s=6.0))
    waiting = [Waiting(n, 0.0, (f"v{n}",)) for n in range(10)]
    told = backlog.positions(waiting, 20.0)
    assert max(t.seconds for t in told) == 5  # answered in chat by then at the latest
