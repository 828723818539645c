"""Captions: word timings → short readable pages, the page on screen at a time with the word
being spoken, and the caption drawn as a pill with that word highlighted."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

import skia

from shopcast.errors import InvalidInputError
from shopcast.scene.fonts import script_of
from shopcast.scene.raster import rgba_surface
from shopcast.scene.text import Run, paragraph
from shopcast.scene.types import CaptionState
from shopcast.speech.types import WordSpan

HOLD_SECONDS = 0.4  # a page stays up this long after its last word (unless the next one starts)
PAUSE_SECONDS = 0.35  # a silence this long between words starts a new page
SENTENCE_END = tuple(".!?。！？…।॥")
CLAUSE_END = tuple(",;:、，；：—")
HIGHLIGHT = skia.Color(255, 213, 74)  # warm yellow: readable on the dark pill in every theme
CAPTION_FONT = 0.05  # caption text size as a share of the frame's short side
MAX_CHARS = {"latin": 40, "hi": 36, "ko": 20, "ja": 18, "zh": 18}


@dataclass(frozen=True, slots=True)
class CaptionPage:
    start: float
    end: float
    words: list[WordSpan] = field(hash=False)
    separator: str = " "

    @property
    def text(self) -> str:
        return self.separator.join(w.text for w in self.words)


def default_max_chars(language: str, sample: str = "") -> int:
    """Characters per page (two lines at the caption size) for a language's script."""
    return MAX_CHARS[script_of(sample, language) if sample else _script_key(language)]


def _script_key(language: str) -> str:
    primary = language.split("-")[0].lower()
    return primary if primary in MAX_CHARS else "latin"


def caption_pages(
    words: list[WordSpan], *, max_chars: int, separator: str, hold: float = HOLD_SECONDS
) -> list[CaptionPage]:
    """Split timed words into pages of at most ``max_chars`` characters (separators included),
    breaking after sentence ends, after clause punctuation once a page is half full, and at
    pauses. A word longer than a page (CJK runs without spaces) is cut by characters, its time
    shared in proportion. Each page shows from its first word's start to its last word's end
    plus ``hold`` (never overlapping the next page)."""
    if max_chars < 2:
        raise InvalidInputError(f"max_chars must be at least 2 (got {max_chars}).")
    groups: list[list[WordSpan]] = []
    page: list[WordSpan] = []
    length = 0
    for word in _split_long(words, max_chars):
        if not word.text.strip():
            continue
        extra = len(word.text) + (len(separator) if page else 0)
        paused = bool(page) and word.start - page[-1].end >= PAUSE_SECONDS
        if page and (length + extra > max_chars or paused):
            groups.append(page)
            page, length, extra = [], 0, len(word.text)
        page.append(word)
        length += extra
        tail = word.text.rstrip("\"'”’」』)）")
        if tail.endswith(SENTENCE_END) or (tail.endswith(CLAUSE_END) and length >= max_chars / 2):
            groups.append(page)
            page, length = [], 0
    if page:
        groups.append(page)
    pages = []
    for i, group in enumerate(groups):
        end = group[-1].end + hold
        if i + 1 < len(groups):
            end = max(group[-1].end, min(end, groups[i + 1][0].start))
        pages.append(CaptionPage(group[0].start, end, group, separator))
    return pages


def _split_long(words: list[WordSpan], max_chars: int) -> list[WordSpan]:
    out: list[WordSpan] = []
    for word in words:
        text = word.text
        if len(text) <= max_chars:
            out.append(word)
            continue
        step = (word.end - word.start) / len(text)
        for i in range(0, len(text), max_chars):
            piece = text[i : i + max_chars]
            out.append(WordSpan(piece, word.start + i * step, word.start + (i + len(piece)) * step))
    return out


def caption_state_at(pages: list[CaptionPage], t: float) -> CaptionState | None:
    """The page on screen at ``t`` and the index of the word being spoken (the last word that
    has started); None between pages."""
    starts = [p.start for p in pages]
    i = bisect_right(starts, t) - 1
    if i < 0 or t >= pages[i].end:
        return None
    page = pages[i]
    active = bisect_right([w.start for w in page.words], t) - 1
    return CaptionState(
        words=tuple(w.text for w in page.words),
        active=active if active >= 0 else None,
        separator=page.separator,
        page_index=i,
    )


WORD_JOINER = "\u2060"


def _unbreakable(word: str) -> str:
    """Keep a short word on one line: the line breaker may otherwise split Hangul words (and CJK
    runs) between any two characters. Long runs stay breakable so they can still wrap."""
    if len(word) <= 8 and any(ord(ch) >= 0x1100 for ch in word):
        return WORD_JOINER.join(word)
    return word


@lru_cache(maxsize=64)
def render_caption(
    state: CaptionState, max_width: int, unit: float, language: str | None
) -> skia.Image:
    """The caption pill: white text on a dark translucent pill, the spoken word in yellow.
    The font shrinks (down to 70%) when a page would need more than two lines."""
    pad_x, pad_y = unit * 0.03, unit * 0.014
    runs = [
        Run(
            _unbreakable(word) + (state.separator if i < len(state.words) - 1 else ""),
            HIGHLIGHT if i == state.active else skia.ColorWHITE,
        )
        for i, word in enumerate(state.words)
    ]
    size = unit * CAPTION_FONT
    for _ in range(4):
        para = paragraph(
            runs,
            size=size,
            width=max_width - 2 * pad_x,
            bold=True,
            align="center",
            language=language,
        )
        one_line = paragraph([Run("Ag")], size=size, width=max_width, bold=True)
        if para.Height <= one_line.Height * 2.2:
            break
        size *= 0.9
    width = int(min(max_width, para.LongestLine + 2 * pad_x + 2))
    height = int(para.Height + 2 * pad_y + 1)
    surface = rgba_surface(width, height)
    canvas = surface.getCanvas()
    canvas.clear(skia.ColorTRANSPARENT)
    radius = min(height / 2, unit * 0.035)
    canvas.drawRRect(
        skia.RRect.MakeRectXY(skia.Rect.MakeWH(width, height), radius, radius),
        skia.Paint(Color=skia.Color(12, 10, 18, 170), AntiAlias=True),
    )
    para.paint(canvas, (width - (max_width - 2 * pad_x)) / 2, pad_y)
    return surface.makeImageSnapshot()
