"""Cached raster sprites, including pre-rotated copies.

Drawing an image under a rotation is ~10x slower per pixel in Skia's CPU raster pipeline than
a translate-only blit, so rotated sprites are rendered once per quantised angle (small steps, so
the snapping stays below about a pixel) and kept in a bounded LRU. Per frame the rig then only
blits (subpixel translate) the nearest cached angle.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass, field

import skia

_QUALITY = skia.SamplingOptions(skia.FilterMode.kLinear)


@dataclass(slots=True)
class Sprite:
    """An image drawn with its top-left at (left, top) in rig pixels."""

    image: skia.Image
    left: float
    top: float
    step: float = 0.2  # degrees between cached angles
    limit: int = 64  # cached angles kept (±6° at 0.2° needs 61)
    _cache: OrderedDict[int, tuple[skia.Image, float, float]] = field(default_factory=OrderedDict)

    def rotated(self, degrees: float, px: float, py: float) -> tuple[skia.Image, float, float]:
        """This sprite rotated by ``degrees`` (snapped to ``step``) about (px, py): the image
        and its top-left. The pivot must stay the same for one sprite (it is part of the key's
        meaning, not of the key)."""
        key = round(degrees / self.step)
        if key == 0:
            return self.image, self.left, self.top
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            return hit
        hit = self._render(key * self.step, px, py)
        self._cache[key] = hit
        if len(self._cache) > self.limit:
            self._cache.popitem(last=False)
        return hit

    def _render(self, degrees: float, px: float, py: float) -> tuple[skia.Image, float, float]:
        matrix = skia.Matrix.RotateDeg(degrees, skia.Point(px, py))
        rect = skia.Rect.MakeXYWH(self.left, self.top, self.image.width(), self.image.height())
        bounds = matrix.mapRect(rect)
        left, top = math.floor(bounds.left()) - 1, math.floor(bounds.top()) - 1
        width = math.ceil(bounds.right()) + 1 - left
        height = math.ceil(bounds.bottom()) + 1 - top
        surface = skia.Surface(width, height)
        canvas = surface.getCanvas()
        canvas.clear(skia.ColorTRANSPARENT)
        canvas.translate(-left, -top)
        canvas.concat(matrix)
        canvas.drawImage(self.image, self.left, self.top, _QUALITY)
        return surface.makeImageSnapshot().makeRasterImage(), float(left), float(top)
