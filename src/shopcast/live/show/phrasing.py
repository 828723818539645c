"""Cut the host's lines into phrases: the places where a viewer's question may be answered.

A live host answers "at the next phrase boundary", so lines are spoken phrase by phrase: a
sentence, or a long sentence's clauses. Short pieces are merged so the host never sounds choppy.
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|(?<=[。！？।])\s*")  # "24.00" stays whole
_CLAUSE_END = re.compile(r"(?<=[,;:])\s+|(?<=[，、；：])\s*")  # "39,000" stays whole


def phrases(text: str, *, max_chars: int = 90, min_chars: int = 18) -> list[str]:
    """``text`` as phrases of at most ~``max_chars`` characters (never cutting a word)."""
    out: list[str] = []
    for sentence in (s.strip() for s in _SENTENCE_END.split(text)):
        if not sentence:
            continue
        if len(sentence) <= max_chars:
            out.append(sentence)
            continue
        current = ""
        for clause in (c for c in _CLAUSE_END.split(sentence) if c):
            if current and len(current) + len(clause) > max_chars:
                out.append(current.strip())
                current = ""
            current = f"{current} {clause}" if current and not _cjk(clause) else current + clause
        if current.strip():
            out.append(current.strip())
    merged: list[str] = []
    for piece in out:
        if (
            merged
            and (len(merged[-1]) < min_chars or len(piece) < min_chars // 2)
            and (len(merged[-1]) + len(piece) <= max_chars)
        ):
            joiner = "" if _cjk(piece) else " "
            merged[-1] = f"{merged[-1]}{joiner}{piece}"
        else:
            merged.append(piece)
    return merged


def _cjk(text: str) -> bool:
    return bool(re.match(r"[\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]", text))
