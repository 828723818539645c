import numpy as np
import pytest

from shopcast.speech.types import PhonemeSpan, Speech, WordSpan
from shopcast.timeline.clock import WallClock
from shopcast.timeline.performance import Timeline, Utterance
from shopcast.timeline.program import Program

SR = 24_000


def tone(seconds: float, value: float = 0.5) -> Speech:
    n = round(seconds * SR)
    return Speech(
        np.full(n, value, np.float32),
        SR,
        [PhonemeSpan("a", 0, seconds)],
        [WordSpan("a", 0, seconds)],
        "a",
        "en",
        "test",
    )


def make_timeline() -> Timeline:
    tl = Timeline(sample_rate=SR, tail=0.5)
    tl.append(Utterance(start=0.3, speech=tone(1.0, 0.5)))
    tl.append(Utterance(start=1.6, speech=tone(0.77, 0.25)))
    return tl


def test_timeline_refuses_overlap_and_other_rates():
    tl = make_timeline()
    with pytest.raises(ValueError, match="overlap"):
        tl.append(Utterance(start=2.0, speech=tone(0.5)))
    bad = tone(0.5)
    bad.sample_rate = 22_050
    with pytest.raises(ValueError, match="Hz"):
        tl.append(Utterance(start=5.0, speech=bad))


def test_at_and_around():
    tl = make_timeline()
    assert tl.at(0.1) is None
    assert tl.at(0.5) is tl.utterances[0]
    assert tl.at(1.45) is None
    assert tl.at(1.7) is tl.utterances[1]
    prev, nxt = tl.around(1.45)
    assert prev is tl.utterances[0] and nxt is tl.utterances[1]


def test_program_audio_is_sample_exact_and_matches_timeline_length():
    tl = make_timeline()
    program = Program(tl, scene=None, director=None, overlay_at=None, fps=30)  # type: ignore[arg-type]
    chunks = [program.audio_for(i) for i in range(program.frame_count())]
    audio = np.concatenate(chunks)
    total = round(tl.duration * SR)
    # The frames cover the timeline; at most one frame's worth of padding at the end.
    assert total <= len(audio) < total + SR / 30 + 1
    np.testing.assert_array_equal(audio[:total], tl.audio()[:total])
    # Speech sits exactly where the timeline put it: silence before, tone from 0.3 s.
    start = round(0.3 * SR)
    assert not audio[:start].any()
    assert audio[start] == pytest.approx(0.5)
    assert audio[start + SR - 1] == pytest.approx(0.5)
    assert audio[start + SR] == 0.0


def test_wall_clock_paces_against_absolute_start():
    clock = WallClock(fps=100)
    for i in range(20):
        clock.wait_for(i)
    import time

    elapsed = time.monotonic() - clock.start
    assert 0.18 <= elapsed < 1.5  # never early; generous when the machine is busy
    # A frame far in the past is reported late, without sleeping.
    assert clock.wait_for(0) > 0.1


def test_window_finds_only_utterances_near_a_time_on_a_long_timeline():
    tl = Timeline(sample_rate=SR)
    for i in range(2000):  # a long live show: 2,000 short lines, 1 s apart
        tl.append(Utterance(start=i * 1.0, speech=tone(0.5)))
    near = tl.window(1000.2, 1001.0)
    assert [u.start for u in near] == [1000.0, 1001.0]
    assert tl.window(1000.6, 1000.9) == []  # between lines
    assert tl.at(1500.25) is tl.utterances[1500]
    # The audio of one frame touches only the utterance it overlaps.
    chunk = tl.audio_samples(round(1500.25 * SR), round(1500.25 * SR) + 800)
    assert chunk.shape == (800,) and np.all(chunk == 0.5)


def test_timeline_built_with_utterances_is_indexed_and_validated():
    tl = Timeline(sample_rate=SR, utterances=[Utterance(0.0, tone(1.0)), Utterance(2.0, tone(1.0))])
    assert tl.at(2.5) is tl.utterances[1]
    with pytest.raises(ValueError, match="overlap"):
        Timeline(sample_rate=SR, utterances=[Utterance(0.0, tone(1.0)), Utterance(0.5, tone(1.0))])
