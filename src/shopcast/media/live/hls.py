"""HLS sink: cuts the encoded stream into MPEG-TS segments on keyframes and keeps a live playlist.

Segments are written as ``seg_NNNNNN.ts.part``, their MPEG-TS continuity counters renumbered to
follow the previous segment's (``TsContinuity``), and renamed when complete, then the playlist is
rewritten atomically, so a player never sees a half-written segment or playlist. The encoder
forces keyframes on the ``segment_seconds`` grid, so segments are exactly that long. When the
encoder re-opens its codecs (a new generation) or this sink is restarted after a fault, the next
segment is marked ``#EXT-X-DISCONTINUITY``.

Each segment carries ``#EXT-X-PROGRAM-DATE-TIME``: the wall-clock time of its first frame. The
producer is paced by the wall clock (frame at ``pts`` is due at ``origin + pts``), so the origin
is estimated as the smallest ``arrival - pts`` seen in this encoder generation: the time a frame
would leave the encoder when nothing delays it (it errs late by the encoder's minimum delay).
"""

from __future__ import annotations

import contextlib
import math
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import av

from shopcast.errors import OutputError
from shopcast.media.live.packets import EncodedPacket
from shopcast.media.live.playlist import LivePlaylist
from shopcast.media.live.sink import PacketSink, Stopped
from shopcast.media.live.ts_continuity import TsContinuity
from shopcast.media.live.watchdog import Backoff


class _SegmentWriter:
    def __init__(self, path: Path, first: EncodedPacket) -> None:
        self.path = path
        self.part = path.with_name(path.name + ".part")
        self.container = av.open(str(self.part), mode="w", format="mpegts")
        try:
            self.video = self.container.add_stream_from_template(first.info.video_template)
            self.audio = self.container.add_stream_from_template(first.info.audio_template)
        except BaseException:
            self.abort()
            raise
        self.start = float(first.pts * first.time_base)
        self.end = self.start
        self.frame = 1 / first.info.fps

    def write(self, packet: EncodedPacket) -> None:
        stream = self.video if packet.kind == "video" else self.audio
        self.container.mux(packet.to_av(stream))
        if packet.kind == "video":
            self.end = max(self.end, float(packet.pts * packet.time_base) + self.frame)

    def finish(self, continuity: TsContinuity) -> None:
        self.container.close()
        continuity.renumber_file(self.part)
        self.part.replace(self.path)

    def abort(self) -> None:
        with contextlib.suppress(Exception):  # the container may be what failed
            self.container.close()
        self.part.unlink(missing_ok=True)


class HlsSink(PacketSink):
    kind = "hls"

    def __init__(
        self,
        directory: Path,
        *,
        segment_seconds: float = 1.0,
        playlist_size: int = 6,
        playlist_name: str = "index.m3u8",
        keep_after_window: int = 2,
        name: str = "hls",
        queue_size: int = 512,
        backoff: Backoff | None = None,
    ) -> None:
        super().__init__(name, queue_size=queue_size, backoff=backoff or Backoff(0.5, 2, 5))
        self.directory = Path(directory)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            stale = [*self.directory.glob("seg_*.ts"), *self.directory.glob("seg_*.ts.part")]
            for old in [*stale, self.directory / playlist_name]:
                old.unlink(missing_ok=True)
        except OSError as exc:
            raise OutputError(
                f"Cannot use {self.directory} for HLS output: {exc}",
                hint="Choose a writable folder for the live playlist.",
            ) from exc
        self.segment_seconds = segment_seconds
        self.playlist = LivePlaylist(
            self.directory,
            name=playlist_name,
            size=playlist_size,
            segment_seconds=segment_seconds,
            keep_after_window=keep_after_window,
        )
        self._continuity = TsContinuity()
        self._generation: int | None = None
        self._discontinuity = False
        self._origin: float | None = None  # wall-clock seconds at pts 0 (this generation)

    @property
    def playlist_path(self) -> Path:
        return self.playlist.path

    def run_session(self, stop: threading.Event) -> None:
        self.resync()
        self.directory.mkdir(parents=True, exist_ok=True)  # recreated if someone removed it
        if self.playlist.next_sequence:
            self._discontinuity = True  # restarted after a fault
        self.state = "connecting"
        segment: _SegmentWriter | None = None
        try:
            while True:
                packet = self.next_packet(stop)
                if packet is None:
                    continue
                if packet.info.generation != self._generation:
                    if segment is not None:
                        self._publish(segment)
                        segment = None
                    if self._generation is not None:
                        self._discontinuity = True
                    self._generation = packet.info.generation
                    self._origin = None
                if packet.kind == "video":
                    self._track_origin(packet)
                if segment is not None and self._segment_full(segment, packet):
                    self._publish(segment)
                    segment = None
                if segment is None:
                    if not packet.starts_segment:
                        self.count_drop()
                        continue
                    path = self.directory / self.playlist.segment_name(self.playlist.next_sequence)
                    segment = _SegmentWriter(path, packet)
                segment.write(packet)
                self.packets_sent += 1
        except Stopped:
            if segment is not None:
                self._publish(segment)
            self.playlist.end()
            raise
        except BaseException:
            if segment is not None:
                segment.abort()
            raise

    def _segment_full(self, segment: _SegmentWriter, packet: EncodedPacket) -> bool:
        if not packet.starts_segment:
            return False
        at = float(packet.pts * packet.time_base)
        grid = self.segment_seconds
        if math.floor(at / grid + 1e-6) > math.floor(segment.start / grid + 1e-6):
            return True  # a keyframe on the next slot of the grid
        return at - segment.start >= grid - segment.frame / 2

    def _track_origin(self, packet: EncodedPacket) -> None:
        origin = time.time() - float(packet.pts * packet.time_base)
        if self._origin is None or origin < self._origin:
            self._origin = origin

    def _publish(self, segment: _SegmentWriter) -> None:
        segment.finish(self._continuity)
        started = None
        if self._origin is not None:
            started = datetime.fromtimestamp(self._origin + segment.start, UTC)
        self.playlist.add(
            segment.end - segment.start, discontinuity=self._discontinuity, program_date=started
        )
        self._discontinuity = False
        self.state = "live"
