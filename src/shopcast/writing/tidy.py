"""Tidying a drafted line before it is checked: small models repeat themselves, parrot the
brief back and run long. Tidying only removes whole sentences (it never rewrites one), so a
tidied line says nothing the draft did not — the grounding check still has the last word.

``in_language`` catches a line written in the wrong language (a Korean script in English), which
the grounding check cannot see.
"""

from __future__ import annotations

import re
import unicodedata

from shopcast.writing.script import base_language, estimate_seconds

# A sentence ends at . ! ? or the Hindi danda । followed by a space or the end (so "$28.00"
# stays whole), or at CJK full stops anywhere.
_SENTENCE = re.compile(r".+?(?:[.!?।]+(?=\s|$)|[。！？]+|$)\s*", re.S)
_SCRIPTS = {
    "ko": re.compile(r"[\uac00-\ud7af]"),
    "ja": re.compile(r"[\u3040-\u30ff]"),
    "zh": re.compile(r"[\u4e00-\u9fff]"),
    "hi": re.compile(r"[\u0900-\u097f]"),
}
_LETTER = re.compile(r"[^\W\d_]")


def _key(sentence: str) -> str:
    text = unicodedata.normalize("NFKC", sentence).casefold()
    return re.sub(r"[\W_]+", "", text)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def in_language(text: str, language: str) -> bool:
    """Whether most letters of ``text`` are in the language's script (CJK and Devanagari);
    Latin-script languages are not told apart here."""
    pattern = _SCRIPTS.get(base_language(language))
    if pattern is None:
        return True
    letters = _LETTER.findall(text)
    if not letters:
        return False
    return len(pattern.findall(text)) >= 0.5 * len(letters)


def tidy_line(
    text: str,
    *,
    language: str,
    budget_s: float,
    said: set[str],
    brief: str | None = None,
) -> str:
    """Drop repeated sentences (within the line and already ``said`` in earlier beats),
    sentences that parrot the seller's brief, and trailing sentences beyond ``budget_s``
    (the first sentence always stays). ``said`` is updated with what the line keeps."""
    brief_key = _key(brief) if brief and len(_key(brief)) >= 12 else None
    kept: list[str] = []
    seconds = 0.0
    sep = "" if base_language(language) in ("ja", "zh") else " "
    for sentence in sentences(text):
        key = _key(sentence)
        if not key or key in said:
            continue
        if brief_key and (brief_key in key or (len(key) >= 12 and key in brief_key)):
            continue
        length = estimate_seconds(sentence, language)
        if kept and seconds + length > budget_s:
            break
        kept.append(sentence)
        said.add(key)
        seconds += length
    return sep.join(kept)


# Words too common to tell two sentences apart (the host's own frames).
_COMMON = frozenset(
    [
        "the",
        "and",
        "with",
        "its",
        "it's",
        "also",
        "this",
        "that",
        "for",
        "you",
        "your",
        "can",
        "get",
        "just",
        "only",
        "has",
        "have",
        "are",
        "from",
        "del",
        "con",
        "los",
        "las",
        "una",
        "que",
        "para",
        "por",
        "este",
        "esta",
        "muy",
        "com",
        "uma",
        "para",
        "pelo",
        "pela",
        "isso",
    ]
)
_LATIN_TOKEN = re.compile(r"[^\W_]{3,}|\d+(?:[.,]\d+)?")
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+")
NEAR_REPEAT_SHARE = 0.75  # of a sentence's content found in one other sentence
NEAR_REPEAT_MIN = 3  # content tokens a sentence needs before it can be called a repeat


def content_tokens(sentence: str, language: str) -> set[str]:
    """What a sentence says, roughly: its longer words and numbers (Latin scripts), or the
    character pairs of its CJK runs, plus the numbers and Latin words inside them."""
    text = unicodedata.normalize("NFKC", sentence).casefold()
    tokens = {t for t in _LATIN_TOKEN.findall(_CJK_RUN.sub(" ", text)) if t not in _COMMON}
    for run in _CJK_RUN.findall(text):
        tokens |= {run[i : i + 2] for i in range(len(run) - 1)}
    return tokens


def near_repeat(sentence: str, others: list[str], language: str) -> bool:
    """Whether ``sentence`` says again what one of ``others`` already says at more length:
    at least ``NEAR_REPEAT_SHARE`` of its content is in that other sentence ("Made from
    recycled nylon." next to "It's made of 100% recycled nylon with PU coating.";
    "리사이클 나일론 소재예요" next to "소재는 리사이클 나일론 100%, PU 코팅이에요")."""
    mine = content_tokens(sentence, language)
    if len(mine) < NEAR_REPEAT_MIN:
        return False
    for other in others:
        theirs = content_tokens(other, language)
        if len(theirs) >= len(mine) and len(mine & theirs) >= NEAR_REPEAT_SHARE * len(mine):
            return True
    return False
