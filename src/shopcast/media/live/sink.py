"""The base of every live sink: a bounded queue, its own supervised thread, and a status.

``offer()`` is called by the encoder thread and never blocks: when the queue is full the packet
is dropped and counted, and the sink then skips everything up to the next video keyframe so the
stream it writes stays decodable. A sink's ``run_session()`` takes packets with ``next_packet()``;
if it raises, the watchdog restarts it after a backoff while the other sinks carry on.
"""

from __future__ import annotations

import queue
import threading
import time
from dataclasses import dataclass
from typing import Literal

from shopcast.media.live.packets import EncodedPacket
from shopcast.media.live.watchdog import Backoff, Supervised

SinkState = Literal["idle", "connecting", "live", "stalled", "retrying", "failed", "closed"]


@dataclass(frozen=True, slots=True)
class SinkStatus:
    name: str
    kind: str
    state: SinkState
    last_error: str | None
    packets_sent: int
    packets_dropped: int
    reconnects: int
    retry_in: float | None = None  # seconds until the next attempt, while retrying


class Stopped(Exception):
    """Raised inside a session when the sink has been asked to stop and its queue is empty."""


class PacketSink:
    kind = "sink"

    def __init__(
        self,
        name: str,
        *,
        queue_size: int = 256,
        backoff: Backoff | None = None,
        max_retries: int | None = None,
    ) -> None:
        self.name = name
        self.max_retries = max_retries  # None: retry for ever (a 24/7 show)
        self._queue: queue.Queue[EncodedPacket] = queue.Queue(maxsize=queue_size)
        self._resync = True  # skip until a keyframe (start, or after a drop)
        self._offer_lock = threading.Lock()
        self.state: SinkState = "idle"
        self.packets_sent = 0
        self.packets_dropped = 0
        self._retry_at: float | None = None
        self._supervised = Supervised(
            f"live-sink-{name}",
            self._session,
            backoff=backoff,
            on_failure=self._failed,
            describe=self.describe_error,
        )

    # -- called by the fan-out (encoder thread) ---------------------------------------------
    def offer(self, packet: EncodedPacket) -> bool:
        """Queue ``packet`` without blocking; False (and counted) when it had to be dropped."""
        with self._offer_lock:
            if self._supervised.stop_event.is_set():
                return False
            if self._resync and not packet.starts_segment:
                self.packets_dropped += 1
                return False
            try:
                self._queue.put_nowait(packet)
            except queue.Full:
                self.packets_dropped += 1
                self._resync = True
                return False
            self._resync = False
            return True

    def resync(self) -> None:
        """Forget what is queued and resume at the next keyframe (after a reconnect)."""
        with self._offer_lock:
            while True:
                try:
                    self._queue.get_nowait()
                except queue.Empty:
                    break
                self.packets_dropped += 1
            self._resync = True

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> None:
        self._supervised.start()

    def stop(self) -> None:
        """Ask the sink to finish: it drains what is queued, then closes its output."""
        self._supervised.stop()

    def join(self, timeout: float | None = None) -> bool:
        ended = self._supervised.join(timeout)
        if ended and self.state != "failed":
            self.state = "closed"
        return ended

    def status(self) -> SinkStatus:
        retry_in = None
        if self.state == "retrying" and self._retry_at is not None:
            retry_in = max(0.0, self._retry_at - time.monotonic())
        return SinkStatus(
            name=self.name,
            kind=self.kind,
            state=self.state,
            last_error=self._supervised.last_error,
            packets_sent=self.packets_sent,
            packets_dropped=self.packets_dropped,
            reconnects=self._supervised.restarts,
            retry_in=retry_in,
        )

    # -- for subclasses ----------------------------------------------------------------------
    def run_session(self, stop: threading.Event) -> None:
        raise NotImplementedError

    def count_drop(self) -> None:
        """Count a packet the sink's own thread decided not to write."""
        with self._offer_lock:
            self.packets_dropped += 1

    def describe_error(self, exc: BaseException) -> str:
        """How a failure reads in ``status().last_error`` (RTMP hides its stream key)."""
        return f"{type(exc).__name__}: {exc}"

    def next_packet(self, stop: threading.Event, timeout: float = 0.25) -> EncodedPacket | None:
        """The next packet; None when none came within ``timeout``; ``Stopped`` at the end."""
        try:
            return self._queue.get(timeout=timeout)
        except queue.Empty:
            if stop.is_set():
                raise Stopped from None
            return None

    def _session(self, stop: threading.Event) -> None:
        self._retry_at = None
        try:
            self.run_session(stop)
        except Stopped:
            return

    def _failed(self, exc: BaseException, delay: float) -> None:
        if self.max_retries is not None and self._supervised.restarts > self.max_retries:
            self.state = "failed"
            self._supervised.stop()
            return
        self.state = "retrying"
        self._retry_at = time.monotonic() + delay
