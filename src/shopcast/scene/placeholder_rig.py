"""A plain stand-in host (a silhouette with a face) for layout previews, benches and tests of the
scene. It honours the rig interface (size, face box, draw) and moves with breath, blink and
mouth opening, but it is not a look: production renders use ``shopcast.avatar`` rigs."""

from __future__ import annotations

import skia

from shopcast.avatar.state import AvatarState

SKIN = skia.Color(246, 214, 190)
HAIR = skia.Color(70, 48, 60)
TOP = skia.Color(90, 120, 200)
INK = skia.Color(40, 30, 40)


class PlaceholderRig:
    """Head and shoulders in a ``width`` x ``height`` box; the face box covers the head."""

    def __init__(self, width: int = 1000, height: int = 1250) -> None:
        self._size = (width, height)
        w, h = width, height
        self._face = skia.Rect.MakeXYWH(w * 0.32, h * 0.12, w * 0.36, h * 0.34)

    @property
    def size(self) -> tuple[int, int]:
        return self._size

    @property
    def face_box(self) -> skia.Rect:
        return self._face

    @property
    def paint_bounds(self) -> skia.Rect:
        """The body runs on below the box (down to 1.2 x the height): it stands behind the
        counter. Two pixels of margin hold the anti-aliased edges."""
        w, h = self._size
        return skia.Rect.MakeLTRB(-2, -2, w + 2, h * 1.2 + 2)

    def draw(self, canvas: skia.Canvas, state: AvatarState, x: float, y: float) -> None:
        w, h = self._size
        f = self._face
        aa = {"AntiAlias": True}
        lift = -state.breath * h * 0.01
        canvas.save()
        canvas.translate(x, y)
        body = skia.RRect.MakeRectXY(
            skia.Rect.MakeLTRB(w * 0.1, h * 0.5 + lift, w * 0.9, h * 1.2), w * 0.2, w * 0.2
        )
        canvas.drawRRect(body, skia.Paint(Color=TOP, **aa))
        canvas.drawRect(
            skia.Rect.MakeLTRB(w * 0.44, h * 0.4, w * 0.56, h * 0.55), skia.Paint(Color=SKIN, **aa)
        )
        canvas.save()
        canvas.rotate(state.head_roll, f.centerX(), f.bottom())
        canvas.drawOval(f.makeOutset(w * 0.02, h * 0.02), skia.Paint(Color=HAIR, **aa))
        canvas.drawOval(f, skia.Paint(Color=SKIN, **aa))
        eye_y = f.top() + f.height() * 0.45
        eye_h = max(f.height() * 0.07 * (1 - state.blink), 1.5)
        for ex in (f.left() + f.width() * 0.32, f.left() + f.width() * 0.68):
            canvas.drawOval(
                skia.Rect.MakeXYWH(
                    ex - f.width() * 0.05, eye_y - eye_h / 2, f.width() * 0.1, eye_h
                ),
                skia.Paint(Color=INK, **aa),
            )
        mouth_w = f.width() * (0.2 + 0.15 * state.mouth.width)
        mouth_h = max(f.height() * 0.12 * state.mouth.open, 2.0)
        canvas.drawRoundRect(
            skia.Rect.MakeXYWH(
                f.centerX() - mouth_w / 2, f.top() + f.height() * 0.72, mouth_w, mouth_h
            ),
            mouth_h / 2,
            mouth_h / 2,
            skia.Paint(Color=skia.Color(170, 60, 80), **aa),
        )
        canvas.restore()
        canvas.restore()
