"""Cached raster sprites, including pre-rotated copies.

Drawing an image under a rotation is ~10x slower per pixel in Skia's CPU raster pipeline than
a translate-only blit, so rotated sprites are rendered once per quantised angle (small steps, so
the snapping stays below about a pixel) and kept in a bounded LRU. Per frame the rig then only
blits the nearest cached angle, as a :class:`Stamp` (opaque pixels copied, edges blended).
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
import skia

_QUALITY = skia.SamplingOptions(skia.FilterMode.kLinear)
_COPY = skia.Paint(BlendMode=skia.BlendMode.kSrc)
_BAND = 4  # rows per band of a stamp's regions
_MIN_COPY = 16  # an opaque run narrower than this (px) is blended with the rest of its band


@dataclass(frozen=True, slots=True)
class Stamp:
    """An image with its pixels sorted by alpha, for exact and cheap blits at whole pixels.

    Source-over of an opaque pixel is a copy, of a transparent one a no-op; only partly
    transparent pixels need the blend. Skia's blitter does the arithmetic for every pixel of the
    image's rectangle (~1.8 ns each here); at whole-pixel offsets a stamp copies its opaque
    region (blend mode kSrc, a memcpy per span: the same bytes), skips the transparent one and
    blends only the rest, about 3x faster on the rig's parts. The pixels are kept as RGBA, the
    frame's format, so the copy needs no channel swizzle (a lossless conversion)."""

    image: skia.Image
    opaque: skia.Region  # copied: only opaque pixels
    partial: skia.Region  # blended: every other visible pixel (and some transparent ones)

    @classmethod
    def of(cls, image: skia.Image) -> Stamp:
        if image.colorType() != skia.kRGBA_8888_ColorType:
            image = image.makeColorTypeAndColorSpace(skia.kRGBA_8888_ColorType, None)
        image = image.makeRasterImage()
        alpha = image.toarray(
            colorType=skia.kRGBA_8888_ColorType, alphaType=skia.kPremul_AlphaType
        )[:, :, 3]
        return cls(image, *_regions(alpha))

    def draw(self, canvas: skia.Canvas, x: float, y: float, sampling: skia.SamplingOptions) -> None:
        """Source-over with the top-left at (x, y): the same pixels as
        ``canvas.drawImage(image, x, y, sampling)``, which it falls back to off whole pixels."""
        matrix = canvas.getTotalMatrix()
        if matrix.isTranslate():
            dx, dy = matrix.getTranslateX() + x, matrix.getTranslateY() + y
            if float(dx).is_integer() and float(dy).is_integer():
                _blit_in(canvas, self.opaque, int(dx), int(dy), self.image, x, y, sampling, _COPY)
                _blit_in(canvas, self.partial, int(dx), int(dy), self.image, x, y, sampling, None)
                return
        canvas.drawImage(self.image, x, y, sampling)


def _blit_in(
    canvas: skia.Canvas,
    region: skia.Region,
    dx: int,
    dy: int,
    image: skia.Image,
    x: float,
    y: float,
    sampling: skia.SamplingOptions,
    paint: skia.Paint | None,
) -> None:
    """Draw ``image`` at (x, y) only inside ``region`` (image pixels) placed at device (dx, dy)."""
    if region.isEmpty():
        return
    canvas.save()
    canvas.clipRegion(region.translate(dx, dy))  # returns the moved copy
    canvas.drawImage(image, x, y, sampling, paint)
    canvas.restore()


def _regions(alpha: np.ndarray) -> tuple[skia.Region, skia.Region]:
    """The copy and blend regions of an (H, W) alpha mask, made band by band (``_BAND`` rows):
    the longest run of columns opaque in every row of a band is copied, the rest of the band's
    visible columns are blended. A few rectangles per band instead of every run of every row:
    a rotated copy is split in ~2 ms instead of ~10, for a few more blended pixels."""
    height, width = alpha.shape
    bands = -(-height // _BAND)
    stacked = np.zeros((bands * _BAND, width), np.uint8)
    stacked[:height] = alpha
    stacked = stacked.reshape(bands, _BAND, width)
    visible = (stacked > 0).any(axis=1)
    opaque = (stacked == 255).all(axis=1)
    opaque[-1] = (alpha[(bands - 1) * _BAND :] == 255).all(axis=0)  # its real rows only
    starts, ends = _longest_runs(opaque)
    lefts = np.argmax(visible, axis=1)
    rights = width - np.argmax(visible[:, ::-1], axis=1)
    copy: list[skia.IRect] = []
    blend: list[skia.IRect] = []
    for band in np.flatnonzero(visible.any(axis=1)).tolist():
        top, bottom = band * _BAND, min(height, (band + 1) * _BAND)
        left, right = int(lefts[band]), int(rights[band])
        start, end = int(starts[band]), int(ends[band])
        if end - start < _MIN_COPY:
            start = end = right  # nothing copied: the whole visible span is blended
        else:
            copy.append(skia.IRect.MakeLTRB(start, top, end, bottom))
        for x0, x1 in ((left, start), (end, right)):
            if x0 < x1:
                blend.append(skia.IRect.MakeLTRB(x0, top, x1, bottom))
    return _region(copy), _region(blend)


def _longest_runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and end column of the longest run of True in each row (0, 0 for none)."""
    edges = np.diff(np.pad(mask.astype(np.int8), ((0, 0), (1, 1))), axis=1)
    rows, firsts = np.nonzero(edges == 1)
    _, lasts = np.nonzero(edges == -1)  # row-major like the starts: one end per start
    starts = np.zeros(mask.shape[0], np.int64)
    ends = np.zeros(mask.shape[0], np.int64)
    order = np.lexsort((lasts - firsts, rows))  # by row, then by length: a row's longest last
    rows, firsts, lasts = rows[order], firsts[order], lasts[order]
    longest = np.flatnonzero(np.diff(rows, append=-1) != 0)  # the last run of each row
    starts[rows[longest]] = firsts[longest]
    ends[rows[longest]] = lasts[longest]
    return starts, ends


def _region(rects: list[skia.IRect]) -> skia.Region:
    region = skia.Region()
    if rects:
        region.setRects(rects)
    return region


@dataclass(slots=True)
class Sprite:
    """An image drawn with its top-left at (left, top) in rig pixels."""

    image: skia.Image
    left: float
    top: float
    step: float = 0.2  # degrees between cached angles
    limit: int = 64  # cached angles kept (±6° at 0.2° needs 61)
    _cache: OrderedDict[int, tuple[Stamp, float, float]] = field(default_factory=OrderedDict)
    _stamp: Stamp | None = None

    @property
    def stamp(self) -> Stamp:
        """The unrotated image as a stamp (made on first use)."""
        if self._stamp is None:
            self._stamp = Stamp.of(self.image)
        return self._stamp

    def rotated(self, degrees: float, px: float, py: float) -> tuple[Stamp, float, float]:
        """This sprite rotated by ``degrees`` (snapped to ``step``) about (px, py): the stamp
        and its top-left. The pivot must stay the same for one sprite (it is part of the key's
        meaning, not of the key)."""
        key = round(degrees / self.step)
        if key == 0:
            return self.stamp, self.left, self.top
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            return hit
        hit = self._render(key * self.step, px, py)
        self._cache[key] = hit
        if len(self._cache) > self.limit:
            self._cache.popitem(last=False)
        return hit

    def _render(self, degrees: float, px: float, py: float) -> tuple[Stamp, float, float]:
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
        return Stamp.of(surface.makeImageSnapshot()), float(left), float(top)
