"""RTMP pushes to a real local nginx-rtmp: what it receives, dead destinations, reconnects."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from media_live_helpers import FPS, HEIGHT, WIDTH, ffprobe, parse_playlist, play, stream

from shopcast.errors import InvalidInputError
from shopcast.media.live import HlsSink, LiveEncoderConfig, LiveOutput, RtmpSink
from shopcast.media.live.nginx_rtmp import NginxRtmpServer, free_port
from shopcast.media.live.watchdog import Backoff

CONFIG = LiveEncoderConfig(WIDTH, HEIGHT, fps=FPS)


@pytest.fixture
def nginx(tmp_path: Path) -> Iterator[NginxRtmpServer]:
    server = NginxRtmpServer(root=tmp_path / "nginx")
    with server:
        yield server


def test_push_to_nginx_records_what_was_sent(nginx: NginxRtmpServer, tmp_path: Path) -> None:
    sink = RtmpSink(nginx.url("show"), name="local")
    with LiveOutput(CONFIG, [sink, HlsSink(tmp_path / "hls")]) as out:
        play(out, 4.0)
        assert sink.status().state == "live"
    status = sink.status()
    nginx.stop()  # finishes the recording

    [recording] = nginx.recordings("show")
    info = ffprobe(recording)
    video, audio = stream(info, "video"), stream(info, "audio")
    assert (video["codec_name"], video["width"], video["height"]) == ("h264", WIDTH, HEIGHT)
    assert audio["codec_name"] == "aac" and audio["sample_rate"] == "48000"
    assert float(info["format"]["duration"]) == pytest.approx(4.0, abs=0.4)
    assert status.reconnects == 0 and status.packets_sent > 300
    assert status.packets_dropped < 5  # only what preceded the first keyframe


def test_dead_destination_retries_while_hls_carries_on(tmp_path: Path) -> None:
    url = f"rtmp://127.0.0.1:{free_port()}/live/secret-stream-key"
    dead = RtmpSink(url, name="dead")
    hls = HlsSink(tmp_path / "hls")
    seen: set[tuple[str, bool]] = set()

    def watch(n: int) -> None:
        s = dead.status()
        seen.add((s.state, s.retry_in is not None))

    with LiveOutput(CONFIG, [dead, hls]) as out:
        play(out, 4.5, on_frame=watch)
        status = dead.status()
    playlist = parse_playlist(hls.playlist_path)

    assert ("retrying", True) in seen and not any(state == "live" for state, _ in seen)
    assert status.reconnects >= 2  # tried at 0 s, 1 s and 3 s (backoff 1, 2, 4 ...)
    assert "refused" in (status.last_error or "").lower()
    assert "secret-stream-key" not in (status.last_error or "")
    assert status.packets_sent == 0 and status.packets_dropped > 200
    assert len(playlist.segments) >= 4 and hls.status().packets_dropped < 5


def test_rtmp_reconnects_after_the_server_dies(nginx: NginxRtmpServer, tmp_path: Path) -> None:
    sink = RtmpSink(nginx.url("show"), name="local", backoff=Backoff(0.5, 2, 2))
    with LiveOutput(CONFIG, [sink]) as out:
        n = play(out, 2.0)
        nginx.kill()
        n = play(out, 2.0, start=n)
        down = sink.status()
        nginx.start()
        # the next try comes within the backoff's 2 s cap; frames go on meanwhile (a busy
        # machine may need longer to start nginx and connect: up to 12 s here)
        deadline = time.monotonic() + 12.0
        while sink.status().state != "live" and time.monotonic() < deadline:
            n = play(out, 0.5, start=n)
        assert sink.status().state == "live", sink.status()
        play(out, 2.0, start=n)
        back = sink.status()
    nginx.stop()

    assert down.state in ("retrying", "connecting") and down.reconnects >= 1
    assert back.state == "live" and sink.connections == 2
    recordings = nginx.recordings("show")
    assert len(recordings) == 2
    assert float(ffprobe(recordings[-1])["format"]["duration"]) >= 1.5


def test_rtmp_url_is_checked() -> None:
    with pytest.raises(InvalidInputError, match="not an RTMP URL"):
        RtmpSink("http://example.com/live/key")
    with pytest.raises(InvalidInputError):
        RtmpSink("rtmp://host-only")
