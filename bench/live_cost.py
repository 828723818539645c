"""Cost of live output on this machine: one paced 30 fps stream → encoder → HLS (+ RTMP).

    .venv/bin/python bench/live_cost.py [--seconds 20] [--rtmp] [--channels 1 2 3]
    .venv/bin/python bench/live_cost.py --part shows [--show-seconds 30] [--max-shows 4]

Every run measures the steady state after a ``WARMUP`` of 2 s; frames late or dropped during
the warm-up (libx264 starting its threads) are shown apart as "start-up lost".
Part 1: one stream each at 1080x1920 and 720x1280 of a pre-rendered RGBA frame with a small
moving square, plus a 24 kHz tone, paced by ``WallClock`` for ``--seconds``; with ``--rtmp`` the
same encode is also pushed to a local nginx-rtmp. Part 2: 1, 2, 3 ... simultaneous 720x1280
channels (each its own thread, encoder and HLS sink). Columns: cores = process CPU time / wall
time; CPU ms/frame = process CPU time per frame (producer, encoder, sinks: the number that does not
depend on what else runs on the machine); late = frames the producer started late
(``WallClock``); dropped = frames the encoder could not take (its queue was full: not real time);
enc ms = mean encoder thread wall time per frame (RGBA→YUV + libx264; grows when the CPU is
shared); real time = under 1% dropped and late frames.

Part 3 (``--part shows``): the same with real rendered frames — each channel is a real
``ShowRunner`` (the bench show of ``bench/live_common.py``, no flash deal, templates writer:
Kokoro speaking continuously, avatar, scene, overlay, x264 → HLS). One show at 720x1280 and one
at 1080x1920, then 1, 2, 3 ... 720x1280 shows at once until more than 1% of frames are late.
Each is measured for ``--show-seconds`` after ``SHOW_SETTLE`` s on air (start-up, first
syntheses). Cores = process CPU / wall (all shows); per show = that / shows.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

from live_common import LoadMeter, bench_settings, bench_show, exit_now
from shopcast.commerce import CommerceService
from shopcast.live.show.registry import ShowRegistry
from shopcast.live.show.runner import ShowRunner
from shopcast.media.live import HlsSink, LiveEncoderConfig, LiveOutput, PacketSink, RtmpSink
from shopcast.media.live.nginx_rtmp import NginxRtmpServer
from shopcast.timeline.clock import WallClock

FPS, RATE = 30, 24_000
WARMUP = 2.0  # seconds measured apart: codec start-up, thread creation, first keyframes
SHOW_SETTLE = 10.0  # seconds on air before a real show is measured


@dataclass
class Run:
    label: str
    frames: int
    wall: float
    cpu: float
    late: int
    dropped: int
    encode_ms: float
    segments: int
    startup_lost: int  # late + dropped frames in the first WARMUP seconds

    @property
    def real_time(self) -> bool:
        return (self.dropped + self.late) < 0.01 * self.frames


def background(width: int, height: int) -> np.ndarray:
    """A static 'scene': vertical gradient, a card, some stripes (compresses like a real one)."""
    y = np.linspace(0, 1, height, dtype=np.float32)[:, None]
    x = np.linspace(0, 1, width, dtype=np.float32)[None, :]
    frame = np.empty((height, width, 4), np.uint8)
    frame[..., 0] = (40 + 120 * y + 30 * x).astype(np.uint8)
    frame[..., 1] = (60 + 80 * (1 - y)).astype(np.uint8)
    frame[..., 2] = (120 + 100 * x * y).astype(np.uint8)
    frame[..., 3] = 255
    frame[height * 2 // 3 : height * 5 // 6, width // 10 : width * 9 // 10, :3] = 245
    frame[::40, :, :3] = 200
    return frame


def stream(out: LiveOutput, width: int, height: int, seconds: float, clock: WallClock) -> int:
    base = background(width, height)
    frame = base.copy()
    side = width // 8
    per_frame = RATE // FPS
    total = round(seconds * FPS)
    for n in range(total):
        clock.wait_for(n)
        x = (n * 6) % (width - side)
        y = height // 3 + int(40 * np.sin(n / 10))
        frame[y - 50 : y + side + 50] = base[y - 50 : y + side + 50]  # erase last square
        frame[y : y + side, x : x + side, :3] = (250, 190, 30)
        out.push_video(frame, n)
        t = (np.arange(per_frame) + n * per_frame) / RATE
        out.push_audio((0.2 * np.sin(2 * np.pi * 220 * t)).astype(np.float32))
    return total


def run_channels(
    label: str,
    size: tuple[int, int],
    seconds: float,
    channels: int,
    preset: str,
    rtmp: NginxRtmpServer | None,
) -> Run:
    width, height = size
    with tempfile.TemporaryDirectory() as tmp:
        outputs = []
        for c in range(channels):
            sinks: list[PacketSink] = [HlsSink(Path(tmp) / f"hls{c}")]
            if rtmp is not None:
                sinks.append(RtmpSink(rtmp.url(f"bench{c}"), name="nginx"))
            config = LiveEncoderConfig(width, height, fps=FPS, preset=preset)
            outputs.append(LiveOutput(config, sinks, name=f"ch{c}").start())
        clocks = [WallClock(fps=FPS) for _ in range(channels)]
        threads = [
            threading.Thread(target=stream, args=(o, width, height, seconds, k), name=f"bench-{i}")
            for i, (o, k) in enumerate(zip(outputs, clocks, strict=True))
        ]
        for t in threads:
            t.start()
        time.sleep(WARMUP)  # the first ~0.5 s (codec threads starting) is counted apart
        late0 = [k.late_frames for k in clocks]
        dropped0 = [o.status().encoder.frames_dropped for o in outputs]
        cpu0, wall0 = time.process_time(), time.monotonic()
        for t in threads:
            t.join()
        cpu, wall = time.process_time() - cpu0, time.monotonic() - wall0
        statuses = [o.status() for o in outputs]
        for o in outputs:
            o.close()
        segments = sum(len(list((Path(tmp) / f"hls{c}").glob("seg_*.ts"))) for c in range(channels))
    encoded = sum(s.encoder.frames_encoded for s in statuses)
    return Run(
        label=label,
        frames=round((seconds - WARMUP) * FPS) * channels,
        wall=wall,
        cpu=cpu,
        late=sum(k.late_frames for k in clocks) - sum(late0),
        dropped=sum(s.encoder.frames_dropped for s in statuses) - sum(dropped0),
        startup_lost=sum(late0) + sum(dropped0),
        encode_ms=sum(s.encoder.mean_encode_ms * s.encoder.frames_encoded for s in statuses)
        / max(1, encoded),
        segments=segments,
    )


def table(title: str, runs: list[Run]) -> Table:
    out = Table(title=title)
    columns = (
        "run",
        "frames",
        "cores",
        "CPU ms/frame",
        "late",
        "dropped",
        "enc ms/frame",
        "real time",
        "start-up lost",
    )
    for column in columns:
        out.add_column(column, justify="right" if column != "run" else "left")
    for r in runs:
        out.add_row(
            r.label,
            str(r.frames),
            f"{r.cpu / r.wall:.2f}",
            f"{1000 * r.cpu / r.frames:.1f}",
            f"{r.late} ({100 * r.late / r.frames:.1f}%)",
            f"{r.dropped} ({100 * r.dropped / r.frames:.1f}%)",
            f"{r.encode_ms:.1f}",
            "yes" if r.real_time else "no",
            str(r.startup_lost),
        )
    return out


def run_shows(label: str, size: str, seconds: float, count: int) -> Run:
    """``count`` real shows of ``size`` at once, measured for ``seconds`` once all are live."""
    from shopcast.store import open_database

    with bench_settings() as settings:
        db = open_database(settings)
        registry = ShowRegistry(settings, db, CommerceService(db))
        runners: list[ShowRunner] = []
        try:
            for i in range(count):
                show = bench_show(f"cost-{i}", size=size, deal=False)
                runners.append(registry.build(show))
            for runner in runners:
                runner.start()
            for runner in runners:
                if not runner.wait_until_live(180):
                    raise SystemExit(f"show {runner.show_id} did not go live: {runner.status()}")
            time.sleep(SHOW_SETTLE)
            meter = LoadMeter().start()
            before = [
                (r.status().late_frames, r.frames, r.output.status().encoder) for r in runners
            ]
            cpu0, wall0 = time.process_time(), time.monotonic()
            time.sleep(seconds)
            cpu, wall = time.process_time() - cpu0, time.monotonic() - wall0
            after = [(r.status().late_frames, r.frames, r.output.status().encoder) for r in runners]
            print(f"  {label}: {meter.note()}", flush=True)
        finally:
            for runner in runners:
                runner.stop()
            db.close()
    frames = sum(a[1] - b[1] for a, b in zip(after, before, strict=True))
    encoded = sum(
        a[2].frames_encoded - b[2].frames_encoded for a, b in zip(after, before, strict=True)
    )
    return Run(
        label=label,
        frames=frames,
        wall=wall,
        cpu=cpu,
        late=sum(a[0] - b[0] for a, b in zip(after, before, strict=True)),
        dropped=sum(
            a[2].frames_dropped - b[2].frames_dropped for a, b in zip(after, before, strict=True)
        ),
        encode_ms=sum(a[2].mean_encode_ms for a in after) / len(after),
        segments=encoded,
        startup_lost=sum(b[0] + b[2].frames_dropped for b in before),
    )


def shows_part(console: Console, seconds: float, sizes: list[str], max_shows: int) -> None:
    single = [run_shows(f"1 show {size}", size, seconds, 1) for size in sizes]
    console.print(
        table(f"One real show (avatar + scene + TTS + encoder → HLS), {seconds:.0f} s", single)
    )
    for r in single:
        console.print(f"  {r.label}: {r.cpu / r.wall:.2f} cores")
    multi: list[Run] = []
    for count in range(1, max_shows + 1):
        if count == 1 and sizes and sizes[-1] == "720x1280":
            run = single[-1]
            run = Run(**{**run.__dict__, "label": "1 x 720x1280 show"})
        else:
            run = run_shows(f"{count} x 720x1280 shows", "720x1280", seconds, count)
        multi.append(run)
        console.print(
            f"[dim]{run.label}: {100 * run.late / max(1, run.frames):.2f}% late, "
            f"{run.cpu / run.wall:.2f} cores[/dim]"
        )
        if run.late > 0.01 * run.frames:
            break
    console.print(table("Simultaneous real 720x1280@30 shows", multi))
    fit = [r for r in multi if r.real_time]
    console.print(
        f"real time (≤ 1% late) with up to {len(fit)} show(s) at once"
        + (f"; {multi[-1].label} was not" if multi and not multi[-1].real_time else "")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--preset", default="veryfast")
    parser.add_argument("--rtmp", action="store_true", help="also push to a local nginx-rtmp")
    parser.add_argument("--channels", type=int, nargs="*", default=[1, 2, 3])
    parser.add_argument("--sizes", nargs="*", default=["1080x1920", "720x1280"])
    parser.add_argument("--part", choices=["synthetic", "shows", "all"], default="synthetic")
    parser.add_argument("--show-seconds", type=float, default=30.0)
    parser.add_argument("--max-shows", type=int, default=4)
    args = parser.parse_args()
    console = Console(width=130)
    if args.part in ("shows", "all"):
        shows_part(console, args.show_seconds, args.sizes, args.max_shows)
        if args.part == "shows":
            load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
            console.print(f"{os.cpu_count()} CPUs; load average now (1, 5, 15 min): {load}")
            return
    server = NginxRtmpServer().start() if args.rtmp else None
    try:
        sinks = "HLS + RTMP" if server else "HLS"
        single = [
            run_channels(f"{w}x{h} → {sinks}", (w, h), args.seconds, 1, args.preset, server)
            for w, h in (tuple(int(v) for v in size.split("x")) for size in args.sizes)
        ]
        console.print(
            table(f"One paced 30 fps stream, {args.preset}, {args.seconds:.0f} s", single)
        )
        multi = [
            run_channels(f"{n} x 720x1280 → HLS", (720, 1280), args.seconds, n, args.preset, None)
            for n in args.channels
        ]
        if multi:
            console.print(table(f"Simultaneous 720x1280@30 channels, {args.preset}", multi))
        per_channel = multi[0].cpu / multi[0].frames * FPS if multi else 0.0
        if per_channel:
            console.print(
                f"one 720x1280 channel needs {per_channel:.2f} cores: by CPU alone "
                f"{(os.cpu_count() or 1) / per_channel:.1f} channels fit this machine"
            )
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        console.print(f"{os.cpu_count()} CPUs; load average now (1, 5, 15 min): {load}")
    finally:
        if server is not None:
            server.cleanup()


if __name__ == "__main__":
    main()
    exit_now()
