"""Which Kokoro voices and which text front-end serve each language."""

from __future__ import annotations

from dataclasses import dataclass

from shopcast.speech.types import VoiceInfo


@dataclass(frozen=True, slots=True)
class KokoroLanguage:
    code: str  # shopcast language tag, e.g. "pt-BR"
    frontend: str  # "espeak:<espeak voice>", "misaki-zh" or "ja"
    voice_prefixes: tuple[str, ...]  # Kokoro voice id prefixes native to the language
    extra_voices: tuple[str, ...] = ()  # voices borrowed from another language
    substitutions: tuple[tuple[str, str], ...] = ()  # espeak IPA → Kokoro vocabulary
    note: str = ""


LANGUAGES: dict[str, KokoroLanguage] = {
    lang.code: lang
    for lang in (
        KokoroLanguage("en", "espeak:en-us", ("af_", "am_")),
        KokoroLanguage("en-GB", "espeak:en-gb", ("bf_", "bm_")),
        KokoroLanguage("es", "espeak:es", ("ef_", "em_")),
        KokoroLanguage("fr", "espeak:fr-fr", ("ff_",)),
        KokoroLanguage("it", "espeak:it", ("if_", "im_")),
        KokoroLanguage("pt-BR", "espeak:pt-br", ("pf_", "pm_")),
        KokoroLanguage("hi", "espeak:hi", ("hf_", "hm_")),
        KokoroLanguage("ja", "ja", ("jf_", "jm_")),
        KokoroLanguage("zh", "misaki-zh", ("zf_", "zm_")),
        KokoroLanguage(
            "id",
            "espeak:id",
            (),
            extra_voices=("ef_dora", "em_alex"),
            note="espeak Indonesian phonemes spoken by a Spanish voice",
        ),
        KokoroLanguage(
            "ko",
            "espeak:ko",
            (),
            # 6 sales lines, Whisper CER: jm_kumo ~2%, jf_gongitsune/jf_nezumi 6%, jf_alpha 8%,
            # jf_tebukuro 10%; Chinese voices 18-31%, others worse
            extra_voices=("jf_alpha", "jf_gongitsune", "jf_nezumi", "jf_tebukuro", "jm_kumo"),
            # espeak's Korean IPA, adjusted for Kokoro: no lexical stress in Korean, espeak's
            # "q" (lenis k between sounds) voiced like Korean ㄱ, ligature affricates as the
            # Japanese voices were trained with. Whisper round-trip CER 12% → 2-3% with these.
            substitutions=(
                ("ˈ", ""),
                ("ˌ", ""),
                ("ɫ", "l"),
                ("ɐ", "a"),
                ("q", "ɡ"),
                ("tɕ", "ʨ"),
                ("dʑ", "ʥ"),
            ),  # fmt: skip
            note="espeak Korean phonemes (adjusted) spoken by a Japanese voice",
        ),
    )
}

ALIASES = {"en-US": "en", "pt": "pt-BR", "ja-JP": "ja", "zh-CN": "zh", "ko-KR": "ko"}


def gender_of(voice: str) -> str:
    """Kokoro ids say it: the second letter is f(emale) or m(ale), e.g. "af_heart"."""
    return "male" if len(voice) > 1 and voice[1] == "m" else "female"


def voices_for(language: KokoroLanguage, available: list[str]) -> list[VoiceInfo]:
    ids = [v for v in available if v.startswith(language.voice_prefixes)]
    ids += [v for v in language.extra_voices if v in available and v not in ids]
    return [
        VoiceInfo(
            id=v,
            language=language.code,
            gender=gender_of(v),
            engine="kokoro",
            description=language.note,
        )
        for v in ids
    ]
