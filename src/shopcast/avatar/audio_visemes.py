"""Audio-driven visemes: mouth shapes chosen from a live voice, for a host who lip-syncs to a
human operator (voice takeover) instead of to TTS phoneme timings.

Per 10 ms hop the tracker measures, on the 20 ms of audio that ends with the hop (causal: no
look-ahead at all; the decision is labelled at the window's centre), the loudness against an
adaptive noise floor (voice activity with hysteresis) and a cheap spectral shape (energy above
3 kHz for hiss, the centroid of 200-4000 Hz for front/back vowels). From these it picks one
of the rig's visemes: closed at rest (``sil``), teeth for hiss (``SZ``), a small opening for
quiet voice (``DTN``), and the vowels ``A``/``E``/``I``/``O``/``U`` by loudness and centroid.

The output is the form the renderer already draws: a ``Speech`` whose phoneme spans carry one
representative IPA symbol per chosen viseme, so ``avatar.lips.LipTrack`` blends and scales
them exactly as for TTS. numpy only.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass

import numpy as np

from shopcast.speech.types import PhonemeSpan, Speech
from shopcast.speech.visemes import Viseme, VisemeKey

HOP_S = 0.01  # one decision per 10 ms
WINDOW_HOPS = 2  # features from the last 20 ms (the hop and the one before)
CONTEXT_S = 0.06  # keys kept either side of a chunk: lips.py blends over +-50 ms

ON_DB = 10.0  # above the noise floor: voice starts
OFF_DB = 6.0  # below this above the floor: voice stops (hysteresis)
MIN_VOICE_DBFS = -55.0  # quieter than this is never voice
FLOOR_START_DBFS = -50.0  # the floor starts at the first hop's level, at most this
FLOOR_RISE_DB_PER_S = 4.0  # the floor creeps up this fast (falls at once)
SETTLE_S = 2.0  # for the first seconds it rises four times as fast (a noisy room is learnt)
PEAK_FALL_DB_PER_S = 2.0  # the speech reference level decays this fast (rises at once)
HISS_FRACTION = 0.5  # share of energy above 3 kHz that marks s/sh/f
BACK_HZ = 1100.0  # centroid below: rounded back vowel (o, u)
FRONT_HZ = 2000.0  # centroid above: spread front vowel (i, e)

# One IPA symbol per viseme the tracker chooses; ``viseme_for`` maps each back to its viseme.
SYMBOLS: dict[Viseme, str] = {
    Viseme.SIL: "",
    Viseme.SZ: "s",
    Viseme.DTN: "n",
    Viseme.A: "a",
    Viseme.E: "e",
    Viseme.I: "i",
    Viseme.O: "o",
    Viseme.U: "u",
}


@dataclass(frozen=True, slots=True)
class HopFeatures:
    """What the tracker measured for one hop (kept for tests and the benchmark)."""

    level_db: float  # RMS in dBFS
    floor_db: float  # the adaptive noise floor
    openness: float  # 0..1: loudness between the floor and the recent speech level
    hiss: float  # share of energy above 3 kHz
    centroid_hz: float  # of the 200-4000 Hz band
    voiced: bool
    viseme: Viseme


class AudioVisemeTracker:
    """Streams mono float32 audio in, visemes per hop out, in stream seconds (sample 0 = 0 s).

    ``push`` may be called with chunks of any length; a hop is decided as soon as its last
    sample has arrived, so a chunk's visemes cover the chunk up to its last whole hop."""

    def __init__(self, sample_rate: int = 24_000) -> None:
        if sample_rate < 8000:
            raise ValueError(f"audio visemes: sample rate {sample_rate} Hz is below 8000 Hz")
        self.sample_rate = sample_rate
        self.hop = round(sample_rate * HOP_S)
        self.window = self.hop * WINDOW_HOPS
        self._n_fft = 1 << (self.window - 1).bit_length()
        self._taper = np.hanning(self.window).astype(np.float32)
        freqs = np.fft.rfftfreq(self._n_fft, 1.0 / sample_rate)
        self._hiss_band = freqs >= 3000.0
        self._vowel_band = (freqs >= 200.0) & (freqs <= 4000.0)
        self._vowel_freqs = freqs[self._vowel_band]
        self._buffer = np.zeros(self.window, dtype=np.float32)  # the last window of audio
        self._pending = np.zeros(0, dtype=np.float32)  # samples of the hop being filled
        self.hops = 0  # hops decided so far
        self._floor_db: float | None = None
        self._peak_db = -30.0
        self._voiced = False
        self.features: deque[HopFeatures] = deque(maxlen=1000)

    @property
    def samples_seen(self) -> int:
        return self.hops * self.hop + len(self._pending)

    def push(self, samples: np.ndarray) -> list[VisemeKey]:
        """Feed audio; returns the visemes of the hops completed by it (adjacent equal ones
        merged), in stream seconds."""
        x = np.asarray(samples, dtype=np.float32).reshape(-1)
        data = np.concatenate([self._pending, x]) if len(self._pending) else x
        keys: list[VisemeKey] = []
        whole = len(data) // self.hop * self.hop
        for lo in range(0, whole, self.hop):
            viseme = self._decide(data[lo : lo + self.hop])
            start = self.hops * HOP_S - HOP_S / 2  # centred where its 20 ms window is centred
            self.hops += 1
            if keys and keys[-1].viseme is viseme:
                keys[-1] = VisemeKey(viseme, keys[-1].start, start + HOP_S)
            else:
                keys.append(VisemeKey(viseme, start, start + HOP_S))
        self._pending = data[whole:].copy()
        return keys

    def _decide(self, hop: np.ndarray) -> Viseme:
        self._buffer = np.concatenate([self._buffer[len(hop) :], hop])
        w = self._buffer
        level = 10.0 * math.log10(float(np.mean(w.astype(np.float64) ** 2)) + 1e-12)
        floor = self._track_levels(level)
        snr = level - floor
        if self._voiced:
            self._voiced = snr > OFF_DB and level > MIN_VOICE_DBFS - 5.0
        else:
            self._voiced = snr > ON_DB and level > MIN_VOICE_DBFS
        if self._voiced:
            self._peak_db = max(self._peak_db, level)
        span = max(6.0, self._peak_db - floor - OFF_DB)
        openness = min(1.0, max(0.0, (snr - OFF_DB) / span))
        power = np.abs(np.fft.rfft(w * self._taper, self._n_fft)) ** 2
        total = float(power.sum()) + 1e-12
        hiss = float(power[self._hiss_band].sum()) / total
        vowel = power[self._vowel_band]
        centroid = float((vowel * self._vowel_freqs).sum() / (float(vowel.sum()) + 1e-12))
        viseme = _shape(self._voiced, openness, hiss, centroid)
        self.features.append(
            HopFeatures(level, floor, openness, hiss, centroid, self._voiced, viseme)
        )
        return viseme

    def _track_levels(self, level: float) -> float:
        """Noise floor: falls to any quieter hop at once, creeps up slowly (so speech never
        becomes the floor, but a noisier room does within seconds). Speech level: rises to any
        louder voiced hop at once, decays slowly, stays well above the floor."""
        floor = self._floor_db
        if floor is None:
            floor = min(level, FLOOR_START_DBFS)
        elif level < floor:
            floor = level
        else:
            settling = self.hops * HOP_S < SETTLE_S
            floor += FLOOR_RISE_DB_PER_S * HOP_S * (4.0 if settling else 1.0)
        floor = self._floor_db = max(floor, -100.0)
        self._peak_db = max(self._peak_db - PEAK_FALL_DB_PER_S * HOP_S, floor + 20.0)
        return floor


def _shape(voiced: bool, openness: float, hiss: float, centroid: float) -> Viseme:
    """The mouth shape of one hop from its loudness and spectral shape."""
    if not voiced:
        return Viseme.SIL
    if hiss > HISS_FRACTION:
        return Viseme.SZ  # s, sh, f: teeth together, lips a little apart
    if openness < 0.22:
        return Viseme.DTN  # quiet voice: a small opening
    loud = openness > 0.55
    if centroid < BACK_HZ:
        return Viseme.O if loud else Viseme.U
    if centroid > FRONT_HZ:
        return Viseme.E if loud else Viseme.I
    return Viseme.A if loud else Viseme.E


def speech_from_keys(
    samples: np.ndarray,
    sample_rate: int,
    keys: list[VisemeKey],
    start: float,
    *,
    voice: str = "operator",
    language: str = "",
) -> Speech:
    """A ``Speech`` of ``samples`` (which begin at stream second ``start``) whose phoneme spans
    are ``keys`` shifted to the chunk's own clock. Keys may reach before the chunk (context for
    the lip blend) and the last one is held ``CONTEXT_S`` past its end when the chunk's tail
    has no decided hop yet, so neighbouring chunks join without the mouth snapping shut."""
    audio = np.asarray(samples, dtype=np.float32)
    duration = len(audio) / sample_rate
    phonemes: list[PhonemeSpan] = []
    for key in keys:
        a, b = key.start - start, key.end - start
        if b <= -CONTEXT_S or a >= duration + CONTEXT_S:
            continue
        phonemes.append(PhonemeSpan(SYMBOLS[key.viseme], a, b))
    if phonemes and phonemes[-1].end < duration + CONTEXT_S:
        last = phonemes[-1]
        phonemes[-1] = PhonemeSpan(last.phoneme, last.start, duration + CONTEXT_S)
    return Speech(
        samples=audio,
        sample_rate=sample_rate,
        phonemes=phonemes,
        words=[],  # no text: no captions, no text-driven head accents
        text="",
        language=language,
        voice=voice,
    )


def mouth_openness(keys: list[VisemeKey], times: np.ndarray) -> np.ndarray:
    """The unblended openness of the chosen visemes at ``times`` (stream seconds): what the
    tests and the benchmark compare with the audio envelope."""
    from shopcast.avatar.mouth import shape_vector

    out = np.zeros(len(times), dtype=np.float32)
    starts = np.array([k.start for k in keys])
    for i, t in enumerate(times):
        j = int(np.searchsorted(starts, t, side="right")) - 1
        if j >= 0 and t < keys[j].end:
            out[i] = shape_vector(keys[j].viseme)[0]
    return out


__all__ = [
    "HOP_S",
    "SYMBOLS",
    "AudioVisemeTracker",
    "HopFeatures",
    "mouth_openness",
    "speech_from_keys",
]
