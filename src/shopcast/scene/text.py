"""Shaped text: build a skia paragraph from coloured runs (one style per run)."""

from __future__ import annotations

from dataclasses import dataclass

import skia

from shopcast.scene.fonts import families_for, font_collection

_ALIGN = {
    "left": skia.textlayout_TextAlign.kLeft,
    "center": skia.textlayout_TextAlign.kCenter,
    "right": skia.textlayout_TextAlign.kRight,
}


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    color: int = skia.ColorWHITE


def paragraph(
    runs: list[Run] | str,
    *,
    size: float,
    width: float,
    color: int = skia.ColorWHITE,
    bold: bool = False,
    align: str = "left",
    max_lines: int = 0,
    language: str | None = None,
    letter_spacing: float = 0.0,
    line_height: float | None = None,
) -> skia.textlayout_Paragraph:
    """A laid-out paragraph ``width`` wide; ``max_lines`` > 0 shortens a single-run text that
    would need more lines and ends it with "…". ``letter_spacing`` is in pixels (tracking for
    small capitals), ``line_height`` a multiple of ``size`` (None: the font's own)."""
    if isinstance(runs, str):
        runs = [Run(runs, color)]
    look = _Look(size, width, bold, align, language, letter_spacing, line_height)
    result = _build(runs, look)
    if max_lines <= 0 or len(runs) != 1:
        return result
    limit = _build([Run("Ag")], look).Height * max_lines + 1
    text = runs[0].text
    lo, hi = 0, len(text)
    while result.Height > limit and hi - lo > 1:  # binary search the longest prefix that fits
        mid = (lo + hi) // 2
        candidate = _build([Run(text[:mid].rstrip() + "…", runs[0].color)], look)
        if candidate.Height > limit:
            hi = mid
        else:
            lo = mid
    if result.Height > limit:
        result = _build([Run(text[:lo].rstrip() + "…", runs[0].color)], look)
    return result


@dataclass(frozen=True, slots=True)
class _Look:
    size: float
    width: float
    bold: bool
    align: str
    language: str | None
    letter_spacing: float
    line_height: float | None


def _build(runs: list[Run], look: _Look) -> skia.textlayout_Paragraph:
    whole = "".join(r.text for r in runs)
    families = families_for(whole, look.language)
    style = skia.textlayout_ParagraphStyle()
    style.setTextAlign(_ALIGN[look.align])
    builder = skia.textlayout_ParagraphBuilder.make(style, font_collection(), skia.Unicode())
    weight = skia.FontStyle.Bold() if look.bold else skia.FontStyle.Normal()
    for run in runs:
        text_style = skia.textlayout_TextStyle()
        text_style.setFontFamilies(families)
        text_style.setFontSize(look.size)
        text_style.setFontStyle(weight)
        text_style.setColor(run.color)
        if look.letter_spacing:
            text_style.setLetterSpacing(look.letter_spacing)
        if look.line_height is not None:
            text_style.setHeightOverride(True)
            text_style.setHeight(look.line_height)
        builder.pushStyle(text_style)
        builder.addText(run.text)
        builder.pop()
    result = builder.Build()
    result.layout(look.width)
    return result
