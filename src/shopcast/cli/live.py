"""``shopcast live start|status|stop``: run a show with its web app (watch page, HLS, API) in
this process; status and stop work from another terminal through the show's folder
(``$SHOPCAST_HOME/live/<show>/``: ``server.json`` with the process and URL, ``status.json``
rewritten every second by the running show)."""

from __future__ import annotations

import json
import os
import signal
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from shopcast.cli.common import handles_errors
from shopcast.config import load_settings
from shopcast.errors import InvalidInputError, NotFoundError
from shopcast.live.show.showfile import Outputs, load_show_file

app = typer.Typer(no_args_is_help=True)
console = Console()
STREAM_GRACE_S = 2  # seconds open HTTP streams get to end when the show stops


def _live_root() -> Path:
    return load_settings().home / "live"


@app.command("start")
@handles_errors
def start_command(
    show_file: Annotated[Path, typer.Argument(help="the show file (YAML)")],
    rtmp: Annotated[
        list[str] | None,
        typer.Option("--rtmp", help="push to this RTMP URL (repeatable), added to the file's"),
    ] = None,
    host: Annotated[str, typer.Option(help="address the web app listens on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port of the watch page and API")] = 8000,
) -> None:
    """Go live: the show loops until stopped (Ctrl-C, SIGTERM or ``shopcast live stop``)."""
    import uvicorn

    from shopcast.live.show.registry import ShowRegistry
    from shopcast.store import open_database
    from shopcast.web.app import create_app

    show = load_show_file(show_file)
    if rtmp:
        show.outputs = Outputs.model_validate(
            {"hls": show.outputs.hls, "rtmp": [*show.outputs.rtmp, *rtmp]}
        )
    settings = load_settings()
    settings.ensure_dirs()
    db = open_database(settings)
    from shopcast.commerce import CommerceService

    # Refused here, before anything is sent: consent, platform policies, chat credentials,
    # persona, products, deal prices (the message says why and how to fix it).
    ShowRegistry(settings, db, CommerceService(db)).check(show)
    folder = settings.home / "live" / show.show
    folder.mkdir(parents=True, exist_ok=True)
    url = f"http://{host}:{port}"
    (folder / "server.json").write_text(
        json.dumps(
            {
                "pid": os.getpid(),
                "url": url,
                "watch": f"{url}/watch/{show.show}",
                "started_at": datetime.now(UTC).isoformat(),
                "show_file": str(show_file.resolve()),
            }
        ),
        encoding="utf-8",
    )
    console.print(f"[bold green]Going live:[/] {show.show} — watch at {url}/watch/{show.show}")
    for target in show.outputs.rtmp:
        console.print(
            f"  RTMP → {target.split('://')[0]}://{target.split('://')[1].split('/')[0]}/…"
        )
    for source in show.chat:
        console.print(f"  chat ← {source.platform} {source.channel} on {source.host}")
    if show.schedule is not None:
        console.print(f"  on air by schedule ({show.schedule.timezone}); off air in between")
    app_ = create_app(settings, database=db, shows=[show])
    try:
        # open watch-page event streams would hold a stop forever: they get a short grace,
        # then the show itself stops (outputs closed) in the app's shutdown
        uvicorn.run(
            app_,
            host=host,
            port=port,
            log_level="warning",
            timeout_graceful_shutdown=STREAM_GRACE_S,
        )
    finally:
        db.close()
        console.print(f"[bold]Show {show.show} stopped.[/]")


def _servers() -> dict[str, dict]:
    found: dict[str, dict] = {}
    root = _live_root()
    if not root.is_dir():
        return found
    for folder in sorted(root.iterdir()):
        server = folder / "server.json"
        if not server.is_file():
            continue
        info = json.loads(server.read_text(encoding="utf-8"))
        status_file = folder / "status.json"
        info["status"] = (
            json.loads(status_file.read_text(encoding="utf-8")) if status_file.is_file() else None
        )
        info["alive"] = _alive(int(info["pid"]))
        found[folder.name] = info
    return found


def _alive(pid: int) -> bool:
    """Whether process ``pid`` still runs. A process that has exited but not yet been reaped by
    its parent (a zombie: a supervisor or script that has not called wait) has ended too."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # Linux: the state letter follows the command name in parentheses
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[:1] != ["Z"]


@app.command("status")
@handles_errors
def status_command(
    show: Annotated[str | None, typer.Argument(help="one show (default: all)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """What each show on this machine is doing: segment, frames, lateness, chat, outputs."""
    servers = _servers()
    if show is not None:
        if show not in servers:
            raise NotFoundError(
                f"no show {show!r} has run on this machine", hint="shopcast live start SHOW.yaml"
            )
        servers = {show: servers[show]}
    if as_json:
        console.print_json(json.dumps(servers))
        return
    if not servers:
        console.print(
            "No shows have run here. Start one with [bold]shopcast live start SHOW.yaml[/]."
        )
        return
    table = Table(title="Live shows")
    for column in (
        "show",
        "state",
        "up",
        "segment",
        "pinned",
        "frames",
        "late",
        "lines",
        "answers",
        "chat",
        "outputs",
        "memory",
        "watch",
    ):
        table.add_column(column)
    for name, info in servers.items():
        st = info["status"] or {}
        state = st.get("status", "?") if info["alive"] else "not running"
        outputs = ", ".join(f"{o['name']}:{o['state']}" for o in st.get("outputs", []))
        table.add_row(
            name,
            state,
            f"{st.get('uptime_s', 0):.0f}s",
            st.get("segment", ""),
            st.get("pinned_sku") or "",
            str(st.get("frames", "")),
            str(st.get("late_frames", "")),
            str(st.get("lines_spoken", "")),
            str(st.get("answers_spoken", "")),
            str(st.get("chat_received", "")),
            outputs,
            f"{st.get('rss_mb', 0):.0f} MB",
            info.get("watch", ""),
        )
    console.print(table)
    for name, info in servers.items():
        _print_questions(name, (info["status"] or {}).get("questions"))
    for name, info in servers.items():
        for error in (info["status"] or {}).get("errors", [])[-3:]:
            console.print(f"[yellow]{name}:[/] {error}")


def _print_questions(show: str, questions: dict | None) -> None:
    """Questions received / voiced / in text / refused / dropped (and why), and arrival →
    acknowledgement and → answer proper per answer path."""
    if not questions or not questions.get("received"):
        return
    q = questions
    console.print(
        f"[bold]{show}[/] questions: {q['received']} received · {q['voiced']} voiced"
        f" ({q.get('grouped', 0)} grouped) · {q['text']} answered in text · {q['refused']}"
        f" refused · {q['dropped']} dropped · {q['waiting']} waiting"
    )
    why = q.get("why") or {}
    if why:
        console.print("  why: " + "; ".join(f"{k} ×{v}" for k, v in why.items()))
    rows = q.get("latency") or []
    if not rows:
        return
    table = Table(title=f"{show}: arrival → first sample on air (p50 / p95 / max)")
    for column in ("path", "answers", "acknowledgement", "answer proper"):
        table.add_column(column, justify="left" if column == "path" else "right")
    for row in rows:
        table.add_row(
            row["path"],
            str(row["substance"]["count"]),
            _spread_text(row["ack"]),
            _spread_text(row["substance"]),
        )
    console.print(table)


def _spread_text(spread: dict) -> str:
    if not spread.get("count"):
        return "–"
    return f"{spread['p50_s']:.2f} / {spread['p95_s']:.2f} / {spread['max_s']:.2f} s"


@app.command("stop")
@handles_errors
def stop_command(
    show: Annotated[str, typer.Argument(help="the show to stop")],
    timeout: Annotated[float, typer.Option(help="seconds to wait for a clean stop")] = 30.0,
) -> None:
    """Stop a running show cleanly (SIGTERM: outputs are flushed and closed)."""
    servers = _servers()
    if show not in servers:
        raise NotFoundError(f"no show {show!r} has run on this machine")
    info = servers[show]
    pid = int(info["pid"])
    if not info["alive"]:
        raise InvalidInputError(f"show {show!r} is not running (process {pid} is gone)")
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.2)
    if _alive(pid):
        raise InvalidInputError(
            f"show {show!r} (process {pid}) did not stop in {timeout:g} s", hint=f"kill -9 {pid}"
        )
    console.print(f"[bold]Stopped[/] {show}.")
