"""Real encoder → HLS: a well-formed sliding playlist, segments on the grid, restarts marked."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import numpy as np
import pytest
from media_live_helpers import FPS, HEIGHT, WIDTH, ffprobe, parse_playlist, play, stream

from shopcast.errors import InvalidInputError
from shopcast.media.live import HlsSink, LiveEncoderConfig, LiveOutput
from shopcast.media.live import encoder as encoder_module
from shopcast.media.live.codec import LiveCodec
from shopcast.media.live.watchdog import Backoff

CONFIG = LiveEncoderConfig(WIDTH, HEIGHT, fps=FPS)


def live_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("live-")]


def test_hls_sliding_playlist_is_well_formed(tmp_path: Path) -> None:
    hls = HlsSink(tmp_path / "hls", segment_seconds=1.0, playlist_size=3, keep_after_window=1)
    sequences: list[int] = []

    def watch(n: int) -> None:
        if n % 15 == 0 and hls.playlist_path.exists():
            sequences.append(parse_playlist(hls.playlist_path).media_sequence)

    with LiveOutput(CONFIG, [hls]) as out:
        play(out, 6.0, on_frame=watch)
        live = parse_playlist(hls.playlist_path)
        assert not live.ended
    status = out.status()
    final = parse_playlist(hls.playlist_path)

    assert live.target_duration == 1 and len(live.segments) == 3
    assert sequences == sorted(sequences) and sequences[-1] > sequences[0]
    for uri, duration, discontinuity in live.segments:
        assert (tmp_path / "hls" / uri).exists()
        assert duration == pytest.approx(1.0, abs=0.04)
        assert not discontinuity
    assert final.ended
    kept = sorted(p.name for p in (tmp_path / "hls").glob("seg_*.ts"))
    window = [uri for uri, _, _ in final.segments]
    assert window[0] == f"seg_{final.media_sequence:06d}.ts"
    assert len(kept) == len(window) + 1  # one kept after leaving the window, older ones deleted
    assert not list((tmp_path / "hls").glob("*.part"))

    info = ffprobe(tmp_path / "hls" / window[0])
    video, audio = stream(info, "video"), stream(info, "audio")
    assert (video["codec_name"], video["width"], video["height"]) == ("h264", WIDTH, HEIGHT)
    assert video["pix_fmt"] == "yuv420p"
    assert audio["codec_name"] == "aac" and audio["sample_rate"] == "48000"

    assert status.encoder.frames_encoded >= 6 * FPS - 5
    assert status.encoder.audio_filled_s == 0
    assert status.sinks[0].state == "closed" and status.sinks[0].packets_sent > 300
    assert live_threads() == []


def test_forced_encoder_restart_marks_a_discontinuity(tmp_path: Path) -> None:
    hls = HlsSink(tmp_path / "hls", playlist_size=10)
    with LiveOutput(CONFIG, [hls]) as out:
        play(out, 5.0, on_frame=lambda n: n == 70 and out.restart_encoder("test restart"))
    playlist = parse_playlist(hls.playlist_path)
    status = out.status()

    assert status.encoder.generation == 2 and status.encoder.restarts == 1
    marked = [i for i, (_, _, disc) in enumerate(playlist.segments) if disc]
    assert len(marked) == 1 and 1 <= marked[0] < len(playlist.segments) - 1
    assert sum(d for _, d, _ in playlist.segments) == pytest.approx(5.0, abs=0.5)
    after = playlist.segments[marked[0] + 1 :]
    assert all(d == pytest.approx(1.0, abs=0.04) for _, d, _ in after[:-1])  # back on the grid
    # FFmpeg's HLS demuxer reads the segments as one stream: no corrupt packets, no errors
    decode = subprocess.run(
        ["ffmpeg", "-v", "warning", "-i", str(hls.playlist_path), "-f", "null", "-"],
        capture_output=True,
        text=True,
    )
    assert decode.returncode == 0 and decode.stderr.strip() == ""


def test_encoder_fault_is_restarted_by_the_watchdog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class FaultyCodec(LiveCodec):
        faults = 1

        def encode_video(self, rgba_frame, index):  # type: ignore[no-untyped-def]
            if index == 40 and FaultyCodec.faults:
                FaultyCodec.faults -= 1
                raise RuntimeError("simulated encoder crash")
            return super().encode_video(rgba_frame, index)

    monkeypatch.setattr(encoder_module, "LiveCodec", FaultyCodec)
    hls = HlsSink(tmp_path / "hls", playlist_size=10)
    with LiveOutput(CONFIG, [hls]) as out:
        play(out, 4.0)
    status = out.status().encoder
    playlist = parse_playlist(hls.playlist_path)

    assert status.generation == 2 and status.restarts == 1
    assert status.last_error == "RuntimeError: simulated encoder crash"
    assert status.frames_dropped < 30  # the restart took well under a second
    assert [d for _, _, d in playlist.segments].count(True) == 1
    assert sum(d for _, d, _ in playlist.segments) == pytest.approx(4.0, abs=0.6)


class FlakyHlsSink(HlsSink):
    """Fails once while publishing its third segment, like a full disk would."""

    failures = 1

    def _publish(self, segment) -> None:  # type: ignore[no-untyped-def]
        if self.playlist.next_sequence == 2 and self.failures:
            self.failures -= 1
            raise OSError(28, "No space left on device")
        super()._publish(segment)


def test_failing_sink_is_restarted_and_hls_continues(tmp_path: Path) -> None:
    hls = FlakyHlsSink(tmp_path / "hls", playlist_size=10, backoff=Backoff(0.2, 2, 1))
    with LiveOutput(CONFIG, [hls]) as out:
        play(out, 6.0)
    status = out.status().sinks[0]
    playlist = parse_playlist(hls.playlist_path)

    assert status.reconnects == 1 and "No space left" in (status.last_error or "")
    assert [d for _, _, d in playlist.segments].count(True) == 1
    assert playlist.segments[2][2]  # the segment after the failure starts a new run
    assert len(playlist.segments) >= 4
    assert not list((tmp_path / "hls").glob("*.part"))


def test_close_is_idempotent_and_safe_from_another_thread(tmp_path: Path) -> None:
    out = LiveOutput(CONFIG, [HlsSink(tmp_path / "hls")]).start()
    play(out, 1.0)
    closers = [threading.Thread(target=out.close, name=f"closer-{i}") for i in range(3)]
    for t in closers:
        t.start()
    for t in closers:
        t.join(15)
    out.close()
    assert out.unjoined == [] and live_threads() == []
    assert out.status().encoder.state == "closed"


def test_bad_input_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError):
        LiveOutput(LiveEncoderConfig(321, 576))
    with pytest.raises(InvalidInputError, match="cannot be opened"):
        LiveOutput(LiveEncoderConfig(WIDTH, HEIGHT, preset="warpspeed"))
    out = LiveOutput(CONFIG, [HlsSink(tmp_path / "hls")])
    with pytest.raises(InvalidInputError, match="uint8 RGBA"):
        out.push_video(np.zeros((10, 10, 4), np.uint8))
    with pytest.raises(InvalidInputError, match="float32"):
        out.push_audio(np.zeros(10, np.float64))
    out.push_video(np.zeros((HEIGHT, WIDTH, 4), np.uint8), 5)
    with pytest.raises(InvalidInputError, match="not after"):
        out.push_video(np.zeros((HEIGHT, WIDTH, 4), np.uint8), 5)
    out.close()
