"""Render docs/looks.png: every built-in look, option variants, mouth shapes, expressions and
gestures, side by side at real size, so a look can be judged at a glance.

Usage: python scripts/contact_sheet.py [OUTPUT]   (default docs/looks.png, kept under 600 KB)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import skia

from shopcast.avatar.colors import skia_color
from shopcast.avatar.mouth import mouth_for
from shopcast.avatar.pack import list_packs, load_pack
from shopcast.avatar.rig import AvatarRig
from shopcast.avatar.state import AvatarState, Expression, Gesture, MouthShape
from shopcast.speech.visemes import Viseme

CELL_H = 330
FACE_H = 760  # rig height for the face close-ups
GAP = 10
LABEL_H = 26
VARIANTS = {
    "seoul-glow": {"hair_color": "rose-brown", "outfit_color": "baby-blue", "skin_tone": "medium"},
    "street-studio": {"hair_color": "cherry", "outfit_color": "cobalt", "skin_tone": "deep"},
    "cosy-kitchen": {"hair_color": "honey", "outfit_color": "terracotta", "skin_tone": "medium"},
}
SMILE = AvatarState(expression=Expression.SMILE, expression_weight=0.8, mouth=MouthShape(smile=0.5))
TALK = MouthShape(open=0.45, width=0.7, teeth=0.4, smile=0.8)


def _font(size: float) -> skia.Font:
    typeface = skia.Typeface.MakeFromName("Noto Sans", skia.FontStyle.Bold()) or skia.Typeface()
    return skia.Font(typeface, size)


def _backdrop(canvas: skia.Canvas, rect: skia.Rect, background: dict[str, str]) -> None:
    shader = skia.GradientShader.MakeLinear(
        [(rect.left(), rect.top()), (rect.left(), rect.bottom())],
        [skia_color(background["top"]), skia_color(background["bottom"])],
    )
    canvas.drawRoundRect(rect, 14, 14, skia.Paint(Shader=shader, AntiAlias=True))


def _cell(canvas: skia.Canvas, x: float, y: float, rig: AvatarRig, state: AvatarState, label: str,
          crop: skia.Rect | None = None) -> float:  # fmt: skip
    """Draw one labelled cell; returns its width."""
    w, h = rig.size
    src = crop or skia.Rect.MakeWH(w, h)
    cell_w = src.width() * CELL_H / src.height()
    rect = skia.Rect.MakeXYWH(x, y, cell_w, CELL_H)
    _backdrop(canvas, rect, rig.pack.background)
    canvas.save()
    canvas.clipRRect(skia.RRect.MakeRectXY(rect, 14, 14), doAntiAlias=True)
    canvas.translate(x, y)
    canvas.scale(CELL_H / src.height(), CELL_H / src.height())
    canvas.translate(-src.left(), -src.top())
    rig.draw(canvas, state, 0, 0)
    canvas.restore()
    canvas.drawString(
        label, x + 4, y + CELL_H + 19, _font(15), skia.Paint(Color=0xFF3A3340, AntiAlias=True)
    )
    return cell_w


def _cell_width(rig: AvatarRig, crop: skia.Rect | None) -> float:
    w, h = rig.size
    src = crop or skia.Rect.MakeWH(w, h)
    return src.width() * CELL_H / src.height()


def _row(canvas: skia.Canvas, y: float, title: str, cells: list) -> None:
    canvas.drawString(title, GAP, y + 20, _font(20), skia.Paint(Color=0xFF1E1A24, AntiAlias=True))
    x = GAP
    for rig, state, label, crop in cells:
        x += _cell(canvas, x, y + 30, rig, state, label, crop) + GAP


def build() -> skia.Image:
    packs = {name: load_pack(name) for name in list_packs()}
    rigs = {name: AvatarRig(p, {}, CELL_H) for name, p in packs.items()}
    looks = [(rigs[n], SMILE, n, None) for n in packs]
    looks += [(AvatarRig(packs[n], VARIANTS[n], CELL_H), SMILE, f"{n} (options)", None)
              for n in packs if n in VARIANTS]  # fmt: skip

    face_rig = AvatarRig(packs["seoul-glow"], {}, FACE_H)
    k = face_rig.scale
    crop = skia.Rect.MakeLTRB(372 * k, 392 * k, 628 * k, 742 * k)
    visemes = [Viseme.SIL, Viseme.PBM, Viseme.A, Viseme.E, Viseme.I, Viseme.O, Viseme.U]
    mouths = [
        (face_rig, AvatarState(mouth=mouth_for(v)), f"viseme {v.value}", crop) for v in visemes
    ]

    street = AvatarRig(packs["street-studio"], {}, CELL_H)
    cosy = AvatarRig(packs["cosy-kitchen"], {}, CELL_H)
    act = [
        (street, AvatarState(expression=Expression.EXCITED, expression_weight=1.0,
                             gesture=Gesture.WAVE, gesture_amount=1.0, head_roll=-3.0, mouth=TALK),
         "excited + wave"),
        (street, AvatarState(expression=Expression.SMILE, expression_weight=1.0, gaze_x=0.8,
                             head_yaw=0.25, gesture=Gesture.PRESENT, gesture_amount=1.0,
                             mouth=MouthShape(smile=0.6)), "present (card)"),
        (cosy, AvatarState(expression=Expression.SURPRISED, expression_weight=1.0, head_roll=3.0,
                           gesture=Gesture.OPEN_PALMS, gesture_amount=1.0,
                           mouth=MouthShape(open=0.5, round=0.8, width=0.3)), "surprised + palms"),
        (cosy, AvatarState(expression=Expression.THINKING, expression_weight=1.0, gaze_x=-0.5,
                           gaze_y=-0.6, head_roll=-4.0), "thinking"),
        (rigs["seoul-glow"], AvatarState(gesture=Gesture.POINT_DOWN, gesture_amount=1.0,
                                         gaze_y=0.5, head_pitch=0.3), "point down (CTA)"),
        (rigs["seoul-glow"], AvatarState(blink=1.0, expression=Expression.SMILE,
                                         expression_weight=1.0), "blink"),
    ]  # fmt: skip
    acts = [(rig, state, label, None) for rig, state, label in act]

    rows = (looks, mouths, acts)
    width = int(max(sum(_cell_width(c[0], c[3]) + GAP for c in row) for row in rows) + GAP)
    height = 3 * (30 + CELL_H + LABEL_H + GAP) + GAP
    surface = skia.Surface(width, height)
    canvas = surface.getCanvas()
    canvas.clear(skia.ColorWHITE)
    row_h = 30 + CELL_H + LABEL_H + GAP
    _row(canvas, GAP, "Built-in looks, and one option variant each", looks)
    _row(canvas, GAP + row_h, "Mouth shapes (seoul-glow)", mouths)
    _row(canvas, GAP + 2 * row_h, "Expressions and gestures", acts)
    return surface.makeImageSnapshot()


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/looks.png")
    out.parent.mkdir(parents=True, exist_ok=True)
    data = build().encodeToData(skia.kPNG, 100)
    with tempfile.NamedTemporaryFile(dir=out.parent, suffix=".png", delete=False) as tmp:
        tmp.write(bytes(data))
    Path(tmp.name).chmod(0o644)
    Path(tmp.name).replace(out)
    size_kb = out.stat().st_size / 1024
    print(f"wrote {out} ({size_kb:.0f} KB)")
    if size_kb > 600:
        sys.exit(f"{out} is {size_kb:.0f} KB: over the 600 KB budget")


if __name__ == "__main__":
    main()
