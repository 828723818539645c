"""The product card: its static look is rendered once per content and size; per frame it is
blitted, sliding and fading in during its first moments on screen.

A card with a picture is white, the picture filling its left part edge to edge and the words
beside it. A picture with transparency (a cut-out PNG/WebP) is shown whole on a clean studio
sweep with a soft contact shadow; an opaque one is cover-cropped to the panel. While the card is
up the picture can slowly push in (``picture_layer``, drawn over the card) and the price can be
revealed a moment after the entrance (``render_card(..., price=False)`` until then). A card
without one is typographic, never an empty box: the title set large on a colour field drawn
from the theme's accent (deepened until white type on it reads at WCAG AA contrast), the brand
and category as a tracked eyebrow line, the title's first letter as a faint oversized monogram,
and the price at the foot."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import skia
from PIL import Image

from shopcast.errors import InvalidInputError, NotFoundError
from shopcast.scene.background import mix_colors
from shopcast.scene.layout import Box
from shopcast.scene.raster import rgba_surface
from shopcast.scene.text import paragraph
from shopcast.scene.types import ProductCard, SceneTheme, parse_hex_color

ENTER_SECONDS = 0.35  # slide + fade in
PUSH_SECONDS = 8.0  # the picture's slow push-in, after the entrance
PUSH_STEP_PX = 2  # the push-in grows the picture this many pixels at a time
REVEAL_SECONDS = 0.3  # the price fades in over this
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


def picture_panel(width: int, height: int) -> tuple[int, int]:
    """The picture panel's size on a card of ``width`` x ``height``: the card's full height,
    square where the card is wide enough (words keep at least 45% of the width)."""
    return min(height, int(width * 0.55)), height


def push_in_zoom(t: float, since: float | None, amount: float, panel: tuple[int, int]) -> float:
    """The picture's zoom ``t`` seconds into the show for a card shown since ``since``: 1 during
    the entrance, then easing to ``1 + amount`` over ``PUSH_SECONDS``; stepped so the picture
    grows by ``PUSH_STEP_PX`` at a time, a whole pixel on each side (each step is rendered
    once, then blitted: resampling the picture costs several ms, a step every frame would not
    fit the live budget)."""
    if amount <= 0 or since is None:
        return 1.0
    p = min(max((t - since - ENTER_SECONDS) / PUSH_SECONDS, 0.0), 1.0)
    eased = p * p * (3 - 2 * p)
    steps = max(1, round(max(panel) * amount / PUSH_STEP_PX))
    return 1 + amount * round(eased * steps) / steps


def price_alpha(t: float, since: float | None, reveal: float | None) -> float:
    """How much of the price shows (0 to 1): all of it without a reveal time or a start."""
    if reveal is None or since is None:
        return 1.0
    return min(max((t - since - ENTER_SECONDS - reveal) / REVEAL_SECONDS, 0.0), 1.0)


@lru_cache(maxsize=8)
def picture_layer(path: Path, width: int, height: int, unit: float, zoom: float) -> skia.Image:
    """The picture panel (``width`` x ``height``, left corners rounded like the card's) at
    ``zoom``: drawn over the card by the scene while the picture pushes in."""
    surface = rgba_surface(width, height)
    canvas = surface.getCanvas()
    canvas.clear(skia.ColorTRANSPARENT)
    _draw_picture(canvas, path, skia.Rect.MakeWH(width, height), unit * 0.03, zoom)
    return surface.makeImageSnapshot()


@lru_cache(maxsize=16)
def render_card(
    card: ProductCard,
    width: int,
    height: int,
    theme: SceneTheme,
    unit: float,
    pinned: bool,
    price: bool = True,
) -> skia.Image:
    """The card (with its soft shadow) as an image ``shadow_pad`` larger on every side;
    ``price=False`` leaves the price (and the compare-at price) out, for the reveal."""
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
        _draw_type_card(canvas, card, body, theme, unit, pinned, price)
        return surface.makeImageSnapshot()
    canvas.drawRRect(body, skia.Paint(Color=skia.ColorWHITE, AntiAlias=True))

    inset = unit * 0.03
    panel_w, panel_h = picture_panel(width, height)
    canvas.save()
    canvas.translate(pad, pad)
    _draw_picture(canvas, card.image_path, skia.Rect.MakeWH(panel_w, panel_h), radius, 1.0)
    canvas.restore()
    text_x = pad + panel_w + inset * 1.2
    text_w = width - (text_x - pad) - inset
    y = pad + inset * 1.2

    if card.badge:
        badge = paragraph(card.badge.upper(), size=unit * 0.024, width=text_w, bold=True)
        bw, bh = badge.LongestLine + unit * 0.03, badge.Height + unit * 0.008
        canvas.drawRRect(
            skia.RRect.MakeRectXY(skia.Rect.MakeXYWH(text_x, y, bw, bh), bh / 2, bh / 2),
            skia.Paint(Color=accent, AntiAlias=True),
        )
        badge.paint(canvas, text_x + unit * 0.015, y + unit * 0.004)
        y += bh + unit * 0.012
    title_size = unit * min(0.046, max(0.034, 0.085 * height / unit))
    title = paragraph(card.title, size=title_size, width=text_w, color=INK, bold=True, max_lines=2)
    title.paint(canvas, text_x, y)
    y += title.Height
    if card.subtitle:
        sub = paragraph(card.subtitle, size=unit * 0.026, width=text_w, color=MUTED, max_lines=1)
        sub.paint(canvas, text_x, y)
        y += sub.Height
    price_size = unit * min(0.065, max(0.05, 0.14 * height / unit))  # larger on a larger card
    price_para = paragraph(
        card.price_text,
        size=price_size,
        width=text_w,
        bold=True,
        color=mix_colors(accent, INK, 0.35),
    )
    price_y = max(y, pad + height - inset * 1.2 - price_para.Height)
    if price:
        price_para.paint(canvas, text_x, price_y)
    if card.compare_at_text and price:
        was = paragraph(card.compare_at_text, size=unit * 0.032, width=text_w, color=MUTED)
        wx = text_x + price_para.LongestLine + unit * 0.02
        wy = price_y + price_para.Height - was.Height - unit * 0.006
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


@lru_cache(maxsize=16)
def _load_picture(path: Path) -> tuple[skia.Image, bool]:
    """The decoded picture and whether it is a cut-out (has transparent pixels)."""
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
    with Image.open(path) as pil:
        cut_out = False
        if pil.mode in {"RGBA", "LA", "PA"} or "transparency" in pil.info:
            alpha = pil.convert("RGBA").getchannel("A")
            cut_out = alpha.getextrema()[0] < 250
    return image, cut_out


def _draw_picture(
    canvas: skia.Canvas, path: Path, panel: skia.Rect, radius: float, zoom: float
) -> None:
    """The picture filling ``panel`` (left corners rounded by ``radius``), scaled by ``zoom``
    about its centre: a cut-out whole on a clean sweep with a contact shadow, an opaque picture
    cover-cropped."""
    image, cut_out = _load_picture(Path(path))
    corner = skia.Point(radius, radius)
    shape = skia.RRect()
    shape.setRectRadii(panel, [corner, skia.Point(0, 0), skia.Point(0, 0), corner])
    canvas.save()
    canvas.clipRRect(shape, doAntiAlias=True)
    w, h = panel.width(), panel.height()
    cx, cy = panel.centerX(), panel.centerY()
    sampling = skia.SamplingOptions(skia.FilterMode.kLinear, skia.MipmapMode.kLinear)
    if cut_out:
        canvas.drawRect(
            panel,
            skia.Paint(
                Shader=skia.GradientShader.MakeRadial(
                    skia.Point(cx, cy - h * 0.1),
                    max(w, h) * 0.75,
                    [skia.Color(255, 255, 255), skia.Color(236, 233, 238)],
                ),
                Dither=True,
            ),
        )
        fit = min(w * 0.78 / image.width(), h * 0.8 / image.height()) * zoom
        dw, dh = image.width() * fit, image.height() * fit
        top = cy - dh / 2 + h * 0.02
        shadow = skia.Rect.MakeXYWH(cx - dw * 0.45, top + dh - h * 0.025, dw * 0.9, h * 0.05)
        canvas.drawOval(
            shadow,
            skia.Paint(
                Color=skia.Color(40, 30, 50, 60),
                MaskFilter=skia.MaskFilter.MakeBlur(skia.kNormal_BlurStyle, h * 0.015),
                AntiAlias=True,
            ),
        )
        dst = skia.Rect.MakeXYWH(cx - dw / 2, top, dw, dh)
        canvas.drawImageRect(image, dst, sampling)
    else:
        cover = max(w / image.width(), h / image.height()) * zoom
        dw, dh = image.width() * cover, image.height() * cover
        dst = skia.Rect.MakeXYWH(cx - dw / 2, cy - dh / 2, dw, dh)
        canvas.drawImageRect(image, dst, sampling)
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
    show_price: bool = True,
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
    if show_price:
        price.paint(canvas, x, price_y)
    if card.compare_at_text and show_price:
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
