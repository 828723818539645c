"""The speech room's front door: pick an engine, speak, list languages and default voices.

Engines are created once per process and models dir (loading Kokoro takes ~0.5 s and ~300 MB).
"""

from __future__ import annotations

import threading
from pathlib import Path

from shopcast.errors import InvalidInputError
from shopcast.speech.kokoro_voices import ALIASES
from shopcast.speech.kokoro_voices import LANGUAGES as KOKORO_LANGUAGES
from shopcast.speech.types import Speech, TTSEngine

ENGINES = ("kokoro", "piper", "espeak")

# (engine, female voice, male voice) per language: the personas' defaults.
_DEFAULTS: dict[str, tuple[str, str, str]] = {
    "en": ("kokoro", "af_heart", "am_michael"),
    "en-GB": ("kokoro", "bf_emma", "bm_george"),
    "es": ("kokoro", "ef_dora", "em_alex"),
    "fr": ("kokoro", "ff_siwis", "ff_siwis"),
    "it": ("kokoro", "if_sara", "im_nicola"),
    "pt-BR": ("kokoro", "pf_dora", "pm_alex"),
    "hi": ("kokoro", "hf_alpha", "hm_omega"),
    "ja": ("kokoro", "jf_alpha", "jm_kumo"),
    "zh": ("kokoro", "zf_xiaobei", "zm_yunjian"),
    "ko": ("kokoro", "jf_alpha", "jm_kumo"),
    "id": ("kokoro", "ef_dora", "em_alex"),
}

_engines: dict[tuple[str, Path | None], TTSEngine] = {}
_lock = threading.Lock()


def normalize_language(language: str) -> str:
    """Map aliases ("en-US" → "en", "pt" → "pt-BR"); other tags pass unchanged."""
    return ALIASES.get(language, language)


def get_engine(name: str, models_dir: Path) -> TTSEngine:
    """The process-wide instance of engine ``name`` (models load on first use)."""
    if name not in ENGINES:
        raise InvalidInputError(f"unknown TTS engine {name!r}; engines: {', '.join(ENGINES)}")
    key = (name, Path(models_dir).resolve() if name == "kokoro" else None)
    with _lock:
        engine = _engines.get(key)
        if engine is None:
            engine = _create(name, Path(models_dir))
            _engines[key] = engine
        return engine


def _create(name: str, models_dir: Path) -> TTSEngine:
    if name == "kokoro":
        from shopcast.speech.kokoro import KokoroEngine

        return KokoroEngine(models_dir)
    if name == "piper":
        from shopcast.speech.piper import PiperEngine

        return PiperEngine()
    from shopcast.speech.espeak import EspeakEngine

    return EspeakEngine()


def synthesize(
    text: str,
    *,
    engine: str,
    voice: str,
    language: str,
    speed: float = 1.0,
    models_dir: Path,
) -> Speech:
    """Speak ``text`` with the named engine and voice. Raises ``InvalidInputError`` for empty
    text, an unsupported language (listing the supported ones) or an unknown voice (listing the
    language's voices), and ``ModelMissingError`` when model files are absent or corrupt."""
    if not text or not text.strip():
        raise InvalidInputError("nothing to say: the text is empty")
    lang = normalize_language(language)
    if engine == "kokoro" and lang not in KOKORO_LANGUAGES:
        raise InvalidInputError(
            f"language {language!r} is not supported by Kokoro; supported languages: "
            + ", ".join(supported_languages())
        )
    return get_engine(engine, models_dir).synthesize(text, voice=voice, language=lang, speed=speed)


def supported_languages() -> list[str]:
    """Languages with a neural voice (Kokoro), in a stable order."""
    return list(_DEFAULTS)


def default_voice(language: str, gender: str | None = None) -> tuple[str, str]:
    """(engine, voice id) to use for ``language``; ``gender`` is "female" (default) or "male"."""
    lang = normalize_language(language)
    if lang not in _DEFAULTS:
        raise InvalidInputError(
            f"no voice for language {language!r}; supported languages: "
            + ", ".join(supported_languages())
        )
    if gender not in (None, "female", "male"):
        raise InvalidInputError(f"gender must be 'female' or 'male', got {gender!r}")
    engine, female, male = _DEFAULTS[lang]
    return engine, male if gender == "male" else female
