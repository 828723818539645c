"""Product images: local files are checked and copied into the media folder; URLs are not
fetched (shopcast runs offline) and are reported instead."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from shopcast.catalog.importers.common import ParsedProduct, slug
from shopcast.catalog.models import Product

MEDIA_SUBDIR = "products"


@dataclass
class ImageCopier:
    """Copies images into ``media_dir``; remembers the files it created so a failed import
    can take them back (``discard_new``)."""

    media_dir: Path
    source_dir: Path
    warnings: list[str] = field(default_factory=list)
    created: list[Path] = field(default_factory=list)
    _done: dict[str, str | None] = field(default_factory=dict)  # (handle, reference) -> media path

    def attach(self, item: ParsedProduct) -> Product:
        """The product with every image reference replaced by its media path (or dropped)."""
        product = item.product.model_copy(deep=True)
        product.images = [
            path for ref in product.images if (path := self._copy(ref, item, product.sku))
        ]
        for variant in product.variants:
            if variant.image:
                variant.image = self._copy(variant.image, item, product.sku)
        return product

    def _copy(self, ref: str, item: ParsedProduct, handle: str) -> str | None:
        key = f"{handle}\0{ref}"
        if key not in self._done:
            self._done[key] = self._copy_once(ref, item, handle)
        return self._done[key]

    def _copy_once(self, ref: str, item: ParsedProduct, handle: str) -> str | None:
        row = item.image_rows.get(ref, item.row)
        if ref.lower().startswith(("http://", "https://", "//")):
            self.warnings.append(
                f"row {row}: image {ref} was not fetched (shopcast works offline); "
                f"download it and give a local path. Product {handle!r} imported without it."
            )
            return None
        source = Path(ref).expanduser()
        if not source.is_absolute():
            source = self.source_dir / source
        source = source.resolve()
        if not source.is_file():
            self.warnings.append(f"row {row}: image file {ref} not found; imported without it")
            return None
        if not _decodable(source):
            self.warnings.append(
                f"row {row}: image {ref} is not a readable image (corrupt or not an image); "
                "imported without it"
            )
            return None
        data = source.read_bytes()
        digest = hashlib.sha256(data).hexdigest()[:12]
        name = f"{slug(source.stem) or 'image'}-{digest}{source.suffix.lower()}"
        relative = f"{MEDIA_SUBDIR}/{slug(handle)}/{name}"
        target = self.media_dir / relative
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(target.name + ".part")
            shutil.copyfile(source, partial)
            partial.replace(target)
            self.created.append(target)
        return relative

    def discard_new(self) -> None:
        for path in self.created:
            path.unlink(missing_ok=True)
        self.created.clear()


def _decodable(path: Path) -> bool:
    try:
        with Image.open(path) as image:
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return False
    return True
