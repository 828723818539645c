"""Piper and espeak-ng: the same timing contract as Kokoro, after resampling to 24 kHz."""

from __future__ import annotations

import numpy as np
import pytest
from speech_invariants import assert_timing_invariants

from shopcast.errors import InvalidInputError
from shopcast.speech.registry import get_engine, synthesize

TEXT = "Welcome back, everyone! This jacket is 30% off today."


@pytest.mark.slow
def test_piper_timings_and_sentence_pause(tmp_path):
    speech = synthesize(TEXT, engine="piper", voice="en_US-joe-medium", language="en",
                        models_dir=tmp_path)  # fmt: skip
    assert_timing_invariants(speech)
    assert [w.text for w in speech.words] == TEXT.split()
    assert all(w.end > w.start for w in speech.words)
    gap = max((p for p in speech.phonemes if p.phoneme == " "), key=lambda p: p.end - p.start)
    assert gap.end - gap.start >= 0.25  # the joined sentences' pause
    middle = speech.samples[int((gap.start + 0.1) * 24_000) : int((gap.end - 0.1) * 24_000)]
    assert float(np.abs(middle).max()) < 0.02


@pytest.mark.slow
def test_piper_says_prices_as_amounts(tmp_path):
    """ "$14.00." at a sentence end once split into two espeak lines; now the price word keeps
    its text and is said as "fourteen dollars", with timings intact."""
    text = "Go go go: it is $14.00 right now, down from $22.00."
    speech = synthesize(text, engine="piper", voice="en_US-joe-medium", language="en",
                        models_dir=tmp_path)  # fmt: skip
    assert_timing_invariants(speech)
    assert [w.text for w in speech.words] == text.split()
    assert all(w.end - w.start > 0.3 for w in speech.words if w.text.startswith("$"))


def test_espeak_timings_every_language_and_cjk_runs(tmp_path):
    engine = get_engine("espeak", tmp_path)
    samples = [("en", TEXT), ("de", "Guten Abend, alle zusammen!"),
               ("vi", "Xin chào các bạn!"), ("ja", "こんにちは、皆さん。")]  # fmt: skip
    for language, text in samples:
        speech = engine.synthesize(text, voice="f3", language=language)
        assert_timing_invariants(speech)
        assert float(np.abs(speech.samples).max()) > 0.05
        words = [w.text for w in speech.words]
        if language == "ja":
            assert "".join(words) == text and len(words) >= 2
        else:
            assert words == text.split()


def test_espeak_rejects_unknown_language_and_voice(tmp_path):
    engine = get_engine("espeak", tmp_path)
    with pytest.raises(InvalidInputError, match="supported languages: .*en"):
        engine.synthesize("hi", voice="f3", language="xx")
    with pytest.raises(InvalidInputError, match="voices: m3, f3"):
        engine.synthesize("hi", voice="robot", language="en")
