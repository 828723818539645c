"""Known colour patches for the encoder tests: a frame of them, their BT.709 limited-range
Y'CbCr, and the levels a decoded yuv420p frame has at each patch's centre."""

from __future__ import annotations

import av
import numpy as np

# A 4x2 grid of patches on the 2x2 chroma grid: primaries, secondaries, greys, a skin-ish tone.
PATCHES = [
    (255, 0, 0),
    (0, 255, 0),
    (0, 0, 255),
    (255, 255, 255),
    (20, 40, 120),
    (255, 200, 40),
    (128, 128, 128),
    (0, 0, 0),
]


def patch_frame(width: int, height: int) -> np.ndarray:
    """An opaque RGBA frame of the patches (``width`` a multiple of 8, ``height`` of 4)."""
    pw, ph = width // 4, height // 2
    frame = np.zeros((height, width, 4), np.uint8)
    frame[..., 3] = 255
    for i, rgb in enumerate(PATCHES):
        row, col = divmod(i, 4)
        frame[row * ph : (row + 1) * ph, col * pw : (col + 1) * pw, :3] = rgb
    return frame


def bt709_limited(rgb: tuple[int, int, int]) -> tuple[float, float, float]:
    """Y, Cb, Cr of an sRGB colour by the BT.709 matrix in limited ("tv") range."""
    r, g, b = (c / 255 for c in rgb)
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 16 + 219 * y, 128 + 224 * (b - y) / 1.8556, 128 + 224 * (r - y) / 1.5748


def measured_levels(frame: av.VideoFrame) -> list[tuple[float, float, float]]:
    """Mean Y, Cb, Cr over the middle half of each patch of a decoded yuv420p frame."""
    planes = [
        np.frombuffer(p, np.uint8).reshape(p.height, p.line_size)[:, : p.width]
        for p in frame.planes
    ]
    pw, ph = frame.width // 4, frame.height // 2
    levels = []
    for i in range(len(PATCHES)):
        row, col = divmod(i, 4)
        y0, x0 = row * ph + ph // 4, col * pw + pw // 4  # even: on the chroma grid
        y = planes[0][y0 : y0 + ph // 2, x0 : x0 + pw // 2]
        u, v = (p[y0 // 2 : (y0 + ph // 2) // 2, x0 // 2 : (x0 + pw // 2) // 2] for p in planes[1:])
        levels.append((float(y.mean()), float(u.mean()), float(v.mean())))
    return levels
