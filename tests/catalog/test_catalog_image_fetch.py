"""Fetching product pictures from URLs, against a real HTTP server on 127.0.0.1: good pictures
arrive and are cached; every bad one ends with its reason, within its limits."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from image_server import JPEG, PNG, ImageServer, image_server

from shopcast.catalog.image_fetch import (
    Fetched,
    FetchLimits,
    ImageCache,
    NotFetched,
    fetch_images,
)

# Short limits keep the tests quick; the defaults are the same code with larger numbers.
LIMITS = FetchLimits(
    connect_timeout_s=2.0,
    read_timeout_s=0.8,
    deadline_s=1.5,
    max_redirects=3,
    max_bytes=256 * 1024,
    concurrency=2,
)


@pytest.fixture
def server() -> Iterator[ImageServer]:
    with image_server() as running:
        yield running


@pytest.fixture
def cache(tmp_path: Path) -> ImageCache:
    return ImageCache(tmp_path / "cache")


def fetch_one(url: str, cache: ImageCache, limits: FetchLimits = LIMITS):
    return fetch_images([url], cache, limits=limits)[url]


def reason_of(outcome) -> str:
    assert isinstance(outcome, NotFetched), outcome
    return outcome.reason


def test_png_and_jpeg_arrive_checked_and_cached(server: ImageServer, cache: ImageCache) -> None:
    png, jpeg = server.url("/good.png"), server.url("/good.jpg")
    outcomes = fetch_images([png, jpeg, png], cache, limits=LIMITS)
    assert set(outcomes) == {png, jpeg}
    got_png, got_jpeg = outcomes[png], outcomes[jpeg]
    assert isinstance(got_png, Fetched) and isinstance(got_jpeg, Fetched)
    assert (got_png.format, got_jpeg.format) == ("PNG", "JPEG")
    assert got_png.path.read_bytes() == PNG and got_jpeg.path.read_bytes() == JPEG
    assert got_png.path.suffix == ".png" and got_jpeg.path.suffix == ".jpg"
    assert got_png.path.is_relative_to(cache.root)
    assert not got_png.from_cache
    assert server.requests["/good.png"] == 1  # the same URL twice is fetched once


def test_second_fetch_comes_from_the_cache_without_a_request(
    server: ImageServer, cache: ImageCache
) -> None:
    url = server.url("/good.png")
    first = fetch_one(url, cache)
    assert isinstance(first, Fetched) and server.requests["/good.png"] == 1
    second = fetch_one(url, cache)
    assert isinstance(second, Fetched) and second.from_cache
    assert second.path == first.path
    assert server.requests["/good.png"] == 1  # no second request
    # Another URL (Shopify bumps ?v= when a picture changes) is another key.
    third = fetch_one(url + "?v=2", cache)
    assert isinstance(third, Fetched) and not third.from_cache
    assert server.requests["/good.png"] == 2


def test_a_damaged_cache_entry_is_fetched_again(server: ImageServer, cache: ImageCache) -> None:
    url = server.url("/good.png")
    first = fetch_one(url, cache)
    assert isinstance(first, Fetched)
    first.path.write_bytes(b"\x89PNG\r\n\x1a\n garbage")
    again = fetch_one(url, cache)
    assert isinstance(again, Fetched) and not again.from_cache
    assert again.path.read_bytes() == PNG and server.requests["/good.png"] == 2


def test_a_redirect_is_followed(server: ImageServer, cache: ImageCache) -> None:
    outcome = fetch_one(server.url("/moved.png"), cache)
    assert isinstance(outcome, Fetched) and outcome.path.read_bytes() == PNG


def test_a_trickling_server_is_cut_off_at_the_deadline(
    server: ImageServer, cache: ImageCache
) -> None:
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=1) as pool:  # a fetch that never ends fails the test
        pending = pool.submit(fetch_one, server.url("/trickle.png"), cache)
        reason = reason_of(pending.result(timeout=LIMITS.deadline_s + 5))
    elapsed = time.monotonic() - started
    # A byte every 0.1 s never trips the 0.8 s read timeout: only the deadline ends it.
    assert "did not arrive within 1.5 s" in reason
    assert LIMITS.deadline_s <= elapsed < LIMITS.deadline_s + 1.0
    assert cache.lookup(server.url("/trickle.png")) is None


def test_a_silent_server_trips_the_read_timeout(server: ImageServer, cache: ImageCache) -> None:
    started = time.monotonic()
    reason = reason_of(fetch_one(server.url("/silent.png"), cache))
    assert "sent nothing for 0.8 s" in reason
    assert time.monotonic() - started < LIMITS.deadline_s


def test_endless_redirects_stop_at_the_cap(server: ImageServer, cache: ImageCache) -> None:
    reason = reason_of(fetch_one(server.url("/loop/0"), cache))
    assert reason == "it redirects more than 3 times"
    assert sum(n for path, n in server.requests.items() if path.startswith("/loop/")) == 4


def test_huge_pictures_are_refused(server: ImageServer, cache: ImageCache) -> None:
    declared = reason_of(fetch_one(server.url("/huge-declared.png"), cache))
    assert declared == "it is 8 GiB, more than the 256 KiB limit"
    started = time.monotonic()
    streamed = reason_of(fetch_one(server.url("/huge-stream.png"), cache))
    assert streamed == "it is larger than the 256 KiB limit"
    assert time.monotonic() - started < LIMITS.deadline_s  # stopped at the cap, not the deadline


def test_html_sent_as_image_png_is_not_an_image(server: ImageServer, cache: ImageCache) -> None:
    reason = reason_of(fetch_one(server.url("/page.png"), cache))
    assert reason == "it is not a PNG, JPEG or WebP image (the data is an HTML page)"
    assert cache.lookup(server.url("/page.png")) is None


def test_a_decompression_bomb_and_a_truncated_jpeg_are_refused(
    server: ImageServer, cache: ImageCache
) -> None:
    bomb = reason_of(fetch_one(server.url("/bomb.png"), cache))
    assert bomb == "it is 6000x6000 pixels, more than the 25-megapixel limit"
    truncated = reason_of(fetch_one(server.url("/truncated.jpg"), cache))
    assert truncated.startswith("it is a damaged JPEG")


def test_a_404_says_so(server: ImageServer, cache: ImageCache) -> None:
    assert reason_of(fetch_one(server.url("/gone.png"), cache)) == (
        "the server answered HTTP 404 Not Found"
    )


def test_an_unreachable_host_is_named_and_not_asked_twice(cache: ImageCache) -> None:
    with socket.socket() as probe:  # a port nobody listens on: the network says no
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    urls = [f"http://127.0.0.1:{port}/a.png", f"http://127.0.0.1:{port}/b.png"]
    outcomes = fetch_images(urls, cache, limits=LIMITS)
    for url in urls:
        assert reason_of(outcomes[url]).startswith("no connection to 127.0.0.1 (")


def test_not_http_urls_are_refused(cache: ImageCache) -> None:
    reason = reason_of(fetch_one("https://", cache))
    assert "not a usable http(s) address" in reason


def test_fetches_run_concurrently_within_the_bound(server: ImageServer, cache: ImageCache) -> None:
    urls = [server.url(f"/slow/{i}.png") for i in range(6)]
    progress: list[tuple[int, int]] = []
    outcomes = fetch_images(
        urls, cache, limits=LIMITS, on_progress=lambda done, total: progress.append((done, total))
    )
    assert all(isinstance(o, Fetched) for o in outcomes.values())
    assert server.max_in_flight == LIMITS.concurrency  # concurrent, and no more than the bound
    assert progress == [(i, 6) for i in range(1, 7)]


def test_fetching_works_when_called_inside_an_event_loop(
    server: ImageServer, cache: ImageCache
) -> None:
    """An async caller (a web route) calling the import directly still gets its pictures."""
    url = server.url("/good.png")

    async def caller():
        return fetch_images([url], cache, limits=LIMITS)

    outcome = asyncio.run(caller())[url]
    assert isinstance(outcome, Fetched) and outcome.format == "PNG"
