"""Raster surfaces in the frame's pixel format (RGBA, premultiplied), so cached layers blit
without a per-pixel channel swizzle."""

from __future__ import annotations

import numpy as np
import skia


def rgba_surface(width: int, height: int) -> skia.Surface:
    info = skia.ImageInfo.Make(
        int(width), int(height), skia.kRGBA_8888_ColorType, skia.kPremul_AlphaType
    )
    surface = skia.Surface.MakeRaster(info)
    surface.getCanvas().clear(skia.ColorTRANSPARENT)
    return surface


def image_pixels(image: skia.Image) -> np.ndarray:
    """An image's pixels as an (H, W, 4) RGBA premultiplied array."""
    return image.toarray(colorType=skia.kRGBA_8888_ColorType, alphaType=skia.kPremul_AlphaType)
