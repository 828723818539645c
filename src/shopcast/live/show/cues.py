"""Cues: what the host will do next — a phrase to say (with its intent) or a pause — and what
happens on air when it starts (pin a product, open a deal)."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from shopcast.avatar.state import Expression, GazeTarget, Gesture
from shopcast.speech.types import Speech

CueKind = Literal["line", "state", "ack", "answer", "pause", "operator"]


@dataclass
class Cue:
    kind: CueKind
    text: str = ""
    segment: str = ""
    beat: str = "line"
    expression: Expression = Expression.NEUTRAL
    gesture: Gesture = Gesture.NONE
    gaze: GazeTarget = GazeTarget.CAMERA
    sku: str | None = None
    seconds: float = 0.0  # for pauses: how long the host idles (answers may still come)
    on_air: Callable[[], None] | None = None  # runs when the cue goes on the timeline
    still_true: Callable[[], bool] | None = None  # checked just before: False drops the cue
    question: str | None = None  # shown on screen while an ack/answer is spoken
    received: float | None = None  # monotonic time the question arrived (latency)
    # the chat messages this cue answers (their first samples are recorded per message) and
    # what it is to them: "ack" (the acknowledgement or group preamble), "substance" (the
    # answer proper), "both" (an answer said with no acknowledgement before it)
    asked: tuple[str, ...] = ()
    stage: str = ""
    keep_audio: bool = False  # cache the audio (FAQ answers, fixed lines)
    speech: Speech | None = field(default=None, repr=False)
    # what to say after the answer when an answer cuts this line (deal lines: the line again,
    # or "starts any second" for a countdown whose seconds are out of date by then); voiced
    # with the line, so the frame loop never waits for it. None: a cut line is not said again
    again: Cue | None = field(default=None, repr=False)


def pause(seconds: float, segment: str = "") -> Cue:
    return Cue("pause", seconds=seconds, segment=segment)


class RepeatGuard:
    """Remembers when each line was said; ``recent`` is true for a line said verbatim within
    ``window_s`` (an hour by default), so the show never repeats itself within that window.
    Lines are planned a few ahead of air time, so a line is also ``recent`` for ``planned_s``
    after it was planned (``planned``): the same phrase in two beats of one script is said
    once, not twice a few seconds apart. A planned line that never went on air (dropped) is
    free again after ``planned_s``."""

    def __init__(
        self,
        window_s: float = 3600.0,
        clock: Callable[[], float] = time.monotonic,
        *,
        planned_s: float = 120.0,
    ):
        self.window_s = window_s
        self.planned_s = planned_s
        self._clock = clock
        self._said: dict[str, float] = {}
        self._planned: dict[str, float] = {}
        self._lock = threading.Lock()

    @staticmethod
    def key(text: str) -> str:
        return re.sub(r"\s+", " ", text.strip().lower())

    def recent(self, text: str) -> bool:
        key, now = self.key(text), self._clock()
        with self._lock:
            said, planned = self._said.get(key), self._planned.get(key)
        return (said is not None and now - said < self.window_s) or (
            planned is not None and now - planned < self.planned_s
        )

    def planned(self, text: str) -> None:
        now = self._clock()
        with self._lock:
            self._planned[self.key(text)] = now
            if len(self._planned) > 500:
                cutoff = now - self.planned_s
                self._planned = {k: v for k, v in self._planned.items() if v >= cutoff}

    def said(self, text: str) -> None:
        now = self._clock()
        with self._lock:
            self._said[self.key(text)] = now
            if len(self._said) > 5000:  # forget what is outside the window
                cutoff = now - self.window_s
                self._said = {k: v for k, v in self._said.items() if v >= cutoff}
