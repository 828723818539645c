"""Unit tests of the live pipeline's own logic: backoff, supervision, playlist, queues, buffers."""

from __future__ import annotations

import threading
import time
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from colour_patches import PATCHES, bt709_limited, measured_levels, patch_frame
from shopcast.media.live.audio_buffer import AudioBuffer
from shopcast.media.live.codec import LiveCodec, LiveEncoderConfig
from shopcast.media.live.frame_pool import FramePool
from shopcast.media.live.packets import EncodedPacket
from shopcast.media.live.playlist import LivePlaylist
from shopcast.media.live.sink import PacketSink
from shopcast.media.live.ts_continuity import TsContinuity
from shopcast.media.live.watchdog import Backoff, Restart, Supervised


def test_backoff_doubles_up_to_the_cap_and_resets() -> None:
    backoff = Backoff()
    assert [backoff.next_delay() for _ in range(7)] == [1, 2, 4, 8, 16, 30, 30]
    backoff.reset()
    assert backoff.next_delay() == 1


def test_supervised_restarts_a_failing_session_and_stops_promptly() -> None:
    runs: list[float] = []

    def session(stop: threading.Event) -> None:
        runs.append(time.monotonic())
        if len(runs) <= 2:
            raise RuntimeError(f"boom {len(runs)}")
        if len(runs) == 3:
            raise Restart("on purpose")
        stop.wait()

    worker = Supervised("live-test", session, backoff=Backoff(0.1, 2, 1))
    worker.start()
    deadline = time.monotonic() + 3
    while len(runs) < 4 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(runs) == 4 and worker.restarts == 3
    assert runs[1] - runs[0] >= 0.1 and runs[2] - runs[1] >= 0.2  # backoff 0.1 then 0.2
    assert runs[3] - runs[2] < 0.1  # Restart: no delay
    assert worker.last_error == "Restart: on purpose"
    worker.stop()
    assert worker.join(1.0) and not worker.alive


def test_stop_interrupts_a_long_backoff() -> None:
    def session(stop: threading.Event) -> None:
        raise ConnectionRefusedError("nobody there")

    worker = Supervised("live-test", session, backoff=Backoff(30, 2, 30))
    worker.start()
    time.sleep(0.1)
    started = time.monotonic()
    worker.stop()
    assert worker.join(2.0) and time.monotonic() - started < 1.0


def test_playlist_window_discontinuities_and_deletion(tmp_path: Path) -> None:
    playlist = LivePlaylist(tmp_path, size=3, keep_after_window=1)
    for i in range(7):
        (tmp_path / playlist.segment_name(i)).write_bytes(b"ts")
        playlist.add(1.0 if i != 4 else 1.6, discontinuity=i in (1, 5))
    text = playlist.path.read_text()
    assert "#EXT-X-MEDIA-SEQUENCE:4" in text
    assert "#EXT-X-DISCONTINUITY-SEQUENCE:1" in text  # segment 1 left the window
    assert "#EXT-X-TARGETDURATION:2" in text  # 1.6 s rounds to 2
    assert text.count("#EXT-X-DISCONTINUITY\n") == 1
    assert text.index("#EXT-X-DISCONTINUITY\n") < text.index("seg_000005.ts")
    assert sorted(p.name for p in tmp_path.glob("seg_*")) == [
        "seg_000003.ts",
        "seg_000004.ts",
        "seg_000005.ts",
        "seg_000006.ts",
    ]
    assert "#EXT-X-ENDLIST" not in text
    playlist.end()
    assert playlist.path.read_text().endswith("#EXT-X-ENDLIST\n")
    assert not list(tmp_path.glob(".*tmp"))


def test_audio_buffer_is_bounded_and_ordered() -> None:
    buffer = AudioBuffer(sample_rate=10, max_seconds=1.0)
    buffer.append(np.arange(6, dtype=np.float32))
    buffer.append(np.arange(6, 12, dtype=np.float32))
    assert buffer.available == 10 and buffer.dropped_samples == 2
    assert buffer.take(3).tolist() == [2, 3, 4]
    assert buffer.take(100).tolist() == [5, 6, 7, 8, 9, 10, 11]
    assert buffer.take(5).size == 0


def packet(kind: str, keyframe: bool = False) -> EncodedPacket:
    return EncodedPacket(
        info=None,
        kind=kind,
        data=b"x",
        pts=0,
        dts=0,  # type: ignore[arg-type]
        time_base=Fraction(1, 30),
        keyframe=keyframe,
    )


def test_a_full_sink_drops_and_resumes_at_a_keyframe() -> None:
    sink = PacketSink("probe", queue_size=3)
    assert not sink.offer(packet("audio"))  # nothing before the first keyframe
    assert sink.offer(packet("video", keyframe=True))
    assert sink.offer(packet("video"))
    assert sink.offer(packet("audio"))
    assert not sink.offer(packet("video"))  # full: dropped, now waiting for a keyframe
    sink._queue.get_nowait()
    assert not sink.offer(packet("audio"))  # room again, but still resyncing
    assert sink.offer(packet("video", keyframe=True))
    assert sink.status().packets_dropped == 3


def test_sink_gives_up_after_max_retries() -> None:
    class Broken(PacketSink):
        def run_session(self, stop: threading.Event) -> None:
            raise OSError("always")

    sink = Broken("broken", backoff=Backoff(0.01, 1, 0.01), max_retries=2)
    sink.start()
    assert sink._supervised.join(2.0)
    assert sink.status().state == "failed" and sink.status().reconnects == 3


def ts_packet(pid: int, cc: int, payload: bool = True) -> bytes:
    afc = 0x10 if payload else 0x20
    return bytes([0x47, (pid >> 8) & 0x1F, pid & 0xFF, afc | cc]) + bytes(184)


def test_ts_continuity_counters_run_on_across_segments() -> None:
    continuity = TsContinuity()
    first = continuity.renumber(b"".join(ts_packet(0x100, c) for c in range(15, 15 + 3)))
    assert [first[i * 188 + 3] & 0x0F for i in range(3)] == [15, 0, 1]  # the muxer's own start
    second = continuity.renumber(
        ts_packet(0x100, 0)
        + ts_packet(0x100, 0, payload=False)
        + ts_packet(0x100, 1)
        + ts_packet(0x101, 7)
    )
    assert [second[i * 188 + 3] & 0x0F for i in range(4)] == [2, 2, 3, 7]
    assert second[3] >> 4 == 0x1 and second[188 + 3] >> 4 == 0x2  # flags untouched
    with pytest.raises(ValueError):
        continuity.renumber(b"\x47" * 100)


def test_frame_pool_copies_and_reuses_bounded() -> None:
    pool = FramePool(1080, 1920, keep=1)  # 1080 * 4 bytes: a row not a multiple of 64
    rgba = np.random.default_rng(1).integers(0, 255, (1920, 1080, 4), dtype=np.uint8)
    first = pool.filled(rgba)
    rgba[:] = 0  # the caller reuses its buffer: the frame keeps the copy
    assert first.to_ndarray().any()
    second = pool.filled(rgba)
    pool.give_back(first)
    pool.give_back(second)  # beyond ``keep``: not kept
    again = pool.filled(rgba)
    assert again is first and not again.to_ndarray().any()


def test_live_codec_colours_are_bt709_limited_range() -> None:
    """The live encoder converts RGBA with the matrix and range its stream is tagged with."""
    width, height = 320, 240
    codec = LiveCodec(LiveEncoderConfig(width, height), generation=0, audio_start=0)
    pool = FramePool(width, height, keep=2)
    packets = []
    for index in range(3):
        packets += codec.encode_video(pool.filled(patch_frame(width, height)), index)
    packets += codec.flush()
    decoder = av.CodecContext.create("h264", "r")
    decoder.extradata = codec.info.video_template.codec_context.extradata
    frames = [f for p in packets if p.kind == "video" for f in decoder.decode(av.Packet(p.data))]
    assert (frames[0].colorspace, frames[0].color_range) == (1, 1)  # BT.709, limited ("tv")
    for rgb, levels in zip(PATCHES, measured_levels(frames[0]), strict=True):
        assert levels == pytest.approx(bt709_limited(rgb), abs=1.5), rgb
