"""A live HLS media playlist: a sliding window of segments, written atomically.

Segments that slide out of the window are deleted ``keep_after_window`` segments later (players
that loaded the previous playlist may still fetch them). A segment that follows an encoder or
sink restart carries ``#EXT-X-DISCONTINUITY``; ``#EXT-X-DISCONTINUITY-SEQUENCE`` counts those
that have left the window, as RFC 8216 asks. Each segment may carry
``#EXT-X-PROGRAM-DATE-TIME``: the wall-clock time of its first frame, which lets a player (hls.js
``playingDate``) tell how far behind real time it plays.
"""

from __future__ import annotations

import math
import os
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path


@dataclass(frozen=True, slots=True)
class PlaylistEntry:
    sequence: int
    filename: str
    duration: float
    discontinuity: bool
    program_date: datetime | None = None  # wall-clock time of the segment's first frame


class LivePlaylist:
    def __init__(
        self,
        directory: Path,
        *,
        name: str = "index.m3u8",
        size: int = 6,
        segment_seconds: float = 1.0,
        keep_after_window: int = 2,
    ) -> None:
        self.path = Path(directory) / name
        self.size = size
        self.keep_after_window = keep_after_window
        self.window: deque[PlaylistEntry] = deque()
        self._retired: deque[PlaylistEntry] = deque()
        self.media_sequence = 0  # sequence number of the first entry in the window
        self.discontinuity_sequence = 0
        self.next_sequence = 0
        self.target_duration = max(1, math.ceil(segment_seconds))
        self.ended = False

    def segment_name(self, sequence: int) -> str:
        return f"seg_{sequence:06d}.ts"

    def add(
        self, duration: float, *, discontinuity: bool, program_date: datetime | None = None
    ) -> PlaylistEntry:
        """Record the segment just finished (already on disk) and rewrite the playlist."""
        entry = PlaylistEntry(
            self.next_sequence,
            self.segment_name(self.next_sequence),
            duration,
            discontinuity,
            program_date,
        )
        self.next_sequence += 1
        self.window.append(entry)
        self.target_duration = max(self.target_duration, round(duration))
        while len(self.window) > self.size:
            gone = self.window.popleft()
            self.media_sequence = gone.sequence + 1
            if gone.discontinuity:
                self.discontinuity_sequence += 1
            self._retired.append(gone)
        self.write()
        while len(self._retired) > self.keep_after_window:
            (self.path.parent / self._retired.popleft().filename).unlink(missing_ok=True)
        return entry

    def end(self) -> None:
        self.ended = True
        self.write()

    def render(self) -> str:
        lines = [
            "#EXTM3U",
            "#EXT-X-VERSION:3",
            f"#EXT-X-TARGETDURATION:{self.target_duration}",
            f"#EXT-X-MEDIA-SEQUENCE:{self.media_sequence}",
            f"#EXT-X-DISCONTINUITY-SEQUENCE:{self.discontinuity_sequence}",
        ]
        for entry in self.window:
            if entry.discontinuity:
                lines.append("#EXT-X-DISCONTINUITY")
            if entry.program_date is not None:
                lines.append(f"#EXT-X-PROGRAM-DATE-TIME:{_iso_utc(entry.program_date)}")
            lines.append(f"#EXTINF:{entry.duration:.3f},")
            lines.append(entry.filename)
        if self.ended:
            lines.append("#EXT-X-ENDLIST")
        return "\n".join(lines) + "\n"

    def write(self) -> None:
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        tmp.write_text(self.render(), encoding="utf-8")
        os.replace(tmp, self.path)  # readers see the old or the new playlist, never half


def _iso_utc(moment: datetime) -> str:
    """``2026-11-26T01:02:03.456Z``: ISO 8601 in UTC with milliseconds (RFC 8216 4.3.2.6)."""
    utc = moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"
