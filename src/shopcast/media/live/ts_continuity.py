"""Keep MPEG-TS continuity counters running across segment files.

Each HLS segment is muxed by a fresh MPEG-TS muxer, which starts every PID's 4-bit continuity
counter again; a player that reads the segments as one stream (FFmpeg's HLS demuxer, for one)
then sees a counter jump at every boundary and flags the packet as corrupt. ``TsContinuity``
renumbers each finished segment so its counters continue from the previous segment's.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

TS_PACKET = 188


class TsContinuity:
    def __init__(self) -> None:
        self._last: dict[int, int] = {}  # PID -> continuity counter of its last packet

    def reset(self) -> None:
        self._last.clear()

    def renumber(self, data: bytes) -> bytes:
        if len(data) % TS_PACKET:
            raise ValueError(f"MPEG-TS data of {len(data)} bytes is not whole 188-byte packets.")
        packets = np.frombuffer(data, np.uint8).reshape(-1, TS_PACKET).copy()
        if packets.size == 0:
            return data
        if not np.all(packets[:, 0] == 0x47):
            raise ValueError("MPEG-TS data without the 0x47 sync byte on every packet.")
        pids = ((packets[:, 1].astype(np.int32) & 0x1F) << 8) | packets[:, 2]
        has_payload = (packets[:, 3] >> 4) & 1
        for pid in np.unique(pids):
            rows = np.flatnonzero(pids == pid)
            payload = has_payload[rows].astype(np.int32)
            last = self._last.get(int(pid))
            if last is None:  # first time this PID is seen: keep the muxer's own start
                first = int(packets[rows[0], 3] & 0x0F)
                last = (first - int(payload[0])) & 0x0F
            counters = (last + np.cumsum(payload)) & 0x0F
            packets[rows, 3] = (packets[rows, 3] & 0xF0) | counters.astype(np.uint8)
            self._last[int(pid)] = int(counters[-1])
        return packets.tobytes()

    def renumber_file(self, path: Path) -> None:
        path.write_bytes(self.renumber(path.read_bytes()))
