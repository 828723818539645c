"""Whisper hears what Kokoro says (lenient CER bound: a regression alarm, not a benchmark)."""

from __future__ import annotations

import unicodedata

import pytest

from shopcast.speech.registry import synthesize
from shopcast.speech.transcribe import transcribe

pytestmark = pytest.mark.slow


def _chars(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower()
    return [c for c in text if c.isalnum()]


def _cer(ref: str, hyp: str) -> float:
    a, b = _chars(ref), _chars(hyp)
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1] / len(a)


@pytest.mark.parametrize("language,voice,text", [
    ("en", "af_heart", "Tap the yellow basket below before the deal ends at midnight."),
    ("ja", "jf_alpha", "このバッグはとても軽くて、毎日の通勤にぴったりです。"),
])  # fmt: skip
def test_round_trip(speech_models, language, voice, text):
    speech = synthesize(text, engine="kokoro", voice=voice, language=language,
                        models_dir=speech_models)  # fmt: skip
    heard = transcribe(speech.samples, speech.sample_rate, language, speech_models)
    assert _cer(text, heard.text) <= 0.25, heard.text
    assert heard.words and heard.words[-1].end <= speech.duration + 0.5
