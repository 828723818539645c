"""Helpers for tests, docs and demos: the real app served by uvicorn in a background thread on
a free port, and a small show to watch. Not used by the application itself."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

import uvicorn
from fastapi import FastAPI

from shopcast.catalog.service import CatalogService
from shopcast.config import Settings
from shopcast.errors import ShopcastError
from shopcast.live.show.registry import ShowRegistry
from shopcast.live.show.runner import ShowRunner
from shopcast.live.show.showfile import ShowFile
from shopcast.store import Database
from shopcast.web.app import create_app

T = TypeVar("T")


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


class ServerThread:
    """``uvicorn`` serving ``app`` from a daemon thread: ``start()`` returns once it accepts
    connections, ``stop()`` shuts it down (lifespan included) and joins the thread."""

    def __init__(self, app: FastAPI, host: str = "127.0.0.1", port: int | None = None) -> None:
        self.host = host
        self.port = port or free_port(host)
        config = uvicorn.Config(
            app,
            host=host,
            port=self.port,
            log_level="warning",
            lifespan="on",
            ws="websockets-sansio",
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="web-server", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 20.0) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise ShopcastError(f"the web server did not start on {self.url}")
            time.sleep(0.02)
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self.server.should_exit = True
        self.thread.join(timeout)

    def __enter__(self) -> ServerThread:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def demo_show(show_id: str = "glow-live", *, size: str = "360x640", **changes: Any) -> ShowFile:
    """A short show over the sample catalog (templates, no LLM): the sun fluid opens with a flash
    deal (10 s countdown), then the serum and the hoodie."""
    document: dict[str, Any] = {
        "show": show_id,
        "title": "Glow hour with Mina",
        "persona": "mina",
        "market": "en-US",
        "size": size,
        "writer": "templates",
        "rundown": [
            {
                "product": "sun-fluid",
                "segments": ["offer"],
                "deal": {"price": 19, "countdown_s": 10, "window_s": 300, "quantity": 40},
            },
            {"product": "glow-serum", "segments": ["hook", "demo"]},
            {"product": "heavyweight-hoodie", "segments": ["hook", "demo"]},
        ],
    }
    document.update(changes)
    return ShowFile.model_validate(document)


def watch_app(settings: Settings, db: Database) -> FastAPI:
    """The app over ``db`` with the sample catalog imported (``app.state.shows`` is its show
    registry)."""
    CatalogService(db, settings).import_sample()
    return create_app(settings, database=db, maintenance_interval_s=None)


def start_show(app: FastAPI, show: ShowFile, *, timeout: float = 90.0) -> ShowRunner:
    """Start ``show`` through the app's registry and wait for its first HLS playlist."""
    registry: ShowRegistry = app.state.shows
    runner = registry.start(show)
    if not runner.wait_until_live(timeout):
        registry.stop_all()
        raise ShopcastError(f"show {show.show} did not go live within {timeout:.0f} s")
    return runner


class LiveSite:
    """A running show served over HTTP: what the watch-page tests and the docs screenshot use."""

    def __init__(self, server: ServerThread, app: FastAPI, runner: ShowRunner, db: Database):
        self.server, self.app, self.runner, self.db = server, app, runner, db
        self.url = server.url
        self.show_id = runner.show_id

    @property
    def watch_url(self) -> str:
        return f"{self.url}/watch/{self.show_id}"

    @property
    def ws_url(self) -> str:
        return f"ws://{self.server.host}:{self.server.port}/api/shows/{self.show_id}/ws"

    def stop(self) -> None:
        self.server.stop()
        self.app.state.shows.stop_all()


def wait_until(check: Callable[[], T], timeout: float = 30.0, what: str = "a condition") -> T:
    """Poll ``check()`` every 0.1 s until it returns something truthy; that value."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.1)
