"""Fonts per script: Noto Sans CJK (ja/ko/zh + Latin) and Noto Sans Devanagari (hi), found
through skia's font manager (fontconfig). Text is shaped by skia's paragraph engine (HarfBuzz),
so Devanagari conjuncts and CJK line breaks come out right."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import skia

from shopcast.errors import NotFoundError

# Family lists, first choice first; the CJK face for the language comes first (Han unification:
# the same code point is drawn differently in ja, zh and ko).
_FAMILIES: dict[str, tuple[str, ...]] = {
    "ja": ("Noto Sans CJK JP", "Noto Sans"),
    "ko": ("Noto Sans CJK KR", "Noto Sans"),
    "zh": ("Noto Sans CJK SC", "Noto Sans"),
    "hi": ("Noto Sans Devanagari", "Noto Sans", "Noto Sans CJK JP"),
    "latin": ("Noto Sans CJK JP", "Noto Sans"),  # CJK face carries Latin too: one look
}
_PACKAGES = {
    "Noto Sans CJK JP": "fonts-noto-cjk",
    "Noto Sans CJK KR": "fonts-noto-cjk",
    "Noto Sans CJK SC": "fonts-noto-cjk",
    "Noto Sans Devanagari": "fonts-noto-core",
    "Noto Sans": "fonts-noto-core",
}


def script_of(text: str, language: str | None = None) -> str:
    """``"ja"``, ``"ko"``, ``"zh"``, ``"hi"`` or ``"latin"``: from the characters, with the
    language as the tie-breaker for Han characters (Chinese unless the language says ja/ko)."""
    has_han = False
    for ch in text:
        code = ord(ch)
        if 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF:
            return "ja"
        if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
            return "ko"
        if 0x0900 <= code <= 0x097F:
            return "hi"
        if unicodedata.category(ch) == "Lo" and 0x4E00 <= code <= 0x9FFF:
            has_han = True
    primary = (language or "").split("-")[0].lower()
    if has_han:
        return primary if primary in {"ja", "ko"} else "zh"
    return primary if primary in _FAMILIES else "latin"


def families_for(text: str, language: str | None = None) -> list[str]:
    """The font families to shape ``text`` with (fallbacks follow)."""
    return list(_FAMILIES[script_of(text, language)])


@lru_cache(maxsize=1)
def font_collection() -> skia.textlayout_FontCollection:
    """One shared font collection (it caches typefaces and shaped runs); checks fonts first."""
    require_fonts()
    collection = skia.textlayout_FontCollection()
    collection.setDefaultFontManager(skia.FontMgr())
    return collection


@lru_cache(maxsize=1)
def require_fonts() -> None:
    """Raise ``NotFoundError`` naming the apt package when a needed font family is missing."""
    manager = skia.FontMgr()
    missing = [
        family
        for family in _PACKAGES
        if manager.matchFamilyStyle(family, skia.FontStyle.Normal()) is None
    ]
    if missing:
        packages = sorted({_PACKAGES[f] for f in missing})
        raise NotFoundError(
            f"Fonts needed for captions and cards are missing: {', '.join(missing)}.",
            hint=f"Install them: apt-get install {' '.join(packages)}",
        )


@lru_cache(maxsize=16)
def typeface(family: str, bold: bool = False) -> skia.Typeface:
    style = skia.FontStyle.Bold() if bold else skia.FontStyle.Normal()
    face = skia.FontMgr().matchFamilyStyle(family, style)
    if face is None:
        raise NotFoundError(
            f"Font family {family!r} is not installed.",
            hint=f"apt-get install {_PACKAGES.get(family, 'fonts-noto-core')}",
        )
    return face
