"""Render docs/sets.png: one 16:9 and one 9:16 frame of a talking host presenting a product
(a cut-out picture with transparency), captions and the live widgets on, at a moment after the
card's entrance, side by side at reduced size; the full-size frames go to OUTPUT's folder too
when ``--full`` is given.

Usage: python scripts/render_sets.py [OUTPUT] [--full] [--pack NAME] [--t SECONDS]
(default docs/sets.png)
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from shopcast.avatar.pack import load_pack
from shopcast.avatar.rig import AvatarRig
from shopcast.avatar.state import AvatarState, Expression, MouthShape
from shopcast.scene.captions import caption_pages, caption_state_at
from shopcast.scene.compositor import SceneRenderer
from shopcast.scene.layout import Layout
from shopcast.scene.types import Overlay, ProductCard, SceneTheme
from shopcast.speech.types import WordSpan

LINE = "This serum feels like water on the skin and it is twenty four dollars today only."


def product_picture(folder: Path) -> Path:
    """A dropper bottle drawn on a transparent background (as a cut-out catalog PNG is)."""
    image = Image.new("RGBA", (600, 800), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((170, 300, 430, 760), 60, fill=(232, 150, 120, 255))
    draw.rounded_rectangle((190, 330, 260, 700), 30, fill=(246, 196, 172, 255))
    draw.rectangle((240, 200, 360, 300), fill=(250, 246, 240, 255))
    draw.rounded_rectangle((255, 60, 345, 210), 40, fill=(60, 52, 58, 255))
    draw.rounded_rectangle((205, 470, 395, 600), 12, fill=(255, 250, 245, 255))
    path = folder / "serum.png"
    image.save(path)
    return path


def render(aspect: str, pack_name: str, t: float, picture: Path) -> np.ndarray:
    pack = load_pack(pack_name)
    layout = Layout.for_aspect(aspect)
    probe = AvatarRig(pack, None, pack.height)
    rig = AvatarRig(pack, None, layout.rig_height(probe.size, probe.face_box))
    theme = SceneTheme.from_mapping(pack.background)
    scene = SceneRenderer(Layout.for_aspect(aspect, rig.size), rig, theme)
    words = [WordSpan(w, i * 0.3, i * 0.3 + 0.26) for i, w in enumerate(LINE.split())]
    pages = caption_pages(words, max_chars=scene.layout.caption_max_chars(" "), separator=" ")
    card = ProductCard("Glow Serum 30 ml", "$24.00", "$32.00", picture, "Deal", "Dewy Lab")
    overlay = Overlay(
        ai_label="AI-generated host",
        t=t,
        card=card,
        card_since=0.5,
        caption=caption_state_at(pages, t),
        countdown_text="Ends in 04:12",
        stock_text="12 left",
        chat_lines=["mina: does it pill under makeup?", "jo: ordered two!"],
        pinned=True,
    )
    state = AvatarState(expression=Expression.SMILE, mouth=MouthShape(open=0.3, smile=0.6))
    return scene.render(state, overlay).copy()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", default="docs/sets.png")
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--pack", default="seoul-glow")
    parser.add_argument("--t", type=float, default=3.0)
    args = parser.parse_args()
    output = Path(args.output)
    with tempfile.TemporaryDirectory() as tmp:
        picture = product_picture(Path(tmp))
        frames = {a: render(a, args.pack, args.t, picture) for a in ("16:9", "9:16")}
    if args.full:
        for aspect, frame in frames.items():
            name = aspect.replace(":", "x")
            Image.fromarray(frame).convert("RGB").save(
                output.with_name(f"{output.stem}-{name}.png")
            )
    # Side by side at the same height: 16:9 at 1/2.5, 9:16 scaled to the same height.
    height = 432
    tiles = [
        Image.fromarray(frames[a])
        .convert("RGB")
        .resize((round(frames[a].shape[1] * height / frames[a].shape[0]), height), Image.LANCZOS)
        for a in ("16:9", "9:16")
    ]
    gap = 12
    sheet = Image.new("RGB", (sum(t.width for t in tiles) + gap * 3, height + 2 * gap), "white")
    x = gap
    for tile in tiles:
        sheet.paste(tile, (x, gap))
        x += tile.width + gap
    sheet.save(output, optimize=True)


if __name__ == "__main__":
    main()
