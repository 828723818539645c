"""The scene's vocabulary: the rig interface it draws, the theme, and what overlays a frame."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable

import skia

from shopcast.avatar.state import AvatarState
from shopcast.errors import InvalidInputError

_HEX = re.compile(r"^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")


@runtime_checkable
class RigProtocol(Protocol):
    """What the scene needs from an avatar rig (``shopcast.avatar.rig.AvatarRig`` implements it).

    ``draw`` paints the host at its native ``size`` with its top-left corner at (x, y) of the
    canvas' current coordinates; the scene scales the canvas to place it."""

    @property
    def size(self) -> tuple[int, int]: ...

    @property
    def face_box(self) -> skia.Rect: ...

    def draw(self, canvas: skia.Canvas, state: AvatarState, x: float, y: float) -> None: ...


@runtime_checkable
class BoundedRigProtocol(RigProtocol, Protocol):
    """A rig that says where it paints. The scene then redraws only that part of the frame
    under the rig each frame (everything else is kept from the last frame); a rig without
    ``paint_bounds`` may paint anywhere, so the scene redraws the whole frame under it."""

    @property
    def paint_bounds(self) -> skia.Rect:
        """A rectangle in rig coordinates (as ``draw`` gets them at (0, 0)) holding every
        pixel ``draw`` can paint, in every state."""
        ...


def parse_hex_color(value: str) -> int:
    """``"#RRGGBB"`` or ``"#RRGGBBAA"`` → a skia colour (ARGB int)."""
    match = _HEX.match(value.strip())
    if not match:
        raise InvalidInputError(
            f"Colour {value!r} is not a hex colour.", hint='Use "#RRGGBB", e.g. "#F4B6C2".'
        )
    digits = match.group(1)
    r, g, b = int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)
    a = int(digits[6:8], 16) if len(digits) == 8 else 255
    return skia.Color(r, g, b, a)


@dataclass(frozen=True, slots=True)
class SceneTheme:
    """Colours of a look's set (an avatar pack provides them): background gradient and accent."""

    top: str
    bottom: str
    accent: str

    def __post_init__(self) -> None:
        for value in (self.top, self.bottom, self.accent):
            parse_hex_color(value)  # fail at construction, not mid-render

    @classmethod
    def from_mapping(cls, colours: dict[str, str]) -> SceneTheme:
        """From an avatar pack's ``background: {top, bottom, accent}``."""
        missing = [k for k in ("top", "bottom", "accent") if k not in colours]
        if missing:
            raise InvalidInputError(f"Scene theme lacks colour(s): {', '.join(missing)}.")
        return cls(colours["top"], colours["bottom"], colours["accent"])


@dataclass(frozen=True, slots=True)
class ProductCard:
    """What the product card shows. Every text comes from the catalog, already formatted.
    Without ``image_path`` the card is typographic: title, ``subtitle`` (the brand) and
    ``category`` set on a colour field drawn from the theme."""

    title: str
    price_text: str
    compare_at_text: str | None = None
    image_path: Path | None = None
    badge: str | None = None
    subtitle: str | None = None
    category: str | None = None

    def __post_init__(self) -> None:
        if not self.title.strip() or not self.price_text.strip():
            raise InvalidInputError("A product card needs a title and a price text.")


@dataclass(frozen=True, slots=True)
class CaptionState:
    """The caption page on screen: its words and which one is being spoken (None: none yet)."""

    words: tuple[str, ...]
    active: int | None
    separator: str = " "
    page_index: int = 0


@dataclass(slots=True)
class Overlay:
    """Everything drawn over the host on one frame.

    ``t`` is the frame's time in seconds; ``card_since`` the time the current card appeared (the
    card slides and fades in from then). ``ai_label`` is mandatory and drawn on every frame."""

    ai_label: str
    t: float = 0.0
    card: ProductCard | None = None
    card_since: float | None = None
    caption: CaptionState | None = None
    countdown_text: str | None = None
    stock_text: str | None = None
    chat_lines: list[str] = field(default_factory=list)
    pinned: bool = False

    def __post_init__(self) -> None:
        if not self.ai_label or not self.ai_label.strip():
            raise InvalidInputError(
                "The AI-generated label is empty; every frame must carry it.",
                hint='Pass the market\'s disclosure text, e.g. "AI-generated host".',
            )
