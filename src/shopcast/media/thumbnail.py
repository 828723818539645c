"""A still of a rendered frame (cover image for the video and the seller's library)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from shopcast.errors import InvalidInputError, OutputError

_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}


def save_thumbnail(rgba: np.ndarray, path: Path, max_side: int = 720) -> Path:
    """Save ``rgba`` (H, W, 4 uint8) scaled so its longer side is at most ``max_side``; JPEG or
    PNG by the path's suffix. Written atomically: no partial file on failure."""
    path = Path(path)
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InvalidInputError(
            f"Thumbnail {path} must end in .jpg, .jpeg or .png.", hint="Rename the target file."
        )
    if rgba.ndim != 3 or rgba.shape[2] != 4 or rgba.dtype != np.uint8:
        raise InvalidInputError(f"Thumbnail needs an (H, W, 4) uint8 array, got {rgba.shape}.")
    if max_side < 16:
        raise InvalidInputError(f"max_side {max_side} is too small (at least 16).")
    image = Image.fromarray(rgba)
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    if fmt == "JPEG":
        image = image.convert("RGB")
    tmp = path.with_name(f".{path.name}.partial")
    try:
        if fmt == "JPEG":
            image.save(tmp, format=fmt, quality=88, optimize=True, progressive=True)
        else:
            image.save(tmp, format=fmt, optimize=True)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"Cannot write thumbnail {path}: {exc}") from exc
    return path
