"""Pills: the AI-generated label (every frame, top area, light text on a dark pill so it reads on
any set) and the live countdown and stock badges. Each is rendered once per text."""

from __future__ import annotations

from functools import lru_cache

import skia

from shopcast.scene.raster import rgba_surface
from shopcast.scene.text import paragraph

LABEL_BG = skia.Color(10, 10, 16, 215)
LABEL_FG = skia.ColorWHITE


@lru_cache(maxsize=64)
def render_pill(
    text: str,
    *,
    unit: float,
    max_width: int,
    size: float,
    background: int,
    foreground: int = skia.ColorWHITE,
    dot: int | None = None,
    language: str | None = None,
) -> skia.Image:
    """A rounded pill sized to ``text`` (one line, ellipsised past ``max_width``); ``dot`` adds a
    small coloured dot before the text."""
    pad_x, pad_y = unit * 0.022, unit * 0.008
    dot_space = size * 0.8 if dot is not None else 0.0
    para = paragraph(
        text,
        size=size,
        width=max_width - 2 * pad_x - dot_space,
        bold=True,
        color=foreground,
        max_lines=1,
        language=language,
    )
    width = int(min(max_width, para.LongestLine + 2 * pad_x + dot_space + 2))
    height = int(para.Height + 2 * pad_y + 1)
    surface = rgba_surface(width, height)
    canvas = surface.getCanvas()
    canvas.clear(skia.ColorTRANSPARENT)
    canvas.drawRRect(
        skia.RRect.MakeRectXY(skia.Rect.MakeWH(width, height), height / 2, height / 2),
        skia.Paint(Color=background, AntiAlias=True),
    )
    if dot is not None:
        canvas.drawCircle(
            pad_x + size * 0.25, height / 2, size * 0.22, skia.Paint(Color=dot, AntiAlias=True)
        )
    para.paint(canvas, pad_x + dot_space, pad_y)
    return surface.makeImageSnapshot()


def render_label(text: str, *, unit: float, max_width: int, accent: int) -> skia.Image:
    """The AI-generated disclosure label."""
    return render_pill(
        text,
        unit=unit,
        max_width=max_width,
        size=unit * 0.03,
        background=LABEL_BG,
        foreground=LABEL_FG,
        dot=accent,
    )
