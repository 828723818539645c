"""Colours of an avatar pack: parsing, shading, and swapping slot colours inside SVG text."""

from __future__ import annotations

import re

import skia

_HEX = re.compile(r"^#([0-9a-fA-F]{6})$")
_SVG_HEX = re.compile(r"#[0-9a-fA-F]{6}\b")

DEFAULT_SHADE_TOWARD = "#3a1d38"  # shadows lean warm purple rather than grey


def is_hex(value: object) -> bool:
    return isinstance(value, str) and bool(_HEX.match(value))


def rgb(value: str) -> tuple[int, int, int]:
    h = value.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def to_hex(r: float, g: float, b: float) -> str:
    def c(v: float) -> int:
        return max(0, min(255, round(v)))

    return f"#{c(r):02x}{c(g):02x}{c(b):02x}"


def mix(a: str, b: str, amount: float) -> str:
    ra, ga, ba = rgb(a)
    rb, gb, bb = rgb(b)
    return to_hex(ra + (rb - ra) * amount, ga + (gb - ga) * amount, ba + (bb - ba) * amount)


def shade(base: str, amount: float, toward: str = DEFAULT_SHADE_TOWARD) -> str:
    """``amount`` < 0 darkens toward ``toward`` (a tinted shadow), > 0 lightens toward white."""
    if amount < 0:
        return mix(base, toward, -amount)
    if amount > 0:
        return mix(base, "#ffffff", amount)
    return base.lower()


def skia_color(value: str, alpha: float = 1.0) -> int:
    r, g, b = rgb(value)
    return skia.Color(r, g, b, max(0, min(255, round(alpha * 255))))


def recolor_svg(text: str, mapping: dict[str, str]) -> str:
    """Replace every ``#rrggbb`` in ``text`` that is a key of ``mapping`` (lower-case hex)."""
    if not mapping:
        return text

    def swap(match: re.Match[str]) -> str:
        found = match.group(0).lower()
        return mapping.get(found, match.group(0))

    return _SVG_HEX.sub(swap, text)
