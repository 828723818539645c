"""Per-token sample counts → contiguous phoneme spans and word spans.

Engines report how many output samples each input symbol took. This module turns that into the
timings the rest of shopcast uses:

* stress marks (ˈ ˌ) join the phoneme after them; length, aspiration, nasal and tone marks join
  the phoneme before them;
* spaces and punctuation become pause spans (phoneme ``" "``); a short gap between two words
  (up to ``FOLD_GAP_S``) is folded into the phoneme before it, so the mouth does not snap shut
  between every word;
* a word spans its first to its last sounding phoneme.

Times are computed from integer sample offsets, so spans are exactly contiguous and the last one
ends at ``len(samples) / sample_rate``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from shopcast.speech.g2p import is_punctuation
from shopcast.speech.types import PhonemeSpan, WordSpan

PAUSE = " "
FOLD_GAP_S = 0.15  # Kokoro gives spaces 1-3 frames that are not silence
_PREFIX = set("ˈˌ")
_SUFFIX = set("ːˑʰʲʷ˞̩̥̃̚ᵝ→↓↗↘-")


@dataclass(frozen=True, slots=True)
class TimedToken:
    """One input symbol of an engine and the samples it produced; ``word`` indexes the
    utterance's words, -1 for gaps and pads that belong to no word."""

    symbol: str
    samples: int
    word: int = -1


@dataclass(slots=True)
class _Unit:
    symbol: str
    start: int
    end: int
    word: int


def _is_pause(symbol: str) -> bool:
    return not symbol.strip() or is_punctuation(symbol)


def _units(tokens: Sequence[TimedToken]) -> list[_Unit]:
    units: list[_Unit] = []
    pos = 0
    prefix = ""
    prefix_start: int | None = None
    for tok in tokens:
        start, end = pos, pos + tok.samples
        pos = end
        sym = tok.symbol
        if sym in _PREFIX:
            prefix += sym
            prefix_start = start if prefix_start is None else prefix_start
            continue
        if sym in _SUFFIX and units and not _is_pause(units[-1].symbol):
            units[-1].symbol += sym
            units[-1].end = end
            continue
        if _is_pause(sym):
            if prefix_start is not None:  # a stress mark with nothing to stress
                start, prefix, prefix_start = prefix_start, "", None
            if units and units[-1].symbol == PAUSE:
                units[-1].end = end
                continue
            units.append(_Unit(PAUSE, start, end, -1 if not sym.strip() else tok.word))
            continue
        if prefix_start is not None:
            start = prefix_start
        units.append(_Unit(prefix + sym, start, end, tok.word))
        prefix, prefix_start = "", None
    if prefix_start is not None:
        units.append(_Unit(PAUSE, prefix_start, pos, -1))
    return units


def _fold_short_gaps(units: list[_Unit], fold_samples: int) -> list[_Unit]:
    out: list[_Unit] = []
    for i, u in enumerate(units):
        nxt = units[i + 1] if i + 1 < len(units) else None
        short_gap = (
            u.symbol == PAUSE
            and u.word == -1
            and u.end - u.start <= fold_samples
            and out
            and out[-1].symbol != PAUSE
            and nxt is not None
            and nxt.symbol != PAUSE
        )
        if short_gap:
            out[-1].end = u.end
        else:
            out.append(u)
    return out


def build_spans(
    tokens: Sequence[TimedToken], words: Sequence[str], sample_rate: int
) -> tuple[list[PhonemeSpan], list[WordSpan]]:
    """Phoneme and word spans (seconds) from timed tokens; zero-length units are dropped."""
    units = _fold_short_gaps(_units(tokens), int(FOLD_GAP_S * sample_rate))
    units = [u for u in units if u.end > u.start]
    phonemes = [PhonemeSpan(u.symbol, u.start / sample_rate, u.end / sample_rate) for u in units]
    bounds: dict[int, tuple[int, int]] = {}
    for u in units:
        if u.word >= 0 and u.symbol != PAUSE:
            lo, hi = bounds.get(u.word, (u.start, u.end))
            bounds[u.word] = (min(lo, u.start), max(hi, u.end))
    spans: list[WordSpan] = []
    cursor = units[0].start if units else 0
    for i, text in enumerate(words):
        lo, hi = bounds.get(i, (cursor, cursor))
        lo = max(lo, cursor)
        hi = max(hi, lo)
        spans.append(WordSpan(text, lo / sample_rate, hi / sample_rate))
        cursor = hi
    return phonemes, spans


def rescale(counts: Sequence[int], new_total: int) -> list[int]:
    """Sample counts at one rate → counts at another that sum exactly to ``new_total``."""
    old_total = sum(counts)
    if old_total <= 0:
        return [0] * (len(counts) - 1) + [new_total] if counts else []
    out, acc, prev = [], 0, 0
    for c in counts:
        acc += c
        edge = round(acc * new_total / old_total)
        out.append(edge - prev)
        prev = edge
    return out
