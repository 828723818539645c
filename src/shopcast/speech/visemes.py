"""Phonemes (IPA) → visemes: the 15 mouth shapes the host's lips are drawn from."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from shopcast.speech.types import Speech


class Viseme(StrEnum):
    SIL = "sil"  # silence: mouth at rest, closed
    PBM = "PBM"  # lips pressed: never skipped
    FV = "FV"
    TH = "TH"
    DTN = "DTN"  # also L
    KG = "KG"  # also H, NG
    CHJSH = "CHJSH"
    SZ = "SZ"
    R = "R"
    A = "A"
    E = "E"
    I = "I"  # noqa: E741
    O = "O"  # noqa: E741
    U = "U"  # also W


_TABLE: dict[str, Viseme] = {}


def _add(viseme: Viseme, symbols: str) -> None:
    for s in symbols.split():
        _TABLE[s] = viseme


_add(Viseme.PBM, "p b m ɓ ʙ ɱ")
_add(Viseme.FV, "f v ʋ ɸ β")
_add(Viseme.TH, "θ ð")
_add(Viseme.DTN, "t d n l ɾ ɫ ʈ ɖ ɳ ɭ ʎ ɲ ɬ ɗ ᵻ ɽ")
_add(Viseme.KG, "k g ɡ ŋ x ɣ h ɦ q ʔ χ ʁ ɢ ç c ɟ ɴ ħ")
_add(Viseme.CHJSH, "ʃ ʒ ʧ ʤ tʃ dʒ tɕ dʑ ɕ ʑ ʂ ʐ ʈʂ tʂ j ʨ ʥ ʝ")  # ʨ ʥ: misaki ja/zh
_add(Viseme.SZ, "s z ts dz ʦ ʣ")
_add(Viseme.R, "r ɹ ɻ ʀ ɚ ɝ ꭧ")  # ꭧ: misaki zh retroflex r
_add(Viseme.A, "a ɑ ɐ æ ʌ ä ᴀ A")
_add(Viseme.E, "e ɛ ə ɜ ɘ E ɞ ɤ ᵊ")  # ɤ: zh "e"; ᵊ: Kokoro reduced vowel
_add(Viseme.I, "i ɪ ɨ y ʏ I")
_add(Viseme.O, "o ɔ ɒ ø œ O ɵ Q")
_add(Viseme.U, "u ʊ ɯ w ɥ ʉ ɰ W Y")

_IGNORED = set("ˈˌːˑ̃ʰʲʷ˞↑↓→↗↘ ̩̥̚")


def viseme_for(phoneme: str) -> Viseme:
    """The viseme of one phoneme token. Diacritics, stress and length marks are ignored;
    a multi-letter token (diphthong, affricate) takes the shape of its first known symbol;
    punctuation and pauses are silence."""
    if phoneme in _TABLE:
        return _TABLE[phoneme]
    # NFD splits precomposed letters (ũ, ã, ẽ) into base letter + ignorable diacritic
    core = "".join(ch for ch in unicodedata.normalize("NFD", phoneme) if ch not in _IGNORED)
    if core in _TABLE:
        return _TABLE[core]
    for i in range(len(core)):
        for j in (2, 1):
            if core[i : i + j] in _TABLE:
                return _TABLE[core[i : i + j]]
    return Viseme.SIL


@dataclass(frozen=True, slots=True)
class VisemeKey:
    viseme: Viseme
    start: float
    end: float


def viseme_track(speech: Speech) -> list[VisemeKey]:
    """Visemes in time, adjacent identical shapes merged. Seconds from the speech's start."""
    keys: list[VisemeKey] = []
    for p in speech.phonemes:
        v = viseme_for(p.phoneme)
        if keys and keys[-1].viseme == v and abs(keys[-1].end - p.start) < 1e-6:
            keys[-1] = VisemeKey(v, keys[-1].start, p.end)
        else:
            keys.append(VisemeKey(v, p.start, p.end))
    return keys
