"""A performance on a timeline: utterances placed in time, each carrying the speech that is
heard and the intent (beat, expression, gesture, gaze) that shapes how the host moves.

The same timeline drives an offline video (rendered as fast as possible) and a live show
(rendered against the wall clock, utterances appended as they are ready).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace

import numpy as np

from shopcast.avatar.state import Expression, GazeTarget, Gesture
from shopcast.speech.types import Speech


@dataclass(slots=True)
class Utterance:
    start: float  # seconds on the timeline
    speech: Speech
    beat: str = "line"  # hook | demo | proof | offer | cta | answer | line ...
    expression: Expression = Expression.NEUTRAL
    gesture: Gesture = Gesture.NONE
    gaze: GazeTarget = GazeTarget.CAMERA
    product_sku: str | None = None
    caption: str | None = None  # shown text, defaults to speech.text

    @property
    def end(self) -> float:
        return self.start + self.speech.duration


@dataclass(slots=True)
class Timeline:
    """Utterances in time order, never overlapping. ``duration`` may exceed the last end
    (a tail of idle). Lookups bisect a start/end index kept by ``append``, so a 24-hour live
    timeline costs the frame loop O(log n) per frame, not O(n)."""

    sample_rate: int = 24_000
    utterances: list[Utterance] = field(default_factory=list)
    tail: float = 0.0
    _starts: list[float] = field(default_factory=list, init=False, repr=False)
    _ends: list[float] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        given, self.utterances = self.utterances, []
        for utterance in given:
            self.append(utterance)

    @property
    def duration(self) -> float:
        last = self.utterances[-1].end if self.utterances else 0.0
        return last + self.tail

    def append(self, utterance: Utterance) -> None:
        if self.utterances and utterance.start < self.utterances[-1].end - 1e-9:
            raise ValueError("utterances on a timeline must not overlap")
        if utterance.speech.sample_rate != self.sample_rate:
            raise ValueError(
                f"speech at {utterance.speech.sample_rate} Hz on a {self.sample_rate} Hz timeline"
            )
        self.utterances.append(utterance)
        self._starts.append(utterance.start)
        self._ends.append(utterance.end)

    def forget_before(self, t: float) -> int:
        """Drop utterances that ended before ``t`` (a live show keeps only recent audio, so
        memory stays flat); ``duration`` and lookups after ``t`` are unchanged. Returns how
        many were dropped."""
        n = bisect.bisect_left(self._ends, t)
        if n and n == len(self.utterances):
            n -= 1  # keep the last one: it anchors ``duration`` and the next start
        if n > 0:
            del self.utterances[:n], self._starts[:n], self._ends[:n]
        return n

    def cut(self, at: float, fade_s: float = 0.03) -> Utterance | None:
        """Stop what sounds after ``at`` (a live voice takeover pre-empts the host): utterances
        that start at or after ``at`` are dropped; one that sounds across ``at`` is shortened
        to end there, its audio faded out over the last ``fade_s`` and its phoneme and word
        timings clipped. Returns the shortened utterance (None when none sounded across)."""
        while self.utterances and self._starts[-1] >= at:
            self.utterances.pop()
            self._starts.pop()
            self._ends.pop()
        if not self.utterances or self._ends[-1] <= at:
            return None
        last = self.utterances[-1]
        speech = last.speech
        keep = max(1, round((at - last.start) * speech.sample_rate))
        samples = speech.samples[:keep].astype(np.float32, copy=True)
        fade = min(keep, round(fade_s * speech.sample_rate))
        if fade:
            samples[-fade:] *= np.linspace(1.0, 0.0, fade, dtype=np.float32)
        length = keep / speech.sample_rate
        short = replace(
            speech,
            samples=samples,
            phonemes=[
                replace(p, end=min(p.end, length)) for p in speech.phonemes if p.start < length
            ],
            words=[replace(w, end=min(w.end, length)) for w in speech.words if w.start < length],
        )
        cut = replace(last, speech=short)
        self.utterances[-1] = cut
        self._ends[-1] = cut.end
        return cut

    @property
    def end(self) -> float:
        """Where the last utterance ends (0 when there is none)."""
        return self._ends[-1] if self._ends else 0.0

    def window(self, lo: float, hi: float) -> list[Utterance]:
        """Utterances still sounding after ``lo`` that start at or before ``hi``."""
        i = bisect.bisect_right(self._ends, lo)
        j = bisect.bisect_right(self._starts, hi)
        return self.utterances[i:j]

    def at(self, t: float) -> Utterance | None:
        """The utterance sounding at time ``t``, if any."""
        i = bisect.bisect_right(self._starts, t) - 1
        if i >= 0 and t < self._ends[i]:
            return self.utterances[i]
        return None

    def around(self, t: float) -> tuple[Utterance | None, Utterance | None]:
        """The last utterance that started at or before ``t`` and the next one after ``t``."""
        i = bisect.bisect_right(self._starts, t)
        prev = self.utterances[i - 1] if i > 0 else None
        nxt = self.utterances[i] if i < len(self.utterances) else None
        return prev, nxt

    def audio(self, start: float = 0.0, end: float | None = None) -> np.ndarray:
        """Mixed mono float32 audio from ``start`` to ``end`` seconds (silence between
        utterances)."""
        end = self.duration if end is None else end
        return self.audio_samples(round(start * self.sample_rate), round(end * self.sample_rate))

    def audio_samples(self, first: int, last: int) -> np.ndarray:
        """Samples ``[first, last)`` of the mixed audio; sample n covers time n / sample_rate."""
        out = np.zeros(max(0, last - first), dtype=np.float32)
        sr = self.sample_rate
        for u in self.window(first / sr, last / sr):
            s = round(u.start * sr)
            e = s + len(u.speech.samples)
            lo, hi = max(s, first), min(e, last)
            if lo < hi:
                out[lo - first : hi - first] += u.speech.samples[lo - s : hi - s]
        return out
