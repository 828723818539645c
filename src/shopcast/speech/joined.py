"""Speech synthesised in pieces, joined back into one: the audio end to end, the phoneme and
word timings moved onto the joined clock, the text the whole text."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from shopcast.speech.types import PhonemeSpan, Speech, WordSpan


def join_speech(parts: Sequence[Speech], text: str) -> Speech:
    """``parts`` one after another as one ``Speech`` saying ``text``. The parts must share a
    sample rate (they come from one voice)."""
    if not parts:
        raise ValueError("nothing to join")
    rate = parts[0].sample_rate
    if any(p.sample_rate != rate for p in parts):
        raise ValueError("speech parts have different sample rates")
    phonemes: list[PhonemeSpan] = []
    words: list[WordSpan] = []
    offset = 0
    for part in parts:
        at = offset / rate
        phonemes += [PhonemeSpan(p.phoneme, p.start + at, p.end + at) for p in part.phonemes]
        words += [WordSpan(w.text, w.start + at, w.end + at) for w in part.words]
        offset += len(part.samples)
    samples = np.concatenate([p.samples for p in parts]).astype(np.float32, copy=False)
    first = parts[0]
    return Speech(samples, rate, phonemes, words, text, first.language, first.voice)
