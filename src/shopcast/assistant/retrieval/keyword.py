"""BM25 keyword search over passages (``bm25s``), with a tokenizer that also handles CJK.

Spaced scripts split into folded words; CJK and Hangul runs (no spaces between words) become
character bigrams, so "배송비" and "배송" share a token.
"""

from __future__ import annotations

import re
import unicodedata

import bm25s
import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)
STOPWORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "is",
        "are",
        "was",
        "do",
        "does",
        "did",
        "it",
        "this",
        "that",
        "of",
        "to",
        "in",
        "on",
        "for",
        "and",
        "or",
        "with",
        "can",
        "i",
        "you",
        "my",
        "me",
        "what",
        "how",
        "much",
        "many",
    }
)


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def is_cjk_char(ch: str) -> bool:
    o = ord(ch)
    return 0x3040 <= o <= 0x30FF or 0x3400 <= o <= 0x9FFF or 0xAC00 <= o <= 0xD7AF


def tokenize(text: str) -> list[str]:
    tokens: list[str] = []
    for word in _WORD.findall(fold(text)):
        if any(is_cjk_char(c) for c in word):
            chars = [c for c in word if not c.isspace()]
            tokens.extend(chars[i] + chars[i + 1] for i in range(len(chars) - 1))
            if len(chars) == 1:
                tokens.append(chars[0])
        elif word not in STOPWORDS:
            tokens.append(word)
    return tokens


class KeywordIndex:
    def __init__(self, texts: list[str]) -> None:
        self.size = len(texts)
        self._bm25 = bm25s.BM25()
        corpus = [tokenize(t) or ["\u2205"] for t in texts]
        if corpus:
            self._bm25.index(corpus, show_progress=False)
        self._vocab = set(self._bm25.vocab_dict) if corpus else set()

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every passage for ``query`` (zeros when no token is known)."""
        tokens = [t for t in tokenize(query) if t in self._vocab]
        if not tokens or not self.size:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)
