"""Glass-to-glass latency of the watch page on loopback: a frame's wall-clock time when the show
made it → the moment headless Chromium shows it.

    .venv/bin/python bench/glass_to_glass.py [--seconds 30] [--size 720x1280]

The real app (``web/testing.py``: uvicorn in a thread) serves a running show (the bench show
of ``bench/live_reply.py``, templates writer, Kokoro, avatar, x264 → HLS); Debian's headless
Chromium, driven by Playwright, loads ``/watch/<show>`` exactly as a viewer would (hls.js with
the page's own configuration). Every HLS segment carries ``#EXT-X-PROGRAM-DATE-TIME`` (the wall
time of its first frame), so hls.js knows the wall time of the frame on screen
(``hls.playingDate``); ``Date.now() − playingDate`` is sampled every 250 ms for ``--seconds``
after the player has settled. The playlist's dates are the earliest time a frame leaves the
encoder (``media/live/hls.py``); the gap between that and the frame's due time on the show's
``WallClock`` is measured from the playlist and added, so the total runs from the frame's
capture to the page.

To reach the page's ``Hls`` instance the bench wraps ``window.Hls`` before the page's scripts
run (a Playwright init script): the page and its configuration are unchanged.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from live_common import LoadMeter, bench_settings, bench_show, exit_now, spread
from shopcast.live.show.runner import ShowRunner
from shopcast.store import open_database
from shopcast.web.testing import LiveSite, ServerThread, start_show, watch_app

CHROMIUM = Path(os.environ.get("SHOPCAST_CHROMIUM", "/usr/bin/chromium"))
PLAYER_JS = Path(__file__).resolve().parents[1] / "src/shopcast/web/static/watch/player.js"
SETTLE_S = 8.0  # after playback starts: hls.js reaches its live sync position

CAPTURE_HLS = """
(() => {
  let wrapped;
  Object.defineProperty(window, "Hls", {
    configurable: true,
    get() { return wrapped; },
    set(value) {
      wrapped = class extends value {
        constructor(config) { super(config); window.__benchHls = this; }
      };
    },
  });
})();
"""

SAMPLE = """
() => {
  const hls = window.__benchHls, video = document.querySelector("video");
  const date = hls && hls.playingDate;
  return {
    now: Date.now(),
    playing: date ? date.getTime() : null,
    latency: hls ? hls.latency : null,
    target: hls ? hls.targetLatency : null,
    rate: video.playbackRate,
    time: video.currentTime,
    paused: video.paused,
  };
}
"""

CONFIG = """
() => {
  const c = window.__benchHls.config;
  return {
    lowLatencyMode: c.lowLatencyMode,
    liveSyncDurationCount: c.liveSyncDurationCount,
    liveSyncDuration: c.liveSyncDuration ?? null,
    liveMaxLatencyDurationCount: c.liveMaxLatencyDurationCount,
    maxLiveSyncPlaybackRate: c.maxLiveSyncPlaybackRate,
  };
}
"""


def encoder_offset_s(runner: ShowRunner) -> list[float]:
    """Per listed segment: its PROGRAM-DATE-TIME minus the due time of its first frame on the
    show's clock (seconds; the encoder's delay, which the page-side measure does not see)."""
    clock = runner._clock
    assert clock is not None
    wall_minus_mono = time.time() - time.monotonic()
    offsets = []
    text = (runner.hls_dir / "index.m3u8").read_text(encoding="utf-8")
    for date, name in re.findall(r"#EXT-X-PROGRAM-DATE-TIME:(\S+)\n#EXTINF:[^\n]*\n(\S+)", text):
        start_pts = int(re.search(r"(\d+)", name).group(1)) * 1.0  # 1 s segments on the grid
        due = clock.start + wall_minus_mono + start_pts
        shown = datetime.fromisoformat(date.replace("Z", "+00:00")).timestamp()
        offsets.append(shown - due)
    return offsets


def measure(site: LiveSite, seconds: float, console: Console) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--autoplay-policy=no-user-gesture-required", "--mute-audio"],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 800}, bypass_csp=True)
        page.add_init_script(CAPTURE_HLS)
        loaded = time.monotonic()
        page.goto(site.watch_url)
        page.wait_for_function(
            "window.__benchHls && window.__benchHls.playingDate && "
            "document.querySelector('video').currentTime > 1",
            timeout=60_000,
        )
        first_picture = time.monotonic() - loaded
        page.wait_for_timeout(SETTLE_S * 1000)
        config = page.evaluate(CONFIG)
        meter = LoadMeter().start()
        samples = []
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            samples.append(page.evaluate(SAMPLE))
            page.wait_for_timeout(250)
        load = meter.note()
        browser.close()
    good = [s for s in samples if s["playing"] and not s["paused"]]
    page_side = [(s["now"] - s["playing"]) / 1000 for s in good]
    offsets = encoder_offset_s(site.runner)
    encoder = sum(offsets) / len(offsets) if offsets else 0.0
    return {
        "samples": len(samples),
        "playing": len(good),
        "page_side": page_side,
        "encoder_offset": offsets,
        "total": [v + encoder for v in page_side],
        "hls_latency": [s["latency"] for s in good if s["latency"] is not None],
        "target": good[-1]["target"] if good else None,
        "rates": sorted({s["rate"] for s in good}),
        "config": config,
        "first_picture_s": first_picture,
        "load": load,
        "late_frames": site.runner.status().late_frames,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--size", default="720x1280")
    args = parser.parse_args()
    if not CHROMIUM.is_file() and not shutil.which(str(CHROMIUM)):
        raise SystemExit(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    console = Console(width=140)
    with bench_settings(sample_catalog=False) as settings:  # watch_app imports it
        db = open_database(settings)
        app = watch_app(settings, db)
        runner = start_show(app, bench_show("bench-g2g", size=args.size), timeout=120)
        site = LiveSite(ServerThread(app).start(), app, runner, db)
        try:
            result = measure(site, args.seconds, console)
        finally:
            site.stop()
            db.close()

    table = Table(title=f"Glass-to-glass on loopback, {args.size}@30, {args.seconds:.0f} s sampled")
    table.add_column("measure")
    table.add_column("p50 / p95 / max", justify="right")
    table.add_row("frame due (show clock) → on screen", spread(result["total"]))
    table.add_row(
        "  of which: leaves the encoder → on screen (Date.now − hls.playingDate)",
        spread(result["page_side"]),
    )
    table.add_row(
        "  of which: due → leaves the encoder (PROGRAM-DATE-TIME − due)",
        spread(result["encoder_offset"], digits=3),
    )
    table.add_row(
        "hls.js own estimate (hls.latency: live edge → playhead)", spread(result["hls_latency"])
    )
    console.print(table)
    c = result["config"]
    console.print(
        f"HLS: 1 s segments (keyframe every second), 6 in the playlist, MPEG-TS, no LL-HLS parts; "
        f"hls.js lowLatencyMode={c['lowLatencyMode']}, liveSyncDurationCount="
        f"{c['liveSyncDurationCount']} (target latency {result['target']:.1f} s), "
        f"liveMaxLatencyDurationCount={c['liveMaxLatencyDurationCount']}, "
        f"maxLiveSyncPlaybackRate={c['maxLiveSyncPlaybackRate']}; "
        f"playback rates seen {result['rates']}"
    )
    console.print(
        f"{result['playing']} of {result['samples']} samples playing; first picture "
        f"{result['first_picture_s']:.1f} s after page load; "
        f"show late frames {result['late_frames']}"
    )
    console.print(result["load"])


if __name__ == "__main__":
    main()
    exit_now()
