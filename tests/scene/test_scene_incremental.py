"""The renderer keeps the set with the overlays on it between frames and redraws only the rig's
box and what changed. These tests pin that: every frame of a sequence in which the card slides
in, caption words and pages advance, live widgets come and go and the host moves is the same
bytes as that frame drawn the plain way (set, rig, overlays) and as a new renderer's."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import skia
from PIL import Image

from shopcast.avatar.pack import load_pack
from shopcast.avatar.rig import AvatarRig
from shopcast.avatar.state import AvatarState, Gesture, MouthShape
from shopcast.scene.compositor import SceneRenderer
from shopcast.scene.layout import Layout
from shopcast.scene.placeholder_rig import PlaceholderRig
from shopcast.scene.product_card import ENTER_SECONDS
from shopcast.scene.types import (
    BoundedRigProtocol,
    CaptionState,
    Overlay,
    ProductCard,
    RigProtocol,
    SceneTheme,
)

THEME = SceneTheme(top="#F8D7E3", bottom="#B98BC9", accent="#E8457A")
LABEL = "AI-generated host"
WORDS = ("Only", "twelve", "left", "today")


class WholeFrameRig:
    """Paints a band across the whole frame width (beyond its own box) and says nothing about
    where it paints: the scene must redraw the whole frame under it."""

    def __init__(self, frame_width: int) -> None:
        self.host = PlaceholderRig()
        self.frame_width = frame_width

    @property
    def size(self) -> tuple[int, int]:
        return self.host.size

    @property
    def face_box(self) -> skia.Rect:
        return self.host.face_box

    def draw(self, canvas: skia.Canvas, state: AvatarState, x: float, y: float) -> None:
        band_y = 300 + 200 * state.breath
        canvas.drawRect(
            skia.Rect.MakeXYWH(-x - 500, band_y, self.frame_width * 3, 40),
            skia.Paint(Color=skia.Color(30, 160, 90, 200), AntiAlias=True),
        )
        self.host.draw(canvas, state, x, y)


@pytest.fixture(scope="module")
def product_image(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pixels = np.zeros((200, 260, 3), np.uint8)
    pixels[..., 1] = 180
    path = tmp_path_factory.mktemp("card") / "serum.png"
    Image.fromarray(pixels).save(path)
    return path


def host_states() -> list[AvatarState]:
    """A host that breathes, tilts, talks and gestures."""
    states = []
    for i in range(22):
        states.append(
            AvatarState(
                mouth=MouthShape(open=(i % 4) / 4, width=0.5),
                blink=1.0 if i % 9 == 0 else 0.0,
                breath=(i % 7) / 6,
                head_roll=(i % 5 - 2) * 1.3,
                head_yaw=(i % 3 - 1) * 0.4,
                gesture=Gesture.WAVE if 6 <= i < 14 else Gesture.NONE,
                gesture_amount=min(1.0, abs(i - 10) / 4),
            )
        )
    return states


def overlays(image: Path) -> list[Overlay]:
    """No card, the card sliding in and settling, caption words and pages, live widgets that
    appear, change and go, then the card taken away."""
    card = ProductCard("Glow Serum 30 ml", "$24.00", "$32.00", image, "Deal", "Hydrating")
    out = []
    for i in range(22):
        t = 1.0 + i * ENTER_SECONDS / 6
        caption = None
        if 2 <= i < 18:
            page = (i - 2) // 8
            words = WORDS if page == 0 else ("Tap", "the", "card")
            caption = CaptionState(words, (i - 2) % 8 % len(words) or None, page_index=page)
        out.append(
            Overlay(
                ai_label=LABEL,
                t=t,
                card=card if 3 <= i < 20 else None,
                card_since=1.0 + 3 * ENTER_SECONDS / 6 if 3 <= i < 20 else None,
                caption=caption,
                countdown_text=f"Ends in 04:{59 - i // 3:02d}" if 8 <= i < 16 else None,
                stock_text="12 left" if 10 <= i < 13 else None,
                chat_lines=["mina: is it vegan?", f"joe: {i}"][: (i // 5) % 3],
                pinned=i >= 12,
            )
        )
    return out


def make_rig(kind: str, layout: Layout) -> RigProtocol:
    if kind == "avatar":
        pack = load_pack("seoul-glow")
        return AvatarRig(pack, None, layout.host_height)
    if kind == "placeholder":
        return PlaceholderRig()
    return WholeFrameRig(layout.width)


@pytest.mark.parametrize("kind", ["avatar", "placeholder", "whole-frame"])
def test_every_frame_equals_a_render_from_scratch(kind: str, product_image: Path) -> None:
    layout = Layout.for_aspect("9:16").scaled(0.5)
    rig = make_rig(kind, layout)
    assert isinstance(rig, BoundedRigProtocol) == (kind != "whole-frame")
    renderer = SceneRenderer(layout, rig, THEME)
    previous = None
    changed = 0
    for i, (state, overlay) in enumerate(zip(host_states(), overlays(product_image), strict=True)):
        frame = renderer.render(state, overlay)
        plain = renderer.render_from_scratch(state, overlay)
        assert np.array_equal(frame, plain), f"frame {i} differs from a plain render"
        fresh = SceneRenderer(layout, rig, THEME).render(state, overlay)
        assert np.array_equal(frame, fresh), f"frame {i} differs from a new renderer's"
        if previous is not None and not np.array_equal(frame, previous):
            changed += 1
        previous = frame.copy()
    assert changed >= 20  # the sequence really moves


def test_frame_is_read_only_and_kept_between_calls(product_image: Path) -> None:
    renderer = SceneRenderer(Layout.for_aspect("9:16").scaled(0.5), PlaceholderRig(), THEME)
    frame = renderer.render(AvatarState(), Overlay(ai_label=LABEL))
    with pytest.raises(ValueError, match="read-only"):
        frame[0, 0, 0] = 1
    again = renderer.render(AvatarState(breath=1.0), Overlay(ai_label=LABEL))
    assert again is frame or np.shares_memory(again, frame)  # one buffer, updated in place
