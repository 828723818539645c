"""Time from ``shopcast live start`` to the host's first spoken word, and from ``shopcast live
stop`` to the process gone, for a real show run as a user runs it (the CLI, the web app, the
show file's own writer — ``examples/shows/glow-hour.yaml`` uses ``writer: llm``).

Each run starts the show in a fresh home (the sample catalog imported, models from
``SHOPCAST_MODELS``, default ``~/.shopcast/models``), polls the watch page's public state
(``GET /api/shows/{id}/state``) every 0.1 s until ``speaking`` is set — the moment the first
phrase is put on the timeline for the encoder — then waits ``--talk`` seconds, notes whether
the model is writing a later segment's script (``status.json``: ``writing_script``), and
sends SIGTERM (what ``shopcast live stop`` sends; ``--via-cli`` runs the command itself, whose
own start-up — importing the CLI — is then counted too). It times the stop until
``status.json`` says ``stopped`` (written after the outputs are closed) and until the process
has ended, and checks the HLS playlist ended (``#EXT-X-ENDLIST``).

``--hog`` runs ``python -c 'while 1: pass'`` beside the show (one core busy) for the run.

    PYTHONPATH=src python bench/live_start_stop.py --runs 3
    PYTHONPATH=src python bench/live_start_stop.py --runs 3 --hog
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from shopcast.cli.main import app; app()"]
MODELS = Path(os.environ.get("SHOPCAST_MODELS", Path.home() / ".shopcast" / "models"))


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["SHOPCAST_HOME"] = str(home)
    env["SHOPCAST_MODELS"] = str(MODELS)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _state(port: int, show: str) -> dict | None:
    try:
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/api/shows/{show}/state", timeout=2
        ) as response:
            return json.loads(response.read())
    except (OSError, ValueError):
        return None


def _stopped(status_file: Path) -> bool:
    try:
        return json.loads(status_file.read_text(encoding="utf-8")).get("status") == "stopped"
    except (OSError, ValueError):
        return False


def one_run(
    show_file: Path, port: int, talk_s: float, hog: bool, via_cli: bool
) -> dict[str, object]:
    show = yaml.safe_load(show_file.read_text(encoding="utf-8"))["show"]
    home = Path(tempfile.mkdtemp(prefix="shopcast-startstop-"))
    env = _env(home)
    subprocess.run(
        [*CLI, "catalog", "import", "--sample"], env=env, check=True, capture_output=True
    )
    hogger = subprocess.Popen([sys.executable, "-c", "while 1: pass"]) if hog else None
    log = open(home / "show.log", "w", encoding="utf-8")  # noqa: SIM115 (closed below)
    started = time.monotonic()
    process = subprocess.Popen(
        [*CLI, "live", "start", str(show_file), "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    # reap the show when it exits, as a shell would (``live stop`` waits for the process to end)
    reaper = threading.Thread(target=process.wait, daemon=True)
    reaper.start()
    result: dict[str, object] = {"home": str(home)}
    try:
        live_at = word_at = None
        while time.monotonic() - started < 900 and reaper.is_alive():
            state = _state(port, show)
            now = time.monotonic() - started
            if state is not None:
                if live_at is None and state["status"] == "live":
                    live_at = now
                if state.get("speaking"):
                    word_at = now
                    result["first_line"] = state["speaking"]
                    break
            time.sleep(0.1)
        if word_at is None:
            raise SystemExit(f"no spoken word within 900 s; see {home / 'show.log'}")
        result.update(live_s=round(live_at or word_at, 1), first_word_s=round(word_at, 1))
        time.sleep(talk_s)
        status_file = home / "live" / show / "status.json"
        status = json.loads(status_file.read_text(encoding="utf-8"))
        result["writing_at_stop"] = status.get("writing_script")
        result["lines_before_stop"] = status.get("lines_spoken")
        stop_started = time.monotonic()
        if via_cli:
            stop = subprocess.run(
                [*CLI, "live", "stop", show, "--timeout", "120"], env=env, capture_output=True
            )
            result["stop_ok"] = stop.returncode == 0
        else:  # what ``live stop`` sends, without the CLI's own start-up (imports: 5-15 s)
            process.send_signal(signal.SIGTERM)
        closed_at = None
        while time.monotonic() - stop_started < 180 and reaper.is_alive():
            if closed_at is None and _stopped(status_file):
                closed_at = time.monotonic() - stop_started
            time.sleep(0.05)
        reaper.join(1.0)
        result["stop_s"] = round(time.monotonic() - stop_started, 2)  # until the process ended
        if closed_at is not None:
            result["files_closed_s"] = round(closed_at, 2)  # status.json says stopped
        playlist = home / "live" / show / "hls" / "index.m3u8"
        result["playlist_ended"] = "#EXT-X-ENDLIST" in playlist.read_text(encoding="utf-8")
        final = json.loads(status_file.read_text(encoding="utf-8"))
        result["status_after"] = final.get("status")
    finally:
        if reaper.is_alive():
            process.send_signal(signal.SIGKILL)
            result["killed"] = True
        process.wait()
        log.close()
        if hogger is not None:
            hogger.kill()
            hogger.wait()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", type=Path, default=ROOT / "examples/shows/glow-hour.yaml")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--talk", type=float, default=8.0, help="seconds on air before stop")
    parser.add_argument("--hog", action="store_true", help="one busy process beside the show")
    parser.add_argument(
        "--via-cli", action="store_true", help="stop with `shopcast live stop` (its import too)"
    )
    args = parser.parse_args()
    runs = []
    for n in range(args.runs):
        run = one_run(args.show, args.port + n, args.talk, args.hog, args.via_cli)
        runs.append(run)
        print(json.dumps(run), flush=True)
    for key in ("live_s", "first_word_s", "stop_s"):
        values = [float(r[key]) for r in runs]  # type: ignore[arg-type]
        print(
            f"{key}: median {statistics.median(values):.1f}, "
            f"min {min(values):.1f}, max {max(values):.1f}"
        )
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
