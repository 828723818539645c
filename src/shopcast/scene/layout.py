"""Where things go on a frame: host, product card, captions, AI label and live widgets.

Rules (docs/host-craft.md): in 9:16 the host's head and shoulders fill the upper half; in 16:9
the host stands on the left. The product card (and every other overlay) never covers the face;
captions sit above the bottom safe area (the bottom ~12%) and clear of the platform buttons on
the right edge; the AI label sits in the top area on every frame.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace

import skia

from shopcast.errors import InvalidInputError
from shopcast.scene.captions import CAPTION_FONT, MAX_CHARS, default_max_chars
from shopcast.scene.fonts import script_of

ASPECTS: dict[str, tuple[int, int]] = {"9:16": (1080, 1920), "16:9": (1920, 1080)}
BOTTOM_SAFE = 0.12  # share of the height kept clear at the bottom (platform captions, buttons)
RIGHT_UI_9_16 = 0.14  # share of the width kept clear on the right of 9:16 (like/share buttons)


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
        share = 0.52 if self.aspect == "9:16" else 0.89
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
        # The label stays top-left: people look for it there.
        changes["label"] = self.label
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


def _portrait() -> Layout:
    w, h = ASPECTS["9:16"]
    m = 0.04 * w
    usable_w = w * (1 - RIGHT_UI_9_16) - m
    caption_bottom = h * (1 - BOTTOM_SAFE) - 0.005 * h
    caption = Box(m, caption_bottom - 0.105 * h, usable_w, 0.105 * h)
    card = Box(m, caption.y - 0.012 * h - 0.19 * h, usable_w, 0.19 * h)
    row_y = card.y - 0.01 * h - 0.036 * h
    countdown = Box(m, row_y, usable_w * 0.48, 0.036 * h)
    stock = Box(m + usable_w * 0.52, row_y, usable_w * 0.48, 0.036 * h)
    chat = Box(m, row_y - 0.01 * h - 0.11 * h, usable_w * 0.75, 0.11 * h)
    return Layout(
        aspect="9:16",
        width=w,
        height=h,
        host=Box(0.02 * w, 0.075 * h, 0.96 * w, 0.55 * h),
        card=card,
        caption=caption,
        label=Box(m, 0.025 * h, 0.5 * w, 0.034 * h),
        countdown=countdown,
        stock=stock,
        chat=chat,
    )


def _landscape() -> Layout:
    w, h = ASPECTS["16:9"]
    right = 0.52 * w
    side_w = 0.40 * w
    return Layout(
        aspect="16:9",
        width=w,
        height=h,
        host=Box(0.02 * w, 0.11 * h, 0.46 * w, 0.89 * h),
        card=Box(right, 0.11 * h, side_w, 0.40 * h),
        caption=Box(0.08 * w, 0.74 * h, 0.74 * w, 0.125 * h),
        label=Box(0.025 * w, 0.03 * h, 0.3 * w, 0.06 * h),
        countdown=Box(right, 0.53 * h, side_w * 0.48, 0.06 * h),
        stock=Box(right + side_w * 0.52, 0.53 * h, side_w * 0.48, 0.06 * h),
        chat=Box(right, 0.61 * h, side_w, 0.11 * h),
    )
