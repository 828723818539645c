"""Draws the sample catalog's product illustrations (flat vector, 800x800 PNG) with skia.

Nothing is downloaded: every picture is drawn here. ``draw_sample_images(folder)`` writes one
PNG per product and colour, named as ``catalog.json`` refers to them (``<handle>[-<colour>].png``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import skia

from shopcast.catalog.sample import products_draw as art
from shopcast.catalog.sample.drawkit import SIZE, backdrop

Drawing = Callable[[skia.Canvas, str], None]

# handle -> (drawing, {colour slug or "": (main colour, backdrop tint)})
SAMPLE_DRAWINGS: dict[str, tuple[Drawing, dict[str, tuple[str, str]]]] = {
    "glow-serum": (art.dropper_bottle, {"": ("#c8833a", "#f3d9c4")}),
    "barrier-cream": (art.cream_jar, {"": ("#8fae9a", "#dce9e0")}),
    "sun-fluid": (art.sun_tube, {"": ("#f2b33d", "#fbe6bd")}),
    "heavyweight-hoodie": (
        art.hoodie,
        {
            "black": ("#2b2b2e", "#d9dde3"),
            "sage": ("#93a88f", "#e2eadf"),
            "cream": ("#efe6d3", "#a9b8c9"),
        },
    ),
    "boxy-tee": (
        art.tee,
        {"white": ("#f7f7f4", "#cfd8e0"), "washed-black": ("#3d3d40", "#e6dcd2")},
    ),
    "six-panel-cap": (
        art.cap,
        {
            "navy": ("#27365a", "#d6dff0"),
            "sand": ("#d9c39c", "#efe3cf"),
            "olive": ("#6f7446", "#e4e6cf"),
        },
    ),
    "carbon-steel-pan": (art.pan, {"": ("#3a3b3f", "#f0dcc8")}),
    "stoneware-mug": (
        art.mug,
        {
            "oat": ("#e8dcc6", "#c9d4c0"),
            "sage": ("#9fb59a", "#f0e2cc"),
            "terracotta": ("#c8694a", "#f2e0cf"),
        },
    ),
    "chef-knife": (art.knife, {"": ("#b9c0c8", "#e4ddd3")}),
    "anc-earbuds": (
        art.earbuds,
        {"midnight": ("#23283a", "#d3dbee"), "pearl": ("#f4f1ec", "#cdd3e3")},
    ),
    "magnetic-power-bank": (art.power_bank, {"": ("#5c6068", "#d8e4ec")}),
    "soy-candle": (art.candle, {"": ("#b86a2e", "#eadfd0")}),
}


def image_name(handle: str, colour: str) -> str:
    return f"{handle}-{colour}.png" if colour else f"{handle}.png"


def render(drawing: Drawing, colour: str, tint: str) -> skia.Image:
    surface = skia.Surface(SIZE, SIZE)
    canvas = surface.getCanvas()
    backdrop(canvas, tint)
    drawing(canvas, colour)
    return surface.makeImageSnapshot()


def draw_sample_images(folder: Path) -> list[Path]:
    """Draw every sample image into ``folder``; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for handle, (drawing, colours) in SAMPLE_DRAWINGS.items():
        for colour, (main, tint) in colours.items():
            target = folder / image_name(handle, colour)
            image = render(drawing, main, tint)
            partial = target.with_name(target.name + ".part")
            image.save(str(partial), skia.kPNG)
            partial.replace(target)
            written.append(target)
    return written


if __name__ == "__main__":
    import sys

    for path in draw_sample_images(Path(sys.argv[1] if len(sys.argv) > 1 else "sample-images")):
        print(path)
