"""espeak-ng through libespeak-ng's callback API: robotic, but every language and always there.

The library reports a phoneme event (IPA) and a word event (character offset in the text) with
its audio position for everything it says, so the timings are the synthesizer's own. Audio comes
at 22,050 Hz and is resampled to 24 kHz; spans are rescaled to the resampled length.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import re
import threading
from pathlib import Path

import numpy as np

from shopcast.errors import InvalidInputError, ModelMissingError, ProviderError
from shopcast.speech.resample import resample_to
from shopcast.speech.spans import TimedToken, build_spans, rescale
from shopcast.speech.types import Speech, TTSCapabilities, VoiceInfo

SAMPLE_RATE = 24_000
LANGUAGES = {
    "en": "en-us", "en-GB": "en", "es": "es", "fr": "fr", "it": "it", "pt-BR": "pt-br",
    "hi": "hi", "ja": "ja", "zh": "cmn", "ko": "ko", "id": "id", "vi": "vi", "th": "th",
    "de": "de", "nl": "nl", "pl": "pl", "ru": "ru", "tr": "tr", "ar": "ar", "ms": "ms",
}  # fmt: skip
VOICES = {"m3": "male", "f3": "female"}
_UNSPACED = {"ja", "zh", "th"}
_EVENT_WORD, _EVENT_END, _EVENT_MSG_TERMINATED, _EVENT_PHONEME = 1, 5, 6, 7


class _EventId(ctypes.Union):
    _fields_ = [("number", ctypes.c_int), ("name", ctypes.c_char_p), ("string", ctypes.c_char * 8)]


class _Event(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("unique_identifier", ctypes.c_uint),
        ("text_position", ctypes.c_int),
        ("length", ctypes.c_int),
        ("audio_position", ctypes.c_int),
        ("sample", ctypes.c_int),
        ("user_data", ctypes.c_void_p),
        ("id", _EventId),
    ]


_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event)
)


def _load_library() -> ctypes.CDLL:
    """The system libespeak-ng, loaded by full path: loading it by name would hand back the copy
    kokoro-onnx's phonemizer already loaded (other data path, shared global state)."""
    for folder in ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib",
                   "/usr/local/lib"):  # fmt: skip
        path = Path(folder) / "libespeak-ng.so.1"
        if path.is_file():
            return ctypes.CDLL(str(path))
    found = ctypes.util.find_library("espeak-ng")
    if found and "/" in found:
        return ctypes.CDLL(found)
    raise ModelMissingError(
        "libespeak-ng is not installed", hint="apt-get install espeak-ng libespeak-ng1"
    )


class EspeakEngine:
    name = "espeak"

    def __init__(self) -> None:
        self._lib = _load_library()
        self._lib.espeak_Synth.argtypes = [
            ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint,
            ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p,
        ]  # fmt: skip
        self._lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        # AUDIO_OUTPUT_SYNCHRONOUS; PHONEME_EVENTS | PHONEME_IPA | DONT_EXIT
        self._rate = self._lib.espeak_Initialize(2, 200, None, 0x0001 | 0x0002 | 0x8000)
        if self._rate <= 0:
            raise ModelMissingError("espeak-ng failed to start (its data files are missing?)")
        self._callback = _CALLBACK(self._on_synth)  # keep a reference for the C side
        self._lib.espeak_SetSynthCallback(self._callback)
        self._lock = threading.Lock()
        self._chunks: list[np.ndarray] = []
        self._events: list[tuple[int, int, int, str]] = []
        self.capabilities = TTSCapabilities(languages=frozenset(LANGUAGES))

    def _on_synth(self, wav, count, events) -> int:
        if count > 0:
            self._chunks.append(np.ctypeslib.as_array(wav, shape=(count,)).copy())
        i = 0
        while events[i].type != 0:
            e = events[i]
            label = e.id.string.decode("utf-8", "replace") if e.type == _EVENT_PHONEME else ""
            self._events.append((e.type, e.audio_position, e.text_position, label))
            i += 1
        return 0

    def voices(self, language: str | None = None) -> list[VoiceInfo]:
        if language is not None:
            self._espeak_language(language)  # raises, listing the languages, when unknown
        langs = [language] if language else list(LANGUAGES)
        return [
            VoiceInfo(id=v, language=lang, gender=g, engine=self.name, description="espeak-ng")
            for lang in langs
            for v, g in VOICES.items()
        ]

    @staticmethod
    def _espeak_language(language: str) -> str:
        if language not in LANGUAGES:
            raise InvalidInputError(
                f"espeak-ng is not set up for {language!r}; supported languages: "
                + ", ".join(sorted(LANGUAGES))
            )
        return LANGUAGES[language]

    def synthesize(self, text: str, *, voice: str, language: str, speed: float = 1.0) -> Speech:
        espeak_lang = self._espeak_language(language)
        if voice not in VOICES:
            raise InvalidInputError(f"unknown espeak voice {voice!r}; voices: {', '.join(VOICES)}")
        if not 0.5 <= speed <= 2.0:
            raise InvalidInputError(f"speed must be between 0.5 and 2.0, got {speed}")
        with self._lock:
            self._chunks, self._events = [], []
            if self._lib.espeak_SetVoiceByName(f"{espeak_lang}+{voice}".encode()) != 0:
                raise ProviderError(f"espeak-ng has no voice {espeak_lang!r}")
            self._lib.espeak_SetParameter(1, int(175 * speed), 0)  # espeakRATE, words/minute
            data = text.encode("utf-8")
            # POS_CHARACTER=1; espeakCHARS_UTF8=1 | espeakENDPAUSE=0x1000
            if self._lib.espeak_Synth(data, len(data) + 1, 0, 1, 0, 0x1001, None, None) != 0:
                raise ProviderError("espeak-ng failed to synthesize", retryable=True)
            raw = np.concatenate(self._chunks) if self._chunks else np.zeros(0, np.int16)
            events = list(self._events)
        return self._speech(text, raw.astype(np.float32) / 32768.0, events, language, voice)

    def _speech(self, text, audio, events, language, voice) -> Speech:
        if language in _UNSPACED:  # cut the text where espeak's words start
            cuts = sorted({0, *(max(0, p - 1) for k, _, p, _ in events if k == _EVENT_WORD)})
            cuts = [c for c in cuts if c < len(text)]
            words = [(a, text[a:b]) for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]
            words = [(a, w) for a, w in words if w.strip()]
        else:
            words = [(m.start(), m.group()) for m in re.finditer(r"\S+", text)]
        starts = [s for s, _ in words]
        total = len(audio)
        marks: list[tuple[int, str, int]] = []  # (sample, symbol, word)
        current = -1
        last = 0
        for kind, ms, text_pos, label in events:
            at = last = min(total, max(last, round(ms * self._rate / 1000)))
            if kind == _EVENT_WORD:
                char = max(0, text_pos - 1)  # 1-based character offset
                current = max((i for i, s in enumerate(starts) if s <= char), default=0)
            elif kind == _EVENT_PHONEME and not label.startswith("("):  # not "(en)" switches
                symbol = " " if label.strip() in {"", "_", "_:", "_!", "||", "|"} else label
                marks.append((at, symbol, current if symbol != " " else -1))
            elif kind in (_EVENT_END, _EVENT_MSG_TERMINATED):
                marks.append((at, " ", -1))
        tokens: list[TimedToken] = [TimedToken(" ", marks[0][0] if marks else total)]
        for i, (at, symbol, word) in enumerate(marks):
            end = marks[i + 1][0] if i + 1 < len(marks) else total
            tokens.append(TimedToken(symbol, max(0, end - at), word))
        samples = resample_to(audio, self._rate, SAMPLE_RATE)
        counts = rescale([t.samples for t in tokens], len(samples))
        tokens = [TimedToken(t.symbol, n, t.word) for t, n in zip(tokens, counts, strict=True)]
        phonemes, word_spans = build_spans(tokens, [w for _, w in words], SAMPLE_RATE)
        return Speech(samples, SAMPLE_RATE, phonemes, word_spans, text, language, voice)
