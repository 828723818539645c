"""What the live-show benches share: a real show (sample catalog, the builtin persona, templates
writer, Kokoro, avatar, scene, live encoder, HLS) started in this process, viewer questions,
percentiles, and a meter of what the rest of the machine was doing meanwhile.

Models come from ``SHOPCAST_MODELS`` (default ``~/.shopcast/models``, what setup assembles); the
show's home is a temporary folder, so a bench never touches the user's shows or database.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shopcast.api import Shopcast
from shopcast.commerce import CommerceService
from shopcast.config import Settings
from shopcast.live.show import parse_show
from shopcast.live.show.registry import ShowRegistry
from shopcast.live.show.runner import ShowRunner
from shopcast.live.show.showfile import ShowFile

MODELS = Path(os.environ.get("SHOPCAST_MODELS", Path.home() / ".shopcast" / "models"))
DEAL_PRICE = {"en-US": "19", "ko-KR": "29000"}  # below the sun fluid's catalog price there


def bench_show(
    show_id: str,
    *,
    size: str = "720x1280",
    market: str = "en-US",
    deal: bool = True,
    writer: str = "templates",
) -> ShowFile:
    """Three products over and over (templates, no LLM, unless ``writer`` is "llm": the bundled
    model writes the rundown and answers what the catalog does not, as the example show does):
    the sun fluid (with a flash deal unless ``deal`` is False: shows side by side would share
    its stock), the serum, the hoodie — what a seller would leave running."""
    if market not in DEAL_PRICE:
        raise SystemExit(f"--market: one of {', '.join(DEAL_PRICE)}, not {market!r}")
    document: dict[str, Any] = {
        "show": show_id,
        "title": "Bench show",
        "persona": "mina",
        "market": market,
        "size": size,
        "writer": writer,
        "rundown": [
            {
                "product": "sun-fluid",
                "segments": ["hook", "offer"],
                "deal": {
                    "price": DEAL_PRICE[market],
                    "countdown_s": 20,
                    "window_s": 300,
                    "quantity": 40,
                },
            },
            {"product": "glow-serum", "segments": ["hook", "demo", "proof"]},
            {"product": "heavyweight-hoodie", "segments": ["hook", "demo", "cta"]},
        ],
    }
    if not deal:
        del document["rundown"][0]["deal"]
    return parse_show(document, f"bench show {show_id}")


@contextmanager
def bench_settings(
    *, sample_catalog: bool = True, speech_cache: Path | None = None
) -> Iterator[Settings]:
    """Settings in a fresh temporary home (with the sample catalog imported). The voice's
    disk cache starts empty (a show on a new machine) unless ``speech_cache`` names a folder
    kept across runs (a show that has aired its lines before: a 24/7 show after its first
    loop, or a restart)."""
    if not MODELS.is_dir():
        raise SystemExit(f"no models at {MODELS}: run scripts/setup.sh or set SHOPCAST_MODELS")
    with tempfile.TemporaryDirectory(prefix="shopcast-bench-") as home:
        settings = Settings(home=Path(home), models=MODELS)
        settings.ensure_dirs()
        if speech_cache is not None:
            speech_cache.mkdir(parents=True, exist_ok=True)
            settings.speech_cache_dir.parent.mkdir(parents=True, exist_ok=True)
            settings.speech_cache_dir.symlink_to(speech_cache.resolve(), target_is_directory=True)
        if sample_catalog:
            Shopcast(settings).import_sample_catalog()
        yield settings


@contextmanager
def running_show(
    settings: Settings,
    show: ShowFile,
    *,
    live_timeout: float = 120.0,
    prepare: Callable[[ShowRunner], None] | None = None,
) -> Iterator[ShowRunner]:
    """``show`` built through the show registry (the same checks as ``shopcast live start``),
    started, and live (first HLS playlist written) when this yields; stopped afterwards.
    ``prepare`` sees the runner built, before its threads start (to attach a trace)."""
    from shopcast.store import open_database

    db = open_database(settings)
    registry = ShowRegistry(settings, db, CommerceService(db))
    runner = registry.build(show)
    try:
        if prepare is not None:
            prepare(runner)
        runner.start()
        if not runner.wait_until_live(live_timeout):
            raise SystemExit(f"show {show.show} did not go live: {runner.status()}")
        yield runner
    finally:
        runner.stop()
        db.close()


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0..100) of a non-empty list."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def spread(values: list[float], unit: str = "s", digits: int = 2) -> str:
    """``p50 / p95 / max`` of ``values`` for a table cell."""
    if not values:
        return "–"
    p50, p95, top = percentile(values, 50), percentile(values, 95), max(values)
    return f"{p50:.{digits}f} / {p95:.{digits}f} / {top:.{digits}f} {unit}"


def _machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, from /proc/stat."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    tick = os.sysconf("SC_CLK_TCK")
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields) - idle) / tick, sum(fields) / tick


@dataclass
class LoadMeter:
    """CPU used by this process and by everything else on the machine over an interval, so a
    result can say how busy the machine was while it was measured."""

    wall0: float = 0.0
    own0: float = 0.0
    busy0: float = 0.0

    def start(self) -> LoadMeter:
        self.wall0, self.own0 = time.monotonic(), time.process_time()
        self.busy0 = _machine_busy()[0]
        return self

    def read(self) -> dict[str, float]:
        wall = max(1e-9, time.monotonic() - self.wall0)
        own = (time.process_time() - self.own0) / wall
        machine = (_machine_busy()[0] - self.busy0) / wall
        return {
            "wall_s": wall,
            "own_cores": own,
            "others_cores": max(0.0, machine - own),
            "loadavg_1m": os.getloadavg()[0],
        }

    def note(self) -> str:
        r = self.read()
        return (
            f"{os.cpu_count()} CPUs; this process {r['own_cores']:.2f} cores, everything else on "
            f"the machine {r['others_cores']:.2f} cores over {r['wall_s']:.0f} s; "
            f"load average (1 min) now {r['loadavg_1m']:.1f}"
        )


def exit_now(code: int = 0) -> None:
    """Leave at once once the results are printed. A show's thread still inside a synthesis
    when ``runner.stop`` gave up waiting (a busy machine) would otherwise make the C++ runtime
    abort the interpreter at exit ("terminate called without an active exception")."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
