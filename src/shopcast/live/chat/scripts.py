"""Whether the show can read a comment at all: the supported languages (en, ko, ja, zh, es, fr,
it, pt, hi, id) are written in Latin, Hangul, Han, kana and Devanagari letters. A question
written mostly in another script (Thai, Arabic, Cyrillic, …) cannot be understood by the desk's
matching or answered from the catalog: the host says so, in the show's language, instead of
guessing."""

from __future__ import annotations

_RANGES = (
    ("\u0041", "\u024f"),  # Latin, Latin-1 and Latin Extended
    ("\u1e00", "\u1eff"),  # Latin Extended Additional (Vietnamese-style accents in names)
    ("\u0900", "\u097f"),  # Devanagari
    ("\u1100", "\u11ff"),  # Hangul Jamo
    ("\u3040", "\u30ff"),  # kana
    ("\u3130", "\u318f"),  # Hangul compatibility Jamo
    ("\u3400", "\u4dbf"),  # Han extension A
    ("\u4e00", "\u9fff"),  # Han
    ("\uac00", "\ud7af"),  # Hangul syllables
)
READABLE_SHARE = 0.5


def readable(text: str) -> bool:
    """True when at least half of the letters of ``text`` are in a supported script (a comment
    with no letters — numbers, emoji — is not judged here: True)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return True
    known = sum(any(lo <= c <= hi for lo, hi in _RANGES) for c in letters)
    return known / len(letters) >= READABLE_SHARE
