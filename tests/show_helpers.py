"""Helpers for tests that run a real show: a home with the sample catalog, and polling."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from shopcast.config import Settings


def one_product_show(name: str) -> dict[str, Any]:
    """A show file of one product (the serum's hook) in en-US, small frames, templates: for
    tests that drive a built runner frame by frame."""
    return {
        "show": name,
        "persona": "mina",
        "market": "en-US",
        "size": "360x640",
        "writer": "templates",
        "rundown": [{"product": "glow-serum", "seconds": 60, "segments": ["hook"]}],
    }


def sample_shop(home: Path, models_dir: Path) -> Settings:
    """Settings under ``home`` (SQLite) with the sample catalog imported."""
    from shopcast.api import Shopcast

    settings = Settings(home=home, models=models_dir)
    settings.ensure_dirs()
    Shopcast(settings).import_sample_catalog()
    return settings


@contextmanager
def built_show(home: Path, models_dir: Path, document: dict[str, Any]) -> Iterator[Any]:
    """A real show runner built (not started) from ``document`` in a sample shop under
    ``home``; its database is closed afterwards."""
    from shopcast.commerce import CommerceService
    from shopcast.live.show import parse_show
    from shopcast.live.show.registry import ShowRegistry
    from shopcast.store import open_database

    settings = sample_shop(home, models_dir)
    db = open_database(settings)
    try:
        yield ShowRegistry(settings, db, CommerceService(db)).build(parse_show(document, "test"))
    finally:
        db.close()


def wait_for(check: Callable[[], object], timeout: float, what: str, poll: float = 0.1) -> object:
    """Poll ``check`` until it returns something truthy (returned), or fail naming ``what``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(poll)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def run_show(runner: Any, seconds: float, until: Callable[[], bool] | None = None) -> None:
    """A built (not started) show for ``seconds`` of real time, without rendering: its own chat
    thread (``_chat_loop``: questions taken when the host is free) and review thread (the
    backlog, the model lane's deadlines) run beside this thread, which does the frame loop's
    part — cues put on the timeline at phrase boundaries, first samples recorded as they are
    pushed. ``until``: stop as soon as it is true (and the audio on the timeline is pushed)."""
    import threading

    fps, sr = runner.show.fps, runner.timeline.sample_rate
    threads = [
        threading.Thread(target=runner._chat_loop, daemon=True),
        threading.Thread(target=runner._review_loop, daemon=True),
    ]
    for thread in threads:
        thread.start()
    started = time.monotonic() - runner._t
    stop = time.monotonic() + seconds
    n = round(runner._t * fps)
    try:
        while time.monotonic() < stop:
            if until is not None and until() and runner._t >= runner.timeline.end:
                break
            due = round((time.monotonic() - started) * fps)
            while n <= due:
                runner._t = n / fps
                runner._schedule(n / fps)
                runner._record_asked(round((n + 1) * sr / fps))
                n += 1
            time.sleep(0.005)
    finally:
        runner._stop.set()
        for thread in threads:
            thread.join(30.0)
        runner._stop.clear()
