"""One drawing per sample product: ``drawing(canvas, main_colour)`` on an 800x800 canvas."""

from __future__ import annotations

import random

import skia

from shopcast.catalog.sample.drawkit import (
    fill,
    floor_shadow,
    horizontal_gradient,
    polygon,
    rrect,
    shade,
    stroke,
    text,
    vertical_gradient,
)

INK = "#2f2a26"


def dropper_bottle(canvas: skia.Canvas, colour: str) -> None:
    floor_shadow(canvas, 400, 668, 300, 40)
    # rubber bulb and collar
    rrect(canvas, 362, 150, 76, 150, 38, vertical_gradient(150, 300, ["#3a3430", "#1f1b19"]))
    rrect(canvas, 372, 165, 14, 90, 7, fill("#ffffff", 40))
    rrect(
        canvas,
        330,
        285,
        140,
        72,
        14,
        horizontal_gradient(330, 470, ["#c9a86a", "#f0dca8", "#b08d4f"]),
    )
    # glass body
    glass = skia.Path()
    glass.moveTo(355, 350)
    glass.lineTo(445, 350)
    glass.cubicTo(450, 390, 530, 380, 530, 440)
    glass.lineTo(530, 620)
    glass.quadTo(530, 665, 485, 665)
    glass.lineTo(315, 665)
    glass.quadTo(270, 665, 270, 620)
    glass.lineTo(270, 440)
    glass.cubicTo(270, 380, 350, 390, 355, 350)
    glass.close()
    canvas.drawPath(
        glass, horizontal_gradient(270, 530, [shade(colour, 1.15), colour, shade(colour, 0.7)])
    )
    rrect(canvas, 292, 430, 18, 200, 9, fill("#ffffff", 70))
    # label
    rrect(canvas, 300, 480, 200, 130, 10, fill("#fbf6ee"))
    text(canvas, "HANEUL LAB", 400, 518, 17, INK, bold=True, spacing=3)
    canvas.drawLine(350, 532, 450, 532, stroke(colour, 2))
    text(canvas, "RICE WATER", 400, 562, 22, INK, bold=True)
    text(canvas, "GLOW SERUM", 400, 590, 16, shade(INK, 1.6), spacing=2)


def cream_jar(canvas: skia.Canvas, colour: str) -> None:
    floor_shadow(canvas, 400, 640, 400, 50)
    body_paint = horizontal_gradient(230, 570, ["#ffffff", "#f4f1ec", "#d9d4cc"])
    rrect(canvas, 230, 410, 340, 220, 40, body_paint)
    canvas.drawOval(skia.Rect.MakeLTRB(230, 585, 570, 640), body_paint)
    # lid
    lid = horizontal_gradient(215, 585, [shade(colour, 1.2), colour, shade(colour, 0.75)])
    rrect(canvas, 215, 320, 370, 110, 30, lid)
    for x in range(240, 570, 16):
        canvas.drawLine(x, 335, x, 415, stroke(shade(colour, 0.85), 3, 120))
    canvas.drawOval(skia.Rect.MakeLTRB(215, 300, 585, 350), fill(shade(colour, 1.3)))
    canvas.drawOval(skia.Rect.MakeLTRB(250, 308, 550, 342), fill(shade(colour, 1.45)))
    # label
    text(canvas, "HANEUL LAB", 400, 490, 18, shade(colour, 0.6), bold=True, spacing=3)
    text(canvas, "CERAMIDE", 400, 535, 34, INK, bold=True, spacing=1)
    text(canvas, "BARRIER CREAM · 50 ml", 400, 572, 16, shade(INK, 1.8), spacing=1)
    rrect(canvas, 250, 430, 16, 160, 8, fill("#ffffff", 150))


def sun_tube(canvas: skia.Canvas, colour: str) -> None:
    floor_shadow(canvas, 420, 690, 230, 36)
    canvas.save()
    canvas.rotate(-12, 400, 400)
    tube = skia.Path()
    tube.moveTo(280, 150)
    tube.lineTo(520, 150)
    tube.cubicTo(510, 300, 490, 480, 485, 560)
    tube.lineTo(315, 560)
    tube.cubicTo(310, 480, 290, 300, 280, 150)
    tube.close()
    canvas.drawPath(tube, horizontal_gradient(280, 520, ["#fffdf8", "#f7f1e6", "#ddd3c2"]))
    rrect(canvas, 272, 128, 256, 34, 6, fill("#eee6d7"))
    for x in range(285, 520, 12):
        canvas.drawLine(x, 134, x, 156, stroke("#d3c8b5", 2))
    band = polygon([(300, 300), (500, 300), (496, 360), (304, 360)])
    canvas.drawPath(band, fill(colour))
    text(canvas, "SPF 50+", 400, 343, 30, "#ffffff", bold=True, spacing=1)
    text(canvas, "DAILY SUN FLUID", 400, 410, 19, INK, bold=True, spacing=2)
    text(canvas, "PA++++ · 50 ml", 400, 440, 16, shade(INK, 1.8))
    text(canvas, "HANEUL LAB", 400, 230, 16, shade(colour, 0.7), bold=True, spacing=3)
    rrect(canvas, 300, 170, 14, 360, 7, fill("#ffffff", 120))
    # flip cap
    rrect(
        canvas,
        305,
        555,
        190,
        110,
        22,
        horizontal_gradient(305, 495, [shade(colour, 1.2), colour, shade(colour, 0.75)]),
    )
    canvas.drawLine(312, 585, 488, 585, stroke(shade(colour, 0.7), 3))
    canvas.restore()


def hoodie(canvas: skia.Canvas, colour: str) -> None:
    dark, darker, light = shade(colour, 0.84), shade(colour, 0.66), shade(colour, 1.12)
    if colour.lower() == "#2b2b2e":
        dark, darker, light = shade(colour, 1.22), "#161618", shade(colour, 1.45)
    floor_shadow(canvas, 400, 700, 440, 40)
    # sleeves, hanging beside the body
    for side in (-1, 1):
        sleeve = polygon(
            [
                (400 + side * 120, 222),
                (400 + side * 210, 290),
                (400 + side * 262, 590),
                (400 + side * 198, 612),
                (400 + side * 150, 400),
                (400 + side * 128, 330),
            ]
        )
        canvas.drawPath(sleeve, fill(colour))
        canvas.drawLine(400 + side * 150, 400, 400 + side * 198, 612, stroke(dark, 4))
        cuff = polygon(
            [
                (400 + side * 262, 588),
                (400 + side * 198, 610),
                (400 + side * 204, 652),
                (400 + side * 268, 630),
            ]
        )
        canvas.drawPath(cuff, fill(dark))
    # body
    body = skia.Path()
    body.moveTo(272, 225)
    body.quadTo(400, 205, 528, 225)
    body.lineTo(548, 640)
    body.lineTo(252, 640)
    body.close()
    canvas.drawPath(body, fill(colour))
    canvas.drawPath(polygon([(508, 224), (528, 225), (548, 640), (520, 640)]), fill(dark, 170))
    rrect(canvas, 250, 630, 300, 52, 10, fill(dark))
    for x in range(262, 545, 12):
        canvas.drawLine(x, 638, x, 674, stroke(darker, 2, 110))
    # hood: outer shell, then the shadowed opening framed by its doubled edge
    shell = skia.Path()
    shell.moveTo(296, 250)
    shell.cubicTo(290, 110, 510, 110, 504, 250)
    shell.quadTo(400, 330, 296, 250)
    shell.close()
    canvas.drawPath(shell, fill(colour))
    canvas.drawPath(shell, stroke(dark, 3))
    opening = skia.Path()
    opening.moveTo(340, 236)
    opening.cubicTo(340, 150, 460, 150, 460, 236)
    opening.quadTo(430, 290, 400, 300)
    opening.quadTo(370, 290, 340, 236)
    opening.close()
    canvas.drawPath(opening, stroke(light, 22))
    canvas.drawPath(opening, fill(darker))
    canvas.drawLine(400, 300, 400, 322, stroke(dark, 3))
    # kangaroo pocket
    pocket = polygon([(318, 470), (482, 470), (515, 590), (285, 590)])
    canvas.drawPath(pocket, fill(dark, 150))
    canvas.drawLine(318, 470, 285, 590, stroke(darker, 3))
    canvas.drawLine(482, 470, 515, 590, stroke(darker, 3))
    canvas.drawLine(318, 470, 482, 470, stroke(dark, 2))


def tee(canvas: skia.Canvas, colour: str) -> None:
    is_dark = colour.lower() == "#3d3d40"
    dark = shade(colour, 1.3) if is_dark else shade(colour, 0.88)
    floor_shadow(canvas, 400, 680, 420, 40)
    shirt = polygon(
        [
            (330, 190),
            (470, 190),
            (600, 240),
            (650, 390),
            (560, 420),
            (545, 360),
            (550, 650),
            (250, 650),
            (255, 360),
            (240, 420),
            (150, 390),
            (200, 240),
        ]
    )
    canvas.drawPath(shirt, fill(colour))
    canvas.drawPath(polygon([(520, 212), (545, 360), (550, 650), (522, 650)]), fill(dark, 140))
    canvas.drawPath(polygon([(600, 240), (650, 390), (620, 400), (585, 250)]), fill(dark, 140))
    collar = skia.Path()
    collar.moveTo(330, 190)
    collar.cubicTo(345, 250, 455, 250, 470, 190)
    canvas.drawPath(collar, stroke(dark, 16))
    canvas.drawPath(collar, stroke(shade(colour, 0.6) if not is_dark else "#28282a", 3))
    for y in (640,):
        canvas.drawLine(255, y, 547, y, stroke(dark, 3))
    canvas.drawLine(545, 360, 560, 420, stroke(dark, 3))
    canvas.drawLine(255, 360, 240, 420, stroke(dark, 3))
    text(
        canvas, "NORTHLINE", 400, 330, 26, dark if not is_dark else "#f1efe9", bold=True, spacing=6
    )


def cap(canvas: skia.Canvas, colour: str) -> None:
    dark, light = shade(colour, 0.78), shade(colour, 1.18)
    floor_shadow(canvas, 410, 610, 470, 50)
    brim = skia.Path()
    brim.moveTo(250, 520)
    brim.cubicTo(300, 610, 600, 640, 660, 560)
    brim.cubicTo(620, 520, 430, 500, 250, 520)
    brim.close()
    canvas.drawPath(brim, fill(dark))
    canvas.drawPath(brim, stroke(shade(colour, 0.6), 2))
    crown = skia.Path()
    crown.moveTo(190, 540)
    crown.cubicTo(170, 300, 560, 220, 600, 530)
    crown.cubicTo(460, 500, 330, 510, 190, 540)
    crown.close()
    canvas.drawPath(crown, horizontal_gradient(180, 600, [light, colour, dark]))
    for start, ctrl, end in (
        ((395, 290), (330, 380), (300, 525)),
        ((395, 290), (470, 380), (500, 512)),
    ):
        seam = skia.Path()
        seam.moveTo(*start)
        seam.quadTo(*ctrl, *end)
        canvas.drawPath(seam, stroke(dark, 3))
    canvas.drawOval(skia.Rect.MakeLTRB(378, 276, 412, 298), fill(dark))
    for x, y in ((290, 420), (505, 410)):
        canvas.drawCircle(x, y, 6, fill(shade(colour, 0.6)))
    text(
        canvas,
        "N",
        395,
        450,
        48,
        shade(colour, 0.55) if colour != "#27365a" else "#e9e3d3",
        bold=True,
    )


def pan(canvas: skia.Canvas, colour: str) -> None:
    floor_shadow(canvas, 390, 560, 560, 110)
    canvas.save()
    canvas.rotate(-18, 400, 400)
    rrect(canvas, 520, 378, 240, 44, 22, horizontal_gradient(520, 760, ["#6b6d72", "#3a3b3f"]))
    canvas.drawCircle(735, 400, 11, fill(shade("#e4ddd3", 1.1)))
    canvas.drawCircle(540, 388, 6, fill("#9a9ca1"))
    canvas.drawCircle(540, 412, 6, fill("#9a9ca1"))
    canvas.restore()
    canvas.drawOval(skia.Rect.MakeLTRB(120, 240, 580, 600), fill(shade(colour, 0.7)))
    canvas.drawOval(skia.Rect.MakeLTRB(130, 248, 570, 588), fill(colour))
    inner = skia.GradientShader.MakeRadial(
        skia.Point(320, 390), 210, [skia.Color(112, 110, 110), skia.Color(46, 46, 50)]
    )
    canvas.drawOval(
        skia.Rect.MakeLTRB(170, 282, 530, 556),
        skia.Paint(AntiAlias=True, Shader=inner, Dither=True),
    )
    arc = skia.Path()
    arc.addArc(skia.Rect.MakeLTRB(200, 305, 500, 535), 200, 70)
    canvas.drawPath(arc, stroke("#ffffff", 10, 60))
    # fried egg for scale and warmth
    canvas.drawOval(skia.Rect.MakeLTRB(300, 360, 440, 470), fill("#fbf8f1"))
    canvas.drawCircle(362, 410, 30, fill("#f5b335"))
    canvas.drawCircle(354, 402, 9, fill("#ffffff", 140))


def mug(canvas: skia.Canvas, colour: str) -> None:
    dark = shade(colour, 0.8)
    floor_shadow(canvas, 390, 640, 380, 50)
    canvas.drawPath(_mug_handle(), stroke(dark, 42))
    body = skia.Path()
    body.moveTo(240, 260)
    body.lineTo(520, 260)
    body.lineTo(512, 590)
    body.quadTo(510, 640, 460, 640)
    body.lineTo(300, 640)
    body.quadTo(250, 640, 248, 590)
    body.close()
    canvas.drawPath(body, horizontal_gradient(240, 520, [shade(colour, 1.12), colour, dark]))
    canvas.drawOval(skia.Rect.MakeLTRB(240, 240, 520, 282), fill(shade(colour, 0.62)))
    canvas.drawOval(skia.Rect.MakeLTRB(250, 246, 510, 278), fill("#5b3a24"))
    rrect(canvas, 262, 300, 16, 280, 8, fill("#ffffff", 70))
    speckle_paint = fill(shade(colour, 0.45), 150)
    rng = random.Random(7)
    for _ in range(90):
        x, y = rng.uniform(262, 500), rng.uniform(296, 620)
        canvas.drawCircle(x, y, rng.uniform(1.2, 3.6), speckle_paint)
    # clay foot
    canvas.drawPath(polygon([(252, 612), (508, 612), (505, 625), (255, 625)]), fill("#c9b49a"))


def _mug_handle() -> skia.Path:
    handle = skia.Path()
    handle.moveTo(505, 330)
    handle.cubicTo(640, 320, 640, 540, 500, 530)
    return handle


def knife(canvas: skia.Canvas, colour: str) -> None:
    floor_shadow(canvas, 400, 560, 600, 40)
    canvas.save()
    canvas.rotate(-20, 400, 400)
    blade = skia.Path()
    blade.moveTo(540, 318)
    blade.lineTo(170, 318)
    blade.quadTo(130, 320, 105, 338)
    blade.cubicTo(170, 420, 290, 440, 420, 440)
    blade.lineTo(540, 440)
    blade.close()
    canvas.drawPath(
        blade, vertical_gradient(318, 440, [shade(colour, 1.2), colour, shade(colour, 0.8)])
    )
    canvas.save()
    canvas.clipPath(blade, doAntiAlias=True)
    for k in range(14):
        wave = skia.Path()
        wave.moveTo(100, 320 + k * 10)
        for x in range(100, 560, 40):
            wave.quadTo(x + 20, 310 + k * 10 + (18 if (x // 40) % 2 else -8), x + 40, 320 + k * 10)
        canvas.drawPath(wave, stroke(shade(colour, 0.72), 2, 120))
    canvas.restore()
    edge = skia.Path()
    edge.moveTo(112, 343)
    edge.cubicTo(175, 418, 290, 436, 420, 436)
    edge.lineTo(536, 436)
    canvas.drawPath(edge, stroke("#f4f6f8", 4))
    rrect(canvas, 535, 330, 34, 104, 6, fill("#8e939a"))
    handle = polygon([(565, 336), (760, 350), (772, 372), (772, 396), (760, 416), (565, 428)])
    canvas.drawPath(handle, vertical_gradient(336, 428, ["#8a5a3b", "#6a4128", "#4e2f1d"]))
    canvas.drawLine(575, 360, 750, 368, stroke("#ffffff", 4, 50))
    canvas.restore()


def earbuds(canvas: skia.Canvas, colour: str) -> None:
    is_dark = colour.lower() == "#23283a"
    dark = shade(colour, 1.5) if is_dark else shade(colour, 0.84)
    floor_shadow(canvas, 360, 560, 380, 46)
    case = horizontal_gradient(
        170,
        530,
        [shade(colour, 1.25 if is_dark else 1.03), colour, shade(colour, 0.7 if is_dark else 0.84)],
    )
    rrect(canvas, 170, 270, 360, 280, 110, case)
    canvas.drawLine(182, 360, 518, 360, stroke(dark, 3))
    canvas.drawCircle(350, 420, 6, fill("#7ee2a8"))
    text(canvas, "VOLT", 350, 500, 20, dark, bold=True, spacing=5)
    for cx, cy, angle in ((520, 560, -30), (630, 500, -10)):
        floor_shadow(canvas, cx + 10, cy + 95, 110, 24)
        _bud(canvas, cx, cy, angle, colour, dark)


def _bud(canvas: skia.Canvas, cx: float, cy: float, angle: float, colour: str, dark: str) -> None:
    canvas.save()
    canvas.rotate(angle, cx, cy)
    rrect(
        canvas,
        cx - 17,
        cy,
        34,
        100,
        17,
        horizontal_gradient(cx - 17, cx + 17, [shade(colour, 1.08), colour, dark]),
    )
    canvas.drawCircle(cx, cy, 44, fill(colour))
    canvas.drawCircle(cx, cy, 44, stroke(dark, 3))
    canvas.drawOval(skia.Rect.MakeXYWH(cx - 52, cy - 26, 34, 46), fill(shade(dark, 0.8)))
    canvas.drawCircle(cx + 14, cy - 14, 8, fill("#ffffff", 110))
    rrect(canvas, cx - 5, cy + 80, 10, 14, 4, fill(dark))
    canvas.restore()


def power_bank(canvas: skia.Canvas, colour: str) -> None:
    floor_shadow(canvas, 400, 650, 380, 50)
    rrect(canvas, 228, 170, 344, 470, 56, fill(shade(colour, 0.65)))
    rrect(
        canvas,
        220,
        160,
        344,
        470,
        56,
        horizontal_gradient(220, 564, [shade(colour, 1.35), colour, shade(colour, 0.8)]),
    )
    canvas.drawCircle(392, 380, 120, stroke(shade(colour, 1.6), 10))
    canvas.drawCircle(392, 380, 88, stroke(shade(colour, 1.25), 3))
    canvas.drawCircle(392, 380, 20, fill(shade(colour, 1.6)))
    for i in range(4):
        canvas.drawCircle(350 + i * 28, 560, 7, fill("#7ee2a8" if i < 3 else "#9aa0a8"))
    rrect(canvas, 350, 600, 84, 16, 8, fill("#2a2c30"))
    text(canvas, "VOLT", 392, 235, 20, shade(colour, 1.6), bold=True, spacing=5)


def candle(canvas: skia.Canvas, colour: str) -> None:
    floor_shadow(canvas, 390, 650, 460, 50)
    # lid leaning beside the jar
    canvas.drawOval(skia.Rect.MakeLTRB(470, 560, 640, 640), fill("#c9a57a"))
    canvas.drawOval(skia.Rect.MakeLTRB(470, 548, 640, 628), fill("#dcbd93"))
    # glass jar
    rrect(
        canvas,
        210,
        330,
        280,
        300,
        34,
        horizontal_gradient(210, 490, [shade(colour, 1.2), colour, shade(colour, 0.62)]),
    )
    canvas.drawOval(skia.Rect.MakeLTRB(212, 318, 488, 366), fill(shade(colour, 0.8)))
    canvas.drawOval(skia.Rect.MakeLTRB(226, 328, 474, 362), fill("#f4ead7"))
    rrect(canvas, 228, 380, 16, 220, 8, fill("#ffffff", 80))
    rrect(canvas, 255, 430, 190, 140, 8, fill("#f8f3ea"))
    text(canvas, "QUIET HOURS", 350, 468, 15, shade(INK, 1.6), bold=True, spacing=3)
    text(canvas, "HINOKI & FIG", 350, 510, 24, INK, bold=True)
    text(canvas, "soy wax candle", 350, 545, 15, shade(INK, 1.8))
    # wick and flame
    canvas.drawLine(350, 345, 350, 318, stroke("#2f2a26", 4))
    glow = fill("#ffd27a", 70)
    glow.setMaskFilter(skia.MaskFilter.MakeBlur(skia.kNormal_BlurStyle, 22))
    canvas.drawCircle(350, 280, 50, glow)
    flame = skia.Path()
    flame.moveTo(350, 210)
    flame.cubicTo(385, 260, 380, 318, 350, 318)
    flame.cubicTo(320, 318, 315, 260, 350, 210)
    flame.close()
    canvas.drawPath(flame, vertical_gradient(210, 318, ["#ffe9a8", "#ffb648", "#ff8a2a"]))
    canvas.drawOval(skia.Rect.MakeLTRB(340, 282, 360, 314), fill("#fff8e0"))
