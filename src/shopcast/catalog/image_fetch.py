"""Product pictures from the web (Shopify's ``Image Src``): fetched with hard limits, sniffed,
and cached under ``SHOPCAST_HOME`` so a second import asks nobody.

Every URL gets a connect and a read timeout and one overall deadline (a server that trickles a
byte at a time cannot hold the import), a cap on redirects, a size cap enforced while the body
streams in, and a content check (``image_check``: PNG/JPEG/WebP sniffed from the bytes, no
decompression bombs). A few URLs are fetched at once. When a host cannot be reached (no network,
a name that does not resolve) its other URLs are not tried again in the same import. Nothing
raises: every URL ends as :class:`Fetched` or :class:`NotFetched` with the reason.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable, Coroutine, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from shopcast.catalog.image_check import EXTENSIONS, MAX_PIXELS, UnusableImage, check_image

ProgressFn = Callable[[int, int], None]  # done, total
USER_AGENT = "shopcast-catalog-import (product pictures)"
# Shopify's CDN picks the format from Accept: ask only for the ones shopcast can draw (no AVIF).
ACCEPT = "image/webp,image/png,image/jpeg;q=0.9"


@dataclass(frozen=True, slots=True)
class FetchLimits:
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 10.0  # longest silence between two pieces of the body
    deadline_s: float = 30.0  # the whole fetch of one image, redirects included
    max_redirects: int = 5
    max_bytes: int = 20 * 1024 * 1024
    max_pixels: int = MAX_PIXELS
    concurrency: int = 4


@dataclass(frozen=True, slots=True)
class Fetched:
    path: Path  # the checked file in the cache
    format: str  # "PNG", "JPEG" or "WEBP"
    from_cache: bool


@dataclass(frozen=True, slots=True)
class NotFetched:
    reason: str


FetchOutcome = Fetched | NotFetched


def is_url(ref: str) -> bool:
    return ref.strip().lower().startswith(("http://", "https://", "//"))


def normalise_url(ref: str) -> str:
    """Shopify exports protocol-relative URLs (``//cdn.shopify.com/...``): they mean https."""
    ref = ref.strip()
    return "https:" + ref if ref.startswith("//") else ref


class ImageCache:
    """Checked images by URL: ``<root>/<2 hex>/<sha256 of the URL>.<ext>``. The URL is the key
    (Shopify changes its ``?v=`` query when a picture changes, so a new picture is a new key)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _stem(self, url: str) -> Path:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.root / key[:2] / key

    def lookup(self, url: str) -> Path | None:
        stem = self._stem(url)
        for ext in EXTENSIONS.values():
            path = stem.with_suffix(ext)
            if path.is_file():
                return path
        return None

    def store(self, url: str, data: bytes, image_format: str) -> Path:
        path = self._stem(url).with_suffix(EXTENSIONS[image_format])
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part")
        partial.write_bytes(data)
        partial.replace(path)  # atomic: a reader never sees half a picture
        return path


def fetch_images(
    urls: Iterable[str],
    cache: ImageCache,
    *,
    limits: FetchLimits | None = None,
    on_progress: ProgressFn | None = None,
) -> dict[str, FetchOutcome]:
    """Each distinct URL's outcome, keyed by the URL as given."""
    wanted = list(dict.fromkeys(urls))
    if not wanted:
        return {}
    fetcher = _Fetcher(cache, limits or FetchLimits(), on_progress, len(wanted))
    return _run(fetcher.fetch_all(wanted))


def _run(coroutine: Coroutine[Any, Any, dict[str, FetchOutcome]]) -> dict[str, FetchOutcome]:
    """Run on a fresh event loop: here, or in a worker thread when the caller is inside one."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


class _Fetcher:
    def __init__(
        self, cache: ImageCache, limits: FetchLimits, on_progress: ProgressFn | None, total: int
    ) -> None:
        self.cache = cache
        self.limits = limits
        self.on_progress = on_progress
        self.total = total
        self.done = 0
        self.unreachable: dict[str, str] = {}  # host -> why it could not be reached

    async def fetch_all(self, urls: list[str]) -> dict[str, FetchOutcome]:
        limits = self.limits
        slots = asyncio.Semaphore(limits.concurrency)
        async with httpx.AsyncClient(
            timeout=httpx.Timeout(
                connect=limits.connect_timeout_s,
                read=limits.read_timeout_s,
                write=limits.read_timeout_s,
                pool=limits.deadline_s,
            ),
            follow_redirects=True,
            max_redirects=limits.max_redirects,
            limits=httpx.Limits(max_connections=limits.concurrency),
            headers={"User-Agent": USER_AGENT, "Accept": ACCEPT},
            trust_env=True,  # HTTP(S)_PROXY as the seller's machine sets it
        ) as client:

            async def one(url: str) -> FetchOutcome:
                async with slots:  # the deadline starts when the fetch does, not in the queue
                    outcome = await self._fetch(client, url)
                self.done += 1
                if self.on_progress is not None:
                    self.on_progress(self.done, self.total)
                return outcome

            outcomes = await asyncio.gather(*(one(url) for url in urls))
        return dict(zip(urls, outcomes, strict=True))

    async def _fetch(self, client: httpx.AsyncClient, url: str) -> FetchOutcome:
        target = normalise_url(url)
        cached = self.cache.lookup(target)
        if cached is not None:
            try:
                kind = await asyncio.to_thread(
                    check_image, cached, max_pixels=self.limits.max_pixels
                )
            except UnusableImage:
                cached.unlink(missing_ok=True)  # damaged on disk: fetch it again
            else:
                return Fetched(cached, kind, from_cache=True)
        host = urlsplit(target).hostname or ""
        if host in self.unreachable:
            return NotFetched(self.unreachable[host])
        try:
            async with asyncio.timeout(self.limits.deadline_s):
                data = await self._download(client, target)
        except _Refused as refused:
            return NotFetched(refused.reason)
        except TimeoutError:
            return NotFetched(
                f"it did not arrive within {self.limits.deadline_s:g} s (the server is too slow "
                "or trickles its data)"
            )
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            return NotFetched(self._http_error(exc, host))
        try:
            kind = await asyncio.to_thread(check_image, data, max_pixels=self.limits.max_pixels)
        except UnusableImage as unusable:
            return NotFetched(unusable.reason)
        return Fetched(self.cache.store(target, data, kind), kind, from_cache=False)

    async def _download(self, client: httpx.AsyncClient, url: str) -> bytes:
        cap = self.limits.max_bytes
        async with client.stream("GET", url) as response:
            if response.status_code != 200:
                raise _Refused(
                    f"the server answered HTTP {response.status_code} "
                    f"{response.reason_phrase}".rstrip()
                )
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > cap:
                raise _Refused(f"it is {_size(int(declared))}, more than the {_size(cap)} limit")
            body = bytearray()
            async for piece in response.aiter_bytes():  # decoded: a gzip bomb counts in full
                body += piece
                if len(body) > cap:
                    raise _Refused(f"it is larger than the {_size(cap)} limit")
        return bytes(body)

    def _http_error(self, exc: httpx.HTTPError | httpx.InvalidURL, host: str) -> str:
        limits = self.limits
        if isinstance(exc, httpx.TooManyRedirects):
            return f"it redirects more than {limits.max_redirects} times"
        if isinstance(exc, httpx.ConnectTimeout | httpx.ConnectError):
            what = "timed out" if isinstance(exc, httpx.ConnectTimeout) else str(exc) or "failed"
            reason = f"no connection to {host or 'the server'} ({what}; is the network off?)"
            self.unreachable[host] = reason
            return reason
        if isinstance(exc, httpx.ReadTimeout):
            return f"the server sent nothing for {limits.read_timeout_s:g} s"
        if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
            return f"it is not a usable http(s) address ({exc})"
        return f"the download failed ({type(exc).__name__}: {exc})"


class _Refused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _size(count: int) -> str:
    for unit, scale in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if count >= scale:
            return f"{round(count / scale, 1):g} {unit}"
    return f"{count} bytes"
