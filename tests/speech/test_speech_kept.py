"""The process-wide store of fixed lines' audio: keyed by everything that changes the sound,
bounded by seconds of audio, read-only once kept."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from shopcast.speech.kept import KeptSpeech, speech_key
from shopcast.speech.types import Speech


def tone(seconds: float, text: str = "hi") -> Speech:
    samples = np.zeros(round(seconds * 24_000), dtype=np.float32)
    return Speech(samples, 24_000, [], [], text, "en", "af_heart")


def key(text: str, **changes: object) -> tuple[str, str, str, float, str, str]:
    values: dict[str, object] = {
        "engine": "kokoro",
        "voice": "af_heart",
        "language": "en",
        "speed": 1.0,
        "models_dir": Path("/models"),
    }
    values.update(changes)
    return speech_key(text, **values)  # type: ignore[arg-type]


def test_voice_language_speed_and_text_make_different_keys() -> None:
    base = key("Good question,")
    assert key(" Good question, ") == base  # surrounding spaces do not change the sound
    for change in (
        {"voice": "am_michael"},
        {"language": "en-GB"},
        {"speed": 1.1},
        {"models_dir": Path("/other")},
        {"engine": "piper"},
    ):
        assert key("Good question,", **change) != base, change


def test_kept_audio_is_read_only_and_served_back() -> None:
    store = KeptSpeech()
    speech = tone(1.0)
    store.put(key("a"), speech)
    assert store.get(key("a")) is speech and store.get(key("b")) is None
    with pytest.raises(ValueError):
        speech.samples[0] = 1.0


def test_the_least_recently_used_go_once_over_the_seconds_bound() -> None:
    store = KeptSpeech(max_seconds=3.0)
    for text in ("a", "b", "c"):
        store.put(key(text), tone(1.0, text))
    assert store.get(key("a")) is not None  # used: b is now the oldest
    store.put(key("d"), tone(1.0, "d"))
    assert store.get(key("b")) is None
    assert {t for t in "acd" if store.get(key(t)) is not None} == set("acd")
    assert store.seconds == pytest.approx(3.0) and len(store) == 3
    store.put(key("a"), tone(2.0, "a"))  # replaced, not counted twice
    assert store.seconds <= 3.0 + 1e-9
