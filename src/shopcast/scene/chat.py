"""Live chat lines: the latest few viewer messages as small stacked pills (newest at the bottom)."""

from __future__ import annotations

from functools import lru_cache

import skia

from shopcast.scene.raster import rgba_surface
from shopcast.scene.text import paragraph

CHAT_BG = skia.Color(0, 0, 0, 120)


@lru_cache(maxsize=16)
def render_chat(lines: tuple[str, ...], width: int, height: int, unit: float) -> skia.Image:
    """As many of the latest ``lines`` as fit in ``height``, bottom-aligned."""
    surface = rgba_surface(width, height)
    canvas = surface.getCanvas()
    canvas.clear(skia.ColorTRANSPARENT)
    pad_x, pad_y, gap = unit * 0.016, unit * 0.006, unit * 0.008
    y = float(height)
    for line in reversed(lines):
        para = paragraph(line, size=unit * 0.026, width=width - 2 * pad_x, max_lines=1)
        h = para.Height + 2 * pad_y
        if y - h < 0:
            break
        y -= h
        canvas.drawRRect(
            skia.RRect.MakeRectXY(
                skia.Rect.MakeXYWH(0, y, para.LongestLine + 2 * pad_x, h), h / 2, h / 2
            ),
            skia.Paint(Color=CHAT_BG, AntiAlias=True),
        )
        para.paint(canvas, pad_x, y + pad_y)
        y -= gap
    return surface.makeImageSnapshot()
