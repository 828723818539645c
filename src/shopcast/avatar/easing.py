"""Eased curves for motion: nothing the host does moves linearly."""

from __future__ import annotations

import math


def clamp01(x: float) -> float:
    return 0.0 if x <= 0.0 else 1.0 if x >= 1.0 else x


def smoothstep(x: float) -> float:
    x = clamp01(x)
    return x * x * (3.0 - 2.0 * x)


def ramp(t: float, start: float, duration: float) -> float:
    """0 before ``start``, eased to 1 over ``duration``."""
    return smoothstep((t - start) / duration) if duration > 0 else float(t >= start)


def bump(t: float, start: float, duration: float) -> float:
    """An eased 0 → 1 → 0 pulse over ``duration`` (ease in and out)."""
    x = (t - start) / duration
    if x <= 0.0 or x >= 1.0:
        return 0.0
    return math.sin(math.pi * x) ** 2


def window(t: float, start: float, end: float, rise: float, fall: float) -> float:
    """Eased up over ``rise`` from ``start``, held, eased down over ``fall`` from ``end``."""
    return min(ramp(t, start, rise), 1.0 - ramp(t, end, fall))
