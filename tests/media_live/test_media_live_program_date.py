"""#EXT-X-PROGRAM-DATE-TIME: every live segment says when its first frame was made, on the wall
clock, so a player can tell how far behind real time it plays (glass-to-glass)."""

from __future__ import annotations

import re
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from media_live_helpers import FPS, HEIGHT, WIDTH, play

from shopcast.media.live import HlsSink, LiveEncoderConfig, LiveOutput
from shopcast.media.live.playlist import LivePlaylist

PDT = "#EXT-X-PROGRAM-DATE-TIME:"


def program_dates(playlist: Path) -> list[tuple[datetime, float, str]]:
    """(program date, EXTINF duration, segment) for each segment, in order; each must have one."""
    out: list[tuple[datetime, float, str]] = []
    date: datetime | None = None
    duration = 0.0
    for line in playlist.read_text().splitlines():
        if line.startswith(PDT):
            value = line.removeprefix(PDT)
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", value), value
            date = datetime.fromisoformat(value.replace("Z", "+00:00"))
        elif line.startswith("#EXTINF:"):
            duration = float(line.removeprefix("#EXTINF:").rstrip(","))
        elif line and not line.startswith("#"):
            assert date is not None, f"segment {line} has no {PDT}"
            out.append((date, duration, line))
            date = None
    return out


def test_program_date_is_written_in_utc_with_milliseconds(tmp_path: Path) -> None:
    playlist = LivePlaylist(tmp_path, size=3)
    seoul = timezone(timedelta(hours=9))
    playlist.add(
        1.0, discontinuity=False, program_date=datetime(2026, 11, 26, 10, 0, 1, 234567, seoul)
    )
    playlist.add(1.0, discontinuity=True)  # unknown date: no tag, the rest is unchanged
    text = playlist.render()
    assert f"{PDT}2026-11-26T01:00:01.234Z\n#EXTINF:1.000,\nseg_000000.ts" in text
    assert "#EXT-X-DISCONTINUITY\n#EXTINF:1.000,\nseg_000001.ts" in text
    assert text.count(PDT) == 1


def test_each_segment_carries_the_wall_time_of_its_first_frame(tmp_path: Path) -> None:
    hls = HlsSink(tmp_path / "hls", segment_seconds=1.0, playlist_size=10)
    config = LiveEncoderConfig(WIDTH, HEIGHT, fps=FPS)
    with LiveOutput(config, [hls]) as out:
        started = time.time()  # frame 0 is due now; frame n at started + n / FPS
        play(out, 5.0)
    segments = program_dates(hls.playlist_path)

    assert len(segments) >= 4
    for date, _, name in segments:
        index = int(name.removeprefix("seg_").removesuffix(".ts"))
        due = started + index * 1.0  # the wall time its first frame was due
        # never before it was due; late at most by the encoder's start-up and delay
        assert due - 0.05 <= date.timestamp() <= due + 1.0, name
        assert date.utcoffset() == timedelta(0)
    for (date, duration, name), (following, _, _) in zip(segments, segments[1:], strict=False):
        gap = (following - date).total_seconds()
        # dates follow the media time; the origin estimate only ever moves earlier (a frame
        # that left the encoder sooner than any before it), never later
        assert duration - 0.25 <= gap <= duration + 0.001, name
