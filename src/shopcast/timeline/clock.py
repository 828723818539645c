"""Clocks that pace a program: as fast as possible (offline video) or the wall clock (live).

Live output is paced against an absolute start time (frame n is due at start + n / fps), never
by sleeping a fixed amount per frame, so small delays do not accumulate into drift.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Protocol


class FrameClock(Protocol):
    fps: int

    def wait_for(self, frame: int) -> float:
        """Block until ``frame`` is due; return how late it is (seconds, 0 when on time)."""
        ...


@dataclass
class OfflineClock:
    """Never waits: an offline render runs as fast as the machine allows."""

    fps: int = 30

    def wait_for(self, frame: int) -> float:
        return 0.0


@dataclass
class WallClock:
    """Frame n is due at ``start + n / fps`` on the monotonic clock."""

    fps: int = 30
    start: float = field(default_factory=time.monotonic)
    late_frames: int = 0
    late_threshold: float = 0.5  # of a frame period

    def wait_for(self, frame: int) -> float:
        due = self.start + frame / self.fps
        now = time.monotonic()
        if now < due:
            time.sleep(due - now)
            return 0.0
        lateness = now - due
        if lateness > self.late_threshold / self.fps:
            self.late_frames += 1
        return lateness
