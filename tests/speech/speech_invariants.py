"""Checks every engine's output must pass (imported by the speech tests)."""

from __future__ import annotations

import numpy as np
import pytest

from shopcast.speech.types import Speech


def assert_timing_invariants(speech: Speech, *, tolerance: float = 0.025) -> None:
    """24 kHz mono float32; spans contiguous, ordered, starting at 0 and ending with the audio;
    words ordered and inside the audio."""
    assert speech.sample_rate == 24_000
    assert speech.samples.dtype == np.float32 and speech.samples.ndim == 1
    assert np.all(np.abs(speech.samples) <= 1.0)
    spans = speech.phonemes
    assert spans, "no phoneme spans"
    assert spans[0].start == 0.0
    for a, b in zip(spans, spans[1:], strict=False):
        assert a.end == pytest.approx(b.start, abs=1e-9)
        assert a.start < a.end
    assert abs(spans[-1].end - speech.duration) <= tolerance
    prev_end = 0.0
    for w in speech.words:
        assert prev_end - 1e-9 <= w.start <= w.end <= speech.duration + 1e-9
        prev_end = w.end
