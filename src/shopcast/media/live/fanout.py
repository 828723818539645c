"""One encode, many outputs: every encoded packet is offered to every sink without blocking.

The sink list is copied on change, so the encoder thread reads it without a lock; a sink added
while live starts at the next keyframe.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from shopcast.errors import InvalidInputError, NotFoundError
from shopcast.media.live.packets import EncodedPacket
from shopcast.media.live.sink import PacketSink, SinkStatus


class Fanout:
    def __init__(self, sinks: Iterable[PacketSink] = ()) -> None:
        self._sinks: tuple[PacketSink, ...] = ()
        self._lock = threading.Lock()
        self._started = False
        for sink in sinks:
            self.add(sink)

    @property
    def sinks(self) -> tuple[PacketSink, ...]:
        return self._sinks

    def publish(self, packet: EncodedPacket) -> None:
        for sink in self._sinks:
            sink.offer(packet)

    def add(self, sink: PacketSink) -> None:
        with self._lock:
            if any(s.name == sink.name for s in self._sinks):
                raise InvalidInputError(f"A live sink named {sink.name!r} already exists.")
            self._sinks = (*self._sinks, sink)
            if self._started:
                sink.start()

    def remove(self, name: str, timeout: float = 5.0) -> PacketSink:
        with self._lock:
            found = [s for s in self._sinks if s.name == name]
            if not found:
                raise NotFoundError(f"No live sink named {name!r}.")
            self._sinks = tuple(s for s in self._sinks if s.name != name)
        found[0].stop()
        found[0].join(timeout)
        return found[0]

    def start(self) -> None:
        with self._lock:
            self._started = True
            for sink in self._sinks:
                sink.start()

    def stop(self) -> None:
        for sink in self._sinks:
            sink.stop()

    def join(self, timeout: float) -> list[str]:
        """Join every sink; the names of those still running after ``timeout`` each."""
        return [sink.name for sink in self._sinks if not sink.join(timeout)]

    def status(self) -> list[SinkStatus]:
        return [sink.status() for sink in self._sinks]
