"""Encoder input conversion: CPU per 1080x1920 frame for RGB(A) → yuv420p (BT.709, limited range).

``Mp4Writer`` copies each rendered RGBA frame into a pooled AVFrame ("copy", renderer thread)
and converts it with one persistent swscale context ("convert", encoder thread). This times
both halves for the call before POINT was adopted (the reference: swscale's default BILINEAR)
and for alternatives on the same real frames (scene + avatar rig + card + captions, rendered by
``SceneRenderer`` through ``bench/scene_encode.py``'s workload): other swscale
``interpolation`` flags, other packed input layouts the renderer could produce (Skia renders
BGRA and RGB_888x natively; rgb24/bgr24 need a strided copy, which the "copy" column
includes), and swscale threads. Every output is compared with the reference (PSNR of Y, U, V
over all frames) and with the BT.709 limited-range formula computed in numpy (mean absolute
error of Y and of the 2x2-averaged chroma), so a faster path that changes the picture or its
colour matrix shows. CPU is the process's (all threads); run it alone.

    .venv/bin/python bench/frame_convert.py [--frames 24] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np
from av.video.reformatter import VideoReformatter
from PIL import Image
from rich.console import Console
from rich.table import Table

from scene_encode import make_rig, workload
from shopcast.scene.compositor import SceneRenderer
from shopcast.scene.layout import Layout

console = Console(width=160)

# BT.709 RGB → Y'CbCr, limited range (Y 16..235, Cb/Cr 16..240), as H.264 players expect.
_KR, _KB = 0.2126, 0.0722
_KG = 1 - _KR - _KB


@dataclass(frozen=True)
class Variant:
    name: str
    src_format: str  # the packed layout of the AVFrame handed to swscale
    interpolation: str | None  # None: PyAV's default (BILINEAR), what mp4.py passes today
    threads: int


VARIANTS = [
    Variant("before: rgba, default (BILINEAR), threads 1", "rgba", None, 1),
    Variant("rgba, BILINEAR explicit, threads 1", "rgba", "BILINEAR", 1),
    Variant("rgba, FAST_BILINEAR, threads 1", "rgba", "FAST_BILINEAR", 1),
    Variant("Mp4Writer now: rgba, POINT, threads 1", "rgba", "POINT", 1),
    Variant("rgba, AREA, threads 1", "rgba", "AREA", 1),
    Variant("rgba, BICUBLIN, threads 1", "rgba", "BICUBLIN", 1),
    Variant("rgba, default, threads 2", "rgba", None, 2),
    Variant("live codec before: rgba, default, threads 0", "rgba", None, 0),
    Variant("live codec now: rgba, POINT, threads 0", "rgba", "POINT", 0),
    Variant("bgra, default, threads 1", "bgra", None, 1),
    Variant("rgb0, default, threads 1", "rgb0", None, 1),
    Variant("bgr0, default, threads 1", "bgr0", None, 1),
    Variant("rgb24, default, threads 1", "rgb24", None, 1),
    Variant("bgr24, default, threads 1", "bgr24", None, 1),
    Variant("bgr24, POINT, threads 1", "bgr24", "POINT", 1),
]

# How each layout's bytes come from the renderer's RGBA pixels (done once, not timed: Skia
# would render bgra/rgb0 directly), and how many bytes a pixel has in the AVFrame.
_CHANNELS = {
    "rgba": ([0, 1, 2, 3], 4),
    "bgra": ([2, 1, 0, 3], 4),
    "rgb0": ([0, 1, 2, 3], 4),
    "bgr0": ([2, 1, 0, 3], 4),
    "rgb24": ([0, 1, 2], 3),
    "bgr24": ([2, 1, 0], 3),
}


def render_frames(count: int) -> list[np.ndarray]:
    """``count`` distinct 1080x1920 frames of a talking host with card and captions."""
    layout = Layout.for_aspect("9:16")
    with tempfile.TemporaryDirectory(prefix="shopcast-frames-") as tmp:
        image = Path(tmp) / "product.png"
        pixels = np.zeros((600, 600, 3), np.uint8)
        pixels[..., 0] = np.linspace(60, 230, 600, dtype=np.uint8)[None, :]
        pixels[150:450, 150:450, 1] = 200
        Image.fromarray(pixels).save(image)
        rig, _, theme = make_rig(layout)
        renderer = SceneRenderer(layout, rig, theme)
        work = workload(count * 10, image)
        return [renderer.render(*work[i * 10 + 9]).copy() for i in range(count)]


def plane(frame: av.VideoFrame, index: int) -> np.ndarray:
    """Plane ``index`` of ``frame`` as a (rows, width) array without the line padding."""
    p = frame.planes[index]
    rows = np.frombuffer(p, np.uint8).reshape(p.height, p.line_size)
    return rows[:, : p.width]


def packed_view(frame: av.VideoFrame, channels: int) -> np.ndarray:
    """A writable (H, W, channels) view of a packed frame's pixels."""
    p = frame.planes[0]
    rows = np.frombuffer(p, np.uint8).reshape(frame.height, p.line_size)
    return rows[:, : frame.width * channels].reshape(frame.height, frame.width, channels)


def copier(src_format: str) -> Callable[[np.ndarray, np.ndarray], None]:
    """The renderer-side copy into the pooled frame: a memcpy for 4-byte layouts, a strided
    gather of the first three channels for rgb24/bgr24 (from Skia's RGBA / BGRA buffer)."""
    if _CHANNELS[src_format][1] == 4:
        return lambda dst, src: np.copyto(dst, src)
    return lambda dst, src: np.copyto(dst, src[..., :3])


def bt709_reference(rgba: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Y, Cb, Cr (float) by the BT.709 limited-range formula; chroma from 2x2 means."""
    rgb = rgba[..., :3].astype(np.float64) / 255
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    y = _KR * r + _KG * g + _KB * b
    cb = (b - y) / (2 * (1 - _KB))
    cr = (r - y) / (2 * (1 - _KR))
    h, w = y.shape
    cb2 = cb.reshape(h // 2, 2, w // 2, 2).mean(axis=(1, 3))
    cr2 = cr.reshape(h // 2, 2, w // 2, 2).mean(axis=(1, 3))
    return 16 + 219 * y, 128 + 224 * cb2, 128 + 224 * cr2


def psnr(a: list[np.ndarray], b: list[np.ndarray]) -> float:
    mse = np.mean([np.mean((x.astype(np.float64) - y) ** 2) for x, y in zip(a, b, strict=True)])
    return float("inf") if mse == 0 else 10 * np.log10(255**2 / mse)


@dataclass
class Result:
    copy_ms: float
    cpu_ms: float
    wall_ms: float
    planes: list[list[np.ndarray]]  # Y, U, V per frame


def run_variant(variant: Variant, frames: list[np.ndarray], repeat: int) -> Result:
    """Time the copy and the conversion of ``frames`` laid out as ``variant.src_format``."""
    order, channels = _CHANNELS[variant.src_format]
    sources = [np.ascontiguousarray(f[..., order]) for f in frames]  # the frame's own bytes
    h, w = frames[0].shape[:2]
    pooled = av.VideoFrame(w, h, variant.src_format)
    view = packed_view(pooled, channels)
    # The copy's source is Skia's 4-byte buffer: RGBA, or BGRA for the bgr layouts.
    skia = frames
    if variant.src_format.startswith("bgr"):
        skia = [np.ascontiguousarray(f[..., [2, 1, 0, 3]]) for f in frames]
    copy_ms = time_copy(copier(variant.src_format), view, skia, repeat)

    reformatter = VideoReformatter()
    kwargs: dict[str, object] = {
        "format": "yuv420p",
        "dst_colorspace": "ITU709",
        "threads": variant.threads,
    }
    if variant.interpolation is not None:
        kwargs["interpolation"] = variant.interpolation

    def fill(src: np.ndarray) -> None:
        view[:] = src

    def convert() -> av.VideoFrame:
        return reformatter.reformat(pooled, **kwargs)

    planes = []
    for src in sources:  # also the warm-up
        fill(src)
        yuv = convert()
        planes.append([plane(yuv, i).copy() for i in range(3)])
    cpu_ms, wall_ms = time_convert(fill, convert, sources, repeat)
    return Result(copy_ms, cpu_ms, wall_ms, planes)


def time_copy(
    copy: Callable[[np.ndarray, np.ndarray], None],
    view: np.ndarray,
    sources: list[np.ndarray],
    repeat: int,
) -> float:
    """Milliseconds per frame to copy the renderer's buffer into the pooled frame."""
    t0 = time.perf_counter()
    for _ in range(repeat):
        for src in sources:
            copy(view, src)
    return (time.perf_counter() - t0) * 1000 / (repeat * len(sources))


def time_convert(
    fill: Callable[[np.ndarray], None],
    convert: Callable[[], av.VideoFrame],
    sources: list[np.ndarray],
    repeat: int,
) -> tuple[float, float]:
    """CPU and wall milliseconds per conversion (the pixels are filled in untimed)."""
    cpu = wall = 0.0
    for _ in range(repeat):
        for src in sources:
            fill(src)
            c0, w0 = time.process_time(), time.perf_counter()
            convert()
            cpu += time.process_time() - c0
            wall += time.perf_counter() - w0
    n = repeat * len(sources)
    return cpu * 1000 / n, wall * 1000 / n


def colour_error(frames: list[np.ndarray], planes: list[list[np.ndarray]]) -> tuple[float, float]:
    """Mean absolute error of Y, and of Cb/Cr together, against the BT.709 formula."""
    y_err, c_err = [], []
    for rgba, (y, u, v) in zip(frames, planes, strict=True):
        ry, ru, rv = bt709_reference(rgba)
        y_err.append(np.mean(np.abs(y - ry)))
        c_err.append((np.mean(np.abs(u - ru)) + np.mean(np.abs(v - rv))) / 2)
    return float(np.mean(y_err)), float(np.mean(c_err))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=24, help="distinct rendered frames")
    parser.add_argument("--repeat", type=int, default=5, help="timed passes over the frames")
    args = parser.parse_args()

    console.print(f"rendering {args.frames} frames (1080x1920) ...")
    frames = render_frames(args.frames)
    results = {v.name: run_variant(v, frames, args.repeat) for v in VARIANTS}
    base = results[VARIANTS[0].name]

    table = Table(
        title=f"RGB(A) → yuv420p BT.709, 1080x1920, {args.frames} frames × {args.repeat}, "
        f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}, "
        f"PyAV {av.__version__}, swscale {'.'.join(map(str, av.library_versions['libswscale']))}"
    )
    for column in (
        "variant",
        "copy ms",
        "convert CPU ms",
        "convert wall ms",
        "copy+convert CPU vs before",
        "PSNR Y dB",
        "PSNR U dB",
        "PSNR V dB",
        "|ΔY| vs 709",
        "|ΔC| vs 709",
    ):
        table.add_column(column, justify="left" if column == "variant" else "right")
    base_total = base.copy_ms + base.cpu_ms
    for name, r in results.items():
        y_err, c_err = colour_error(frames, r.planes)
        table.add_row(
            name,
            f"{r.copy_ms:.2f}",
            f"{r.cpu_ms:.2f}",
            f"{r.wall_ms:.2f}",
            f"{(r.copy_ms + r.cpu_ms) / base_total:.2f}",
            *(
                f"{psnr([p[i] for p in r.planes], [p[i] for p in base.planes]):.1f}"
                for i in range(3)
            ),
            f"{y_err:.2f}",
            f"{c_err:.2f}",
        )
    console.print(table)


if __name__ == "__main__":
    main()
