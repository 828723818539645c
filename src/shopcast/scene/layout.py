"""Where things go on a frame: host, product card, captions, AI label and live widgets.

A layout is data: one :class:`Layout` per aspect ratio with named regions (docs/sets.md).
Rules: in 16:9 the host stands on one side and the product card, large, fills the other, with
the captions under it (never over the host's face or the product); in 9:16 the host's head sits
in the upper part and the product card, below it, has room for a slow push-in and a price
reveal. Every overlay that must be read (AI label, card, captions, countdown, stock) lies inside
the aspect's ``safe`` area: clear of the TikTok/Reels buttons and captions in 9:16 (figures in
``SAFE_9_16``), the broadcast graphics-safe area in 16:9. No overlay covers the face.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace

import skia

from shopcast.errors import InvalidInputError
from shopcast.scene.captions import CAPTION_FONT, MAX_CHARS, default_max_chars
from shopcast.scene.fonts import script_of

ASPECTS: dict[str, tuple[int, int]] = {"9:16": (1080, 1920), "16:9": (1920, 1080)}


@dataclass(frozen=True, slots=True)
class Margins:
    """Shares of the frame a platform's own interface covers on each side."""

    top: float
    bottom: float
    left: float
    right: float

    def union(self, other: Margins) -> Margins:
        """The larger margin on every side (what is safe on both platforms)."""
        return Margins(
            max(self.top, other.top),
            max(self.bottom, other.bottom),
            max(self.left, other.left),
            max(self.right, other.right),
        )


# Published safe-zone figures at 1080x1920 (sources in docs/sets.md): TikTok covers about the
# top 250 px (profile/search/tabs), the bottom 420 px (caption, sound, CTA, progress) and the
# right 170 px (like/comment/share rail); Instagram/Facebook Reels the top 14%, the sides 6%.
# Meta's Reels *ads* guidance also keeps the bottom 35% free; the organic feed's caption band
# is TikTok's 22% (see docs/sets.md for why the layout targets that one).
TIKTOK_9_16 = Margins(top=250 / 1920, bottom=420 / 1920, left=0.0, right=170 / 1080)
REELS_9_16 = Margins(top=0.14, bottom=420 / 1920, left=0.06, right=0.06)
SAFE_9_16 = TIKTOK_9_16.union(REELS_9_16)
# 16:9 (YouTube, web player, TV): no buttons over the picture; the broadcast graphics-safe area
# (SMPTE ST 2046-1 / EBU R 95: 90% of width and height) keeps text off the edges.
SAFE_16_9 = Margins(top=0.05, bottom=0.05, left=0.05, right=0.05)


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned rectangle in frame pixels."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def intersects(self, other: Box) -> bool:
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.bottom
            and other.y < self.bottom
        )

    def scaled(self, factor: float) -> Box:
        return Box(self.x * factor, self.y * factor, self.w * factor, self.h * factor)

    def to_skia(self) -> skia.Rect:
        return skia.Rect.MakeXYWH(self.x, self.y, self.w, self.h)

    @classmethod
    def from_skia(cls, rect: skia.Rect) -> Box:
        return cls(rect.left(), rect.top(), rect.width(), rect.height())


@dataclass(frozen=True, slots=True)
class RigPlacement:
    """Draw the rig scaled by ``scale`` with its top-left corner at (x, y)."""

    x: float
    y: float
    scale: float


@dataclass(frozen=True, slots=True)
class Layout:
    aspect: str
    width: int
    height: int
    host: Box  # region the host is fitted into (top-centre anchored)
    card: Box
    caption: Box
    label: Box
    countdown: Box
    stock: Box
    chat: Box
    safe: Box  # where text must stay: clear of the platforms' buttons and captions
    push_in: float = 0.0  # how much the product picture grows while the card is up (0: still)
    price_reveal: float | None = None  # seconds after the card's entrance the price appears
    placement: RigPlacement | None = None  # set once a rig is known
    face: Box | None = None  # the rig's face box in frame pixels

    @property
    def ui_scale(self) -> float:
        """Text and corner sizes scale with this (1.0 at 1080 px on the short side)."""
        return min(self.width, self.height) / 1080

    @property
    def host_height(self) -> int:
        """A good height to build a rig at before its size is known (then prefer
        :meth:`rig_height` with the rig's size and face box for an exact 1:1 placement)."""
        share = 0.426 if self.aspect == "9:16" else 0.815
        return round(self.height * share)

    def caption_max_chars(self, separator: str, language: str | None = None) -> int:
        """Characters per caption page: the script's readable length (see
        ``captions.default_max_chars``), capped by what two lines of the caption box hold.
        Without a language, ``separator`` "" means CJK, anything else a Latin-like script."""
        if language:
            cap, script = default_max_chars(language), script_of("", language)
        else:
            script = "latin" if separator else "ja"
            cap = MAX_CHARS[script]
        font = min(self.width, self.height) * CAPTION_FONT
        per_char = font * (0.55 if script in {"latin", "hi"} else 1.0)
        capacity = int(2 * self.caption.w * 0.92 / per_char)
        return max(4, min(cap, capacity))

    @property
    def overlay_boxes(self) -> dict[str, Box]:
        names = ("card", "caption", "label", "countdown", "stock", "chat")
        return {name: getattr(self, name) for name in names}

    @property
    def must_read(self) -> tuple[str, ...]:
        """The overlays that must lie inside ``safe``: all but the live chat, which in 9:16
        sits in the bottom band where the platform shows its own comments (docs/sets.md)."""
        return ("card", "caption", "label", "countdown", "stock")

    @property
    def frame(self) -> Box:
        return Box(0, 0, self.width, self.height)

    def contains(self, outer: Box, inner: Box, slack: float = 0.5) -> bool:
        """Whether ``inner`` lies inside ``outer`` (``slack`` pixels for rounding)."""
        return (
            inner.x >= outer.x - slack
            and inner.y >= outer.y - slack
            and inner.right <= outer.right + slack
            and inner.bottom <= outer.bottom + slack
        )

    @classmethod
    def for_aspect(
        cls,
        aspect: str,
        rig_size: tuple[int, int] | None = None,
        *,
        face_box: skia.Rect | Box | None = None,
        host_side: str = "left",
    ) -> Layout:
        """The layout for ``"9:16"`` (1080x1920) or ``"16:9"`` (1920x1080); with ``rig_size``
        (and ``face_box`` in rig coordinates) the host is placed so no overlay covers the face.
        ``host_side`` ("left"/"right", 16:9 only) puts the host on that side, the card opposite
        (an avatar pack's ``card_side`` says which suits its pose)."""
        if aspect not in ASPECTS:
            raise InvalidInputError(
                f"Unsupported aspect {aspect!r}.",
                hint=f"Use one of: {', '.join(repr(a) for a in ASPECTS)}.",
            )
        if host_side not in {"left", "right"}:
            raise InvalidInputError(f"host_side must be 'left' or 'right', not {host_side!r}.")
        layout = _portrait() if aspect == "9:16" else _landscape()
        if aspect == "16:9" and host_side == "right":
            layout = layout.mirrored()
        return layout.with_rig(rig_size, face_box) if rig_size is not None else layout

    def with_rig(
        self, rig_size: tuple[int, int], face_box: skia.Rect | Box | None = None
    ) -> Layout:
        """Place a rig of ``rig_size`` in the host region: as large as fits, shrunk until its
        face clears every overlay box."""
        rig_w, rig_h = rig_size
        if rig_w <= 0 or rig_h <= 0:
            raise InvalidInputError(f"Rig size {rig_size} must be positive.")
        face = Box.from_skia(face_box) if isinstance(face_box, skia.Rect) else face_box
        if face is not None and not (
            face.w > 0
            and face.h > 0
            and face.x >= 0
            and face.y >= 0
            and face.right <= rig_w
            and face.bottom <= rig_h
        ):
            raise InvalidInputError(
                f"The rig's face box {face} is not inside its size {rig_size}.",
                hint="face_box is in rig coordinates: (0, 0) is the rig's top-left corner.",
            )
        scale = min(self.host.w / rig_w, self.host.h / rig_h)
        if self.aspect == "9:16":  # head and shoulders: fit the width, let the body run off-frame
            scale = self.host.w / rig_w

        def placed(scale: float) -> tuple[RigPlacement, Box | None]:
            placement = RigPlacement(
                self.host.x + (self.host.w - rig_w * scale) / 2, self.host.y, scale
            )
            return placement, _transform(face, placement) if face is not None else None

        def clear(scale: float) -> bool:
            face_in_frame = placed(scale)[1]
            return face_in_frame is None or not any(
                face_in_frame.intersects(box) for box in self.overlay_boxes.values()
            )

        if not clear(scale):  # top-anchored: shrinking moves the face up, away from overlays
            low, high = 0.0, scale
            for _ in range(40):
                middle = (low + high) / 2
                low, high = (middle, high) if clear(middle) else (low, middle)
            scale = low
        if 1.0 <= scale < 1.005 and clear(1.0):
            scale = 1.0  # a rig built at rig_height() is drawn 1:1, without resampling
        if scale * min(rig_w, rig_h) >= 8:
            placement, face_in_frame = placed(scale)
            return replace(self, placement=placement, face=face_in_frame)
        raise InvalidInputError(
            f"Cannot place a rig of size {rig_size} with face box {face} in a {self.aspect} "
            "frame without covering its face.",
            hint="Check the rig's face_box: it must lie inside the rig's size.",
        )

    def rig_height(self, rig_size: tuple[int, int], face_box: skia.Rect | Box | None = None) -> int:
        """The height to rasterise a rig at so it is drawn 1:1 (no resampling) in this layout:
        build the rig once, ask this, rebuild it at that height."""
        placement = self.with_rig(rig_size, face_box).placement
        assert placement is not None
        return max(1, math.floor(rig_size[1] * placement.scale))  # down: the face stays clear

    def mirrored(self) -> Layout:
        """Left and right swapped (host on the other side)."""
        changes: dict[str, object] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, Box):
                changes[f.name] = Box(self.width - value.right, value.y, value.w, value.h)
        # The label stays top-left: people look for it there. The countdown and stock keep the
        # top row's other end (above the host's head then, clear of the label).
        for name in ("label", "countdown", "stock"):
            changes[name] = getattr(self, name)
        return replace(self, placement=None, face=None, **changes)  # type: ignore[arg-type]

    def scaled(self, factor: float) -> Layout:
        """The same layout at another resolution, e.g. ``scaled(2 / 3)`` → 720x1280 for live.
        Width and height are rounded to even numbers (yuv420p needs them even)."""
        if not 0.05 <= factor <= 4:
            raise InvalidInputError(f"Layout scale {factor} is out of range (0.05..4).")
        changes: dict[str, object] = {
            "width": _even(self.width * factor),
            "height": _even(self.height * factor),
        }
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, Box):
                changes[f.name] = value.scaled(factor)
        if self.placement is not None:
            p = self.placement
            changes["placement"] = RigPlacement(p.x * factor, p.y * factor, p.scale * factor)
        return replace(self, **changes)  # type: ignore[arg-type]

    def scaled_to_width(self, width: int) -> Layout:
        return self.scaled(width / self.width)


def _even(value: float) -> int:
    return max(2, int(round(value / 2)) * 2)


def _transform(face: Box, p: RigPlacement) -> Box:
    return Box(p.x + face.x * p.scale, p.y + face.y * p.scale, face.w * p.scale, face.h * p.scale)


def _safe_box(w: int, h: int, margins: Margins) -> Box:
    return Box(
        margins.left * w,
        margins.top * h,
        (1 - margins.left - margins.right) * w,
        (1 - margins.top - margins.bottom) * h,
    )


def _portrait() -> Layout:
    """9:16, top to bottom inside the safe area: the label, then countdown and stock either
    side of the host's head; the head (centred, its body running behind the card); the product
    card; the captions. The live chat sits under the safe area, where the platform shows its
    own comments."""
    w, h = ASPECTS["9:16"]
    safe = _safe_box(w, h, SAFE_9_16)
    x, usable_w = safe.x, safe.w
    row = Box(x, safe.y + 0.003 * h, usable_w, 0.034 * h)
    row2 = Box(x, row.bottom + 0.006 * h, usable_w, 0.034 * h)
    caption = Box(x, safe.bottom - 0.006 * h - 0.104 * h, usable_w, 0.104 * h)
    card = Box(x, 0.452 * h, usable_w, caption.y - 0.01 * h - 0.452 * h)
    host_w = 0.66 * w
    return Layout(
        aspect="9:16",
        width=w,
        height=h,
        host=Box((w - host_w) / 2, 0.18 * h, host_w, 0.75 * h),
        card=card,
        caption=caption,
        label=Box(x, row.y, usable_w * 0.6, row.h),
        # either side of the head (a head that is too wide is shrunk towards the centre)
        countdown=Box(x, row2.y, 0.34 * w - x, row2.h),
        stock=Box(0.64 * w, row2.y, safe.right - 0.64 * w, row2.h),
        chat=Box(x, safe.bottom + 0.008 * h, usable_w * 0.75, 0.11 * h),
        safe=safe,
        push_in=0.06,
        price_reveal=0.9,
    )


def _landscape() -> Layout:
    """16:9: the host on the left, on the right a column of the product card (large), the
    captions under it and the chat; label top-left, countdown and stock over the card."""
    w, h = ASPECTS["16:9"]
    safe = _safe_box(w, h, SAFE_16_9)
    column_x = 0.43 * w
    column_w = safe.right - column_x
    row = Box(column_x, safe.y, column_w, 0.06 * h)
    return Layout(
        aspect="16:9",
        width=w,
        height=h,
        host=Box(0.02 * w, 0.12 * h, 0.40 * w, h),
        card=Box(column_x, 0.13 * h, column_w, 0.52 * h),
        caption=Box(column_x, 0.68 * h, column_w, 0.12 * h),
        label=Box(safe.x, safe.y, 0.25 * w, 0.06 * h),
        countdown=Box(column_x, row.y, column_w * 0.48, row.h),
        stock=Box(column_x + column_w * 0.52, row.y, column_w * 0.48, row.h),
        chat=Box(column_x, 0.82 * h, column_w, safe.bottom - 0.82 * h),
        safe=safe,
        push_in=0.0,
        price_reveal=None,
    )
