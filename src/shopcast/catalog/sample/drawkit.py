"""Small flat-vector drawing helpers over skia for the sample product illustrations."""

from __future__ import annotations

from collections.abc import Sequence

import skia

SIZE = 800


def rgb(hex_colour: str, alpha: int = 255) -> int:
    value = hex_colour.lstrip("#")
    return skia.ColorSetARGB(alpha, int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def shade(hex_colour: str, factor: float) -> str:
    """Darker (factor < 1) or lighter (factor > 1, mixed towards white) version of a colour."""
    value = hex_colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) for i in (0, 2, 4)]
    if factor <= 1:
        mixed = [round(c * factor) for c in channels]
    else:
        mixed = [round(c + (255 - c) * (factor - 1)) for c in channels]
    return "#" + "".join(f"{max(0, min(255, c)):02x}" for c in mixed)


def fill(colour: str, alpha: int = 255) -> skia.Paint:
    return skia.Paint(AntiAlias=True, Color=rgb(colour, alpha))


def stroke(colour: str, width: float, alpha: int = 255) -> skia.Paint:
    return skia.Paint(
        AntiAlias=True,
        Color=rgb(colour, alpha),
        Style=skia.Paint.kStroke_Style,
        StrokeWidth=width,
        StrokeCap=skia.Paint.kRound_Cap,
        StrokeJoin=skia.Paint.kRound_Join,
    )


def vertical_gradient(top: float, bottom: float, colours: Sequence[str]) -> skia.Paint:
    shader = skia.GradientShader.MakeLinear(
        [skia.Point(0, top), skia.Point(0, bottom)], [rgb(c) for c in colours]
    )
    return skia.Paint(AntiAlias=True, Shader=shader, Dither=True)


def horizontal_gradient(left: float, right: float, colours: Sequence[str]) -> skia.Paint:
    shader = skia.GradientShader.MakeLinear(
        [skia.Point(left, 0), skia.Point(right, 0)], [rgb(c) for c in colours]
    )
    return skia.Paint(AntiAlias=True, Shader=shader, Dither=True)


def backdrop(canvas: skia.Canvas, tint: str) -> None:
    """A soft tinted background with a large disc behind the product."""
    canvas.drawPaint(vertical_gradient(0, SIZE, [shade(tint, 1.75), shade(tint, 1.5)]))
    canvas.drawCircle(SIZE / 2, SIZE / 2 - 10, 300, fill(shade(tint, 1.25)))


def floor_shadow(canvas: skia.Canvas, cx: float, cy: float, width: float, height: float) -> None:
    paint = fill("#000000", 46)
    paint.setMaskFilter(skia.MaskFilter.MakeBlur(skia.kNormal_BlurStyle, 14))
    canvas.drawOval(skia.Rect.MakeXYWH(cx - width / 2, cy - height / 2, width, height), paint)


def rrect(canvas: skia.Canvas, x: float, y: float, w: float, h: float, r: float, paint) -> None:
    canvas.drawRRect(skia.RRect.MakeRectXY(skia.Rect.MakeXYWH(x, y, w, h), r, r), paint)


def polygon(points: Sequence[tuple[float, float]]) -> skia.Path:
    path = skia.Path()
    path.moveTo(*points[0])
    for point in points[1:]:
        path.lineTo(*point)
    path.close()
    return path


_TYPEFACES: dict[bool, skia.Typeface] = {}


def text(
    canvas: skia.Canvas,
    words: str,
    cx: float,
    y: float,
    size: float,
    colour: str,
    *,
    bold: bool = False,
    spacing: float = 0.0,
) -> None:
    """Centred single-line text (letter ``spacing`` in pixels)."""
    if bold not in _TYPEFACES:
        style = skia.FontStyle.Bold() if bold else skia.FontStyle.Normal()
        _TYPEFACES[bold] = skia.Typeface.MakeFromName("Noto Sans", style)
    font = skia.Font(_TYPEFACES[bold], size)
    font.setEdging(skia.Font.Edging.kAntiAlias)
    widths = font.getWidths(font.textToGlyphs(words))
    total = sum(widths) + spacing * (len(words) - 1)
    x = cx - total / 2
    paint = fill(colour)
    for char, width in zip(words, widths, strict=True):
        canvas.drawString(char, x, y, font, paint)
        x += width + spacing
