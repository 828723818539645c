"""The scene renderer: one RGBA frame per call from the host's pose and the overlay.

Static parts (the set, the card, label, pills, caption pages) are rendered once and cached by
their content; a frame blits the set, draws the rig, then blits the overlays. Only the rig is
redrawn from vectors each frame, so the scene itself stays within a few milliseconds."""

from __future__ import annotations

import numpy as np
import skia

from shopcast.avatar.state import AvatarState
from shopcast.scene.background import render_background, render_counter
from shopcast.scene.captions import render_caption
from shopcast.scene.chat import render_chat
from shopcast.scene.label import LABEL_BG, render_label, render_pill
from shopcast.scene.layout import Box, Layout
from shopcast.scene.product_card import card_position, entrance, render_card
from shopcast.scene.raster import image_pixels
from shopcast.scene.types import (
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


class SceneRenderer:
    """Renders frames of ``layout``'s size. ``language`` picks the CJK face for Han text.

    The array returned by :meth:`render` is the renderer's own buffer: it is valid only until
    the next call (copy it to keep it; ``Mp4Writer.write_frame`` copies)."""

    def __init__(
        self,
        layout: Layout,
        rig: RigProtocol,
        theme: SceneTheme,
        *,
        language: str | None = None,
    ) -> None:
        self.layout = layout.with_rig(rig.size, rig.face_box)
        self.rig = rig
        self.theme = theme
        self.language = language
        self._unit = float(min(self.layout.width, self.layout.height))
        self._accent = parse_hex_color(theme.accent)
        self._pixels = np.zeros((self.layout.height, self.layout.width, 4), dtype=np.uint8)
        self._surface = skia.Surface(
            self._pixels, colorType=skia.kRGBA_8888_ColorType, alphaType=skia.kPremul_AlphaType
        )
        self._canvas = self._surface.getCanvas()
        # The set as an RGBA array: restoring it is one memcpy per frame.
        self._background = image_pixels(
            render_background(theme, self.layout.width, self.layout.height)
        )
        self._counter_y, self._counter = self._make_counter()

    @property
    def size(self) -> tuple[int, int]:
        return self.layout.width, self.layout.height

    def render(self, state: AvatarState, overlay: Overlay) -> np.ndarray:
        """The frame as an (H, W, 4) uint8 RGBA array (opaque), valid until the next call."""
        canvas = self._canvas
        np.copyto(self._pixels, self._background)
        self._draw_rig(canvas, state)
        if self._counter is not None:
            canvas.drawImage(self._counter, 0, self._counter_y)
        self._draw_live_widgets(canvas, overlay)
        if overlay.card is not None:
            self._draw_card(canvas, overlay)
        if overlay.caption is not None and overlay.caption.words:
            box = self.layout.caption
            image = render_caption(overlay.caption, int(box.w), self._unit, self.language)
            canvas.drawImage(
                image,
                round(box.x + (box.w - image.width()) / 2),
                round(box.bottom - image.height()),
            )
        self._draw_label(canvas, overlay.ai_label)
        return self._pixels

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

    def _draw_card(self, canvas: skia.Canvas, overlay: Overlay) -> None:
        box = self.layout.card
        assert overlay.card is not None
        image = render_card(
            overlay.card, int(box.w), int(box.h), self.theme, self._unit, overlay.pinned
        )
        progress = entrance(overlay.t, overlay.card_since)
        if progress <= 0:
            return
        x, y, alpha = card_position(box, progress, self._unit)
        paint = None if alpha >= 255 else skia.Paint(Alphaf=alpha / 255)
        canvas.drawImage(image, round(x), round(y), _PIXEL, paint)

    def _draw_live_widgets(self, canvas: skia.Canvas, overlay: Overlay) -> None:
        layout, unit = self.layout, self._unit
        if overlay.chat_lines:
            box = layout.chat
            image = render_chat(tuple(overlay.chat_lines), int(box.w), int(box.h), unit)
            canvas.drawImage(image, round(box.x), round(box.y))
        if overlay.countdown_text:
            image = render_pill(
                overlay.countdown_text,
                unit=unit,
                max_width=int(layout.countdown.w),
                size=unit * 0.032,
                background=self._accent,
                language=self.language,
            )
            _blit_centered_y(canvas, image, layout.countdown)
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
            _blit_centered_y(canvas, image, layout.stock)

    def _draw_label(self, canvas: skia.Canvas, text: str) -> None:
        box = self.layout.label
        image = render_label(text, unit=self._unit, max_width=int(box.w), accent=self._accent)
        _blit_centered_y(canvas, image, box)


def _blit_centered_y(canvas: skia.Canvas, image: skia.Image, box: Box) -> None:
    canvas.drawImage(image, round(box.x), round(box.y + (box.h - image.height()) / 2))
