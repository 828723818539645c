"""Kokoro with the bundled model: timings, sentence joins, languages, persona voices."""

from __future__ import annotations

import numpy as np
import pytest
from speech_invariants import assert_timing_invariants

from shopcast.speech.registry import get_engine, synthesize
from shopcast.speech.visemes import Viseme, viseme_for

pytestmark = pytest.mark.slow

SAMPLES = {
    "en": ("af_heart", "Hi everyone, this jacket is 30% off today!"),
    "en-GB": ("bf_emma", "Lovely, isn't it? Only a few left."),
    "es": ("em_alex", "¡Hola! Esta chaqueta está en oferta."),
    "fr": ("ff_siwis", "Bonsoir ! Ce sac est à moitié prix."),
    "it": ("im_nicola", "Ciao a tutti, oggi c'è uno sconto."),
    "pt-BR": ("pm_alex", "Olá, pessoal! O tênis está em promoção."),
    "hi": ("hm_omega", "नमस्ते दोस्तों, आज खास छूट है।"),
    "ja": ("jm_kumo", "皆さん、こんばんは！このバッグは軽いです。"),
    "zh": ("zm_yunjian", "大家好，这款iPhone手机壳今天特价！"),
    "ko": ("jf_alpha", "안녕하세요, 오늘 특가입니다!"),
    "id": ("ef_dora", "Halo semuanya, diskon hari ini!"),
}
PERSONA_VOICES = [
    ("en", "af_heart"), ("en", "af_bella"), ("en", "am_michael"), ("en-GB", "bf_emma"),
    ("es", "ef_dora"), ("es", "em_alex"), ("fr", "ff_siwis"), ("it", "if_sara"),
    ("it", "im_nicola"), ("pt-BR", "pf_dora"), ("pt-BR", "pm_alex"), ("hi", "hf_alpha"),
    ("hi", "hm_omega"), ("ja", "jf_alpha"), ("ja", "jm_kumo"), ("zh", "zf_xiaobei"),
    ("zh", "zm_yunjian"), ("ko", "jf_alpha"), ("id", "ef_dora"), ("id", "em_alex"),
]  # fmt: skip


def say(models, text, language, voice, speed=1.0):
    return synthesize(text, engine="kokoro", voice=voice, language=language, speed=speed,
                      models_dir=models)  # fmt: skip


@pytest.mark.parametrize("language", list(SAMPLES))
def test_timings_are_exact_and_words_cover_the_text(speech_models, language):
    voice, text = SAMPLES[language]
    speech = say(speech_models, text, language, voice)
    assert_timing_invariants(speech, tolerance=0.0)
    assert len(speech.samples) % 600 == 0  # whole duration frames
    assert speech.phonemes[-1].end == len(speech.samples) / 24_000
    assert 0.5 < speech.duration < 8
    words = [w.text for w in speech.words]
    if language in ("ja", "zh"):
        assert len("".join(words)) >= len(text) * 0.8 and len(words) >= 4
        assert language == "ja" or "iPhone" in words  # Latin words read as English
    else:
        assert " ".join(words) == text
    spoken = [w for w in speech.words if any(c.isalnum() for c in w.text)]
    assert all(w.end > w.start for w in spoken)  # a lone "!" may have no sound of its own
    # every phoneme a Kokoro front-end emits maps to a mouth shape; only pauses are silent
    for span in speech.phonemes:
        if span.phoneme != " ":
            assert viseme_for(span.phoneme) is not Viseme.SIL, (language, span.phoneme)


def test_sentences_join_with_silent_pauses_and_exact_offsets(speech_models):
    a, b = "Welcome back, everyone!", "This jacket is on sale today."
    first, second = say(speech_models, a, "en", "af_heart"), say(speech_models, b, "en", "af_heart")
    both = say(speech_models, f"{a} {b}", "en", "af_heart")
    # one model run per sentence: the joined audio is the two runs back to back
    np.testing.assert_array_equal(both.samples, np.concatenate([first.samples, second.samples]))
    assert both.words[3].start == pytest.approx(second.words[0].start + first.duration)
    assert_timing_invariants(both, tolerance=0.0)
    pauses = [p for p in both.phonemes if p.phoneme == " " and p.end - p.start >= 0.2]
    assert pauses, "no pause between the sentences"
    sr = both.sample_rate
    loud = float(np.sqrt(np.mean(both.samples**2)))
    for p in pauses:
        start, end = int(p.start * sr), int(p.end * sr)
        middle = both.samples[start + (end - start) // 4 : end - (end - start) // 4]
        assert float(np.sqrt(np.mean(middle**2))) < 0.05 * loud


def test_long_text_is_split_under_the_model_limit(speech_models):
    sentence = ("This soft cotton hoodie comes in grey, navy, forest green, sand, black and "
                "white, and every size from extra small to triple extra large, ")  # fmt: skip
    text = sentence * 4 + "so there is one for everyone."
    speech = say(speech_models, text, "en", "am_michael", speed=2.0)  # 2x: a cheaper test
    assert_timing_invariants(speech, tolerance=0.0)
    assert len(speech.words) == len(text.split())
    assert all(w.end > w.start for w in speech.words)
    assert speech.duration > 8


def test_speed_changes_duration(speech_models):
    text = "Tap the basket to buy it now."
    slow = say(speech_models, text, "en", "af_bella", speed=0.8)
    fast = say(speech_models, text, "en", "af_bella", speed=1.5)
    assert fast.duration < slow.duration * 0.75


@pytest.mark.parametrize("language,voice", PERSONA_VOICES)
def test_persona_voices_speak(speech_models, language, voice):
    speech = say(speech_models, "OK." if language in ("en", "en-GB") else "1", language, voice)
    assert speech.voice == voice and speech.duration > 0.2
    assert float(np.abs(speech.samples).max()) > 0.05


def test_engine_is_loaded_once_per_models_dir(speech_models):
    assert get_engine("kokoro", speech_models) is get_engine("kokoro", speech_models)


@pytest.mark.parametrize(
    "text",
    [
        "Go go go: Daily UV Sun Fluid SPF 50 is $14.00 right now, down from $22.00.",
        "Only $9.99. Down from $19.00.",
    ],
)
def test_prices_at_the_end_of_a_sentence_are_spoken(speech_models, text):
    """espeak reads "$22.00." as two lines when words are phonemised one per line; every word
    must still get its own phonemes (this deal line once crashed the live voice thread)."""
    speech = say(speech_models, text, "en", "af_heart")
    assert_timing_invariants(speech, tolerance=0.0)
    assert " ".join(w.text for w in speech.words) == text
    last = speech.words[-1]
    assert last.end - last.start > 0.3  # "twenty-two dollars" has sound of its own


@pytest.mark.parametrize(
    ("language", "voice", "text"),
    [
        ("fr", "ff_siwis", "Seulement 1 299,99 € aujourd'hui."),
        ("pt-BR", "pm_alex", "Só R$ 28 hoje!"),
        ("en", "af_heart", "Just $28.00, down from $34.99."),
    ],
)
def test_prices_keep_exact_timings_and_words(speech_models, language, voice, text):
    """A price said as words ("vingt-huit euros") keeps the word as written; a currency sign
    folded into the amount is a silent word; timings stay exact."""
    speech = say(speech_models, text, language, voice)
    assert_timing_invariants(speech, tolerance=0.0)
    assert " ".join(w.text for w in speech.words) == " ".join(text.split())
