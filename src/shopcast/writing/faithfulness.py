"""Does a model-written line say only what its facts say?

A small model asked to sell a heavy pan calls it "lightweight"; asked about a jacket it adds
"keeps you dry at home". The grounding check catches invented numbers, colours, materials and
policy claims, but not an invented property in plain words. This check looks at the line's
content words — not function words, not the host's own vocabulary (``lexicons/host_words.yaml``:
"today", "tap", "card"...) — and asks whether each comes from the catalog's words for the
product, the seller's brief or the host's name, after stemming (Snowball) so "absorbs" matches
"absorbing". A line with unsupported words is not spoken; the composer writes that beat from the
catalog instead.

Chinese is cut into words with jieba (nouns, adjectives and verbs are checked), Japanese with
pyopenjtalk's analyser (nouns and adjectives), Korean with kiwipiepy's (nouns, verb and
adjective stems, matched against the sources' own morphemes).
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
_LATIN_WORD = re.compile(r"[A-Za-zÀ-ÿ](?:[A-Za-zÀ-ÿ0-9'’-]*[A-Za-zÀ-ÿ])?")


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
    morphs: frozenset[str] = frozenset()  # Korean: content morphemes of the sources

    @classmethod
    def of(cls, language: str, texts: Iterable[str]) -> Sources:
        joined = "\n".join(t for t in texts if t)
        stems = frozenset(_stem(w, language) for w in _latin_words(joined))
        morphs = frozenset(_korean_content_words(joined)) if language == "ko" else frozenset()
        return cls(language, joined.lower(), stems, morphs)


def unsupported_words(line: str, sources: Sources) -> list[str]:
    """Content words of ``line`` that no source supports (in order, without repeats)."""
    lang = sources.language
    host = _host_words().get(lang, frozenset()) | _host_words().get("en", frozenset())
    function = _function_words(lang)
    out: dict[str, None] = {}
    if lang == "zh":
        for word in _chinese_content_words(line):
            if word in function or word in host or word in sources.text:
                continue
            out[word] = None
    elif lang == "ja":
        for word in _japanese_content_words(line):
            if word not in sources.text and word not in host:
                out[word] = None
    elif lang == "ko":
        for word in _korean_content_words(line):
            if word not in sources.morphs and word not in host and word not in sources.text:
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


# Parts of speech that carry a claim: nouns, adjectives, and in Chinese the verbs that
# describe what a product does (jieba's tags: n*, a*, v*, excluding the copula and modals).
_ZH_TAGS = ("n", "a", "v")
_ZH_SKIP_TAGS = ("nr", "ns", "nt", "nz", "vshi", "vyou")


def _chinese_content_words(line: str) -> list[str]:
    import jieba.posseg as posseg

    words = []
    for pair in posseg.lcut(line):
        word, tag = pair.word, pair.flag
        if len(word) < 2 or not re.search(r"[\u4e00-\u9fff]", word):
            continue
        if tag.startswith(_ZH_TAGS) and not tag.startswith(_ZH_SKIP_TAGS):
            words.append(word)
    return words


@cache
def _kiwi():  # type: ignore[no-untyped-def]
    from kiwipiepy import Kiwi

    return Kiwi()


# Kiwi's tags: common and proper nouns, verbs and adjectives carry what a line claims.
_KO_TAGS = ("NNG", "NNP", "VV", "VA", "XR")


def _korean_content_words(line: str) -> list[str]:
    """Korean nouns, verb and adjective stems (kiwipiepy's analyser)."""
    return [t.form for t in _kiwi().tokenize(line) if t.tag in _KO_TAGS]


def _japanese_content_words(line: str) -> list[str]:
    """Nouns and adjectives (pyopenjtalk's analysis), two characters or more."""
    import pyopenjtalk

    words = []
    for node in pyopenjtalk.run_frontend(line, use_sudachi_kanji_yomi=False):
        surface, pos = node.get("string", ""), node.get("pos", "")
        if len(surface) < 2 or not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", surface):
            continue
        if pos in ("名詞", "形容詞") and node.get("pos_group1") not in ("数", "接尾", "非自立"):
            words.append(surface)
    return words


def is_faithful(line: str, sources: Sources) -> tuple[bool, list[str]]:
    """Whether ``line`` may be spoken: every content word is supported (one invented word —
    "lightweight", "dull" — is already a claim the catalog does not make)."""
    extra = unsupported_words(line, sources)
    return not extra, extra
