"""Folding text for matching (never for display): case, accents, homoglyphs, leetspeak.

Viewers dodge word filters with look-alike letters (Cyrillic "а" for Latin "a"), digits for
letters ("1d10t"), accents and spaced-out letters ("i d i o t"). :func:`fold` undoes the
first three; :func:`join_spaced_letters` the last. CJK, Hangul, Devanagari pass through.
"""

from __future__ import annotations

import re
import unicodedata

_HOMOGLYPHS = str.maketrans(
    {
        # Cyrillic
        "а": "a",
        "в": "b",
        "е": "e",
        "ё": "e",
        "к": "k",
        "м": "m",
        "н": "h",
        "о": "o",
        "р": "p",
        "с": "c",
        "т": "t",
        "у": "y",
        "х": "x",
        "і": "i",
        "ј": "j",
        "ѕ": "s",
        "ԁ": "d",
        "ԛ": "q",
        "ԝ": "w",
        "ɡ": "g",
        # Greek
        "α": "a",
        "β": "b",
        "ε": "e",
        "ι": "i",
        "κ": "k",
        "ν": "v",
        "ο": "o",
        "ρ": "p",
        "τ": "t",
        "υ": "u",
        "χ": "x",
        "ω": "w",
        # Latin look-alikes that NFKC keeps
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ß": "ss",
    }
)
_LEET = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "@": "a",
        "$": "s",
        "!": "i",
        "|": "l",
    }
)
_LEET_WORD = re.compile(r"[\w@$!|]*[a-z][\w@$!|]*|[\w@$!|]+[a-z]")
_SPACED = re.compile(r"(?<!\w)(?:\w[\s.\-_*]){2,}\w(?!\w)")


def _strip_latin_accents(text: str) -> str:
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) and out and out[-1] < "\u0250":
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def fold(text: str) -> str:
    """NFKC, casefold, Latin accents off, look-alike letters mapped to Latin."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _strip_latin_accents(text.translate(_HOMOGLYPHS))


def unleet(text: str) -> str:
    """Digits/symbols inside words that also hold letters read as letters ("1d10t" → "idiot")."""
    return _LEET_WORD.sub(lambda m: m.group(0).translate(_LEET), text)


def join_spaced_letters(text: str) -> str:
    """ "i d i o t" / "i.d.i.o.t" → "idiot"; normal words are left alone."""
    return _SPACED.sub(lambda m: re.sub(r"[\s.\-_*]", "", m.group(0)), text)


def match_forms(text: str) -> list[str]:
    """The distinct folded forms of ``text`` a filter should test."""
    base = fold(text)
    forms = [base, unleet(base), join_spaced_letters(unleet(base))]
    return list(dict.fromkeys(forms))


def is_cjk_char(ch: str) -> bool:
    o = ord(ch)
    return (
        0x3040 <= o <= 0x30FF  # kana
        or 0x3400 <= o <= 0x9FFF  # CJK ideographs
        or 0xAC00 <= o <= 0xD7AF  # Hangul syllables
        or 0x1100 <= o <= 0x11FF
        or 0xF900 <= o <= 0xFAFF
    )


def contains_term(text_forms: list[str], term: str) -> bool:
    """Whether a folded ``term`` occurs: as a whole word for spaced scripts, as a substring
    for CJK (no word spaces) — ``text_forms`` from :func:`match_forms`."""
    term = fold(term)
    if not term:
        return False
    if any(is_cjk_char(c) for c in term):
        return any(term in form for form in text_forms)
    pattern = re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)")
    return any(pattern.search(form) for form in text_forms)
