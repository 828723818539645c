"""The scene renderer: one RGBA frame per call from the host's pose and the overlay.

Static parts (the set, the card, label, pills, caption pages) are rendered once and cached by
their content. A frame is the set, the rig, then the overlays blitted over it. Most of the frame
does not change between frames, so the renderer keeps the set with the overlays already on it
(the "static" frame) and per frame redraws only (a) the rig's box: set, rig, then the overlays
clipped to that box, and (b) where an overlay changed (a caption word, the card sliding in):
set and overlays, clipped to the old and new place of what changed. Every pixel goes through
the same blits in the same order as a from-scratch frame, so the output is the same bytes."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from shopcast.avatar.state import AvatarState
from shopcast.scene.background import render_background, render_counter
from shopcast.scene.captions import render_caption
from shopcast.scene.chat import render_chat
from shopcast.scene.label import LABEL_BG, render_label, render_pill
from shopcast.scene.layout import Box, Layout
from shopcast.scene.product_card import (
    card_position,
    entrance,
    picture_layer,
    picture_panel,
    price_alpha,
    push_in_zoom,
    render_card,
    shadow_pad,
)
from shopcast.scene.raster import image_pixels
from shopcast.scene.types import (
    BoundedRigProtocol,
    CaptionState,
    Overlay,
    ProductCard,
    RigProtocol,
    SceneTheme,
    parse_hex_color,
)

__all__ = ["CaptionState", "Overlay", "ProductCard", "SceneRenderer", "SceneTheme"]

# Cached layers are blitted at whole pixels with nearest sampling: a plain copy, no filtering
# (a linear-filtered blit at a fractional offset costs ~10x more).
_PIXEL = skia.SamplingOptions()

_Region = tuple[int, int, int, int]  # left, top, right, bottom in frame pixels


class SceneRenderer:
    """Renders frames of ``layout``'s size. ``language`` picks the CJK face for Han text.

    The array returned by :meth:`render` is a read-only view of the renderer's own buffer: it
    is valid only until the next call (copy it to keep it; ``Mp4Writer.write_frame`` copies).
    The renderer updates that buffer in place, so nothing else may write into it."""

    def __init__(
        self,
        layout: Layout,
        rig: RigProtocol,
        theme: SceneTheme,
        *,
        language: str | None = None,
    ) -> None:
        # read-only (properties below): the set, the counter and the rig's box are cached from
        # them here; a different rig, layout or theme needs a new renderer
        self._layout = layout.with_rig(rig.size, rig.face_box)
        self._rig = rig
        self._theme = theme
        self.language = language
        self._unit = float(min(self.layout.width, self.layout.height))
        self._accent = parse_hex_color(theme.accent)
        self._pixels = np.zeros((self.layout.height, self.layout.width, 4), dtype=np.uint8)
        self._surface = skia.Surface(
            self._pixels, colorType=skia.kRGBA_8888_ColorType, alphaType=skia.kPremul_AlphaType
        )
        self._canvas = self._surface.getCanvas()
        self._frame = self._pixels.view()
        self._frame.flags.writeable = False  # callers read it; the renderer updates it in place
        # The set as an RGBA array: restoring a region of it is a memcpy.
        self._background = image_pixels(
            render_background(theme, self.layout.width, self.layout.height)
        )
        # The set with the overlays on it, and the blits it was made of (None: not made yet).
        self._static = np.zeros_like(self._pixels)
        self._static_surface = skia.Surface(
            self._static, colorType=skia.kRGBA_8888_ColorType, alphaType=skia.kPremul_AlphaType
        )
        self._static_blits: tuple[_Blit | None, ...] | None = None
        self._counter_y, self._counter = self._make_counter()
        self._rig_box = self._rig_region()

    @property
    def layout(self) -> Layout:
        """The layout with the rig placed in it (read-only)."""
        return self._layout

    @property
    def rig(self) -> RigProtocol:
        """The host drawn in each frame (read-only)."""
        return self._rig

    @property
    def theme(self) -> SceneTheme:
        """The set's colours (read-only)."""
        return self._theme

    @property
    def size(self) -> tuple[int, int]:
        return self.layout.width, self.layout.height

    def render(self, state: AvatarState, overlay: Overlay) -> np.ndarray:
        """The frame as an (H, W, 4) uint8 RGBA array (opaque, read-only), valid until the next
        call."""
        blits = self._overlay_blits(overlay)
        self._update_static(blits)
        box = self._rig_box
        canvas = self._canvas
        _copy_region(self._pixels, self._background, box)
        canvas.save()
        canvas.clipRect(_skia_rect(box))
        self._draw_rig(canvas, state)
        for blit in blits:
            if blit is not None and _intersects(blit.rect, box):
                blit.draw(canvas)
        canvas.restore()
        return self._frame

    def render_from_scratch(self, state: AvatarState, overlay: Overlay) -> np.ndarray:
        """The frame drawn the plain way into a new array: the set, the rig, then every
        overlay, nothing kept from earlier frames. :meth:`render` gives the same bytes; this is
        the definition it is tested against."""
        pixels = self._background.copy()
        surface = skia.Surface(
            pixels, colorType=skia.kRGBA_8888_ColorType, alphaType=skia.kPremul_AlphaType
        )
        canvas = surface.getCanvas()
        self._draw_rig(canvas, state)
        for blit in self._overlay_blits(overlay):
            if blit is not None:
                blit.draw(canvas)
        return pixels

    def _overlay_blits(self, overlay: Overlay) -> tuple[_Blit | None, ...]:
        """What is drawn over the host, bottom to top, one slot per kind (None: not shown)."""
        counter = None if self._counter is None else _Blit(self._counter, 0, self._counter_y)
        cards = self._card_blits(overlay) if overlay.card is not None else (None, None, None)
        box = self.layout.label
        label = render_label(
            overlay.ai_label, unit=self._unit, max_width=int(box.w), accent=self._accent
        )
        return (
            counter,
            *self._live_widget_blits(overlay),
            *cards,
            self._caption_blit(overlay.caption),
            _centered_y(label, box),
        )

    def _live_widget_blits(
        self, overlay: Overlay
    ) -> tuple[_Blit | None, _Blit | None, _Blit | None]:
        """Chat, countdown and stock (a live show's widgets)."""
        layout, unit = self.layout, self._unit
        chat = countdown = stock = None
        if overlay.chat_lines:
            box = layout.chat
            image = render_chat(tuple(overlay.chat_lines), int(box.w), int(box.h), unit)
            chat = _Blit(image, round(box.x), round(box.y))
        if overlay.countdown_text:
            image = render_pill(
                overlay.countdown_text,
                unit=unit,
                max_width=int(layout.countdown.w),
                size=unit * 0.032,
                background=self._accent,
                language=self.language,
            )
            countdown = _centered_y(image, layout.countdown)
        if overlay.stock_text:
            image = render_pill(
                overlay.stock_text,
                unit=unit,
                max_width=int(layout.stock.w),
                size=unit * 0.03,
                background=LABEL_BG,
                dot=self._accent,
                language=self.language,
            )
            stock = _centered_y(image, layout.stock)
        return chat, countdown, stock

    def _caption_blit(self, caption: CaptionState | None) -> _Blit | None:
        if caption is None or not caption.words:
            return None
        box = self.layout.caption
        image = render_caption(caption, int(box.w), self._unit, self.language)
        x = round(box.x + (box.w - image.width()) / 2)
        return _Blit(image, x, round(box.bottom - image.height()))

    def _update_static(self, blits: tuple[_Blit | None, ...]) -> None:
        """Bring the static frame (and the frame outside the rig's box) up to ``blits``: redraw
        set + overlays where a blit appeared, moved, faded or went away."""
        full = (0, 0, self.layout.width, self.layout.height)
        if self._static_blits is None:
            dirty = [full]
        else:
            dirty = _changed_regions(self._static_blits, blits, full)
        canvas = self._static_surface.getCanvas()
        for box in dirty:
            _copy_region(self._static, self._background, box)
            canvas.save()
            canvas.clipRect(_skia_rect(box))
            for blit in blits:
                if blit is not None and _intersects(blit.rect, box):
                    blit.draw(canvas)
            canvas.restore()
            _copy_region(self._pixels, self._static, box)
        self._static_blits = blits

    def _make_counter(self) -> tuple[int, skia.Image | None]:
        """A counter in front of the host wherever the host's artwork ends inside the frame."""
        placement = self.layout.placement
        assert placement is not None
        rig_bottom = placement.y + self.rig.size[1] * placement.scale
        overlap = round(0.012 * self.layout.height)  # hides the artwork's last rows
        top = round(rig_bottom) - overlap
        if top >= self.layout.height - 2:
            return self.layout.height, None
        top = max(0, top)
        return top, render_counter(self.theme, self.layout.width, self.layout.height - top)

    def _rig_region(self) -> _Region:
        """The frame pixels the rig can paint: its ``paint_bounds`` placed in the frame, with a
        pixel of margin for resampling; the whole frame for a rig that does not say."""
        full = (0, 0, self.layout.width, self.layout.height)
        placement = self.layout.placement
        assert placement is not None
        if not isinstance(self.rig, BoundedRigProtocol):
            return full
        bounds = self.rig.paint_bounds
        x, y, scale = placement.x, placement.y, placement.scale
        if abs(scale - 1.0) < 0.005:  # drawn 1:1 at whole pixels (see _draw_rig)
            x, y, scale = round(x), round(y), 1.0
        box = (
            math.floor(x + bounds.left() * scale) - 1,
            math.floor(y + bounds.top() * scale) - 1,
            math.ceil(x + bounds.right() * scale) + 1,
            math.ceil(y + bounds.bottom() * scale) + 1,
        )
        return _clip(box, full) or (0, 0, 0, 0)

    def _draw_rig(self, canvas: skia.Canvas, state: AvatarState) -> None:
        placement = self.layout.placement
        assert placement is not None  # set by with_rig in __init__
        if abs(placement.scale - 1.0) < 0.005:  # rig built at its layout height: draw 1:1
            self.rig.draw(canvas, state, round(placement.x), round(placement.y))
            return
        canvas.save()
        canvas.translate(placement.x, placement.y)
        canvas.scale(placement.scale, placement.scale)
        self.rig.draw(canvas, state, 0.0, 0.0)
        canvas.restore()

    def _card_blits(self, overlay: Overlay) -> tuple[_Blit | None, _Blit | None, _Blit | None]:
        """The card, the card with its price fading in over it, and its picture pushing in
        (drawn over the card's own picture): the layout's ``price_reveal`` and ``push_in``."""
        layout, card = self.layout, overlay.card
        assert card is not None
        progress = entrance(overlay.t, overlay.card_since)
        if progress <= 0:
            return None, None, None
        w, h = int(layout.card.w), int(layout.card.h)
        x, y, alpha = card_position(layout.card, progress, self._unit)
        x, y = round(x), round(y)

        def card_image(price: bool) -> skia.Image:
            return render_card(card, w, h, self.theme, self._unit, overlay.pinned, price)

        shown = price_alpha(overlay.t, overlay.card_since, layout.price_reveal)
        base = _Blit(card_image(shown >= 1), x, y, alpha)
        reveal = None
        if 0 < shown < 1:
            reveal = _Blit(card_image(True), x, y, round(alpha * shown))
        picture = None
        if card.image_path is not None and progress >= 1:
            panel = picture_panel(w, h)
            zoom = push_in_zoom(overlay.t, overlay.card_since, layout.push_in, panel)
            if zoom > 1:
                image = picture_layer(card.image_path, *panel, self._unit, zoom)
                pad = shadow_pad(self._unit)
                picture = _Blit(image, x + pad, y + pad)
        return base, reveal, picture


@dataclass(frozen=True, slots=True)
class _Blit:
    """A cached image drawn at whole pixels with nearest sampling, faded by ``alpha`` < 255.
    Two blits match when they draw the very same image object at the same place and alpha:
    the render caches hand back that object while the content is unchanged."""

    image: skia.Image
    x: int
    y: int
    alpha: int = 255

    @property
    def rect(self) -> _Region:
        return (self.x, self.y, self.x + self.image.width(), self.y + self.image.height())

    def same_as(self, other: _Blit) -> bool:
        same_place = self.x == other.x and self.y == other.y and self.alpha == other.alpha
        return self.image is other.image and same_place

    def draw(self, canvas: skia.Canvas) -> None:
        paint = None if self.alpha >= 255 else skia.Paint(Alphaf=self.alpha / 255)
        canvas.drawImage(self.image, self.x, self.y, _PIXEL, paint)


def _centered_y(image: skia.Image, box: Box) -> _Blit:
    return _Blit(image, round(box.x), round(box.y + (box.h - image.height()) / 2))


def _changed_regions(
    old: tuple[_Blit | None, ...], new: tuple[_Blit | None, ...], frame: _Region
) -> list[_Region]:
    """Where the frame differs between two overlay stacks: the old and the new rectangle of
    every slot that changed, clipped to the frame, overlapping ones merged."""
    rects: list[_Region] = []
    for before, after in zip(old, new, strict=True):
        if before is not None and after is not None and before.same_as(after):
            continue
        for blit in (before, after):
            clipped = None if blit is None else _clip(blit.rect, frame)
            if clipped is not None:
                rects.append(clipped)
    return _merge_overlapping(rects)


def _merge_overlapping(rects: list[_Region]) -> list[_Region]:
    """Rectangles that overlap are joined into their bounding box (until none overlap), so no
    pixel is redrawn twice."""
    merged: list[_Region] = []
    for rect in rects:
        overlapping = [other for other in merged if _intersects(rect, other)]
        while overlapping:
            for other in overlapping:
                merged.remove(other)
                rect = _join(rect, other)
            overlapping = [other for other in merged if _intersects(rect, other)]
        merged.append(rect)
    return merged


def _intersects(a: _Region, b: _Region) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _join(a: _Region, b: _Region) -> _Region:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _clip(a: _Region, frame: _Region) -> _Region | None:
    """``a`` cut to ``frame``; None when nothing is left."""
    box = (max(a[0], frame[0]), max(a[1], frame[1]), min(a[2], frame[2]), min(a[3], frame[3]))
    return box if box[0] < box[2] and box[1] < box[3] else None


def _skia_rect(box: _Region) -> skia.Rect:
    return skia.Rect.MakeLTRB(*box)


def _copy_region(target: np.ndarray, source: np.ndarray, box: _Region) -> None:
    """Copy ``box`` (inside both arrays) of ``source`` into ``target``."""
    x0, y0, x1, y1 = box
    np.copyto(target[y0:y1, x0:x1], source[y0:y1, x0:x1])
