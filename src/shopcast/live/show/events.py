"""A small thread-safe event bus: the show publishes (state, chat, answers, purchases) and each
watch-page connection reads its own bounded queue. A slow reader loses its oldest events, it
never slows the show down."""

from __future__ import annotations

import queue
import threading
from typing import Any

Event = dict[str, Any]


class Subscription:
    def __init__(self, bus: EventBus, size: int) -> None:
        self._bus = bus
        self._queue: queue.Queue[Event] = queue.Queue(size)
        self.dropped = 0
        self.closed = False

    def offer(self, event: Event) -> None:
        while True:
            try:
                self._queue.put_nowait(event)
                return
            except queue.Full:
                try:
                    self._queue.get_nowait()
                    self.dropped += 1
                except queue.Empty:
                    pass

    def get(self, timeout: float) -> Event | None:
        """The next event, or None after ``timeout`` seconds without one."""
        try:
            return self._queue.get(timeout=timeout)
        except queue.Empty:
            return None

    def close(self) -> None:
        self.closed = True
        self._bus.unsubscribe(self)


class EventBus:
    def __init__(self, queue_size: int = 256) -> None:
        self._lock = threading.Lock()
        self._subscribers: list[Subscription] = []
        self.queue_size = queue_size

    def subscribe(self) -> Subscription:
        sub = Subscription(self, self.queue_size)
        with self._lock:
            self._subscribers.append(sub)
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        with self._lock:
            if sub in self._subscribers:
                self._subscribers.remove(sub)

    def publish(self, event: Event) -> None:
        with self._lock:
            subscribers = list(self._subscribers)
        for sub in subscribers:
            sub.offer(event)

    @property
    def subscriber_count(self) -> int:
        with self._lock:
            return len(self._subscribers)
