"""The live encoder: one H.264 + AAC encode on its own supervised thread, handed to a publisher.

The renderer calls ``push_video(rgba, frame_index)`` and ``push_audio(samples)`` and never
blocks: frames go through a small bounded queue (a full queue drops the frame and counts it),
audio through an ``AudioBuffer``. The encoder thread encodes each frame together with the audio
up to that frame's end, so audio and video packets leave interleaved; audio that is more than
``audio_gap_fill`` seconds behind the video is filled with silence. When encoding raises, or
``restart()`` is called, the watchdog re-opens the codecs (a new ``StreamInfo`` generation)
within about a second while timestamps carry on from the show's clock.
"""

from __future__ import annotations

import logging
import math
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import av
import numpy as np

from shopcast.errors import InvalidInputError
from shopcast.media.live.audio_buffer import AudioBuffer
from shopcast.media.live.codec import AUDIO_RATE_OUT, LiveCodec, LiveEncoderConfig
from shopcast.media.live.frame_pool import FramePool
from shopcast.media.live.packets import EncodedPacket
from shopcast.media.live.watchdog import Backoff, Restart, Supervised

log = logging.getLogger(__name__)

Publisher = Callable[[EncodedPacket], None]


@dataclass(frozen=True, slots=True)
class EncoderStatus:
    state: str  # idle / live / retrying / closed
    generation: int
    frames_encoded: int
    frames_dropped: int
    restarts: int
    last_error: str | None
    mean_encode_ms: float
    audio_filled_s: float  # silence inserted because audio fell behind
    audio_dropped_s: float  # oldest audio dropped because more than 10 s was queued


class EncoderRestart(Restart):
    """Raised inside the encoder session to re-open the codecs on purpose."""


class LiveEncoder:
    def __init__(
        self,
        config: LiveEncoderConfig,
        publish: Publisher,
        *,
        queue_frames: int = 8,
        audio_gap_fill: float = 0.5,
        name: str = "live-encoder",
    ) -> None:
        if config.width <= 0 or config.height <= 0 or config.width % 2 or config.height % 2:
            raise InvalidInputError(
                f"Video size {config.width}x{config.height} must be positive and even (yuv420p)."
            )
        if not 1 <= config.fps <= 120 or config.sample_rate <= 0 or config.segment_seconds <= 0:
            raise InvalidInputError("fps must be 1..120; sample_rate and segment_seconds > 0.")
        try:  # open the codecs once now, so a bad preset or tune is refused here, not retried
            LiveCodec(config, generation=0, audio_start=0)
        except (av.FFmpegError, ValueError) as exc:
            raise InvalidInputError(
                f"The live encoder cannot be opened with {config}: {exc}",
                hint="Check preset (e.g. veryfast), tune (zerolatency) and the bitrate settings.",
            ) from exc
        self.config = config
        self._publish = publish
        self._frames: queue.Queue[tuple[int, av.VideoFrame]] = queue.Queue(maxsize=queue_frames)
        self._audio = AudioBuffer(config.sample_rate)
        self._pool = FramePool(config.width, config.height, keep=queue_frames + 2)
        self._gap_fill = audio_gap_fill
        self._next_index = 0
        self._push_lock = threading.Lock()
        self._restart_reason: str | None = None
        self._opened = threading.Event()
        self._generation = 0
        self._audio_in = 0  # input samples consumed or filled, since the show began
        self._filled = 0
        self._frames_dropped = 0
        self._encoded = 0
        self._encode_seconds = 0.0
        self.state = "idle"
        self._supervised = Supervised(
            name,
            self._session,
            backoff=Backoff(initial=0.5, maximum=5.0),
            on_failure=self._failed,
        )

    # -- input (renderer thread) -------------------------------------------------------------
    def push_video(self, rgba: np.ndarray, frame_index: int | None = None) -> bool:
        """Queue frame ``frame_index`` (shown at index / fps); False when it had to be dropped."""
        c = self.config
        if rgba.shape != (c.height, c.width, 4) or rgba.dtype != np.uint8:
            raise InvalidInputError(
                f"Frame must be a ({c.height}, {c.width}, 4) uint8 RGBA array, "
                f"got {rgba.shape} {rgba.dtype}."
            )
        with self._push_lock:
            index = self._next_index if frame_index is None else frame_index
            if index < self._next_index:
                raise InvalidInputError(
                    f"Frame index {index} is not after the previous one ({self._next_index - 1})."
                )
            self._next_index = index + 1
        if self._frames.full():  # behind or restarting: drop without copying
            self._frames_dropped += 1
            return False
        frame = self._pool.filled(rgba)  # a copy: the caller may reuse its buffer at once
        try:
            self._frames.put_nowait((index, frame))
        except queue.Full:
            self._pool.give_back(frame)
            self._frames_dropped += 1
            return False
        return True

    def push_audio(self, samples: np.ndarray) -> None:
        """Append float32 mono samples at ``config.sample_rate`` (they follow the last ones)."""
        samples = np.asarray(samples)
        if samples.ndim != 1 or samples.dtype != np.float32:
            raise InvalidInputError(
                f"Audio must be a 1-D float32 array, got shape {samples.shape} {samples.dtype}."
            )
        self._audio.append(samples)

    # -- control -------------------------------------------------------------------------------
    def start(self, wait: float | None = 5.0) -> None:
        """Start the encoder thread; wait (up to ``wait`` s) until its codecs are open, so the
        show's clock starts when frames can be taken (opening libx264 at 1080p takes a while)."""
        self._supervised.start()
        if wait:
            self._opened.wait(wait)

    def restart(self, reason: str = "restart requested") -> None:
        """Re-open the codecs (a new generation: HLS marks a discontinuity)."""
        self._restart_reason = reason

    def stop(self) -> None:
        self._supervised.stop()

    def join(self, timeout: float | None = None) -> bool:
        ended = self._supervised.join(timeout)
        if ended:
            self.state = "closed"
        return ended

    def status(self) -> EncoderStatus:
        return EncoderStatus(
            state=self.state,
            generation=self._generation,
            frames_encoded=self._encoded,
            frames_dropped=self._frames_dropped,
            restarts=self._supervised.restarts,
            last_error=self._supervised.last_error,
            mean_encode_ms=1000 * self._encode_seconds / self._encoded if self._encoded else 0.0,
            audio_filled_s=self._filled / self.config.sample_rate,
            audio_dropped_s=self._audio.dropped_samples / self.config.sample_rate,
        )

    # -- encoder thread ------------------------------------------------------------------------
    def _session(self, stop: threading.Event) -> None:
        self._generation += 1
        self._restart_reason = None  # a fresh codec satisfies any restart asked for meanwhile
        codec = LiveCodec(
            self.config,
            generation=self._generation,
            audio_start=round(self._audio_in * AUDIO_RATE_OUT / self.config.sample_rate),
        )
        self.state = "live"
        self._opened.set()
        while True:
            if self._restart_reason is not None:
                reason, self._restart_reason = self._restart_reason, None
                raise EncoderRestart(reason)
            try:  # once stopping, encode what is already queued, then flush
                item = (
                    self._frames.get_nowait() if stop.is_set() else self._frames.get(timeout=0.25)
                )
            except queue.Empty:
                if stop.is_set():
                    break
                continue
            self._encode_frame(codec, *item)
        rest = self._audio.take(self._audio.available)
        self._audio_in += rest.size
        self._emit(codec.encode_audio(rest))
        self._emit(codec.flush())

    def _encode_frame(self, codec: LiveCodec, index: int, frame: av.VideoFrame) -> None:
        rate = self.config.sample_rate
        frame_end = math.ceil((index + 1) * rate / self.config.fps)
        samples = self._audio.take(max(0, frame_end - self._audio_in))
        self._audio_in += samples.size
        packets = codec.encode_audio(samples)
        missing = frame_end - self._audio_in
        if missing > self._gap_fill * rate:
            self._filled += missing
            self._audio_in += missing
            packets += codec.encode_audio(np.zeros(missing, np.float32))
        frame.time_base = Fraction(1, self.config.fps)
        before = codec.encode_seconds
        packets += codec.encode_video(frame, index)
        self._pool.give_back(frame)  # converted to YUV: the RGBA buffer is free again
        self._encode_seconds += codec.encode_seconds - before
        self._encoded += 1
        self._emit(packets)

    def _emit(self, packets: list[EncodedPacket]) -> None:
        for packet in packets:
            self._publish(packet)

    def _failed(self, exc: BaseException, delay: float) -> None:
        self.state = "retrying"
