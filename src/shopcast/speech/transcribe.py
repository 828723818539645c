"""Speech → text with the bundled Whisper base (faster-whisper, int8): operator voice, captions of
human speech, and the round-trip intelligibility check of our own TTS."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from shopcast.errors import InvalidInputError
from shopcast.modelfiles import whisper as files
from shopcast.modelfiles.registry import verify
from shopcast.speech.resample import resample_to

WHISPER_RATE = 16_000
_LANGUAGE_CODES = {"en-GB": "en", "en-US": "en", "pt-BR": "pt", "zh-CN": "zh"}


@dataclass(frozen=True, slots=True)
class TranscribedWord:
    text: str
    start: float
    end: float
    probability: float


@dataclass(frozen=True, slots=True)
class Transcript:
    text: str
    language: str
    words: list[TranscribedWord]


_models: dict[Path, object] = {}
_lock = threading.Lock()


def _model(models_dir: Path, threads: int):
    from faster_whisper import WhisperModel

    verify(files.WHISPER_BASE, models_dir)
    key = (models_dir / files.MODEL_DIR).resolve()
    with _lock:
        model = _models.get(key)
        if model is None:
            model = WhisperModel(str(key), device="cpu", compute_type="int8", cpu_threads=threads)
            _models[key] = model
        return model


def transcribe(
    samples: np.ndarray,
    sample_rate: int,
    language: str,
    models_dir: Path,
    *,
    threads: int = 2,
) -> Transcript:
    """Transcribe mono audio in ``language`` (a shopcast tag like "pt-BR" or a Whisper code)."""
    audio = np.asarray(samples, dtype=np.float32)
    if audio.ndim != 1:
        raise InvalidInputError(f"expected mono audio, got shape {audio.shape}")
    if sample_rate <= 0:
        raise InvalidInputError(f"bad sample rate {sample_rate}")
    audio = resample_to(audio, sample_rate, WHISPER_RATE)
    code = _LANGUAGE_CODES.get(language, language.split("-")[0])
    model = _model(models_dir, threads)
    segments, _info = model.transcribe(
        audio, language=code, beam_size=5, word_timestamps=True, vad_filter=False
    )
    words: list[TranscribedWord] = []
    texts: list[str] = []
    for seg in segments:
        texts.append(seg.text)
        for w in seg.words or []:
            words.append(
                TranscribedWord(w.word, float(w.start), float(w.end), float(w.probability))
            )
    return Transcript(text="".join(texts).strip(), language=code, words=words)
