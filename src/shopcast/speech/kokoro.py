"""Kokoro-82M (int8 ONNX): neural voices in 9 languages (+ Indonesian and Korean best effort).

One model run per sentence gives the audio and, from the duration predictor, the number of
600-sample frames each input symbol takes; spans are built from those frames, so
``len(samples) == sum(frames) * 600`` and lips match sound exactly.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import numpy as np

from shopcast.errors import InvalidInputError, ModelMissingError
from shopcast.modelfiles import kokoro as files
from shopcast.modelfiles.registry import SETUP_HINT, verify
from shopcast.speech.g2p import (
    ChineseG2P,
    EspeakG2P,
    JapaneseG2P,
    WordG2P,
    WordPhonemes,
    is_punctuation,
    join_phonemes,
)
from shopcast.speech.kokoro_voices import ALIASES, LANGUAGES, KokoroLanguage, voices_for
from shopcast.speech.sentences import split_sentences
from shopcast.speech.spans import TimedToken, build_spans
from shopcast.speech.types import Speech, TTSCapabilities, VoiceInfo

SAMPLE_RATE = 24_000
FRAME = 600  # samples per duration frame
MAX_TOKENS = 500  # the model takes 510 tokens with its two pads; keep a margin
LEAD_FRAMES = 3  # leading silence kept per sentence (the model makes ~9-15 frames)
MAX_SOUND_LEAD = 6  # frames the sound may run ahead of the durations (measured 1-6)
ONSET_RMS = 0.005  # frame RMS where speech is taken to begin


class KokoroEngine:
    name = "kokoro"

    def __init__(self, models_dir: Path, *, threads: int = 2) -> None:
        import onnxruntime as ort

        model = verify(files.KOKORO, models_dir)
        verify(files.KOKORO_VOICES, models_dir)
        self._voices_dir = models_dir / files.VOICES_DIR
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        # Idle intra-op threads sleep instead of spinning: on a busy machine (the renderer and
        # encoder of a video job) spinning cost ~25% more CPU and made synthesis slower.
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = ort.InferenceSession(
            str(model), sess_options=opts, providers=["CPUExecutionProvider"]
        )
        from kokoro_onnx.config import DEFAULT_VOCAB

        self._vocab: dict[str, int] = DEFAULT_VOCAB
        self._styles: dict[str, np.ndarray] = {}
        self._g2p: dict[str, WordG2P] = {}
        self._lock = threading.Lock()
        self.capabilities = TTSCapabilities(
            languages=frozenset(LANGUAGES), extra={"sample_rate": str(SAMPLE_RATE)}
        )

    # -- voices and front-ends -------------------------------------------------------------
    def _language(self, language: str) -> KokoroLanguage:
        lang = LANGUAGES.get(ALIASES.get(language, language))
        if lang is None:
            raise InvalidInputError(
                f"Kokoro does not speak {language!r}; supported languages: "
                + ", ".join(sorted(LANGUAGES))
            )
        return lang

    def voices(self, language: str | None = None) -> list[VoiceInfo]:
        available = sorted(files.VOICE_SHA256)
        langs = [self._language(language)] if language else list(LANGUAGES.values())
        return [v for lang in langs for v in voices_for(lang, available)]

    def _style(self, voice: str) -> np.ndarray:
        style = self._styles.get(voice)
        if style is None:
            path = self._voices_dir / f"{voice}.bin"
            data = path.read_bytes() if path.is_file() else b""
            if hashlib.sha256(data).hexdigest() != files.VOICE_SHA256[voice]:
                raise ModelMissingError(
                    f"Kokoro voice file {path} is missing or corrupt", hint=SETUP_HINT
                )
            style = np.frombuffer(data, dtype=np.float32).reshape(-1, 1, 256)
            self._styles[voice] = style
        return style

    def _frontend(self, lang: KokoroLanguage) -> WordG2P:
        g2p = self._g2p.get(lang.code)
        if g2p is None:
            if lang.frontend == "ja":
                g2p = JapaneseG2P()
            elif lang.frontend == "misaki-zh":
                g2p = ChineseG2P()
            else:
                g2p = EspeakG2P(lang.frontend.split(":", 1)[1], dict(lang.substitutions))
            self._g2p[lang.code] = g2p
        return g2p

    # -- synthesis -------------------------------------------------------------------------
    def synthesize(self, text: str, *, voice: str, language: str, speed: float = 1.0) -> Speech:
        lang = self._language(language)
        known = [v.id for v in voices_for(lang, sorted(files.VOICE_SHA256))]
        if voice not in known:
            raise InvalidInputError(
                f"unknown Kokoro voice {voice!r} for {lang.code}; voices: {', '.join(known)}"
            )
        if not 0.5 <= speed <= 2.0:
            raise InvalidInputError(f"speed must be between 0.5 and 2.0, got {speed}")
        with self._lock:  # espeak and the style cache are process-global
            g2p = self._frontend(lang)
            style = self._style(voice)
            words: list[WordPhonemes] = []
            chunks: list[tuple[int, int]] = []
            for sentence in split_sentences(text):
                sentence_words = g2p(sentence)
                for lo, hi in _chunk(sentence_words, self._vocab):
                    chunks.append((len(words) + lo, len(words) + hi))
                words.extend(sentence_words)
        audio: list[np.ndarray] = []
        tokens: list[TimedToken] = []
        for lo, hi in chunks:
            self._run(words[lo:hi], lo, style, speed, audio, tokens)
        samples = np.concatenate(audio) if audio else np.zeros(0, np.float32)
        phonemes, word_spans = build_spans(tokens, [w.text for w in words], SAMPLE_RATE)
        return Speech(samples, SAMPLE_RATE, phonemes, word_spans, text, lang.code, voice)

    def _run(
        self,
        words: list[WordPhonemes],
        first_word: int,
        style: np.ndarray,
        speed: float,
        audio: list[np.ndarray],
        tokens: list[TimedToken],
    ) -> None:
        phonemes, owners = join_phonemes(words)
        kept = [(ch, w) for ch, w in zip(phonemes, owners, strict=True) if ch in self._vocab]
        ids = [self._vocab[ch] for ch, _ in kept]
        if not any(not is_punctuation(ch) and ch.strip() for ch, _ in kept):
            return  # nothing to say (only punctuation)
        wav, frames = self._session.run(
            None,
            {
                "tokens": np.array([[0, *ids, 0]], dtype=np.int64),
                "style": style[min(len(ids), len(style)) - 1],
                "speed": np.array([speed], dtype=np.float32),
            },
        )
        wav = np.asarray(wav, dtype=np.float32).ravel()
        frames = np.asarray(frames).ravel().astype(np.int64)
        if int(frames.sum()) * FRAME != len(wav):
            raise RuntimeError(f"Kokoro durations ({frames.sum()} frames) disagree with audio")
        # The decoder's sound runs 1-6 frames ahead of the predicted durations: move every
        # boundary earlier so the first phoneme starts where the sound does, handing those
        # frames from the leading pad to the trailing one (the total stays exact).
        shift = _sound_lead(wav, int(frames[0]))
        frames[0] -= shift
        frames[-1] += shift
        cut = max(0, int(frames[0]) - LEAD_FRAMES)
        wav, frames[0] = wav[cut * FRAME :], frames[0] - cut
        audio.append(np.clip(wav, -1.0, 1.0))
        tokens.append(TimedToken(" ", int(frames[0]) * FRAME))
        for (ch, w), n in zip(kept, frames[1:-1], strict=True):
            tokens.append(TimedToken(ch, int(n) * FRAME, -1 if w < 0 else first_word + w))
        tokens.append(TimedToken(" ", int(frames[-1]) * FRAME))


def _sound_lead(wav: np.ndarray, lead_pad: int) -> int:
    """How many frames before the end of the leading pad the sound begins."""
    for i in range(max(0, lead_pad - MAX_SOUND_LEAD), lead_pad):
        frame = wav[i * FRAME : (i + 1) * FRAME]
        if len(frame) and float(np.sqrt(np.mean(frame * frame))) > ONSET_RMS:
            return lead_pad - i
    return 0


def _chunk(words: list[WordPhonemes], vocab: dict[str, int]) -> list[tuple[int, int]]:
    """Word ranges of one sentence that fit the model, cut after punctuation where possible."""
    sizes = [sum(ch in vocab for ch in w.phonemes) + 1 for w in words]
    ranges: list[tuple[int, int]] = []
    start, total, last_punct = 0, 0, -1
    for i, size in enumerate(sizes):
        if total + size > MAX_TOKENS and i > start:
            cut = last_punct + 1 if last_punct >= start else i
            ranges.append((start, cut))
            start, total = cut, sum(sizes[cut:i])
        if size > MAX_TOKENS:
            raise InvalidInputError(f"a word is too long to speak: {words[i].text[:40]!r}…")
        total += size
        if words[i].phonemes[-1:] in {",", ".", "!", "?", ";", ":"}:
            last_punct = i
    if start < len(words):
        ranges.append((start, len(words)))
    return ranges
