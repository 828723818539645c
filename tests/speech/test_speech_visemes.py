"""Every phoneme the engines emit has a mouth shape; only pauses and punctuation are silent.
(Kokoro's symbols for all its languages are checked in test_speech_kokoro.py.)"""

from __future__ import annotations

import pytest

from shopcast.speech.registry import get_engine
from shopcast.speech.visemes import Viseme, viseme_for, viseme_track

SENTENCES = {
    "en": "Welcome back! This jacket is thirty percent off, in navy and olive.",
    "es": "¡Hola a todos! Esta chaqueta es ligera y perfecta para viajar.",
    "fr": "Bonsoir à tous, ce sac en cuir est élégant.",
    "pt-BR": "Olá, pessoal! Este tênis é leve e confortável.",
    "hi": "नमस्ते दोस्तों, आज खास छूट है।",
    "ja": "皆さん、こんにちは。今日は特別セールです。",
    "zh": "大家好，欢迎来到直播间！",
    "ko": "여러분 안녕하세요, 오늘 특가입니다!",
    "vi": "Xin chào các bạn, hôm nay giảm giá!",
}


def test_kokoro_special_symbols_have_shapes():
    for symbol in ("ʤ", "ʧ", "ᵊ", "ɾ", "ʨ", "ʥ", "ꭧ", "ɤ", "ɯ", "ɴ", "ũ", "ˈaː", "x↘", "kʲ"):
        assert viseme_for(symbol) is not Viseme.SIL, symbol
    for pause in (" ", "", ",", "!", "…"):
        assert viseme_for(pause) is Viseme.SIL


@pytest.mark.parametrize("language", list(SENTENCES))
def test_espeak_phonemes_map_to_mouth_shapes(tmp_path, language):
    speech = get_engine("espeak", tmp_path).synthesize(
        SENTENCES[language], voice="m3", language=language
    )
    silent = {p.phoneme for p in speech.phonemes if p.phoneme != " "}
    silent = {p for p in silent if viseme_for(p) is Viseme.SIL}
    assert not silent
    track = viseme_track(speech)
    assert track[-1].end == pytest.approx(speech.duration)


@pytest.mark.slow
def test_piper_phonemes_map_to_mouth_shapes(tmp_path):
    speech = get_engine("piper", tmp_path).synthesize(
        SENTENCES["en"], voice="en_US-joe-medium", language="en"
    )
    assert not {
        p.phoneme
        for p in speech.phonemes
        if p.phoneme != " " and viseme_for(p.phoneme) is Viseme.SIL
    }
