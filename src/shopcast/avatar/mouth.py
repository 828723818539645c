"""Visemes as points in the parametric mouth space, and blending between them."""

from __future__ import annotations

from shopcast.avatar.state import MouthShape
from shopcast.speech.visemes import Viseme

REST = MouthShape()

# open, width, round, press, teeth, smile
_TABLE: dict[Viseme, tuple[float, float, float, float, float, float]] = {
    Viseme.SIL: (0.0, 0.5, 0.0, 0.0, 0.0, 0.0),
    Viseme.PBM: (0.0, 0.5, 0.0, 1.0, 0.0, 0.0),
    Viseme.FV: (0.12, 0.58, 0.0, 0.0, 1.0, 0.0),
    Viseme.TH: (0.2, 0.55, 0.0, 0.0, 0.7, 0.0),
    Viseme.DTN: (0.3, 0.56, 0.0, 0.0, 0.45, 0.0),
    Viseme.KG: (0.38, 0.5, 0.0, 0.0, 0.2, 0.0),
    Viseme.CHJSH: (0.26, 0.34, 0.5, 0.0, 0.7, 0.0),
    Viseme.SZ: (0.14, 0.7, 0.0, 0.0, 1.0, 0.0),
    Viseme.R: (0.24, 0.38, 0.5, 0.0, 0.2, 0.0),
    Viseme.A: (0.85, 0.62, 0.0, 0.0, 0.3, 0.0),
    Viseme.E: (0.55, 0.74, 0.0, 0.0, 0.35, 0.0),
    Viseme.I: (0.34, 0.86, 0.0, 0.0, 0.5, 0.15),
    Viseme.O: (0.66, 0.3, 0.85, 0.0, 0.0, 0.0),
    Viseme.U: (0.34, 0.18, 1.0, 0.0, 0.0, 0.0),
}

VOWELS = frozenset({Viseme.A, Viseme.E, Viseme.I, Viseme.O, Viseme.U})


def mouth_for(viseme: Viseme) -> MouthShape:
    """The mouth shape of one viseme (a fresh object each call)."""
    return MouthShape(*_TABLE[viseme])


def shape_vector(viseme: Viseme) -> tuple[float, float, float, float, float, float]:
    return _TABLE[viseme]


def as_vector(shape: MouthShape) -> tuple[float, float, float, float, float, float]:
    return (shape.open, shape.width, shape.round, shape.press, shape.teeth, shape.smile)


def blend(a: MouthShape, b: MouthShape, amount: float) -> MouthShape:
    """Linear interpolation from ``a`` (amount 0) to ``b`` (amount 1)."""
    t = min(1.0, max(0.0, amount))
    va, vb = as_vector(a), as_vector(b)
    return MouthShape(*(x + (y - x) * t for x, y in zip(va, vb, strict=True)))
