"""The motion director: lips follow the phonemes and rest in silence, idle motion has the
right rates, intent (gesture, gaze, expression) is timed to the utterances."""

from __future__ import annotations

import numpy as np
import pytest
from avatar_speech import make_speech, make_timeline

from shopcast.avatar.motion import MotionDirector
from shopcast.avatar.mouth import mouth_for
from shopcast.avatar.state import Expression, GazeTarget, Gesture, MouthShape
from shopcast.speech.visemes import Viseme
from shopcast.timeline.performance import Timeline, Utterance

FPS = 30.0
SENTENCE = "h ɛ l oʊ _ m a m a _ l ʊ k _ ð ɪ s _ b j u t ɪ f ə l _ k ɹ i m"


def frames(start: float, end: float, fps: float = FPS) -> np.ndarray:
    return np.arange(round(start * fps), round(end * fps)) / fps


def test_every_viseme_has_a_shape() -> None:
    for viseme in Viseme:
        assert isinstance(mouth_for(viseme), MouthShape)
    assert mouth_for(Viseme.SIL) == MouthShape()
    assert mouth_for(Viseme.PBM).press == 1.0 and mouth_for(Viseme.PBM).open == 0.0
    assert mouth_for(Viseme.A).open > mouth_for(Viseme.E).open > mouth_for(Viseme.FV).open
    assert mouth_for(Viseme.O).round > 0.5 and mouth_for(Viseme.SZ).teeth > 0.5


def test_mouth_rests_in_every_silence() -> None:
    timeline = make_timeline((1.0, SENTENCE), (6.0, SENTENCE))
    timeline.tail = 3.0
    director = MotionDirector(seed=5)
    first, second = timeline.utterances
    silences = [(0.0, first.start), (first.end, second.start), (second.end, timeline.duration)]
    rng = np.random.default_rng(1)
    checked = 0
    for a, b in silences:
        for t in np.sort(rng.uniform(a, b, 200)):
            if timeline.at(t) is not None:
                continue
            mouth = director.state_at(float(t), timeline).mouth
            assert mouth.open == 0.0 and mouth.teeth == 0.0 and mouth.press == 0.0, t
            assert mouth.round == 0.0
            checked += 1
    assert checked > 500
    # pauses inside an utterance, away from the blend window, rest too
    speech = first.speech
    pause = next(p for p in speech.phonemes if p.phoneme == " ")
    mid = first.start + (pause.start + pause.end) / 2
    assert director.state_at(mid, timeline).mouth.open < 0.05


def test_mouth_opens_on_vowels_and_presses_on_pbm() -> None:
    timeline = make_timeline((0.5, "m a a a _ p o o _ b i i i _ a m a"))
    director = MotionDirector(seed=1)
    u = timeline.utterances[0]
    spans = u.speech.phonemes
    for i, p in enumerate(spans):
        mid = u.start + (p.start + p.end) / 2
        mouth = director.state_at(mid, timeline).mouth
        if p.phoneme in ("m", "p", "b"):
            assert mouth.press >= 0.95 and mouth.open == 0.0, (i, p)
        elif (
            p.phoneme in ("a", "o", "i")
            and 0 < i < len(spans) - 1
            and spans[i - 1].phoneme == p.phoneme
        ):
            assert mouth.open > 0.25, (i, p, mouth)
    opens = [director.state_at(t, timeline).mouth.open for t in frames(u.start, u.end)]
    assert max(opens) > 0.6


def test_short_pbm_is_never_skipped_at_frame_rate() -> None:
    # a 20 ms /m/ between vowels must still show as pressed lips in at least one frame
    speech = make_speech("a a a m a a a", step=0.02)
    for offset in np.linspace(0.0, 1 / FPS, 7):
        timeline = Timeline()
        timeline.append(Utterance(start=1.0 + float(offset), speech=speech))
        director = MotionDirector(seed=0, fps=FPS)
        u = timeline.utterances[0]
        presses = [director.state_at(t, timeline).mouth.press for t in frames(0.9, u.end + 0.1)]
        assert max(presses) >= 0.95, offset


def test_short_phonemes_do_not_flicker() -> None:
    timeline = make_timeline((0.5, "t a t"))
    fast = Timeline()
    fast.append(Utterance(start=0.5, speech=make_speech("t a t", step=0.02)))
    director = MotionDirector(seed=0)
    slow_peak = max(director.state_at(t, timeline).mouth.open for t in frames(0.5, 0.8, 1000))
    fast_peak = max(director.state_at(t, fast).mouth.open for t in frames(0.5, 0.56, 1000))
    assert fast_peak < 0.6 * slow_peak


def test_loudness_scales_the_opening() -> None:
    loud = make_speech("a a a a a a")
    quiet = make_speech("a a a a a a")
    quiet.samples = quiet.samples.copy()
    quiet.samples[: len(quiet.samples) // 2] *= 0.2  # first half whispered
    timeline = Timeline()
    timeline.append(Utterance(start=0.0, speech=quiet))
    director = MotionDirector()
    whisper = director.state_at(0.12, timeline).mouth.open
    full = director.state_at(0.42, timeline).mouth.open
    assert whisper < 0.75 * full
    assert loud.duration == quiet.duration


def test_blinks_breaths_and_saccades_have_natural_rates() -> None:
    timeline = Timeline()
    director = MotionDirector(seed=11)
    states = [director.state_at(t, timeline) for t in frames(0.0, 60.0)]
    blink = np.array([s.blink for s in states])
    onsets = np.flatnonzero((blink[1:] >= 0.5) & (blink[:-1] < 0.5))
    assert 10 <= len(onsets) <= 36  # every 2-6 s, some doubles
    fine = [director._blink(t) for t in np.arange(0.0, 60.0, 0.002)]
    closed_runs = np.diff(np.flatnonzero(np.diff(np.array(fine) > 0.0)))[::2] * 0.002
    assert 0.1 <= float(np.median(closed_runs)) <= 0.2  # about 150 ms
    breath = np.array([s.breath for s in states])
    peaks = np.flatnonzero(
        (breath[1:-1] > breath[:-2]) & (breath[1:-1] >= breath[2:]) & (breath[1:-1] > 0.9)
    )
    assert 11 <= len(peaks) <= 21  # 12-20 breaths a minute
    gaze = np.array([s.gaze_x for s in states])
    jumps = np.flatnonzero(np.abs(np.diff(gaze)) > 0.01)
    groups = 1 + np.count_nonzero(np.diff(jumps) > 3)
    assert 18 <= groups <= 62  # a saccade every 1-3 s


def test_deterministic_per_seed_and_for_random_access() -> None:
    timeline = make_timeline((1.0, SENTENCE), (5.0, SENTENCE), expression=Expression.SMILE)
    times = frames(0.0, 9.0)
    a = [MotionDirector(seed=3).state_at(t, timeline) for t in [0.0]]
    seq = MotionDirector(seed=3)
    forward = [seq.state_at(t, timeline) for t in times]
    again = MotionDirector(seed=3)
    shuffled_idx = np.random.default_rng(0).permutation(len(times))
    shuffled = {i: again.state_at(times[i], timeline) for i in shuffled_idx}
    assert forward == [shuffled[i] for i in range(len(times))]
    assert a[0] == forward[0]
    other = [MotionDirector(seed=4).state_at(t, timeline) for t in times]
    assert other != forward


def test_growing_timeline_live() -> None:
    timeline = Timeline()
    director = MotionDirector(seed=2)
    before = [director.state_at(t, timeline) for t in frames(0.0, 2.0)]
    assert all(s.mouth.open == 0.0 for s in before)
    timeline.append(Utterance(start=2.5, speech=make_speech(SENTENCE)))
    during = [director.state_at(t, timeline) for t in frames(2.0, 5.0)]
    assert max(s.mouth.open for s in during) > 0.5
    timeline.append(Utterance(start=6.0, speech=make_speech(SENTENCE), gesture=Gesture.WAVE))
    later = [director.state_at(t, timeline) for t in frames(5.0, 8.0)]
    assert max(s.gesture_amount for s in later) > 0.9


def test_gestures_lead_the_utterance_then_settle() -> None:
    timeline = make_timeline((2.0, SENTENCE), gesture=Gesture.PRESENT)
    director = MotionDirector(seed=0)
    u = timeline.utterances[0]
    assert director.state_at(u.start - 0.26, timeline).gesture_amount == 0.0
    early = director.state_at(u.start - 0.15, timeline)
    assert early.gesture is Gesture.PRESENT and early.gesture_amount > 0.0
    assert director.state_at(u.start + 0.2, timeline).gesture_amount == 1.0
    assert director.state_at((u.start + u.end) / 2, timeline).gesture_amount == 1.0
    assert director.state_at(u.end + 1.0, timeline).gesture_amount == 0.0


def test_gaze_goes_to_the_card_and_back_for_the_call_to_action() -> None:
    timeline = Timeline()
    timeline.append(Utterance(start=1.0, speech=make_speech(SENTENCE), gaze=GazeTarget.CARD))
    cta_start = timeline.utterances[0].end + 0.6
    timeline.append(Utterance(start=cta_start, speech=make_speech(SENTENCE), beat="cta"))
    director = MotionDirector(seed=0, card_side="right")
    card, cta = timeline.utterances
    on_card = [
        director.state_at(t, timeline).gaze_x for t in frames(card.start + 0.3, card.end - 0.1)
    ]
    on_cam = [director.state_at(t, timeline).gaze_x for t in frames(cta.start + 0.5, cta.end)]
    assert min(on_card) > 0.5
    assert max(abs(g) for g in on_cam) < 0.35
    left = MotionDirector(seed=0, card_side="left")
    assert left.state_at(card.start + 0.6, timeline).gaze_x < -0.5


def test_expression_follows_intent_and_thinking_is_available() -> None:
    timeline = make_timeline((1.0, SENTENCE), expression=Expression.EXCITED)
    director = MotionDirector(seed=0)
    u = timeline.utterances[0]
    mid = director.state_at((u.start + u.end) / 2, timeline)
    assert mid.expression is Expression.EXCITED and mid.expression_weight == 1.0
    assert mid.mouth.smile > 0.5
    after = director.state_at(u.end + 3.0, timeline)
    assert after.expression_weight == 0.0
    director.think(start=u.end + 4.0)
    thinking = director.state_at(u.end + 5.0, timeline)
    assert thinking.expression is Expression.THINKING and thinking.expression_weight == 1.0
    assert thinking.gaze_y < -0.3 and thinking.mouth.open == 0.0
    director.stop_thinking(u.end + 6.0)
    assert director.state_at(u.end + 7.0, timeline).expression_weight == 0.0


@pytest.mark.parametrize("seed", [0, 1])
def test_head_moves_smoothly_and_hair_lags(seed: int) -> None:
    timeline = make_timeline((0.5, SENTENCE), (4.0, SENTENCE))
    director = MotionDirector(seed=seed)
    states = [director.state_at(t, timeline) for t in frames(0.0, 8.0)]
    roll = np.array([s.head_roll for s in states])
    pitch = np.array([s.head_pitch for s in states])
    assert np.abs(np.diff(roll)).max() < 1.0  # degrees per frame: no snaps
    assert np.abs(np.diff(pitch)).max() < 0.08
    assert pitch.max() > 0.15  # nods happen on accents and sentence ends
    lag = np.array([s.hair_lag_roll for s in states])
    assert np.abs(lag).max() > 0.2
    # the hair follows: its absolute roll is the head's roll a little earlier
    hair = roll + lag
    delay = int(round(0.14 * FPS))
    assert np.abs(hair[delay + 5 :] - roll[5:-delay]).max() < np.abs(lag).max()
