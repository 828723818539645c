"""Render a program while its timeline still grows beat by beat.

Frame n (time n / fps) shows the pose, sound, captions and card of the utterances that start up
to ``LOOKAHEAD`` s after it (the host anticipates the next line), never later ones. The next
beat starts at ``TimelineBuilder.next_start`` at the earliest, so every frame with
n / fps + LOOKAHEAD < next_start comes out exactly as it would from the finished timeline, and
can be rendered and encoded while that beat is still being synthesized.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator

from shopcast.avatar.motion import LOOKAHEAD
from shopcast.timeline.clock import FrameClock
from shopcast.timeline.program import Program, ProgramFrame
from shopcast.video.performance_builder import TimelineBuilder


def frames_ready(next_start: float, fps: int) -> int:
    """How many frames no beat starting at ``next_start`` or later can change."""
    n = max(0, math.floor((next_start - LOOKAHEAD) * fps) - 1)
    while n / fps + LOOKAHEAD < next_start:  # the same arithmetic as the director's window
        n += 1
    return n


def streamed_frames(
    program: Program,
    builder: TimelineBuilder,
    place_next: Callable[[], None],
    clock: FrameClock | None = None,
) -> Iterator[ProgramFrame]:
    """Every frame of ``program`` in order, each rendered as soon as no later beat can change
    it. ``program`` must run on ``builder.timeline``; when no frame is ready, ``place_next`` is
    called and must add the next beat to ``builder`` (blocking until its speech is there). The
    last frames follow once every beat is placed and the timeline's length is known."""
    rendered = 0
    while True:
        ready = (
            program.frame_count() if builder.done else frames_ready(builder.next_start, program.fps)
        )
        for i in range(rendered, ready):
            if clock is not None:
                clock.wait_for(i)
            yield program.render(i)
        rendered = max(rendered, ready)
        if builder.done:
            return
        placed = builder.placed
        place_next()
        if builder.placed != placed + 1:
            raise RuntimeError("place_next must place exactly one beat")
