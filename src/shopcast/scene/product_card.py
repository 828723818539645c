"""The product card: its static look is rendered once per content and size; per frame it is
blitted, sliding and fading in during its first moments on screen.

A card with a picture is white, the picture on the left and the words beside it. A card
without one is typographic, never an empty box: the title set large on a colour field drawn
from the theme's accent (deepened until white type on it reads at WCAG AA contrast), the brand
and category as a tracked eyebrow line, the title's first letter as a faint oversized monogram,
and the price at the foot."""

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
    if card.image_path is None:
        _draw_type_card(canvas, card, body, theme, unit, pinned)
        return surface.makeImageSnapshot()
    canvas.drawRRect(body, skia.Paint(Color=skia.Color(255, 255, 255, 245), AntiAlias=True))

    inset = unit * 0.03
    image_side = min(height - 2 * inset, width * 0.36)
    _draw_product_image(canvas, card.image_path, pad + inset, pad + inset, image_side, radius)
    text_x = pad + inset + image_side + inset
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


def type_card_colors(theme: SceneTheme) -> tuple[int, int]:
    """The typographic card's field: the theme's accent deepened towards ink just until white
    type on it has WCAG AA contrast (4.5:1), and a deeper shade of it for the gradient's end."""
    accent = parse_hex_color(theme.accent)
    field = accent
    for step in range(41):
        field = mix_colors(accent, INK, step / 40 * 0.9)
        if contrast_ratio(field, skia.ColorWHITE) >= 4.5:
            break
    return field, mix_colors(field, INK, 0.28)


def contrast_ratio(a: int, b: int) -> float:
    """WCAG 2 contrast ratio of two opaque colours (1 to 21)."""
    la, lb = _relative_luminance(a), _relative_luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def _relative_luminance(color: int) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = skia.ColorGetR(color), skia.ColorGetG(color), skia.ColorGetB(color)
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def _white(alpha: int) -> int:
    return skia.Color(255, 255, 255, alpha)


def _draw_type_card(
    canvas: skia.Canvas,
    card: ProductCard,
    body: skia.RRect,
    theme: SceneTheme,
    unit: float,
    pinned: bool,
) -> None:
    """The card without a picture (see the module's docstring)."""
    rect = body.rect()
    field, deep = type_card_colors(theme)
    canvas.save()
    canvas.clipRRect(body, doAntiAlias=True)
    canvas.drawRect(
        rect,
        skia.Paint(
            Shader=skia.GradientShader.MakeLinear(
                [skia.Point(rect.left(), rect.top()), skia.Point(rect.right(), rect.bottom())],
                [field, deep],
            ),
            Dither=True,
        ),
    )
    # Soft light from the top-left corner, as on the set behind the host.
    glow_r = rect.width() * 0.7
    canvas.drawCircle(
        rect.left(),
        rect.top(),
        glow_r,
        skia.Paint(
            Shader=skia.GradientShader.MakeRadial(
                skia.Point(rect.left(), rect.top()), glow_r, [_white(38), _white(0)]
            ),
            Dither=True,
        ),
    )
    _draw_monogram(canvas, card.title, rect)
    canvas.restore()

    pad_x, pad_y = unit * 0.045, unit * 0.038
    x = rect.left() + pad_x
    text_w = rect.width() - 2 * pad_x - (unit * 0.04 if pinned else 0)
    y = rect.top() + pad_y

    eyebrow_parts = [p.strip() for p in (card.subtitle, card.category) if p and p.strip()]
    top_row_h = 0.0
    if card.badge:
        badge = paragraph(card.badge.upper(), size=unit * 0.024, width=text_w, bold=True, color=INK)
        bw, bh = badge.LongestLine + unit * 0.03, badge.Height + unit * 0.008
        canvas.drawRRect(
            skia.RRect.MakeRectXY(skia.Rect.MakeXYWH(x, y, bw, bh), bh / 2, bh / 2),
            skia.Paint(Color=_white(235), AntiAlias=True),
        )
        badge.paint(canvas, x + unit * 0.015, y + unit * 0.004)
        top_row_h = bh
        eyebrow_x = x + bw + unit * 0.018
    else:
        eyebrow_x = x
    if eyebrow_parts:
        eyebrow = paragraph(
            "  ·  ".join(eyebrow_parts).upper(),
            size=unit * 0.021,
            width=rect.right() - pad_x - eyebrow_x,
            bold=True,
            color=_white(215),
            max_lines=1,
            letter_spacing=unit * 0.0035,
        )
        ey = y + max(0.0, (top_row_h - eyebrow.Height) / 2)
        eyebrow.paint(canvas, eyebrow_x, ey)
        top_row_h = max(top_row_h, eyebrow.Height)
    if top_row_h:
        y += top_row_h + unit * 0.012
        rule = skia.Rect.MakeXYWH(x, y, unit * 0.05, max(2.0, unit * 0.004))
        canvas.drawRect(rule, skia.Paint(Color=parse_hex_color(theme.top), AntiAlias=True))
        y += rule.height() + unit * 0.016

    price = paragraph(card.price_text, size=unit * 0.048, width=text_w, bold=True)
    price_y = rect.bottom() - pad_y - price.Height
    title = _fit_title(card.title, text_w, price_y - unit * 0.014 - y, unit)
    title.paint(canvas, x, y)
    price.paint(canvas, x, price_y)
    if card.compare_at_text:
        was = paragraph(card.compare_at_text, size=unit * 0.03, width=text_w, color=_white(175))
        wx = x + price.LongestLine + unit * 0.02
        wy = price_y + price.Height - was.Height - unit * 0.006
        was.paint(canvas, wx, wy)
        mid = wy + was.Height * 0.55
        canvas.drawLine(
            wx,
            mid,
            wx + was.LongestLine,
            mid,
            skia.Paint(Color=_white(175), StrokeWidth=max(1.0, unit * 0.003)),
        )
    if pinned:
        r = unit * 0.016
        cx, cy = rect.right() - unit * 0.03, rect.top() + unit * 0.03
        canvas.drawCircle(cx, cy, r, skia.Paint(Color=skia.ColorWHITE, AntiAlias=True))
        canvas.drawCircle(cx, cy, r * 0.4, skia.Paint(Color=field, AntiAlias=True))


def _fit_title(text: str, width: float, room: float, unit: float) -> skia.textlayout_Paragraph:
    """The title at the largest size (down to a floor) at which it fits ``room`` whole in at
    most three lines; at the floor it is shortened with "…"."""

    def set_at(size: float, max_lines: int = 0) -> skia.textlayout_Paragraph:
        return paragraph(
            text, size=size, width=width, bold=True, line_height=1.08, max_lines=max_lines
        )

    sizes = [unit * s for s in (0.074, 0.066, 0.058, 0.051, 0.045, 0.04, 0.036)]
    for size in sizes:
        whole = set_at(size)
        line = paragraph("Ag", size=size, width=width, bold=True, line_height=1.08).Height
        if whole.Height <= min(room, 3 * line + 1):
            return whole
    line = paragraph("Ag", size=sizes[-1], width=width, bold=True, line_height=1.08).Height
    return set_at(sizes[-1], max_lines=max(1, min(3, int(room // line))))


def _draw_monogram(canvas: skia.Canvas, title: str, rect: skia.Rect) -> None:
    """The title's first letter, oversized and faint, running off the card's right edge."""
    letter = next((c for c in title if c.isalnum()), "")
    if not letter:
        return
    size = rect.height() * 1.15
    glyph = paragraph(letter.upper(), size=size, width=size * 2, bold=True, color=_white(26))
    glyph.paint(
        canvas,
        rect.right() - glyph.LongestLine * 0.72,
        rect.top() + (rect.height() - glyph.Height) * 0.5 + rect.height() * 0.12,
    )


def card_position(box: Box, progress: float, unit: float) -> tuple[float, float, int]:
    """Top-left of the card image (shadow included) and its alpha for an entrance progress."""
    pad = shadow_pad(unit)
    slide = (1 - progress) * unit * 0.08
    return box.x - pad, box.y - pad + slide, int(round(255 * progress))
