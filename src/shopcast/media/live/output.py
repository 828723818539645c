"""``LiveOutput``: the live encoder and its sinks as one object for the show runner.

    with LiveOutput(LiveEncoderConfig(720, 1280), [HlsSink(dir), RtmpSink(url)]) as out:
        for n in count():
            clock.wait_for(n)
            out.push_video(render(n), n)
            out.push_audio(audio_for(n))

``close()`` flushes the encoder, lets every sink drain and close its output, and joins every
thread; it is idempotent and safe from any thread (a thread of the pipeline itself included).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from types import TracebackType

import numpy as np

from shopcast.media.live.codec import LiveEncoderConfig
from shopcast.media.live.encoder import EncoderStatus, LiveEncoder
from shopcast.media.live.fanout import Fanout
from shopcast.media.live.sink import PacketSink, SinkStatus

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class LiveStatus:
    encoder: EncoderStatus
    sinks: list[SinkStatus]


class LiveOutput:
    def __init__(
        self,
        config: LiveEncoderConfig,
        sinks: Iterable[PacketSink] = (),
        *,
        queue_frames: int = 8,
        name: str = "main",
    ) -> None:
        self.name = name
        self.fanout = Fanout(sinks)
        self.encoder = LiveEncoder(
            config, self.fanout.publish, queue_frames=queue_frames, name=f"live-encoder-{name}"
        )
        self._close_lock = threading.Lock()
        self._closed = False
        self.unjoined: list[str] = []

    def start(self) -> LiveOutput:
        self.fanout.start()
        self.encoder.start()
        return self

    def push_video(self, rgba: np.ndarray, frame_index: int | None = None) -> bool:
        return self.encoder.push_video(rgba, frame_index)

    def push_audio(self, samples: np.ndarray) -> None:
        self.encoder.push_audio(samples)

    def add_sink(self, sink: PacketSink) -> None:
        self.fanout.add(sink)

    def remove_sink(self, name: str) -> PacketSink:
        return self.fanout.remove(name)

    def restart_encoder(self, reason: str = "restart requested") -> None:
        self.encoder.restart(reason)

    def status(self) -> LiveStatus:
        return LiveStatus(encoder=self.encoder.status(), sinks=self.fanout.status())

    def close(self, timeout: float = 10.0) -> None:
        with self._close_lock:
            if self._closed:
                return
            self._closed = True
        self.encoder.stop()
        if not self.encoder.join(timeout):
            self.unjoined.append(f"live-encoder-{self.name}")
        self.fanout.stop()
        self.unjoined += self.fanout.join(timeout)
        if self.unjoined:
            log.warning("live output threads still running after close: %s", self.unjoined)

    def __enter__(self) -> LiveOutput:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
