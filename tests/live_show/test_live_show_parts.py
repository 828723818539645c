"""The runner's small parts: phrasing, the repeat guard, the event bus, timeline pruning."""

from __future__ import annotations

import threading

import numpy as np

from shopcast.live.show.cues import RepeatGuard
from shopcast.live.show.events import EventBus
from shopcast.live.show.phrasing import phrases
from shopcast.speech.types import Speech
from shopcast.timeline.performance import Timeline, Utterance


def test_phrases_cut_at_sentences_and_long_clauses() -> None:
    text = (
        "Say hello to the serum! It has rice water, niacinamide, and a light gel texture "
        "that sinks in fast, even on oily skin, so you can layer sunscreen right after. Try it."
    )
    parts = phrases(text, max_chars=60)
    assert parts[0] == "Say hello to the serum!"
    assert all(len(p) <= 75 for p in parts)
    assert " ".join(parts).replace("  ", " ") == text
    assert phrases("It is $24.00 right now, only 39,000 left. Go!", max_chars=30)[0] == (
        "It is $24.00 right now,"
    )
    assert phrases("좋아요. 정말 좋아요! 가격은 39,000원이에요.", max_chars=60)


def test_repeat_guard_window() -> None:
    now = [0.0]
    guard = RepeatGuard(window_s=3600, clock=lambda: now[0])
    guard.said("Only 3 left!")
    assert guard.recent("only 3   left!")
    now[0] = 3599
    assert guard.recent("Only 3 left!")
    now[0] = 3601
    assert not guard.recent("Only 3 left!")


def test_event_bus_slow_reader_loses_oldest_not_the_show() -> None:
    bus = EventBus(queue_size=4)
    sub = bus.subscribe()
    for i in range(10):
        bus.publish({"n": i})
    got = [sub.get(0.01) for _ in range(5)]
    assert [g["n"] for g in got if g] == [6, 7, 8, 9]
    assert sub.dropped == 6
    sub.close()
    assert bus.subscriber_count == 0
    bus.publish({"n": 99})  # nobody listening: fine


def test_event_bus_threads() -> None:
    bus = EventBus(queue_size=1000)
    subs = [bus.subscribe() for _ in range(3)]
    threads = [
        threading.Thread(target=lambda: [bus.publish({"x": 1}) for _ in range(200)])
        for _ in range(3)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for sub in subs:
        assert sum(1 for _ in iter(lambda s=sub: s.get(0.01), None)) == 600


def _speech(seconds: float) -> Speech:
    return Speech(np.ones(int(24_000 * seconds), np.float32), 24_000, [], [], "x", "en", "v")


def test_timeline_forgets_old_utterances_and_keeps_time() -> None:
    tl = Timeline()
    for i in range(100):
        tl.append(Utterance(start=i * 2.0, speech=_speech(1.0)))
    assert tl.end == 199.0
    dropped = tl.forget_before(150.0)
    assert dropped == 75 and len(tl.utterances) == 25
    assert tl.end == 199.0 and tl.duration == 199.0
    assert tl.at(160.5) is not None and tl.at(161.5) is None
    assert tl.audio(198.0, 199.0).sum() == 24_000
    assert tl.forget_before(1e9) == 99 - 75  # the last utterance stays as the anchor
    assert tl.end == 199.0
    tl.append(Utterance(start=200.0, speech=_speech(0.5)))
    assert tl.end == 200.5


def test_a_planned_line_counts_as_said_for_a_while() -> None:
    """Lines are planned ahead of air time: the same phrase planned twice before the first is
    on air is said once; a planned line dropped before air is free again later."""
    now = [0.0]
    guard = RepeatGuard(window_s=3600, clock=lambda: now[0], planned_s=120)
    guard.planned("72% fermented rice water in every drop.")
    now[0] = 3.0
    assert guard.recent("72% fermented rice water in every drop.")
    now[0] = 121.0  # never went on air
    assert not guard.recent("72% fermented rice water in every drop.")


def test_the_same_phrase_in_two_beats_of_a_script_is_planned_once() -> None:
    from shopcast.live.show import parse_show
    from shopcast.live.show.rundown import RundownPlanner
    from shopcast.markets import get_market
    from shopcast.writing.script import Beat
    from show_helpers import one_product_show

    show = parse_show(one_product_show("repeat"), "test")
    # only the script's lines are walked here: no products, scripts, commerce or hooks needed
    planner = RundownPlanner(show, {}, get_market("en-US"), None, None, None, RepeatGuard())  # type: ignore[arg-type]
    line = "72% fermented rice water in every drop."
    beats = [
        Beat.make("hook", f"Meet Glow Serum. {line}", "en"),
        Beat.make("proof", f"{line} It sinks in within seconds.", "en"),
    ]
    texts = [cue.text for beat in beats for cue in planner._beat_cues(beat, "glow-serum")]
    assert texts.count(line) == 1  # nothing was on air yet, and still said once
    assert "It sinks in within seconds." in texts and "Meet Glow Serum." in texts
