"""The small dynamic parts drawn every frame: eyes (lids, iris, gaze), brows and the mouth.

All coordinates are in pack canvas units; the rig has already applied scale and head motion.
Paints are created once per rig; per frame only a few short paths are built.
"""

from __future__ import annotations

from dataclasses import dataclass

import skia

from shopcast.avatar.colors import mix, skia_color
from shopcast.avatar.pack import AvatarPack
from shopcast.avatar.state import AvatarState, Expression, MouthShape


def _fill(color: int) -> skia.Paint:
    return skia.Paint(Color=color, AntiAlias=True, Style=skia.Paint.kFill_Style)


def _stroke(color: int, width: float) -> skia.Paint:
    return skia.Paint(
        Color=color,
        AntiAlias=True,
        Style=skia.Paint.kStroke_Style,
        StrokeWidth=width,
        StrokeCap=skia.Paint.kRound_Cap,
        StrokeJoin=skia.Paint.kRound_Join,
    )


@dataclass(slots=True)
class _Paints:
    skin: skia.Paint
    lid_shadow: skia.Paint
    eye_white: skia.Paint
    iris: skia.Paint
    iris_dark: skia.Paint
    pupil: skia.Paint
    highlight: skia.Paint
    lash: skia.Paint
    lash_lower: skia.Paint
    crease: skia.Paint
    brow: skia.Paint
    lip: skia.Paint
    mouth_line: skia.Paint
    mouth_inner: skia.Paint
    teeth: skia.Paint
    tongue: skia.Paint


class FaceFeatures:
    """Draws eyes, brows and mouth for one pack and one set of colours."""

    def __init__(self, pack: AvatarPack, colors: dict[str, str]) -> None:
        self.pack = pack
        self.spec = pack.face
        c = colors
        lash_w = self.spec.lash
        self.paints = _Paints(
            skin=_fill(skia_color(c["skin"])),
            lid_shadow=_fill(skia_color(c["skin_shade"], 0.35)),
            eye_white=_fill(skia_color(c["eye_white"])),
            iris=_fill(skia_color(c["iris"])),
            iris_dark=_fill(skia_color(mix(c["iris"], c["lash"], 0.55))),
            pupil=_fill(skia_color(mix(c["iris"], "#000000", 0.75))),
            highlight=_fill(skia.ColorWHITE),
            lash=_stroke(skia_color(c["lash"]), lash_w),
            lash_lower=_stroke(skia_color(c["lash"], 0.45), lash_w * 0.3),
            crease=_stroke(skia_color(c["skin_shade"]), lash_w * 0.35),
            brow=_fill(skia_color(c["brow"])),
            lip=_fill(skia_color(c["lip"])),
            mouth_line=_stroke(skia_color(c["mouth_line"]), self.spec.mouth_width * 0.055),
            mouth_inner=_fill(skia_color(c["mouth_inner"])),
            teeth=_fill(skia_color(c["teeth"])),
            tongue=_fill(skia_color(c["tongue"])),
        )

    # ------------------------------------------------------------------ eyes
    def draw_eyes(self, canvas: skia.Canvas, state: AvatarState) -> None:
        a = self.pack.anchors
        happy = _expression_amount(state, Expression.SMILE, Expression.EXCITED)
        for (cx, cy), side in ((a.eye_left, -1.0), (a.eye_right, 1.0)):
            self._eye(canvas, cx, cy, side, state, happy)

    def _eye(
        self, canvas: skia.Canvas, cx: float, cy: float, side: float, s: AvatarState, happy: float
    ) -> None:
        sp, p = self.spec, self.paints
        w, h = sp.eye_width, sp.eye_height
        inner, outer = cx - side * w / 2, cx + side * w / 2
        outer_y = cy - h * sp.eye_tilt
        inner_y = cy + h * 0.04
        top = cy - h * 0.62
        bottom = cy + h * (0.58 - 0.28 * happy)
        blink = min(1.0, max(0.0, s.blink))

        opening = skia.Path()
        opening.moveTo(inner, inner_y)
        opening.cubicTo(inner + side * w * 0.28, top, outer - side * w * 0.22, top, outer, outer_y)
        opening.cubicTo(
            outer - side * w * 0.25, bottom, inner + side * w * 0.3, bottom, inner, inner_y
        )
        canvas.save()
        canvas.clipPath(opening, doAntiAlias=True)
        canvas.drawPath(opening, p.eye_white)
        r = h * sp.iris
        ix = cx + s.gaze_x * w * 0.2
        iy = cy + h * 0.02 + s.gaze_y * h * 0.16
        canvas.drawCircle(ix, iy, r, p.iris_dark)
        canvas.drawCircle(ix, iy + r * 0.12, r * 0.86, p.iris)
        canvas.drawCircle(ix, iy, r * 0.46, p.pupil)
        canvas.drawOval(
            skia.Rect.MakeXYWH(ix + r * 0.05, iy - r * 0.72, r * 0.5, r * 0.42), p.highlight
        )
        canvas.drawCircle(ix - r * 0.42, iy + r * 0.42, r * 0.12, p.highlight)
        # soft shadow of the upper lid on the eye
        canvas.drawRect(skia.Rect.MakeLTRB(cx - w, top - h, cx + w, top + h * 0.2), p.lid_shadow)
        lid_y = top + (bottom - top) * blink  # the upper lid's edge comes down as the eye closes
        lid = skia.Path()
        lid.moveTo(inner, inner_y)
        lid.cubicTo(inner + side * w * 0.28, lid_y, outer - side * w * 0.22, lid_y, outer, outer_y)
        if blink > 0.01:
            cover = skia.Path(lid)
            cover.lineTo(outer, top - h)
            cover.lineTo(inner, top - h)
            cover.close()
            canvas.drawPath(cover, p.skin)
        canvas.restore()
        # lashes: the lid edge, a small outer flick, a faint lower line
        canvas.drawPath(lid, p.lash)
        flick = skia.Path()
        flick.moveTo(outer - side * w * 0.06, outer_y - h * 0.02)
        flick.quadTo(
            outer + side * w * 0.08, outer_y - h * 0.08, outer + side * w * 0.14, outer_y - h * 0.2
        )
        canvas.drawPath(flick, p.lash)
        lower = skia.Path()
        lower.moveTo(outer - side * w * 0.05, outer_y + h * 0.12)
        lower.quadTo(
            cx + side * w * 0.05, bottom + h * 0.02, cx - side * w * 0.2, bottom - h * 0.04
        )
        if blink < 0.6:
            canvas.drawPath(lower, p.lash_lower)
        crease = skia.Path()
        cy0 = top - h * 0.2 + (bottom - top) * blink * 0.25
        crease.moveTo(cx - side * w * 0.15, cy0 + h * 0.02)
        crease.quadTo(
            cx + side * w * 0.25, cy0 - h * 0.06, outer - side * w * 0.02, outer_y - h * 0.18
        )
        canvas.drawPath(crease, p.crease)

    # ----------------------------------------------------------------- brows
    def draw_brows(self, canvas: skia.Canvas, state: AvatarState) -> None:
        a, sp = self.pack.anchors, self.spec
        thinking = _expression_amount(state, Expression.THINKING)
        surprised = _expression_amount(state, Expression.SURPRISED, Expression.EXCITED)
        raise_ = min(1.0, state.brow_raise + 0.6 * surprised)
        for (cx, cy), side in ((a.eye_left, -1.0), (a.eye_right, 1.0)):
            lift = raise_ * sp.eye_height * 0.32
            tilt = 0.0
            if thinking:  # one brow up, the other down and knit
                lift += thinking * sp.eye_height * (0.3 if side > 0 else -0.08)
                tilt = thinking * (-0.1 if side < 0 else 0.05)
            by = cy - sp.brow_gap - lift
            self._brow(canvas, cx + side * sp.eye_width * 0.04, by, side, raise_, tilt)

    def _brow(
        self, canvas: skia.Canvas, cx: float, cy: float, side: float, raise_: float, tilt: float
    ) -> None:
        sp = self.spec
        half = sp.brow_length / 2
        arch = sp.brow_arch * (1 + 0.5 * raise_)
        t = sp.brow_thickness
        x0, x1 = cx - side * half, cx + side * half
        y0 = cy + t * 0.2 + tilt * half
        y1 = cy + t * 0.6 - tilt * half
        mx, my = cx + side * half * 0.15, cy - arch
        path = skia.Path()
        path.moveTo(x0, y0 - t * 0.55)
        path.quadTo(mx, my - t * 0.5, x1, y1)
        path.quadTo(mx, my + t * 0.55, x0, y0 + t * 0.5)
        path.quadTo(x0 - side * t * 0.35, y0, x0, y0 - t * 0.55)
        canvas.drawPath(path, self.paints.brow)

    # ----------------------------------------------------------------- mouth
    def draw_mouth(self, canvas: skia.Canvas, m: MouthShape) -> None:
        sp, p = self.spec, self.paints
        mx, my = self.pack.anchors.mouth
        base = sp.mouth_width / 2
        press = min(1.0, max(0.0, m.press))
        opened = max(0.0, min(1.0, m.open)) * (1.0 - press)
        hw = base * (0.78 + 0.4 * m.width) * (1.0 - 0.38 * m.round) * (1.0 + 0.12 * m.smile)
        lift = base * (0.3 * m.smile - 0.05 * press)
        lx, rx, cy = mx - hw, mx + hw, my - lift
        if opened < 0.03:
            self._closed_mouth(canvas, mx, my, lx, rx, cy, hw, m.smile, press)
            return
        oh = opened * base * (1.45 + 0.4 * m.round)
        top = my - oh * 0.32 - lift * 0.3
        bottom = my + oh * 0.68 + lift * 0.2
        k = 0.32 + 0.22 * m.round  # rounder control points for O/U
        hole = skia.Path()
        hole.moveTo(lx, cy)
        hole.cubicTo(lx + hw * k, top, rx - hw * k, top, rx, cy)
        hole.cubicTo(rx - hw * k * 0.9, bottom, lx + hw * k * 0.9, bottom, lx, cy)
        hole.close()
        # lower lip below the opening
        lip = skia.Path()
        lip.moveTo(lx + hw * 0.2, bottom - oh * 0.1)
        lip.cubicTo(mx - hw * 0.3, bottom + base * 0.3, mx + hw * 0.3, bottom + base * 0.3,
                    rx - hw * 0.2, bottom - oh * 0.1)  # fmt: skip
        lip.close()
        canvas.drawPath(lip, p.lip)
        canvas.drawPath(hole, p.mouth_inner)
        canvas.save()
        canvas.clipPath(hole, doAntiAlias=True)
        teeth_h = base * 0.26 * min(1.0, max(m.teeth, opened * 1.2))
        if teeth_h > 0.5:
            canvas.drawRect(skia.Rect.MakeLTRB(lx, top - base, rx, top + teeth_h), p.teeth)
        if opened > 0.25:
            tw = hw * 0.62
            canvas.drawOval(
                skia.Rect.MakeLTRB(mx - tw, bottom - oh * 0.42, mx + tw, bottom + oh * 0.3),
                p.tongue,
            )
        canvas.restore()
        canvas.drawPath(hole, p.mouth_line)

    def _closed_mouth(
        self,
        canvas: skia.Canvas,
        mx: float,
        my: float,
        lx: float,
        rx: float,
        cy: float,
        hw: float,
        smile: float,
        press: float,
    ) -> None:
        p = self.paints
        base = self.spec.mouth_width / 2
        sag = base * (0.12 * smile + 0.02)
        lip = skia.Path()
        lip.moveTo(mx - hw * 0.55, my + base * 0.1)
        lip.cubicTo(mx - hw * 0.3, my + base * (0.42 - 0.12 * press), mx + hw * 0.3,
                    my + base * (0.42 - 0.12 * press), mx + hw * 0.55, my + base * 0.1)  # fmt: skip
        lip.close()
        canvas.drawPath(lip, p.lip)
        line = skia.Path()
        line.moveTo(lx, cy)
        line.cubicTo(lx + hw * 0.45, my + sag, rx - hw * 0.45, my + sag, rx, cy)
        canvas.drawPath(line, p.mouth_line)


def _expression_amount(state: AvatarState, *kinds: Expression) -> float:
    return max(0.0, min(1.0, state.expression_weight)) if state.expression in kinds else 0.0
