"""Cut the host's lines into phrases: the places where a viewer's question may be answered.

A live host answers "at the next phrase boundary", so lines are spoken phrase by phrase: a
sentence, or a long sentence's clauses, or — for a clause still too long — its halves cut before
a conjunction ("… rice water | and sinks in …"). Short pieces are merged so the host never
sounds choppy.
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|(?<=[。！？।])\s*")  # "24.00" stays whole
_CLAUSE_END = re.compile(r"(?<=[,;:])\s+|(?<=[，、；：])\s*")  # "39,000" stays whole
# Words a long clause may be cut before (the word starts the next phrase): unambiguous ones
# in the Latin-script languages of the markets.
_CONJUNCTIONS = re.compile(
    r"\s(?=(?:and|but|so|because|with|while|which|plus|"  # en
    r"pero|porque|con|mientras|"  # es
    r"mais|parce|avec|"  # fr
    r"perché|mentre|"  # it
    r"mas|porque|enquanto|"  # pt
    r"dan|tapi|karena|dengan)\s)",  # id
    re.IGNORECASE,
)

# A question waits, on average, half a phrase for its answer (docs/benchmarks.md, "Live show"):
# the longest phrase the host speaks in one go, in characters.
MAX_CHARS = 48
MIN_CHARS = 18
# The longest answer the host voices, in seconds of speech: the rest of a long answer is in the
# chat (where it went first). On a machine where the voice synthesises at about real time
# (Kokoro on 2 AMD EPYC cores: ~1.9 CPU s per second of speech), every second voiced is a
# second or two before the answer starts and before the next viewer's question is taken up.
SPOKEN_MAX_S = 10.0  # two plain sentences (a FAQ answer) stay whole; 13–17 s answers do not


def phrases(text: str, *, max_chars: int | None = None, min_chars: int | None = None) -> list[str]:
    """``text`` as phrases of at most ~``max_chars`` characters (default ``MAX_CHARS``), cut at
    sentence ends, then at clause ends (never inside a word or a number)."""
    max_chars = MAX_CHARS if max_chars is None else max_chars
    min_chars = MIN_CHARS if min_chars is None else min_chars
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
            current = (
                f"{current} {clause}" if current and not _no_space(clause) else current + clause
            )
        if current.strip():
            out.append(current.strip())
    out = [part for piece in out for part in _halves(piece, max_chars, min_chars)]
    merged: list[str] = []
    for piece in out:
        if (
            merged
            and (len(merged[-1]) < min_chars or len(piece) < min_chars // 2)
            and (len(merged[-1]) + len(piece) <= max_chars)
        ):
            joiner = "" if _no_space(piece) else " "
            merged[-1] = f"{merged[-1]}{joiner}{piece}"
        else:
            merged.append(piece)
    return merged


def spoken_part(text: str, language: str, *, max_s: float = SPOKEN_MAX_S) -> str:
    """The leading sentences of ``text`` that fit in ``max_s`` seconds of speech (the first
    sentence always): what the host voices of a chat answer."""
    from shopcast.writing.script import estimate_seconds

    kept: list[str] = []
    for sentence in (s.strip() for s in _SENTENCE_END.split(text.strip())):
        if not sentence:
            continue
        candidate = _join(kept + [sentence])
        if kept and estimate_seconds(candidate, language) > max_s:
            break
        kept.append(sentence)
    return _join(kept) if kept else text.strip()


def _join(sentences: list[str]) -> str:
    out = ""
    for sentence in sentences:
        out = f"{out}{'' if not out or _no_space(sentence) else ' '}{sentence}"
    return out


def _halves(piece: str, max_chars: int, min_chars: int) -> list[str]:
    """``piece`` cut before the conjunction nearest its middle, again and again, while it is
    longer than ``max_chars`` and both sides stay at least ``min_chars`` long."""
    if len(piece) <= max_chars:
        return [piece]
    cuts = [
        m.start()
        for m in _CONJUNCTIONS.finditer(piece)
        if m.start() >= min_chars and len(piece) - m.end() >= min_chars
    ]
    if not cuts:
        return [piece]
    cut = min(cuts, key=lambda at: abs(at - len(piece) / 2))
    head, tail = piece[:cut].strip(), piece[cut:].strip()
    return _halves(head, max_chars, min_chars) + _halves(tail, max_chars, min_chars)


def _no_space(text: str) -> bool:
    """Starts with Chinese or Japanese script, which joins without spaces (Korean uses them)."""
    return bool(re.match(r"[\u3000-\u9fff\uff00-\uffef]", text))
