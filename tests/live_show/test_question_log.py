"""The question log on a virtual clock: every comment ends in exactly one outcome, and arrival →
acknowledgement and → answer proper are reported per answer path."""

from __future__ import annotations

from shopcast.live.show.question_log import QuestionLog, spread


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def test_ack_and_substance_are_measured_apart_per_path() -> None:
    clock = Clock()
    log = QuestionLog(clock=clock)
    log.received("a", "Jun", "How much is it?")
    log.received("b", "Ana", "Is it vegan?")
    log.composed(["a"], "price")
    log.composed(["b"], "llm")
    clock.t = 100.3
    log.ack_on_air(["b"])  # "Good question, Ana!"
    log.substance_on_air(["a"])  # the price, voiced already: no filler before it
    clock.t = 104.0
    log.substance_on_air(["b"])
    q = log.summary()
    assert (q.received, q.voiced, q.waiting) == (2, 2, 0)
    rows = {row.path: row for row in q.latency}
    assert set(rows) == {"all", "price", "llm"}
    assert rows["price"].ack.p50_s == rows["price"].substance.p50_s == 0.3
    assert rows["llm"].ack.p50_s == 0.3 and rows["llm"].substance.p50_s == 4.0
    assert rows["all"].substance.count == 2 and rows["all"].substance.max_s == 4.0


def test_every_comment_ends_once_and_says_why() -> None:
    log = QuestionLog(clock=Clock())
    for n in range(6):
        log.received(f"m{n}", f"v{n}", "?")
    log.ended(["m0"], "refused", "hostile")
    log.ended(["m1"], "refused", "user_rate_limit")
    log.ended(["m2", "m3"], "text", "not voiced within 25 s")
    log.ended(["m2"], "dropped", "show stopped")  # the first outcome stands
    log.substance_on_air(["m3"])  # already answered in text: not voiced as well
    q = log.summary()
    assert (q.refused, q.text, q.dropped, q.voiced, q.waiting) == (2, 2, 0, 0, 2)
    assert q.why == {
        "text: not voiced within 25 s": 2,
        "refused: hostile": 1,
        "refused: user_rate_limit": 1,
    }
    assert [a.message_id for a in log.waiting()] == ["m4", "m5"]


def test_a_grouped_answer_counts_every_viewer_who_asked() -> None:
    clock = Clock()
    log = QuestionLog(clock=clock)
    ids = [f"m{n}" for n in range(30)]
    for n, message_id in enumerate(ids):
        log.received(message_id, f"v{n}", "what sizes?", arrived=90.0 + n * 0.2)
    log.composed(ids, "options")
    log.ack_on_air(ids)
    clock.t = 102.0
    log.substance_on_air(ids)
    q = log.summary()
    assert (q.voiced, q.grouped) == (30, 30)
    rows = {row.path: row for row in q.latency}
    # each viewer's wait is from their own message: the first waited 12 s, the last 6.2 s
    assert rows["options"].substance.max_s == 12.0
    assert rows["options"].substance.count == 30


def test_summary_since_counts_only_the_later_comments() -> None:
    clock = Clock()
    log = QuestionLog(clock=clock)
    log.received("old", "a", "?")
    log.ended(["old"], "refused", "empty")
    clock.t = 200.0
    log.received("new", "b", "?")
    log.substance_on_air(["new"])
    assert log.summary(since=150.0).model_dump(include={"received", "voiced", "refused"}) == {
        "received": 1,
        "voiced": 1,
        "refused": 0,
    }
    assert log.summary().received == 2


def test_spread_is_nearest_rank() -> None:
    s = spread([float(v) for v in range(1, 101)])
    assert (s.count, s.p50_s, s.p95_s, s.max_s) == (100, 51.0, 95.0, 100.0)
    assert spread([]).count == 0
