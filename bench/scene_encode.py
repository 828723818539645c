"""Scene and encoder throughput at 1080x1920 and 720x1280.

For N frames: the scene alone (overlays only, no rig: the scene's own budget is 6 ms at
1080x1920), the scene with the host rig (the real ``shopcast.avatar.rig.AvatarRig`` when
available, else the placeholder), encoding pre-rendered frames only, and render + encode through
``Mp4Writer`` (encoder on its own thread). Ratios are to real time at 30 fps; "overlap" compares
render + encode with running the two one after the other (> 1: the encoder thread runs while the
renderer holds the GIL, i.e. PyAV/libx264 release it). "CPU ms/frame" is the process's CPU time
(all threads) per frame: the figure to compare when other work shares the machine.

    .venv/bin/python bench/scene_encode.py [--frames 300] [--preset veryfast] [--render-only]

``--render-only`` times the two render rows only (no encoder, no GIL check): the number to
compare when changing the scene or the rig.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import skia
from PIL import Image
from rich.console import Console
from rich.table import Table

from shopcast.avatar.state import AvatarState, MouthShape
from shopcast.media.mp4 import Mp4Writer
from shopcast.media.probe import probe
from shopcast.scene.captions import caption_pages, caption_state_at
from shopcast.scene.compositor import SceneRenderer
from shopcast.scene.layout import Layout
from shopcast.scene.placeholder_rig import PlaceholderRig
from shopcast.scene.types import Overlay, ProductCard, RigProtocol, SceneTheme
from shopcast.speech.types import WordSpan

FPS = 30
console = Console(width=150)


class NoRig(PlaceholderRig):
    def draw(self, canvas: skia.Canvas, state: AvatarState, x: float, y: float) -> None:
        return None


def make_rig(layout: Layout) -> tuple[RigProtocol, str, SceneTheme]:
    try:
        from shopcast.avatar.pack import load_pack
        from shopcast.avatar.rig import AvatarRig

        pack = load_pack("seoul-glow")
        probe_rig = AvatarRig(pack, None, pack.height)
        height = layout.rig_height(probe_rig.size, probe_rig.face_box)
        return (
            AvatarRig(pack, None, height),
            "AvatarRig seoul-glow",
            SceneTheme.from_mapping(pack.background),
        )
    except ImportError:
        theme = SceneTheme("#F8D7E3", "#B98BC9", "#E8457A")
        return PlaceholderRig(), "PlaceholderRig", theme


def workload(n: int, image: Path) -> list[tuple[AvatarState, Overlay]]:
    """A talking host: mouth and blinks move, caption words advance, the card slides in."""
    line = (
        "Okay, this is the serum everyone keeps asking me about, so let's look closer. "
        "It feels like water and it is twenty four dollars today only."
    )
    text = line.split()
    words = [WordSpan(w, 0.2 + i * 0.32, 0.2 + i * 0.32 + 0.28) for i, w in enumerate(text)]
    pages = caption_pages(words, max_chars=40, separator=" ")
    card = ProductCard("Glow Serum 30 ml", "$24.00", "$32.00", image, "Deal", "Hydrating serum")
    frames = []
    for i in range(n):
        t = i / FPS
        state = AvatarState(
            mouth=MouthShape(open=abs(np.sin(t * 9)) * 0.7),
            blink=1.0 if i % 97 < 4 else 0.0,
            breath=(np.sin(t * 1.6) + 1) / 2,
            head_roll=2 * np.sin(t * 0.7),
        )
        overlay = Overlay(
            ai_label="AI-generated host",
            t=t,
            card=card,
            card_since=0.5,
            caption=caption_state_at(pages, t % pages[-1].end),
            countdown_text=f"Ends in 04:{59 - int(t) % 60:02d}",
            stock_text="12 left",
        )
        frames.append((state, overlay))
    return frames


def timed_render(
    renderer: SceneRenderer, work: list[tuple[AvatarState, Overlay]]
) -> tuple[float, float]:
    """Frames per second and CPU cores used."""
    renderer.render(*work[0])  # warm caches
    start, cpu = time.perf_counter(), time.process_time()
    for state, overlay in work:
        renderer.render(state, overlay)
    wall = time.perf_counter() - start
    return len(work) / wall, (time.process_time() - cpu) / wall


def bench_render(
    layout: Layout, n: int, image: Path
) -> tuple[list[tuple], SceneRenderer, list[tuple[AvatarState, Overlay]]]:
    """Rows (size, stage, fps, cores, note) for the scene alone and the scene with the host,
    the renderer with the host and the workload."""
    rig, rig_name, theme = make_rig(layout)
    work = workload(n, image)
    size = f"{layout.width}x{layout.height}"
    scene_fps, scene_cores = timed_render(SceneRenderer(layout, NoRig(), theme), work)
    renderer = SceneRenderer(layout, rig, theme)
    render_fps, render_cores = timed_render(renderer, work)
    rows = [
        (size, "scene only (no rig)", scene_fps, f"{scene_cores:.2f}", ""),
        (size, f"scene + {rig_name}", render_fps, f"{render_cores:.2f}", ""),
    ]
    return rows, renderer, work


def bench_size(layout: Layout, n: int, preset: str, folder: Path, image: Path) -> list[tuple]:
    rows, renderer, work = bench_render(layout, n, image)
    render_fps = rows[1][2]
    w, h = layout.width, layout.height
    distinct = [renderer.render(*work[i]).copy() for i in range(0, n, max(1, n // 30))]
    audio = (0.2 * np.sin(2 * np.pi * 220 * np.arange(n * 800) / 24_000)).astype(np.float32)
    start = time.perf_counter()
    cpu = time.process_time()
    with Mp4Writer(folder / f"encode-{w}.mp4", width=w, height=h, preset=preset) as out:
        for i in range(n):
            out.write_frame(distinct[i % len(distinct)])
            if i % FPS == 0:
                out.write_audio(audio[i * 800 : (i + FPS) * 800])
    encode_wall = time.perf_counter() - start
    encode_fps, encode_cores = n / encode_wall, (time.process_time() - cpu) / encode_wall

    target = folder / f"both-{w}.mp4"
    start = time.perf_counter()
    cpu = time.process_time()
    with Mp4Writer(target, width=w, height=h, preset=preset) as out:
        for i, (state, overlay) in enumerate(work):
            out.write_frame(renderer.render(state, overlay))
            if i % FPS == 0:
                out.write_audio(audio[i * 800 : (i + FPS) * 800])
    both_wall = time.perf_counter() - start
    both_fps, both_cores = n / both_wall, (time.process_time() - cpu) / both_wall
    info = probe(target)
    assert (info.width, info.height) == (w, h) and abs(info.duration - n / FPS) < 0.1
    Image.fromarray(distinct[-1]).save(folder / f"frame-{w}.png")

    serial_fps = 1 / (1 / render_fps + 1 / encode_fps)
    size = f"{w}x{h}"
    return [
        *rows,
        (size, f"encode only (libx264 {preset} + AAC)", encode_fps, f"{encode_cores:.2f}", ""),
        (
            size,
            "render + encode (Mp4Writer)",
            both_fps,
            f"{both_cores:.2f}",
            f"overlap {both_fps / serial_fps:.2f}x vs serial {serial_fps:.1f} fps",
        ),
    ]


def _spin(seconds: float) -> int:
    count, end = 0, time.perf_counter() + seconds
    while time.perf_counter() < end:
        count += 1
    return count


def _encode_for(seconds: float, path: str) -> None:
    frame = np.zeros((1280, 720, 4), np.uint8)
    frame[..., 3], frame[..., 0] = 255, np.linspace(0, 255, 720, dtype=np.uint8)[None, :]
    end, i = time.perf_counter() + seconds, 0
    with Mp4Writer(Path(path), width=720, height=1280) as out:
        while time.perf_counter() < end:
            frame[400:600, i % 500 : i % 500 + 200, 1] = 255
            out.write_frame(frame)
            i += 1


def gil_check(folder: Path, seconds: float = 3.0) -> tuple[float, float]:
    """A pure-Python loop's speed while the encoder runs in a thread of this process, and while
    it runs in another process, both relative to the loop alone. Similar values mean the
    encoder thread does not hold the GIL while it encodes."""
    alone = _spin(seconds)
    worker = threading.Thread(target=_encode_for, args=(seconds + 0.5, str(folder / "g1.mp4")))
    worker.start()
    time.sleep(0.3)
    with_thread = _spin(seconds)
    worker.join()
    process = multiprocessing.Process(
        target=_encode_for, args=(seconds + 0.5, str(folder / "g2.mp4"))
    )
    process.start()
    time.sleep(0.3)
    with_process = _spin(seconds)
    process.join()
    return with_thread / alone, with_process / alone


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=300)
    parser.add_argument("--preset", default="veryfast")
    parser.add_argument("--render-only", action="store_true", help="time the render rows only")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="shopcast-bench-") as tmp:
        folder = Path(tmp)
        image = folder / "product.png"
        pixels = np.zeros((600, 600, 3), np.uint8)
        pixels[..., 0], pixels[150:450, 150:450, 1] = 220, 200
        Image.fromarray(pixels).save(image)
        portrait = Layout.for_aspect("9:16")
        for layout in (portrait, portrait.scaled(2 / 3)):
            console.print(f"benchmarking {layout.width}x{layout.height} ...")
            if args.render_only:
                rows += bench_render(layout, args.frames, image)[0]
            else:
                rows += bench_size(layout, args.frames, args.preset, folder, image)
        in_thread, in_process = (None, None) if args.render_only else gil_check(folder)
    table = Table(
        title=f"scene + encode, {args.frames} frames, {os.cpu_count()} cores, "
        f"load {os.getloadavg()[0]:.1f}"
    )
    columns = (
        "size",
        "stage",
        "fps",
        "ms/frame",
        "x real time",
        "CPU cores",
        "CPU ms/frame",
        "note",
    )
    for column in columns:
        table.add_column(column, justify="right" if column not in {"stage", "note"} else "left")
    for size, stage, fps, cores, note in rows:
        cpu_ms = float(cores) * 1000 / fps
        table.add_row(
            size,
            stage,
            f"{fps:.1f}",
            f"{1000 / fps:.1f}",
            f"{fps / FPS:.2f}",
            cores,
            f"{cpu_ms:.1f}",
            note,
        )
    console.print(table)
    if in_thread is None or in_process is None:
        return
    console.print(
        f"GIL check: a Python loop runs at {in_thread:.2f} of its solo speed beside the encoder "
        f"thread, {in_process:.2f} beside an encoder process (similar: the encoder releases "
        "the GIL while it encodes)."
    )


if __name__ == "__main__":
    main()
