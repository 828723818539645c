"""The rig: a pack's layers rasterised once at the requested height, composited per frame.

Consecutive layers of one motion group are flattened into one cached image, cropped to what
they cover. Per frame the rig only sets transforms (breathing, head roll/yaw/pitch, hair lag,
arm swing) and draws the small parametric features (eyes, brows, mouth).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import skia

from shopcast.avatar.colors import recolor_svg
from shopcast.avatar.features import FaceFeatures
from shopcast.avatar.pack import AvatarPack, Layer
from shopcast.avatar.sprites import Sprite
from shopcast.avatar.state import AvatarState, Gesture
from shopcast.errors import InvalidInputError

_LINEAR = skia.SamplingOptions(skia.FilterMode.kLinear)
MAX_ROLL = 6.0  # degrees: the head never tilts further (keeps the rotation cache small)
BREATH_RISE = 7.0  # canvas units the shoulders rise at a full breath
HEAD_NOD = 10.0  # canvas units the head dips at pitch 1
HEAD_TURN = 14.0  # canvas units the head slides at yaw 1


@dataclass(slots=True)
class _Layer:
    group: str  # body | head | hair | features
    sprite: Sprite | None


@dataclass(slots=True)
class _Arm:
    sprite: Sprite
    pivot: tuple[float, float]
    swing: float
    rise: float


class AvatarRig:
    """Draws one look (pack + options) at a fixed height, in any state, onto any canvas."""

    def __init__(self, pack: AvatarPack, options: dict[str, str] | None, height: int) -> None:
        if not 64 <= height <= 4096:
            raise InvalidInputError(f"avatar height must be 64..4096 px, not {height}")
        self.pack = pack
        self.options = pack.resolve_options(options)
        self.scale = height / pack.height
        self._size = (max(1, round(pack.width * self.scale)), int(height))
        self._recolor = pack.recolor_map(self.options)
        self.features = FaceFeatures(pack, pack.colors(self.options))
        self._layers = self._rasterise_layers(pack.layers)
        self._arms = {
            gesture: self._arm(pose.file, pose.pivot, pose.swing, pose.rise)
            for gesture, pose in pack.gestures.items()
        }

    @property
    def size(self) -> tuple[int, int]:
        return self._size

    @property
    def face_box(self) -> skia.Rect:
        x0, y0, x1, y1 = self.pack.anchors.face_box
        s = self.scale
        return skia.Rect.MakeLTRB(x0 * s, y0 * s, x1 * s, y1 * s)

    @property
    def paint_bounds(self) -> skia.Rect:
        """Everything ``draw`` paints lies in the rig's own box: it clips to it."""
        w, h = self._size
        return skia.Rect.MakeWH(w, h)

    @property
    def card_side(self) -> str:
        return self.pack.anchors.card_side

    def prewarm(self, max_roll: float = 4.0) -> int:
        """Render the rotated copies of the head and hair for rolls within ``max_roll`` degrees
        now, so a live show never pays for one mid-stream. Returns how many were rendered."""
        a, s = self.pack.anchors, self.scale
        px, py = a.neck_pivot[0] * s, a.neck_pivot[1] * s
        count = 0
        for layer in self._layers:
            sprite = layer.sprite
            if sprite is None or layer.group == "body":
                continue
            steps = int(min(max_roll, MAX_ROLL) / sprite.step)
            for k in range(-steps, steps + 1):
                sprite.rotated(k * sprite.step, px, py)
                count += 1
        return count

    # ------------------------------------------------------------- caching
    def _render(self, files: list[Path]) -> tuple[skia.Image, float, float] | None:
        w, h = self._size
        surface = skia.Surface(w, h)
        canvas = surface.getCanvas()
        canvas.clear(skia.ColorTRANSPARENT)
        canvas.scale(self.scale, self.scale)
        for file in files:
            try:
                text = recolor_svg(file.read_text(encoding="utf-8"), self._recolor)
            except (OSError, UnicodeDecodeError) as exc:
                raise InvalidInputError(f"{file}: cannot read the SVG part: {exc}") from exc
            dom = skia.SVGDOM.MakeFromStream(skia.MemoryStream(text.encode("utf-8"), True))
            if dom is None:
                raise InvalidInputError(f"{file}: not a readable SVG file")
            dom.setContainerSize(skia.Size(self.pack.width, self.pack.height))
            dom.render(canvas)
        image = surface.makeImageSnapshot()
        alpha = image.toarray()[:, :, 3]
        rows = np.flatnonzero(alpha.any(axis=1))
        cols = np.flatnonzero(alpha.any(axis=0))
        if rows.size == 0:
            return None
        box = skia.IRect.MakeLTRB(int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1)
        cropped = image.makeSubset(box).makeRasterImage()
        return cropped, float(box.left()), float(box.top())

    def _rasterise_layers(self, layers: list[Layer]) -> list[_Layer]:
        sprites: list[_Layer] = []
        run: list[Path] = []
        run_group = ""

        def flush() -> None:
            if run:
                rendered = self._render(run)
                if rendered is not None:
                    sprites.append(_Layer(run_group, Sprite(*rendered)))
                run.clear()

        for layer in layers:
            if layer.is_features:
                flush()
                sprites.append(_Layer("features", None))
                continue
            if layer.group != run_group:
                flush()
                run_group = layer.group
            run.append(layer.file)
        flush()
        return sprites

    def _arm(self, file: Path, pivot: tuple[float, float], swing: float, rise: float) -> _Arm:
        rendered = self._render([file])
        if rendered is None:
            raise InvalidInputError(f"{file}: the arm drawing is empty")
        s = self.scale
        sprite = Sprite(*rendered, step=1.0, limit=48)
        return _Arm(sprite, (pivot[0] * s, pivot[1] * s), swing, rise * s)

    # ------------------------------------------------------------- drawing
    def draw(self, canvas: skia.Canvas, state: AvatarState, x: float, y: float) -> None:
        """Draw the host in ``state`` with its top-left corner at (x, y)."""
        s = self.scale
        a = self.pack.anchors
        breath = min(1.0, max(0.0, state.breath))
        rise = -breath * BREATH_RISE * s
        w, h = self._size
        roll = max(-MAX_ROLL, min(MAX_ROLL, state.head_roll))
        hair_roll = max(-MAX_ROLL, min(MAX_ROLL, roll + state.hair_lag_roll))
        px, py = a.neck_pivot[0] * s, a.neck_pivot[1] * s
        # whole pixels: blitting at integer offsets is ~10x cheaper than a subpixel blit
        dx = round(state.head_yaw * HEAD_TURN * s)
        dy = round(state.head_pitch * HEAD_NOD * s + rise)
        # the hair turns about its own pivot (the crown) by the lag: as one rotation about the
        # neck by roll + lag, plus the offset that keeps the crown where the head carries it
        hx, hy = a.hair_pivot[0] * s, a.hair_pivot[1] * s
        crown = _rotate_point(hx, hy, roll, px, py)
        crown_alt = _rotate_point(hx, hy, hair_roll, px, py)
        hair_dx = dx + round(crown[0] - crown_alt[0])
        hair_dy = dy + round(crown[1] - crown_alt[1])

        canvas.save()
        canvas.translate(x, y)
        canvas.clipRect(skia.Rect.MakeWH(w, h))
        for layer in self._layers:
            sprite = layer.sprite
            if sprite is None:
                self._draw_features(canvas, state, roll, px, py, dx, dy)
            elif layer.group == "body":
                sprite.stamp.draw(canvas, sprite.left, sprite.top + round(rise), _LINEAR)
            elif layer.group == "head":
                stamp, left, top = sprite.rotated(roll, px, py)
                stamp.draw(canvas, left + dx, top + dy, _LINEAR)
            else:
                stamp, left, top = sprite.rotated(hair_roll, px, py)
                stamp.draw(canvas, left + hair_dx, top + hair_dy, _LINEAR)
        self._draw_arm(canvas, state, rise)
        canvas.restore()

    def _draw_features(
        self,
        canvas: skia.Canvas,
        state: AvatarState,
        roll: float,
        px: float,
        py: float,
        dx: float,
        dy: float,
    ) -> None:
        s, f = self.scale, self.pack.face
        canvas.save()
        canvas.translate(dx + state.head_yaw * f.feature_shift * s, dy)
        canvas.translate(0.0, state.head_pitch * f.feature_shift * 0.4 * s)
        canvas.rotate(roll, px, py)
        canvas.scale(s, s)
        self.features.draw_eyes(canvas, state)
        self.features.draw_brows(canvas, state)
        self.features.draw_mouth(canvas, state.mouth)
        canvas.restore()

    def _draw_arm(self, canvas: skia.Canvas, state: AvatarState, rise: float) -> None:
        amount = min(1.0, max(0.0, state.gesture_amount))
        arm = self._arms.get(state.gesture) if state.gesture is not Gesture.NONE else None
        if arm is None or amount <= 0.01:
            return
        eased = amount * amount * (3.0 - 2.0 * amount)
        stamp, left, top = arm.sprite.rotated(arm.swing * (1.0 - eased), *arm.pivot)
        stamp.draw(canvas, left, top + round(rise + arm.rise * (1.0 - eased)), _LINEAR)


def _rotate_point(x: float, y: float, degrees: float, px: float, py: float) -> tuple[float, float]:
    r = math.radians(degrees)
    c, s = math.cos(r), math.sin(r)
    return px + (x - px) * c - (y - py) * s, py + (x - px) * s + (y - py) * c
