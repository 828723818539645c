"""Audio-driven visemes: a closed mouth on silence and room noise, a mouth that moves only while
there is voice, shapes from the spectrum, and — through the real lip track and motion
director, chunk by chunk as a live voice arrives — a mouth within a frame of the sound."""

from __future__ import annotations

import numpy as np
import pytest

from shopcast.avatar.audio_visemes import (
    HOP_S,
    SYMBOLS,
    AudioVisemeTracker,
    speech_from_keys,
)
from shopcast.avatar.motion import MotionDirector
from shopcast.speech.visemes import Viseme, VisemeKey, viseme_for
from shopcast.timeline.performance import Timeline, Utterance

SR = 24_000
FPS = 30


def vowel(seconds: float, formants: tuple[float, float], level: float = 0.3) -> np.ndarray:
    """A voiced vowel: harmonics of 140 Hz shaped by two formant peaks."""
    t = np.arange(round(seconds * SR)) / SR
    wave = np.zeros_like(t)
    for k in range(1, 30):
        f = 140.0 * k
        gain = sum(
            np.exp(-(((f - fm) / 120.0) ** 2)) * w for fm, w in zip(formants, (1, 0.6), strict=True)
        )
        wave += (gain + 0.02) * np.sin(2 * np.pi * f * t + k)
    return (level * wave / np.max(np.abs(wave))).astype(np.float32)


def noise(seconds: float, dbfs: float, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return (10 ** (dbfs / 20) * rng.standard_normal(round(seconds * SR))).astype(np.float32)


def hiss(seconds: float, level: float = 0.1) -> np.ndarray:
    """A sibilant: noise above 4 kHz."""
    spectrum = np.fft.rfft(np.random.default_rng(3).standard_normal(round(seconds * SR)))
    spectrum[np.fft.rfftfreq(round(seconds * SR), 1 / SR) < 4000] = 0
    wave = np.fft.irfft(spectrum, round(seconds * SR))
    return (level * wave / np.max(np.abs(wave))).astype(np.float32)


def track(audio: np.ndarray, chunk_s: float = 0.02) -> list[VisemeKey]:
    tracker = AudioVisemeTracker(SR)
    step = round(chunk_s * SR)
    return [k for i in range(0, len(audio), step) for k in tracker.push(audio[i : i + step])]


def voiced_spans(keys: list[VisemeKey]) -> list[tuple[float, float]]:
    spans: list[tuple[float, float]] = []
    for k in keys:
        if k.viseme is Viseme.SIL:
            continue
        if spans and abs(spans[-1][1] - k.start) < 1e-9:
            spans[-1] = (spans[-1][0], k.end)
        else:
            spans.append((k.start, k.end))
    return spans


def test_every_symbol_maps_back_to_its_viseme() -> None:
    for viseme, symbol in SYMBOLS.items():
        assert viseme_for(symbol) is viseme


def test_silence_and_room_noise_keep_the_mouth_closed() -> None:
    for audio in (np.zeros(SR, np.float32), noise(2.0, -50), noise(2.0, -65)):
        keys = track(audio)
        assert keys and all(k.viseme is Viseme.SIL for k in keys)
        assert keys[-1].end == pytest.approx(len(audio) / SR, abs=HOP_S)


def test_mouth_moves_only_while_there_is_voice() -> None:
    room = noise(3.0, -55)
    audio = room.copy()
    bursts = [(0.5, 0.9), (1.4, 1.55), (2.1, 2.7)]
    for a, b in bursts:
        i, j = round(a * SR), round(b * SR)
        audio[i:j] += vowel(b - a, (700, 1200))
    spans = voiced_spans(track(audio))
    assert len(spans) == len(bursts), spans
    for (a, b), (start, end) in zip(bursts, spans, strict=True):
        assert abs(start - a) <= 2 * HOP_S and abs(end - b) <= 2 * HOP_S


def test_shape_follows_the_spectrum() -> None:
    room = noise(0.3, -60)

    def shapes(sound: np.ndarray) -> set[Viseme]:
        keys = track(np.concatenate([room, sound, room]))
        return {k.viseme for k in keys if 0.35 <= k.start < 0.3 + len(sound) / SR - 0.05}

    assert shapes(hiss(0.3)) == {Viseme.SZ}
    assert shapes(vowel(0.4, (350, 800))) <= {Viseme.O, Viseme.U}  # back, rounded
    assert shapes(vowel(0.4, (2300, 3000))) <= {Viseme.I, Viseme.E}  # front, spread
    assert Viseme.A in shapes(vowel(0.4, (1300, 1700)))


def mouth_per_frame(audio: np.ndarray, chunk_s: float = 0.02) -> tuple[np.ndarray, np.ndarray]:
    """Mouth openness and audio RMS per frame, through the real path: chunks as they arrive →
    audio visemes → one short utterance per chunk on a timeline → lip track → motion
    director."""
    tracker = AudioVisemeTracker(SR)
    timeline = Timeline(sample_rate=SR)
    step = round(chunk_s * SR)
    history: list[VisemeKey] = []
    for i in range(0, len(audio), step):
        piece = audio[i : i + step]
        history += tracker.push(piece)
        speech = speech_from_keys(piece, SR, history[-30:], i / SR)
        timeline.append(Utterance(start=i / SR, speech=speech, beat="takeover"))
    director = MotionDirector(fps=FPS)
    frames = int(len(audio) / SR * FPS)
    mouth = np.array([director.state_at(n / FPS, timeline).mouth.open for n in range(frames)])
    spf = SR // FPS
    rms = np.array([np.sqrt(np.mean(audio[n * spf : (n + 1) * spf] ** 2)) for n in range(frames)])
    return mouth, rms


def best_lag(a: np.ndarray, b: np.ndarray, max_lag: int = 5) -> float:
    """The shift of ``a`` (in samples, interpolated) that best matches ``b``: positive = ``a``
    is late."""
    a, b = (a - a.mean()) / (a.std() + 1e-9), (b - b.mean()) / (b.std() + 1e-9)
    lags = np.arange(-max_lag, max_lag + 1)
    scores = np.array(
        [
            np.mean(a[max(k, 0) : len(a) + min(k, 0)] * b[max(-k, 0) : len(b) - max(k, 0)])
            for k in lags
        ]
    )
    i = int(np.argmax(scores))
    if 0 < i < len(lags) - 1:  # parabola through the peak and its neighbours
        left, mid, right = scores[i - 1 : i + 2]
        return float(lags[i] + 0.5 * (left - right) / (left - 2 * mid + right))
    return float(lags[i])


def test_mouth_follows_the_sound_within_a_frame_chunk_by_chunk() -> None:
    rng = np.random.default_rng(5)
    audio = noise(6.0, -58)
    t = 0.3
    while t < 5.4:  # syllable-like bursts of random length and gap
        length = float(rng.uniform(0.08, 0.35))
        i = round(t * SR)
        audio[i : i + round(length * SR)] += vowel(
            length, (750, 1250), float(rng.uniform(0.1, 0.4))
        )
        t += length + float(rng.uniform(0.1, 0.4))
    mouth, rms = mouth_per_frame(audio)
    # the picture shows time n/30 while frame n's audio spans the next 33 ms: half a frame of
    # the lag below is that convention (Kokoro's own lips measure the same way)
    assert abs(best_lag(mouth, rms)) <= 1.0
    # between bursts the mouth is shut (the lip blend reaches 50 ms, so two frames from a
    # burst); inside a burst it never snaps shut where two chunks join
    quiet, loud = rms < 10 ** (-50 / 20), rms > 0.05
    away = quiet & np.roll(quiet, 2) & np.roll(quiet, -2) & np.roll(quiet, 1) & np.roll(quiet, -1)
    assert np.all(mouth[away] < 0.05)
    assert np.all(mouth[loud & np.roll(loud, 1) & np.roll(loud, -1)] > 0.3)
