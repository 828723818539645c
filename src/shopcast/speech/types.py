"""What every TTS engine returns: audio plus the phoneme and word timings that drive the lips
and the captions. One clock: timings are seconds from the first sample of ``samples``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import numpy as np


@dataclass(frozen=True, slots=True)
class PhonemeSpan:
    """One phoneme (an IPA symbol, or "" / " " for a pause) and when it sounds."""

    phoneme: str
    start: float
    end: float


@dataclass(frozen=True, slots=True)
class WordSpan:
    """A word (or, for CJK, a short run of characters) of the original text and when it sounds.
    Concatenating ``text`` of all words (with the language's separator) gives back the text."""

    text: str
    start: float
    end: float


@dataclass(slots=True)
class Speech:
    """Mono float32 audio in [-1, 1] with its timings."""

    samples: np.ndarray
    sample_rate: int
    phonemes: list[PhonemeSpan]
    words: list[WordSpan]
    text: str
    language: str
    voice: str

    @property
    def duration(self) -> float:
        return len(self.samples) / self.sample_rate


@dataclass(frozen=True, slots=True)
class VoiceInfo:
    id: str  # engine-specific id, e.g. "af_heart"
    language: str  # BCP-47 primary language, e.g. "en", "pt-BR"
    gender: str  # "female" | "male"
    engine: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class TTSCapabilities:
    languages: frozenset[str]
    timings: bool = True  # gives per-phoneme timings
    streaming: bool = False
    extra: dict[str, str] = field(default_factory=dict)


class TTSEngine(Protocol):
    """A speech engine. Implementations: Kokoro, Piper, espeak-ng."""

    name: str
    capabilities: TTSCapabilities

    def voices(self, language: str | None = None) -> list[VoiceInfo]: ...

    def synthesize(self, text: str, *, voice: str, language: str, speed: float = 1.0) -> Speech:
        """Speak ``text``. Raises ``InvalidInputError`` for an unsupported language or voice
        (the message lists the supported ones) and ``ModelMissingError`` when model files are
        absent or corrupt."""
        ...
