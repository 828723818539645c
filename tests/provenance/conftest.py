"""Small real MP4s made by the project's own encoder, to sign and read back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from shopcast.media.mp4 import Mp4Writer


def write_mp4(path: Path, frames: int = 10) -> Path:
    """A 1 s 160x96 H.264/AAC file: a colour ramp and a tone."""
    with Mp4Writer(path, width=160, height=96, fps=10, sample_rate=24_000) as writer:
        for i in range(frames):
            frame = np.full((96, 160, 4), 255, np.uint8)
            frame[..., 0] = (i * 25) % 256
            writer.write_frame(frame)
            t = np.arange(i * 2400, (i + 1) * 2400) / 24_000
            writer.write_audio((0.2 * np.sin(2 * np.pi * 440 * t)).astype(np.float32))
    return path


@pytest.fixture
def make_mp4(tmp_path: Path) -> Callable[[str], Path]:
    return lambda name="clip.mp4": write_mp4(tmp_path / name)
