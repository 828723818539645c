"""Whether bytes are a product picture shopcast can show: sniffed from the data itself (never
the file name or a server's Content-Type), PNG/JPEG/WebP only, size checked before decoding
(a decompression bomb is refused from its header), then decoded in full."""

from __future__ import annotations

import warnings
from io import BytesIO
from pathlib import Path

from PIL import Image, UnidentifiedImageError

# What the renderer (skia) and every browser draw; Shopify's CDN serves these when asked.
FORMATS: tuple[str, ...] = ("PNG", "JPEG", "WEBP")
EXTENSIONS = {"PNG": ".png", "JPEG": ".jpg", "WEBP": ".webp"}
# Shopify's own upload limit is 25 megapixels (5000 x 5000): nothing a card needs is larger.
MAX_PIXELS = 25_000_000


class UnusableImage(Exception):
    """The data is not a picture shopcast may use; ``reason`` says why, for the import report."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def check_image(source: Path | bytes, *, max_pixels: int = MAX_PIXELS) -> str:
    """The image's format ("PNG", "JPEG" or "WEBP"), or :class:`UnusableImage`."""
    data = source.read_bytes() if isinstance(source, Path) else source
    if not data:
        raise UnusableImage("it is empty (0 bytes)")
    kind = _signature(data) or "image"  # named in the reason when decoding fails early
    with warnings.catch_warnings():
        # Pillow warns above its own pixel limit and raises above twice it; both are refusals.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(BytesIO(data), formats=FORMATS) as image:
                kind = image.format or "image"
                width, height = image.size
                if width * height > max_pixels:
                    raise UnusableImage(
                        f"it is {width}x{height} pixels, more than the "
                        f"{max_pixels / 1e6:g}-megapixel limit"
                    )
                image.verify()  # checksums and structure, without decoding pixels
            with Image.open(BytesIO(data), formats=FORMATS) as image:
                image.load()  # and the pixels themselves: a truncated JPEG fails here
        except UnidentifiedImageError:
            raise UnusableImage(
                f"it is not a PNG, JPEG or WebP image ({_looks_like(data)})"
            ) from None
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise UnusableImage(f"it is a decompression bomb ({exc})") from None
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            raise UnusableImage(f"it is a damaged {kind} ({exc})") from None
    return kind


def _signature(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def _looks_like(data: bytes) -> str:
    """A few words on what unrecognised data seems to be, for the report."""
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "the data is an HTML page"
    if head.startswith((b"<?xml", b"<svg")):
        return "the data is XML/SVG"
    if head.startswith((b"{", b"[")):
        return "the data looks like JSON"
    try:
        data[:512].decode("utf-8")
    except UnicodeDecodeError:
        return "unrecognised binary data"
    return "the data is text"
