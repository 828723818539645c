"""Does a model-written line say only what its facts say?

A small model asked to sell a heavy pan calls it "lightweight"; asked about a jacket it adds
"keeps you dry at home". The grounding check catches invented numbers, colours, materials and
policy claims, but not an invented property in plain words. This check looks at the line's
content words — not function words, not the host's own vocabulary (``lexicons/host_words.yaml``:
"today", "tap", "card"...) — and asks whether each comes from the catalog's words for the
product, the seller's brief or the host's name, after stemming (Snowball) so "absorbs" matches
"absorbing". A line with unsupported words is not spoken; the composer writes that beat from the
catalog instead.

Chinese is cut into words with jieba; Korean and Japanese words are matched by their stems as
substrings of the sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

HOST_WORDS = Path(__file__).with_name("lexicons") / "host_words.yaml"
_STEMMERS = {
    "en": "english",
    "es": "spanish",
    "pt": "portuguese",
    "fr": "french",
    "it": "italian",
    "id": "indonesian",
    "hi": "hindi",
}
_LATIN_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff\u30a0-\u30ff]{2,}")
_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")


@cache
def _host_words() -> dict[str, frozenset[str]]:
    data = yaml.safe_load(HOST_WORDS.read_text(encoding="utf-8")) or {}
    return {lang: frozenset(str(w).lower() for w in words) for lang, words in data.items()}


@cache
def _function_words(lang: str) -> frozenset[str]:
    import bm25s.stopwords as sw

    table = {
        "en": sw.STOPWORDS_EN_PLUS,
        "es": sw.STOPWORDS_SPANISH,
        "pt": sw.STOPWORDS_PORTUGUESE,
        "fr": sw.STOPWORDS_FRENCH,
        "it": sw.STOPWORDS_ITALIAN,
        "zh": sw.STOPWORDS_CHINESE,
        "ko": sw.STOPWORDS_KOREAN,
    }
    return frozenset(w.lower() for w in table.get(lang, ()))


@cache
def _stemmer(lang: str):  # type: ignore[no-untyped-def]
    import snowballstemmer

    name = _STEMMERS.get(lang)
    return snowballstemmer.stemmer(name) if name else None


def _stem(word: str, lang: str) -> str:
    stemmer = _stemmer(lang)
    word = word.lower().replace("’", "'")
    return stemmer.stemWord(word) if stemmer else word


def _latin_words(text: str) -> list[str]:
    words = []
    for match in _LATIN_WORD.finditer(text):
        for part in re.split(r"[-'’]", match.group(0)):
            if part:
                words.append(part)
    return words


@dataclass(frozen=True)
class Sources:
    """What a line may draw its content words from, prepared once per script."""

    language: str
    text: str  # every source text joined (for substring matches)
    stems: frozenset[str]

    @classmethod
    def of(cls, language: str, texts: Iterable[str]) -> Sources:
        joined = "\n".join(t for t in texts if t)
        stems = frozenset(_stem(w, language) for w in _latin_words(joined))
        return cls(language, joined.lower(), stems)


def unsupported_words(line: str, sources: Sources) -> list[str]:
    """Content words of ``line`` that no source supports (in order, without repeats)."""
    lang = sources.language
    host = _host_words().get(lang, frozenset()) | _host_words().get("en", frozenset())
    function = _function_words(lang)
    out: dict[str, None] = {}
    if lang == "zh":
        import jieba

        for word in jieba.lcut(line):
            if len(word) < 2 or not re.search(r"[\u4e00-\u9fff]", word):
                continue
            if word in function or word in host or word in sources.text:
                continue
            out[word] = None
    elif lang == "ja":
        for run in _HAN_RUN.findall(line):
            if run not in sources.text and run not in host:
                out[run] = None
    elif lang == "ko":
        for word in _HANGUL_WORD.findall(line):
            stem = word[:2]
            if len(word) < 2 or word in function or stem in sources.text:
                continue
            out[word] = None
    for word in _latin_words(line):
        low = word.lower()
        if len(low) < 3 or low in function or low in host:
            continue
        if low in sources.text or _stem(low, lang) in sources.stems:
            continue
        if lang != "en" and _stem(low, "en") in sources.stems:  # a brand or English name
            continue
        out[word] = None
    return list(out)


def is_faithful(line: str, sources: Sources) -> tuple[bool, list[str]]:
    """Whether ``line`` may be spoken: every content word is supported (one invented word —
    "lightweight", "dull" — is already a claim the catalog does not make)."""
    extra = unsupported_words(line, sources)
    return not extra, extra
