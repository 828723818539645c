"""Lip motion for one utterance: visemes blended over a short window (coarticulation), mouth
opening scaled by the audio's loudness, P/B/M always pressed shut. Built once per speech."""

from __future__ import annotations

import bisect
import math

import numpy as np

from shopcast.avatar.mouth import VOWELS, shape_vector
from shopcast.avatar.state import MouthShape
from shopcast.speech.types import Speech
from shopcast.speech.visemes import Viseme, viseme_for, viseme_track

BLEND_HALF_WIDTH = 0.05  # s: triangular window ±50 ms ≈ 3 frames at 30 fps
ENVELOPE_HOP = 0.01  # s between loudness samples
ENVELOPE_WINDOW = 0.04  # s of audio per RMS value
_STRESS = "ˈ"  # primary stress mark (IPA)
_SENTENCE_END = (".", "!", "?", "。", "！", "？", "…")


def _tri_cdf(x: float, h: float) -> float:
    """Integral of a unit-area triangle on [-h, h] from -h to x."""
    if x <= -h:
        return 0.0
    if x >= h:
        return 1.0
    u = x / h
    return 0.5 * (1.0 + u) ** 2 if u < 0 else 1.0 - 0.5 * (1.0 - u) ** 2


class LipTrack:
    """Mouth shapes, stressed moments and sentence ends of one ``Speech``."""

    def __init__(self, speech: Speech, fps: float = 30.0) -> None:
        self.speech = speech
        keys = [k for k in viseme_track(speech) if k.end > k.start]
        self._starts = [k.start for k in keys]
        self._ends = [k.end for k in keys]
        self._shapes = [shape_vector(k.viseme) for k in keys]
        # P/B/M spans, widened to at least a frame so every frame-rate sampling lands in one
        min_len = 1.2 / fps
        self._presses: list[tuple[float, float]] = []
        for k in keys:
            if k.viseme is Viseme.PBM:
                mid, half = (k.start + k.end) / 2, max(k.end - k.start, min_len) / 2
                self._presses.append((mid - half, mid + half))
        self._envelope = _loudness(speech)
        self.accents = _accents(speech, self._envelope)
        self.sentence_ends = _sentence_ends(speech)

    def gain(self, tau: float) -> float:
        """Loudness at ``tau`` relative to this utterance's loud parts (about 0.45..1.15)."""
        env = self._envelope
        if env.size == 0:
            return 1.0
        i = min(env.size - 1, max(0, int(tau / ENVELOPE_HOP)))
        return float(0.45 + 0.7 * min(1.0, env[i]))

    def mouth_at(self, tau: float) -> MouthShape:
        """The blended mouth ``tau`` seconds after the utterance start."""
        h = BLEND_HALF_WIDTH
        acc = [0.0] * 6
        total = 0.0
        lo = bisect.bisect_left(self._ends, tau - h)
        hi = bisect.bisect_right(self._starts, tau + h)
        for i in range(lo, hi):
            w = _tri_cdf(self._ends[i] - tau, h) - _tri_cdf(self._starts[i] - tau, h)
            if w <= 0.0:
                continue
            total += w
            for j, v in enumerate(self._shapes[i]):
                acc[j] += w * v
        rest = shape_vector(Viseme.SIL)
        for j in range(6):
            acc[j] += (1.0 - total) * rest[j]
        open_, width, round_, press, teeth, smile = acc
        open_ = min(1.0, open_ * self.gain(tau))
        for a, b in self._presses:
            if a <= tau < b:
                open_, press, teeth = 0.0, 1.0, 0.0
                break
            if a > tau:
                break
        return MouthShape(open_, width, round_, press, teeth, smile)


def _loudness(speech: Speech) -> np.ndarray:
    """RMS per hop, normalised by the 90th percentile of the voiced part."""
    sr = speech.sample_rate
    x = np.asarray(speech.samples, dtype=np.float32)
    hop, win = max(1, round(sr * ENVELOPE_HOP)), max(1, round(sr * ENVELOPE_WINDOW))
    n = int(math.ceil(len(x) / hop)) if len(x) else 0
    if n == 0:
        return np.zeros(0, dtype=np.float32)
    padded = np.concatenate([np.zeros(win // 2, np.float32), x, np.zeros(win + hop, np.float32)])
    csum = np.concatenate([[0.0], np.cumsum(padded.astype(np.float64) ** 2)])
    starts = np.arange(n) * hop
    rms = np.sqrt((csum[starts + win] - csum[starts]) / win)
    voiced = rms[rms > 1e-4]
    ref = float(np.percentile(voiced, 90)) if voiced.size else 1.0
    return (rms / max(ref, 1e-6)).astype(np.float32)


def _accents(speech: Speech, envelope: np.ndarray) -> list[float]:
    """Stressed moments: vowels after a stress mark; without marks, the loudest word onsets."""
    times: list[float] = []
    pending = False
    for p in speech.phonemes:
        if _STRESS in p.phoneme:
            pending = True
        if pending and viseme_for(p.phoneme) in VOWELS:
            times.append(p.start)
            pending = False
    if not times and speech.words and envelope.size:
        peaks = []
        for w in speech.words:
            a = int(w.start / ENVELOPE_HOP)
            seg = envelope[a : max(int(w.end / ENVELOPE_HOP), a + 1)]
            peaks.append((float(seg.max()) if seg.size else 0.0, w.start))
        top = max(p for p, _ in peaks) if peaks else 0.0
        times = [t for p, t in peaks if p >= 0.85 * top and top > 0]
    spaced: list[float] = []
    for t in sorted(times):
        if not spaced or t - spaced[-1] >= 0.6:
            spaced.append(t)
    return spaced


def _sentence_ends(speech: Speech) -> list[float]:
    if not speech.words:
        return []  # audio without text (a live voice in chunks): no sentence is known to end
    ends = [w.end for w in speech.words if w.text.rstrip().endswith(_SENTENCE_END)]
    if not ends or abs(ends[-1] - speech.duration) > 0.4:
        last = speech.words[-1].end if speech.words else speech.duration
        ends.append(last)
    return ends
