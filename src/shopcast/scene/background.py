"""The set behind the host: a soft studio drawn from the theme's colours, rendered once per
(theme, size) and blitted on every frame."""

from __future__ import annotations

from functools import lru_cache

import skia

from shopcast.scene.raster import rgba_surface
from shopcast.scene.types import SceneTheme, parse_hex_color


def mix_colors(a: int, b: int, t: float, alpha: int = 255) -> int:
    """Blend two skia colours; ``t`` = 0 gives ``a``."""
    channels = [
        round(getattr(skia, f"Color{c}")(a) * (1 - t) + getattr(skia, f"Color{c}")(b) * t)
        for c in ("GetR", "GetG", "GetB")
    ]
    return skia.Color(*channels, alpha)


@lru_cache(maxsize=8)
def render_background(theme: SceneTheme, width: int, height: int) -> skia.Image:
    """Gradient wall, a soft arch of light behind the host, bokeh dots and a floor band."""
    top, bottom = parse_hex_color(theme.top), parse_hex_color(theme.bottom)
    accent = parse_hex_color(theme.accent)
    white = skia.ColorWHITE
    surface = rgba_surface(width, height)
    canvas = surface.getCanvas()
    unit = min(width, height)

    wall = skia.Paint(
        Shader=skia.GradientShader.MakeLinear(
            [skia.Point(0, 0), skia.Point(0, height)], [top, bottom]
        ),
        Dither=True,
    )
    canvas.drawRect(skia.Rect.MakeWH(width, height), wall)

    # A large soft glow where the host stands (upper centre in 9:16, left in 16:9).
    cx = width * (0.5 if height > width else 0.27)
    cy = height * (0.3 if height > width else 0.45)
    glow = skia.Paint(
        Shader=skia.GradientShader.MakeRadial(
            skia.Point(cx, cy),
            unit * 0.75,
            [mix_colors(top, white, 0.55, 150), mix_colors(top, white, 0, 0)],
        ),
        Dither=True,
        AntiAlias=True,
    )
    canvas.drawCircle(cx, cy, unit * 0.75, glow)

    # An arch (a studio backdrop panel) behind the host.
    arch_w, arch_h = unit * 0.78, unit * 1.05
    arch = skia.RRect.MakeRectXY(
        skia.Rect.MakeXYWH(cx - arch_w / 2, cy - arch_h * 0.42, arch_w, arch_h),
        arch_w / 2,
        arch_w / 2,
    )
    canvas.drawRRect(arch, skia.Paint(Color=mix_colors(top, white, 0.3, 90), AntiAlias=True))

    # Soft bokeh in the accent colour.
    blur = skia.MaskFilter.MakeBlur(skia.kNormal_BlurStyle, unit * 0.02)
    spots = [
        (0.12, 0.16, 0.07),
        (0.86, 0.22, 0.05),
        (0.8, 0.5, 0.09),
        (0.18, 0.62, 0.06),
        (0.6, 0.08, 0.04),
        (0.92, 0.78, 0.07),
        (0.08, 0.9, 0.05),
    ]
    for fx, fy, fr in spots:
        paint = skia.Paint(
            Color=mix_colors(accent, white, 0.35, 70), AntiAlias=True, MaskFilter=blur
        )
        canvas.drawCircle(width * fx, height * fy, unit * fr, paint)

    # Floor: a darker band with a soft horizon line.
    floor_y = height * (0.7 if height > width else 0.78)
    floor = skia.Paint(
        Shader=skia.GradientShader.MakeLinear(
            [skia.Point(0, floor_y), skia.Point(0, height)],
            [mix_colors(bottom, 0xFF000000, 0.08), mix_colors(bottom, 0xFF000000, 0.25)],
        ),
        Dither=True,
    )
    canvas.drawRect(skia.Rect.MakeLTRB(0, floor_y, width, height), floor)
    canvas.drawRect(
        skia.Rect.MakeLTRB(0, floor_y - unit * 0.004, width, floor_y + unit * 0.004),
        skia.Paint(Color=mix_colors(bottom, white, 0.4, 120)),
    )
    return surface.makeImageSnapshot()


@lru_cache(maxsize=8)
def render_counter(theme: SceneTheme, width: int, height: int) -> skia.Image:
    """The shop counter in front of the host: it hides where the host's artwork ends, so the
    host stands behind a desk instead of floating. Drawn once, blitted over the host's base."""
    top, bottom = parse_hex_color(theme.top), parse_hex_color(theme.bottom)
    accent = parse_hex_color(theme.accent)
    white = skia.ColorWHITE
    surface = rgba_surface(width, height)
    canvas = surface.getCanvas()
    radius = min(width, height) * 0.05
    lip = max(6.0, height * 0.06)
    body = skia.Paint(
        Shader=skia.GradientShader.MakeLinear(
            [skia.Point(0, 0), skia.Point(0, height)],
            [mix_colors(bottom, accent, 0.18), mix_colors(bottom, top, 0.35)],
        ),
        Dither=True,
        AntiAlias=True,
    )
    canvas.drawRRect(
        skia.RRect.MakeRectXY(skia.Rect.MakeXYWH(0, 0, width, height + radius), radius, radius),
        body,
    )
    # The counter top: a lighter lip with a thin highlight, and a soft shadow under it.
    canvas.drawRect(
        skia.Rect.MakeXYWH(0, 0, width, lip),
        skia.Paint(Color=mix_colors(bottom, white, 0.45), AntiAlias=True),
    )
    canvas.drawRect(
        skia.Rect.MakeXYWH(0, 0, width, max(2.0, lip * 0.12)),
        skia.Paint(Color=mix_colors(bottom, white, 0.8), AntiAlias=True),
    )
    shadow = skia.Paint(
        Shader=skia.GradientShader.MakeLinear(
            [skia.Point(0, lip), skia.Point(0, lip * 2.2)],
            [skia.Color(0, 0, 0, 38), skia.Color(0, 0, 0, 0)],
        ),
        Dither=True,
    )
    canvas.drawRect(skia.Rect.MakeXYWH(0, lip, width, lip * 1.2), shadow)
    return surface.makeImageSnapshot()
