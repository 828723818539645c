"""Random but repeatable idle events (blinks, saccades, breaths) on an unbounded clock.

Each schedule draws its events in time order from its own seeded generator and extends itself
on demand, so any ``t`` (live shows run for days) gives the same answer for the same seed,
whatever order the times are asked in.
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Callable


class EventSchedule:
    """Event start times; gaps drawn by ``gap(rng)``; extra per-event data by ``extra(rng)``."""

    def __init__(
        self,
        seed: int,
        stream: str,
        gap: Callable[[random.Random], float],
        extra: Callable[[random.Random], tuple[float, ...]] = lambda rng: (),
        first: float = 0.0,
    ) -> None:
        self._rng = random.Random(f"{seed}:{stream}")
        self._gap = gap
        self._extra = extra
        self.times: list[float] = []
        self.data: list[tuple[float, ...]] = []
        self._next = first + gap(self._rng) * self._rng.random()

    def _extend(self, until: float) -> None:
        while self._next <= until:
            self.times.append(self._next)
            self.data.append(self._extra(self._rng))
            self._next += self._gap(self._rng)

    @property
    def first(self) -> float:
        """The time of the first event."""
        return self.times[0] if self.times else self._next

    def time(self, i: int) -> float:
        """The time of event ``i`` (drawing further events as needed)."""
        while len(self.times) <= i:
            self._extend(self._next)
        return self.times[i]

    def index_before(self, t: float) -> int:
        """Index of the last event at or before ``t`` (-1 if none)."""
        self._extend(t + 1.0)
        return bisect.bisect_right(self.times, t) - 1

    def between(self, a: float, b: float) -> range:
        self._extend(b + 1.0)
        return range(bisect.bisect_left(self.times, a), bisect.bisect_right(self.times, b))


def blink_schedule(seed: int) -> EventSchedule:
    """Blinks every 2–6 s; one in five is a double blink (data: (1.0,) for double)."""
    return EventSchedule(
        seed,
        "blink",
        gap=lambda rng: rng.uniform(2.0, 6.0),
        extra=lambda rng: (1.0 if rng.random() < 0.2 else 0.0,),
        first=0.3,
    )


def saccade_schedule(seed: int) -> EventSchedule:
    """Small gaze jumps every 1–3 s (data: dx, dy)."""
    return EventSchedule(
        seed,
        "saccade",
        gap=lambda rng: rng.uniform(1.0, 3.0),
        extra=lambda rng: (rng.gauss(0.0, 0.09), rng.gauss(0.0, 0.05)),
    )


def breath_schedule(seed: int) -> EventSchedule:
    """Breath cycle starts, 3–5 s apart: 12–20 breaths a minute."""
    return EventSchedule(seed, "breath", gap=lambda rng: rng.uniform(3.0, 5.0))
