"""How long the bundled model takes to write a 30 s script, per thread count and OpenMP wait
policy, on a quiet machine and beside other work.

    .venv/bin/python bench/script_speed.py                      # quiet, every configuration
    .venv/bin/python bench/script_speed.py --beside hog         # beside a process using ~65%
    .venv/bin/python bench/script_speed.py --beside live        # beside a real live show

llama.cpp here is built with OpenMP: its threads wait for each other at a barrier after every
step. With ``OMP_WAIT_POLICY=ACTIVE`` they spin while they wait, so two threads on two shared
cores slow down 17-40x when another process takes a core; ``PASSIVE`` makes them sleep instead.
Each configuration runs in its own process (the policy is read when OpenMP starts), loads the
model once, then writes ``--scripts`` English scripts for products of ``bench/data`` (prompt
and example the same as the writer's). Wall time per script, p50 and max, and decoded tokens
per second of the model call are printed; ``hog`` and ``live`` report the load beside.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

HERE = Path(__file__).parent
CONFIGS = [(2, "ACTIVE"), (2, "PASSIVE"), (1, "PASSIVE")]


def child(threads: int, scripts: int) -> None:
    """One configuration: load the model, write scripts, print JSON timings."""
    from shopcast.catalog.models import Product
    from shopcast.config import load_settings
    from shopcast.markets.registry import get_market
    from shopcast.modelfiles.registry import model_path
    from shopcast.persona.loader import builtin_personas
    from shopcast.writing.generator import write_scripts
    from shopcast.writing.llm.llama_cpp import LlamaCppLLM

    settings = load_settings()
    llm = LlamaCppLLM(model_path("qwen-1.5b", settings.models_dir), n_threads=threads)
    t0 = time.monotonic()
    llm.load()
    load_s = time.monotonic() - t0
    data = json.loads((HERE / "data" / "script_products.json").read_text(encoding="utf-8"))
    products = [Product.model_validate(p) for p in data["products"]][:scripts]
    briefs = json.loads((HERE / "data" / "script_briefs.json").read_text(encoding="utf-8"))
    persona = next(p for p in builtin_personas() if p.name == "mina")
    times, origins = [], []
    for product in products:
        brief = briefs["briefs"][product.sku]["en-US"][0]
        t = time.monotonic()
        [script] = write_scripts(
            product, persona, get_market("en-US"), length_s=30, brief=brief, llm=llm,
            deadline_s=600,
        )  # fmt: skip
        times.append(time.monotonic() - t)
        origins += [b.origin for b in script.beats]
    print(json.dumps({"load_s": load_s, "times": times, "origins": origins}))


def hog(share: float, stop: float) -> None:
    """Burn ``share`` of each of two cores until ``stop`` (a stand-in for other work)."""
    import threading

    def burn() -> None:
        while time.time() < stop:
            t = time.perf_counter()
            while time.perf_counter() - t < 0.01 * share:
                pass
            time.sleep(0.01 * (1 - share))

    workers = [threading.Thread(target=burn) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()


def live(stop: float) -> None:
    """A real 720x1280 show (templates writer, Kokoro, renderer, encoder, HLS) until ``stop``."""
    sys.path.insert(0, str(HERE))
    from live_common import bench_settings, bench_show, running_show

    with bench_settings() as settings, running_show(settings, bench_show("beside")):
        while time.time() < stop:
            time.sleep(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scripts", type=int, default=3)
    parser.add_argument("--beside", choices=["none", "hog", "live"], default="none")
    parser.add_argument("--child", nargs=2, type=int, metavar=("THREADS", "SCRIPTS"))
    parser.add_argument("--hog", type=float, metavar="STOP")
    parser.add_argument("--live", type=float, metavar="STOP")
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    if args.hog:
        hog(0.65, args.hog)
        return
    if args.live:
        live(args.live)
        return
    console = Console()
    background = None
    if args.beside == "hog":  # two threads each busy 65% of the time, in another process
        background = subprocess.Popen([sys.executable, __file__, "--hog", str(time.time() + 3600)])
    elif args.beside == "live":
        background = subprocess.Popen([sys.executable, __file__, "--live", str(time.time() + 3600)])
        time.sleep(45)  # the show starts and goes on air
    table = Table(title=f"30 s English scripts with the bundled model, beside: {args.beside}")
    for col in ("threads", "OMP_WAIT_POLICY", "load s", "s/script p50", "max", "model beats"):
        table.add_column(col)
    try:
        for threads, policy in CONFIGS:
            env = dict(os.environ, OMP_WAIT_POLICY=policy)
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(threads), str(args.scripts)],
                env=env, capture_output=True, text=True, check=True,
            )  # fmt: skip
            result = json.loads(out.stdout.strip().splitlines()[-1])
            times = result["times"]
            llm_share = result["origins"].count("llm") / max(1, len(result["origins"]))
            table.add_row(
                str(threads), policy, f"{result['load_s']:.1f}",
                f"{statistics.median(times):.1f}", f"{max(times):.1f}", f"{llm_share:.0%}",
            )  # fmt: skip
            console.print(f"[dim]{threads} threads {policy}: {[round(t, 1) for t in times]}, "
                          f"load average {os.getloadavg()[0]:.1f}[/dim]")  # fmt: skip
    finally:
        if background is not None:
            background.terminate()
            background.wait()
    console.print(table)
    console.print(f"2 cores; load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
