"""Hand-built speech with synthetic phoneme timings for the avatar tests (no TTS needed)."""

from __future__ import annotations

import numpy as np

from shopcast.speech.types import PhonemeSpan, Speech, WordSpan
from shopcast.speech.visemes import Viseme, viseme_for
from shopcast.timeline.performance import Timeline, Utterance

SR = 24_000
LOUD = {Viseme.A, Viseme.E, Viseme.I, Viseme.O, Viseme.U, Viseme.R}


def make_speech(spec: str, *, step: float = 0.09, sr: int = SR, text: str = "test") -> Speech:
    """Speech from space-separated phonemes, each ``step`` s long ("_" is a pause); vowels are
    a loud tone, consonants soft noise, pauses silence. One word per run between pauses."""
    rng = np.random.default_rng(7)
    phonemes: list[PhonemeSpan] = []
    words: list[WordSpan] = []
    chunks: list[np.ndarray] = []
    t = 0.0
    word_start: float | None = None
    for token in spec.split():
        n = round(step * sr)
        if token == "_":
            chunks.append(np.zeros(n, np.float32))
            phonemes.append(PhonemeSpan(" ", t, t + step))
            if word_start is not None:
                words.append(WordSpan("w", word_start, t))
                word_start = None
        else:
            if word_start is None:
                word_start = t
            loud = viseme_for(token) in LOUD
            tt = np.arange(n) / sr
            wave = 0.5 * np.sin(2 * np.pi * 220 * tt) if loud else 0.05 * rng.standard_normal(n)
            chunks.append(wave.astype(np.float32))
            phonemes.append(PhonemeSpan(token, t, t + step))
        t += step
    if word_start is not None:
        words.append(WordSpan("w.", word_start, t))
    samples = np.concatenate(chunks) if chunks else np.zeros(0, np.float32)
    return Speech(samples, sr, phonemes, words, text, "en", "synthetic")


def make_timeline(*utterances: tuple[float, str], **intent) -> Timeline:
    timeline = Timeline(sample_rate=SR)
    for start, spec in utterances:
        timeline.append(Utterance(start=start, speech=make_speech(spec), **intent))
    return timeline
