"""Product images at import: local files and fetched URLs are checked (``image_check``) and
copied into the media folder; an image that cannot be used is a warning naming its row, the
product, and the reason, and the product imports without it."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from shopcast.catalog.image_check import EXTENSIONS, UnusableImage, check_image
from shopcast.catalog.image_fetch import (
    FetchLimits,
    FetchOutcome,
    ImageCache,
    NotFetched,
    ProgressFn,
    fetch_images,
    is_url,
)
from shopcast.catalog.importers.common import ParsedProduct, slug
from shopcast.catalog.models import Product
from shopcast.config import Settings

MEDIA_SUBDIR = "products"
FETCHING_OFF = "fetching images is turned off (SHOPCAST_FETCH_IMAGES=false)"


def image_refs(items: Iterable[ParsedProduct]) -> list[str]:
    """Every image reference of ``items`` (product and variant images), once, in file order."""
    refs: dict[str, None] = {}
    for item in items:
        for ref in item.product.images:
            refs.setdefault(ref, None)
        for variant in item.product.variants:
            if variant.image:
                refs.setdefault(variant.image, None)
    return list(refs)


def fetch_remote_images(
    items: Iterable[ParsedProduct],
    settings: Settings,
    *,
    limits: FetchLimits | None = None,
    on_progress: ProgressFn | None = None,
) -> dict[str, FetchOutcome]:
    """Fetch (or find in the cache) every URL image of ``items``; nothing when fetching is off."""
    urls = [ref for ref in image_refs(items) if is_url(ref)]
    if not settings.fetch_images:
        return {url: NotFetched(FETCHING_OFF) for url in urls}
    cache = ImageCache(settings.image_cache_dir)
    return fetch_images(urls, cache, limits=limits, on_progress=on_progress)


@dataclass
class ImageCopier:
    """Copies images into ``media_dir``; remembers the files it created so a failed import
    can take them back (``discard_new``). URL images come from ``fetched``
    (:func:`fetch_remote_images`), fetched before the import writes anything."""

    media_dir: Path
    source_dir: Path
    fetched: Mapping[str, FetchOutcome] = field(default_factory=dict)
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
        if is_url(ref):
            outcome = self.fetched.get(ref, NotFetched(FETCHING_OFF))
            if isinstance(outcome, NotFetched):
                self.warnings.append(
                    f"row {row}: image {ref} could not be used: {outcome.reason}. "
                    f"Product {handle!r} imported without it."
                )
                return None
            stem = PurePosixPath(urlsplit(ref).path).stem
            return self._store(outcome.path, outcome.format, stem, handle)
        source = Path(ref).expanduser()
        if not source.is_absolute():
            source = self.source_dir / source
        source = source.resolve()
        if not source.is_file():
            self.warnings.append(f"row {row}: image file {ref} not found; imported without it")
            return None
        try:
            kind = check_image(source)
        except UnusableImage as unusable:
            self.warnings.append(
                f"row {row}: image {ref} is not a readable image ({unusable.reason}); "
                "imported without it"
            )
            return None
        return self._store(source, kind, source.stem, handle)

    def _store(self, source: Path, kind: str, stem: str, handle: str) -> str:
        """Copy a checked image to ``products/<handle>/<stem>-<digest><ext>``; the extension is
        the sniffed format's, whatever the file or URL was called."""
        digest = hashlib.sha256(source.read_bytes()).hexdigest()[:12]
        name = f"{slug(stem) or 'image'}-{digest}{EXTENSIONS[kind]}"
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
