"""Soak: a real show left running for ``--minutes`` with a viewer question every ~10 s — memory,
late frames, and every HLS segment checked as it appears.

    nice -n 5 .venv/bin/python bench/live_soak.py --minutes 30

The show is the one of ``bench/live_reply.py`` (720x1280 at 30 fps, templates writer, Kokoro,
avatar, scene, x264 → HLS with 1 s segments). After ``--warmup`` seconds the resident memory is
taken as the start; it is sampled every 10 s and its slope fitted by least squares. The playlist
is read every 0.25 s: a *missing* segment is a media-sequence number never listed, or listed
without its file; a *late* segment appeared more than ``LATE_AFTER_S`` after the one before it
(1 s is on time); a *long/short* one has an EXTINF off the 1 s target by more than a frame.
Restarts are the encoder's and the sinks' own counts plus discontinuities in the playlist.
For every late segment the load average and the show's ``behind_s`` at that moment are shown,
to tell a slow show from a busy machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

from live_common import LoadMeter, bench_settings, bench_show, exit_now, running_show, spread
from live_reply import NAMES, QUESTIONS
from shopcast.live.show.runner import ShowRunner

POLL_S = 0.25
LATE_AFTER_S = 1.5  # a new segment is due every second
SEGMENT_S = 1.0
FRAME_S = 1 / 30


@dataclass
class SegmentCheck:
    """What the playlist showed over the run."""

    seen: dict[int, float] = field(default_factory=dict)  # sequence → first listed (monotonic)
    durations: dict[int, float] = field(default_factory=dict)
    missing_files: list[int] = field(default_factory=list)
    discontinuities: set[int] = field(default_factory=set)
    late: list[tuple[int, float, float, float]] = field(
        default_factory=list
    )  # seq, gap, load, behind
    odd_length: list[tuple[int, float]] = field(default_factory=list)
    unreadable: int = 0

    def read(self, playlist: Path, load: float, behind: float) -> None:
        try:
            text = playlist.read_text(encoding="utf-8")
        except OSError:
            self.unreadable += 1
            return
        now = time.monotonic()
        sequence = int(_tag(text, "#EXT-X-MEDIA-SEQUENCE") or 0)
        duration, discontinuity = 0.0, False
        for line in text.splitlines():
            if line.startswith("#EXTINF:"):
                duration = float(line[8:].rstrip(","))
            elif line == "#EXT-X-DISCONTINUITY":
                discontinuity = True
            elif line and not line.startswith("#"):
                if sequence not in self.seen:
                    self._new(sequence, now, duration, discontinuity, load, behind)
                    if not (playlist.parent / line).exists():
                        self.missing_files.append(sequence)
                sequence += 1
                discontinuity = False

    def _new(
        self, seq: int, now: float, duration: float, discontinuity: bool, load: float, behind: float
    ) -> None:
        previous = self.seen.get(seq - 1)
        self.seen[seq] = now
        self.durations[seq] = duration
        if discontinuity:
            self.discontinuities.add(seq)
        if previous is not None and now - previous > LATE_AFTER_S:
            self.late.append((seq, now - previous, load, behind))
        if abs(duration - SEGMENT_S) > FRAME_S + 1e-3:
            self.odd_length.append((seq, duration))

    def never_listed(self) -> list[int]:
        if not self.seen:
            return []
        first, last = min(self.seen), max(self.seen)
        return [s for s in range(first, last + 1) if s not in self.seen]

    def gaps(self) -> list[float]:
        ordered = sorted(self.seen)
        return [
            self.seen[b] - self.seen[a]
            for a, b in zip(ordered, ordered[1:], strict=False)
            if b == a + 1
        ]


def _tag(text: str, name: str) -> str | None:
    match = re.search(rf"^{re.escape(name)}:(.*)$", text, re.MULTILINE)
    return match.group(1).strip() if match else None


def slope_per_hour(samples: list[tuple[float, float]]) -> float:
    """Least-squares slope of (seconds, MB) samples, in MB per hour."""
    if len(samples) < 2:
        return 0.0
    n = len(samples)
    mx = sum(t for t, _ in samples) / n
    my = sum(v for _, v in samples) / n
    var = sum((t - mx) ** 2 for t, _ in samples)
    cov = sum((t - mx) * (v - my) for t, v in samples)
    return 3600 * cov / var if var else 0.0


def restarts(runner: ShowRunner) -> dict[str, int]:
    live = runner.output.status()
    out = {"encoder": live.encoder.restarts}
    out.update({s.name: s.reconnects for s in live.sinks})
    return out


def soak(runner: ShowRunner, minutes: float, warmup: float, market: str, console: Console) -> dict:
    rng = random.Random(11)
    questions = QUESTIONS[market]
    deadline_warm = time.monotonic() + warmup
    while time.monotonic() < deadline_warm:
        time.sleep(1)
    check = SegmentCheck()
    playlist = runner.hls_dir / "index.m3u8"
    meter = LoadMeter().start()
    t0 = time.monotonic()
    status0 = runner.status()
    rss: list[tuple[float, float]] = [(0.0, status0.rss_mb)]
    loads: list[float] = []
    behind_max = 0.0
    latencies_before = len(runner.latencies)
    restarts0 = restarts(runner)
    next_question, next_sample, asked, n = t0 + 5, t0 + 10, 0, 0
    end = t0 + 60 * minutes
    while time.monotonic() < end and runner.running:
        now = time.monotonic()
        load = os.getloadavg()[0]
        behind_max = max(behind_max, runner.behind_s)
        check.read(playlist, load, runner.behind_s)
        if now >= next_question:
            text = questions[asked % len(questions)]
            runner.post_chat(f"soak-{asked}", NAMES[asked % len(NAMES)], text)
            asked += 1
            next_question = now + rng.uniform(8, 12)
        if now >= next_sample:
            rss.append((now - t0, runner.status().rss_mb))
            loads.append(load)
            next_sample += 10
            n += 1
            if n % 6 == 0:
                console.print(
                    f"[dim]{(now - t0) / 60:5.1f} min: RSS {rss[-1][1]:.0f} MB, "
                    f"{len(check.seen)} segments, {len(check.late)} late, late frames "
                    f"{runner.status().late_frames - status0.late_frames}, load {load:.1f}[/dim]"
                )
        time.sleep(POLL_S)
    wall = time.monotonic() - t0
    status = runner.status()
    latencies = list(runner.latencies)[latencies_before:]
    after = restarts(runner)
    return {
        "minutes": wall / 60,
        "rss_start_mb": rss[0][1],
        "rss_end_mb": status.rss_mb,
        "rss_max_mb": max(v for _, v in rss),
        "rss_slope_mb_per_h": slope_per_hour(rss),
        "rss_slope_second_half_mb_per_h": slope_per_hour(rss[len(rss) // 2 :]),
        "frames": status.frames - status0.frames,
        "late_frames": status.late_frames - status0.late_frames,
        "behind_max_s": behind_max,
        "segments": len(check.seen),
        "never_listed": check.never_listed(),
        "missing_files": check.missing_files,
        "late_segments": check.late,
        "odd_length": check.odd_length,
        "discontinuities": sorted(check.discontinuities),
        "playlist_unreadable": check.unreadable,
        "segment_gap": spread(check.gaps()),
        "restarts": {k: after[k] - restarts0.get(k, 0) for k in after},
        "questions": asked,
        "answers_timed": len(latencies),
        "reply_latency": spread(latencies),
        "name_wait": spread(list(runner.name_waits)),
        "lines_spoken": status.lines_spoken - status0.lines_spoken,
        "answers_spoken": status.answers_spoken - status0.answers_spoken,
        "errors": status.errors,
        "loadavg_mean": sum(loads) / max(1, len(loads)),
        "loadavg_max": max(loads, default=0.0),
        "load": meter.note(),
        "show_running": runner.running,
    }


def print_result(console: Console, r: dict) -> None:
    table = Table(title=f"Soak: {r['minutes']:.1f} minutes of a 720x1280@30 show, chat every ~10 s")
    table.add_column("measure")
    table.add_column("value", justify="right")
    late = r["late_segments"]
    rows = [
        (
            "resident memory start → end (max)",
            f"{r['rss_start_mb']:.0f} → {r['rss_end_mb']:.0f} MB ({r['rss_max_mb']:.0f})",
        ),
        (
            "memory slope, whole run / second half",
            f"{r['rss_slope_mb_per_h']:+.1f} / {r['rss_slope_second_half_mb_per_h']:+.1f} MB/h",
        ),
        (
            "late frames",
            f"{r['late_frames']} of {r['frames']} "
            f"({100 * r['late_frames'] / max(1, r['frames']):.2f}%), "
            f"behind ≤ {r['behind_max_s']:.2f} s",
        ),
        ("HLS segments seen", str(r["segments"])),
        (
            "missing (never listed / file absent)",
            f"{len(r['never_listed'])} / {len(r['missing_files'])}",
        ),
        ("late (> 1.5 s after the previous)", str(len(late))),
        ("EXTINF off 1 s by > 1 frame", str(len(r["odd_length"]))),
        ("time between new segments p50 / p95 / max", r["segment_gap"]),
        ("discontinuities / restarts", f"{len(r['discontinuities'])} / {r['restarts']}"),
        ("questions posted / answers timed", f"{r['questions']} / {r['answers_timed']}"),
        ("reply latency p50 / p95 / max", r["reply_latency"]),
        ("ack's name after its fixed words, wait p50 / p95 / max", r["name_wait"]),
        ("lines / answers spoken", f"{r['lines_spoken']} / {r['answers_spoken']}"),
        ("load average (1 min) mean / max", f"{r['loadavg_mean']:.1f} / {r['loadavg_max']:.1f}"),
        ("show still running", "yes" if r["show_running"] else "NO"),
    ]
    for row in rows:
        table.add_row(*row)
    console.print(table)
    for seq, gap, load, behind in late[:20]:
        console.print(
            f"  late segment {seq}: {gap:.2f} s after the previous; "
            f"load {load:.1f}, show behind {behind:.2f} s"
        )
    if r["errors"]:
        console.print(f"  show errors: {r['errors'][-5:]}")
    console.print(f"  {r['load']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--warmup", type=float, default=60.0, help="seconds before memory is taken")
    parser.add_argument("--market", default="en-US", choices=sorted(QUESTIONS))
    parser.add_argument("--json", type=Path, help="also write the result here")
    args = parser.parse_args()
    if args.minutes <= 0 or args.warmup < 0:
        raise SystemExit("--minutes must be > 0 and --warmup ≥ 0")
    console = Console(width=140)
    with (
        bench_settings() as settings,
        running_show(settings, bench_show("bench-soak", market=args.market)) as runner,
    ):
        result = soak(runner, args.minutes, args.warmup, args.market, console)
    print_result(console, result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
    exit_now()
