"""The product card: its static look is rendered once per content and size; per frame it is
blitted, sliding and fading in during its first moments on screen."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import skia

from shopcast.errors import InvalidInputError, NotFoundError
from shopcast.scene.background import mix_colors
from shopcast.scene.layout import Box
from shopcast.scene.raster import rgba_surface
from shopcast.scene.text import paragraph
from shopcast.scene.types import ProductCard, SceneTheme, parse_hex_color

ENTER_SECONDS = 0.35  # slide + fade in
INK = skia.Color(34, 30, 40)
MUTED = skia.Color(120, 114, 126)


def shadow_pad(unit: float) -> int:
    return int(round(unit * 0.03))


def entrance(t: float, since: float | None) -> float:
    """0 → 1 over ``ENTER_SECONDS`` after ``since`` (ease-out cubic); 1 when ``since`` is None."""
    if since is None:
        return 1.0
    p = min(max((t - since) / ENTER_SECONDS, 0.0), 1.0)
    return 1 - (1 - p) ** 3


@lru_cache(maxsize=16)
def render_card(
    card: ProductCard, width: int, height: int, theme: SceneTheme, unit: float, pinned: bool
) -> skia.Image:
    """The card (with its soft shadow) as an image ``shadow_pad`` larger on every side."""
    pad = shadow_pad(unit)
    surface = rgba_surface(width + 2 * pad, height + 2 * pad)
    canvas = surface.getCanvas()
    canvas.clear(skia.ColorTRANSPARENT)
    accent = parse_hex_color(theme.accent)
    radius = unit * 0.03
    body = skia.RRect.MakeRectXY(skia.Rect.MakeXYWH(pad, pad, width, height), radius, radius)
    shadow = skia.Paint(
        Color=skia.Color(0, 0, 0, 70),
        MaskFilter=skia.MaskFilter.MakeBlur(skia.kNormal_BlurStyle, pad * 0.45),
        AntiAlias=True,
    )
    canvas.save()
    canvas.translate(0, pad * 0.3)
    canvas.drawRRect(body, shadow)
    canvas.restore()
    canvas.drawRRect(body, skia.Paint(Color=skia.Color(255, 255, 255, 245), AntiAlias=True))

    inset = unit * 0.03
    image_side = min(height - 2 * inset, width * 0.36) if card.image_path is not None else 0
    if card.image_path is not None:
        _draw_product_image(canvas, card.image_path, pad + inset, pad + inset, image_side, radius)
    text_x = pad + inset + (image_side + inset if image_side else 0)
    text_w = width - (text_x - pad) - inset
    y = pad + inset

    if card.badge:
        badge = paragraph(card.badge.upper(), size=unit * 0.024, width=text_w, bold=True)
        bw, bh = badge.LongestLine + unit * 0.03, badge.Height + unit * 0.008
        canvas.drawRRect(
            skia.RRect.MakeRectXY(skia.Rect.MakeXYWH(text_x, y, bw, bh), bh / 2, bh / 2),
            skia.Paint(Color=accent, AntiAlias=True),
        )
        badge.paint(canvas, text_x + unit * 0.015, y + unit * 0.004)
        y += bh + unit * 0.012
    title = paragraph(
        card.title, size=unit * 0.034, width=text_w, color=INK, bold=True, max_lines=2
    )
    title.paint(canvas, text_x, y)
    y += title.Height
    if card.subtitle:
        sub = paragraph(card.subtitle, size=unit * 0.026, width=text_w, color=MUTED, max_lines=1)
        sub.paint(canvas, text_x, y)
        y += sub.Height
    price = paragraph(
        card.price_text,
        size=unit * 0.05,
        width=text_w,
        bold=True,
        color=mix_colors(accent, INK, 0.35),
    )
    price_y = max(y, pad + height - inset - price.Height)
    price.paint(canvas, text_x, price_y)
    if card.compare_at_text:
        was = paragraph(card.compare_at_text, size=unit * 0.032, width=text_w, color=MUTED)
        wx = text_x + price.LongestLine + unit * 0.02
        wy = price_y + price.Height - was.Height - unit * 0.006
        was.paint(canvas, wx, wy)
        mid = wy + was.Height * 0.55
        canvas.drawLine(
            wx,
            mid,
            wx + was.LongestLine,
            mid,
            skia.Paint(Color=MUTED, StrokeWidth=max(1.0, unit * 0.003)),
        )
    if pinned:
        r = unit * 0.016
        cx, cy = pad + width - inset, pad + inset
        canvas.drawCircle(cx, cy, r, skia.Paint(Color=accent, AntiAlias=True))
        canvas.drawCircle(cx, cy, r * 0.4, skia.Paint(Color=skia.ColorWHITE, AntiAlias=True))
    return surface.makeImageSnapshot()


def _draw_product_image(
    canvas: skia.Canvas, path: Path, x: float, y: float, side: float, radius: float
) -> None:
    if not Path(path).is_file():
        raise NotFoundError(
            f"Product image {path} does not exist.",
            hint="Fix the product's media path or re-import the catalog.",
        )
    try:
        image = skia.Image.open(str(path))
    except Exception as exc:  # skia raises a bare RuntimeError on undecodable data
        raise InvalidInputError(
            f"Product image {path} is not a readable PNG/JPEG/WebP image."
        ) from exc
    if image is None:
        raise InvalidInputError(f"Product image {path} is not a readable PNG/JPEG/WebP image.")
    # Cover-crop to a square, centred.
    crop = min(image.width(), image.height())
    src = skia.Rect.MakeXYWH((image.width() - crop) / 2, (image.height() - crop) / 2, crop, crop)
    dst = skia.Rect.MakeXYWH(x, y, side, side)
    canvas.save()
    canvas.clipRRect(skia.RRect.MakeRectXY(dst, radius * 0.7, radius * 0.7), doAntiAlias=True)
    canvas.drawRect(dst, skia.Paint(Color=skia.Color(240, 238, 242)))
    canvas.drawImageRect(image, src, dst, skia.SamplingOptions(skia.FilterMode.kLinear))
    canvas.restore()


def card_position(box: Box, progress: float, unit: float) -> tuple[float, float, int]:
    """Top-left of the card image (shadow included) and its alpha for an entrance progress."""
    pad = shadow_pad(unit)
    slide = (1 - progress) * unit * 0.08
    return box.x - pad, box.y - pad + slide, int(round(255 * progress))
