"""A program: the frames and audio of a timeline, frame by frame, on one clock.

For frame ``n`` at ``fps`` the picture shows time ``n / fps`` and the audio carries samples
``[round(n * sr / fps), round((n + 1) * sr / fps))`` of the same timeline — so sound and mouth
come from one clock, and the total audio length equals the timeline length exactly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from shopcast.avatar.state import AvatarState
from shopcast.timeline.performance import Timeline

if TYPE_CHECKING:
    from shopcast.avatar.motion import MotionDirector
    from shopcast.scene.compositor import Overlay, SceneRenderer

OverlayFn = Callable[[float], "Overlay"]


@dataclass
class ProgramFrame:
    index: int
    t: float
    rgba: np.ndarray  # valid until the next frame is rendered
    audio: np.ndarray  # float32 mono samples for this frame's slot
    state: AvatarState


class Program:
    def __init__(
        self,
        timeline: Timeline,
        scene: SceneRenderer,
        director: MotionDirector,
        overlay_at: OverlayFn,
        fps: int = 30,
    ) -> None:
        self.timeline = timeline
        self.scene = scene
        self.director = director
        self.overlay_at = overlay_at
        self.fps = fps

    def frame_count(self) -> int:
        return int(np.ceil(self.timeline.duration * self.fps - 1e-9))

    def sample_range(self, index: int) -> tuple[int, int]:
        sr = self.timeline.sample_rate
        return round(index * sr / self.fps), round((index + 1) * sr / self.fps)

    def audio_for(self, index: int) -> np.ndarray:
        return self.timeline.audio_samples(*self.sample_range(index))

    def render(self, index: int) -> ProgramFrame:
        t = index / self.fps
        state = self.director.state_at(t, self.timeline)
        rgba = self.scene.render(state, self.overlay_at(t))
        return ProgramFrame(index, t, rgba, self.audio_for(index), state)
