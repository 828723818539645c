"""Joining speech synthesised in pieces: one clock for audio, phonemes and words."""

from __future__ import annotations

import numpy as np
import pytest

from shopcast.speech.joined import join_speech
from shopcast.speech.types import PhonemeSpan, Speech, WordSpan


def _speech(words: list[str], seconds: float, rate: int = 100, value: float = 0.1) -> Speech:
    step = seconds / len(words)
    spans = [WordSpan(w, i * step, (i + 1) * step) for i, w in enumerate(words)]
    phonemes = [PhonemeSpan(w[0], s.start, s.end) for w, s in zip(words, spans, strict=True)]
    samples = np.full(round(seconds * rate), value, np.float32)
    return Speech(samples, rate, phonemes, spans, " ".join(words), "en", "af_heart")


def test_pieces_join_end_to_end_on_one_clock() -> None:
    a = _speech(["The", "deal", "is", "on,"], 2.0, value=0.1)
    b = _speech(["nineteen", "dollars!"], 1.5, value=0.2)
    joined = join_speech([a, b], "The deal is on, nineteen dollars!")
    assert joined.text == "The deal is on, nineteen dollars!"
    assert joined.duration == pytest.approx(3.5)
    assert [w.text for w in joined.words] == ["The", "deal", "is", "on,", "nineteen", "dollars!"]
    assert joined.words[4].start == pytest.approx(2.0)  # b's first word starts where a ends
    assert joined.words[-1].end == pytest.approx(3.5)
    assert joined.phonemes[4].start == pytest.approx(2.0)
    assert float(joined.samples[199]) == pytest.approx(0.1)
    assert float(joined.samples[200]) == pytest.approx(0.2)
    assert joined.samples.dtype == np.float32
    assert (joined.language, joined.voice, joined.sample_rate) == ("en", "af_heart", 100)


def test_joining_refuses_nothing_and_mixed_rates() -> None:
    with pytest.raises(ValueError, match="nothing"):
        join_speech([], "")
    with pytest.raises(ValueError, match="sample rates"):
        join_speech([_speech(["a"], 1.0, rate=100), _speech(["b"], 1.0, rate=200)], "a b")
