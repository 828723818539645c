"""Shared helpers for the live-output tests: a paced synthetic show and ffprobe read-back."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from shopcast.media.live import LiveOutput
from shopcast.timeline.clock import WallClock

WIDTH, HEIGHT, FPS, RATE = 320, 576, 30, 24_000


def play(
    out: LiveOutput,
    seconds: float,
    *,
    start: int = 0,
    on_frame: Callable[[int], object] | None = None,
) -> int:
    """Push ``seconds`` of paced frames (a moving square) and a 440 Hz tone; next frame index."""
    frame = np.zeros((HEIGHT, WIDTH, 4), np.uint8)
    frame[..., 3] = 255
    per_frame = RATE // FPS
    clock = WallClock(fps=FPS)
    end = start + round(seconds * FPS)
    for n in range(start, end):
        clock.wait_for(n - start)
        if on_frame is not None:
            on_frame(n)
        frame[..., :3] = 30
        x = (n * 4) % (WIDTH - 40)
        frame[100:140, x : x + 40, :3] = (250, 200, 40)
        out.push_video(frame, n)
        t = (np.arange(per_frame) + n * per_frame) / RATE
        out.push_audio((0.2 * np.sin(2 * np.pi * 440 * t)).astype(np.float32))
    return end


def ffprobe(path: Path) -> dict:
    result = subprocess.run(
        ["ffprobe", "-v", "error", "-show_streams", "-show_format", "-of", "json", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def stream(info: dict, kind: str) -> dict:
    return next(s for s in info["streams"] if s["codec_type"] == kind)


@dataclass
class Playlist:
    target_duration: int
    media_sequence: int
    discontinuity_sequence: int
    segments: list[tuple[str, float, bool]]  # (uri, duration, discontinuity before it)
    ended: bool


def parse_playlist(path: Path) -> Playlist:
    lines = path.read_text().splitlines()
    assert lines[0] == "#EXTM3U", lines[:2]
    tags: dict[str, str] = {}
    segments: list[tuple[str, float, bool]] = []
    duration: float | None = None
    discontinuity = False
    for line in lines[1:]:
        if m := re.fullmatch(r"#EXTINF:([0-9.]+),.*", line):
            duration = float(m.group(1))
        elif line == "#EXT-X-DISCONTINUITY":
            discontinuity = True
        elif line.startswith("#EXT") and ":" in line:
            key, value = line.split(":", 1)
            tags[key] = value
        elif line and not line.startswith("#"):
            assert duration is not None, f"segment {line} without #EXTINF"
            segments.append((line, duration, discontinuity))
            duration, discontinuity = None, False
    return Playlist(
        target_duration=int(tags["#EXT-X-TARGETDURATION"]),
        media_sequence=int(tags["#EXT-X-MEDIA-SEQUENCE"]),
        discontinuity_sequence=int(tags.get("#EXT-X-DISCONTINUITY-SEQUENCE", "0")),
        segments=segments,
        ended="#EXT-X-ENDLIST" in lines,
    )
