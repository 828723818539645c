"""From a show's blocking event bus to the watch page's WebSockets.

One reader thread per show (not per viewer) holds one ``Subscription`` on the runner's bus and
hands each event to every connected viewer's asyncio queue with ``call_soon_threadsafe``. A
viewer whose queue is full loses its oldest event (the next ``state`` event carries the whole
picture again); neither the show nor the other viewers wait for it. When the last viewer of a
show leaves, its thread closes the subscription and ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Iterator
from typing import Any, Protocol

log = logging.getLogger(__name__)

Event = dict[str, Any]
VIEWER_QUEUE = 128
POLL_S = 0.5


class _Subscription(Protocol):
    def get(self, timeout: float) -> Event | None: ...
    def close(self) -> None: ...


class _Bus(Protocol):
    def subscribe(self) -> _Subscription: ...


class Listener:
    """One viewer's queue, filled from the show's reader thread."""

    def __init__(self, loop: asyncio.AbstractEventLoop, size: int = VIEWER_QUEUE) -> None:
        self.loop = loop
        self.queue: asyncio.Queue[Event] = asyncio.Queue(size)
        self.dropped = 0

    def offer(self, event: Event) -> None:
        """Called from the reader thread."""
        with contextlib.suppress(RuntimeError):  # the viewer's loop is closed: it has left
            self.loop.call_soon_threadsafe(self._put, event)

    def _put(self, event: Event) -> None:
        if self.queue.full():
            self.queue.get_nowait()
            self.dropped += 1
        self.queue.put_nowait(event)

    async def next(self) -> Event:
        return await self.queue.get()


class _ShowFeed:
    """The reader thread of one show."""

    def __init__(self, show_id: str, subscription: _Subscription) -> None:
        self.show_id = show_id
        self._subscription = subscription
        self._listeners: set[Listener] = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name=f"watch-events-{show_id}", daemon=True
        )
        self._thread.start()

    def add(self, listener: Listener) -> None:
        with self._lock:
            self._listeners.add(listener)

    def remove(self, listener: Listener) -> int:
        with self._lock:
            self._listeners.discard(listener)
            return len(self._listeners)

    def stop(self) -> None:
        self._stop.set()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                event = self._subscription.get(POLL_S)
                if event is None:
                    continue
                with self._lock:
                    listeners = list(self._listeners)
                for listener in listeners:
                    listener.offer(event)
        except Exception:  # a broken bus must not take the web app down; viewers reconnect
            log.exception("event feed of show %s failed", self.show_id)
        finally:
            self._subscription.close()


class EventHub:
    """Shared by the app: ``with hub.listen(show_id, runner.events) as listener: ...``."""

    def __init__(self) -> None:
        self._feeds: dict[tuple[str, int], _ShowFeed] = {}  # (show, id of its bus)
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def listen(self, show_id: str, bus: _Bus) -> Iterator[Listener]:
        """A listener that receives every event the show publishes from now on (the
        subscription exists when this returns, so a state read afterwards misses nothing)."""
        listener = Listener(asyncio.get_running_loop())
        key = (show_id, id(bus))  # a restarted show has a new bus
        with self._lock:
            feed = self._feeds.get(key)
            if feed is None or feed.stopped:
                feed = self._feeds[key] = _ShowFeed(show_id, bus.subscribe())
            feed.add(listener)
        try:
            yield listener
        finally:
            with self._lock:
                if feed.remove(listener) == 0:
                    feed.stop()
                    if self._feeds.get(key) is feed:
                        del self._feeds[key]

    def feeds(self) -> int:
        """Shows with a reader thread now."""
        with self._lock:
            return len(self._feeds)
