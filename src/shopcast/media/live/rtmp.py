"""RTMP sink: muxes the shared encode as FLV and pushes it to ``rtmp://host[:port]/app/key``.

Each connection starts at a video keyframe and rebases timestamps so the destination sees a
stream starting at 0. A refused, reset or closed connection ends the session; the watchdog
reconnects after 1, 2, 4 ... 30 s while packets for this destination are dropped (counted) and
the other sinks carry on. PyAV gives output containers no I/O timeout, so a destination that
silently stops reading (a black-holed network) blocks this sink's thread until the kernel's TCP
timeout fails the write; meanwhile ``status()`` reports it ``stalled`` (no write completed for
``stall_after`` seconds) and only this sink's packets are dropped.
"""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import replace
from urllib.parse import urlsplit

import av

from shopcast.errors import InvalidInputError
from shopcast.media.live.packets import EncodedPacket
from shopcast.media.live.sink import PacketSink, SinkStatus
from shopcast.media.live.watchdog import Backoff, Restart


class RtmpSink(PacketSink):
    kind = "rtmp"

    def __init__(
        self,
        url: str,
        *,
        name: str | None = None,
        stall_after: float = 5.0,
        queue_size: int = 256,
        backoff: Backoff | None = None,
        max_retries: int | None = None,
    ) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("rtmp", "rtmps") or not parts.hostname or not parts.path.strip("/"):
            raise InvalidInputError(
                f"{redact(url)!r} is not an RTMP URL.",
                hint="Use rtmp://host[:port]/app/stream-key (or rtmps://).",
            )
        super().__init__(
            name or f"rtmp-{parts.hostname}",
            queue_size=queue_size,
            backoff=backoff or Backoff(1.0, 2.0, 30.0),
            max_retries=max_retries,
        )
        self.url = url
        self.stall_after = stall_after
        self.connections = 0
        self._last_write = time.monotonic()

    def run_session(self, stop: threading.Event) -> None:
        self.state = "connecting"
        self.resync()
        first = self._first_keyframe(stop)
        container = av.open(
            self.url,
            mode="w",
            format="flv",
            options={"flvflags": "no_duration_filesize"},
        )
        try:
            video = container.add_stream_from_template(first.info.video_template)
            audio = container.add_stream_from_template(first.info.audio_template)
            container.start_encoding()
            self.connections += 1
            self.state = "live"
            start = first.seconds
            offsets: dict[str, int] = {}
            packet: EncodedPacket | None = first
            while True:
                if packet is not None:
                    if packet.info.generation != first.info.generation:
                        raise StreamChanged(
                            "the encoder restarted; reconnecting with its new headers"
                        )
                    offset = offsets.setdefault(packet.kind, round(start / packet.time_base))
                    if packet.dts - offset >= 0:
                        stream = video if packet.kind == "video" else audio
                        self._last_write = time.monotonic()
                        container.mux(packet.to_av(stream, offset))
                        self._last_write = time.monotonic()
                        self.packets_sent += 1
                packet = self.next_packet(stop)
        finally:
            with contextlib.suppress(Exception):  # the connection may already be gone
                container.close()

    def _first_keyframe(self, stop: threading.Event) -> EncodedPacket:
        while True:
            packet = self.next_packet(stop)
            if packet is not None and packet.starts_segment:
                return packet
            if packet is not None:
                self.count_drop()

    def status(self) -> SinkStatus:
        status = super().status()
        if status.state == "live" and time.monotonic() - self._last_write > self.stall_after:
            return replace(status, state="stalled")
        return status

    def describe_error(self, exc: BaseException) -> str:
        return super().describe_error(exc).replace(self.url, redact(self.url))


class StreamChanged(Restart):
    """The encoder re-opened its codecs: the FLV connection is restarted with new headers."""


def redact(url: str) -> str:
    """The URL without its stream key (the last path part), for logs and status."""
    parts = urlsplit(url)
    head, _, _key = parts.path.rpartition("/")
    return f"{parts.scheme}://{parts.netloc}{head}/***"
