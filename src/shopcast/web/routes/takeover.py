"""Voice takeover socket: an operator's browser microphone drives the host
(docs/voice-takeover.md). Operator role or higher (session cookie from our own origin, or an API
key); anyone else is refused before the socket opens (close 1008).

Client → server:

- ``{"type": "start", "sample_rate": 48000}``: take the floor (the host's phrase is cut);
- binary frames: 16-bit little-endian mono PCM at that rate, 20-100 ms each;
- ``{"type": "stop"}``: give the floor back (the host speaks for itself again).

Server → client: ``{"type": "state", "state": "waiting" | "live" | "dropout" | "off" |
"replaced", ...stats}`` on every change and once a second; ``{"type": "error", "message"}`` for a
bad message (the socket stays open). Closing the socket without ``stop`` is a dropout: the
show's ``takeover.on_dropout`` policy applies until an operator starts or stops again.
Start and stop are written to the audit log.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any

from fastapi import APIRouter, FastAPI, WebSocket, WebSocketDisconnect
from fastapi.staticfiles import StaticFiles
from starlette.websockets import WebSocketState

from shopcast.errors import ShopcastError
from shopcast.live.show.runner import ShowRunner
from shopcast.web.auth import AUDIT_SCOPE_KEY
from shopcast.web.deps import OperatorDep
from shopcast.web.routes.watch import STATIC_DIR

router = APIRouter(prefix="/api/shows", tags=["live shows (operator)"])

MAX_CONTROL_BYTES = 1024
STATE_EVERY_S = 1.0


@router.websocket("/{show_id}/takeover")
async def takeover_socket(websocket: WebSocket, show_id: str, operator: OperatorDep) -> None:
    """The operator's voice drives the host of ``show_id`` (protocol in the module doc)."""
    await websocket.accept()
    try:
        runner: ShowRunner = websocket.app.state.shows.get(show_id)
    except ShopcastError as exc:
        await websocket.close(code=4404, reason=exc.message.encode()[:120].decode(errors="ignore"))
        return
    session = _Session(websocket, runner, operator)
    reporter = asyncio.create_task(session.report_every(STATE_EVERY_S))
    try:
        await session.run()
    finally:
        reporter.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await reporter


class _Session:
    """One operator's socket: control messages, PCM frames, state reports."""

    def __init__(self, websocket: WebSocket, runner: ShowRunner, operator: str) -> None:
        self.websocket = websocket
        self.runner = runner
        self.operator = operator
        self.started = False
        self._lock = asyncio.Lock()
        self._reported: str | None = None

    async def run(self) -> None:
        while True:
            try:
                message = await self.websocket.receive()
            except (WebSocketDisconnect, RuntimeError):
                return
            if message["type"] == "websocket.disconnect":
                return
            if message.get("bytes") is not None:
                await self._audio(message["bytes"])
            else:
                await self._control(message.get("text") or "")

    async def _audio(self, data: bytes) -> None:
        takeover = self.runner.takeover
        if not self.started or takeover is None:
            await self._send(_error('Send {"type": "start", "sample_rate": ...} before audio.'))
            return
        try:
            taken = takeover.push_pcm(self.operator, data)
        except ShopcastError as exc:
            await self._send(_error(exc.message))
            return
        if not taken and self.started:
            self.started = False  # another operator took the floor since
            await self._report(force=True)

    async def _control(self, raw: str) -> None:
        if len(raw.encode("utf-8", "surrogatepass")) > MAX_CONTROL_BYTES:
            await self._send(_error(f"Control message over {MAX_CONTROL_BYTES} bytes."))
            return
        try:
            data = json.loads(raw)
        except ValueError:
            data = None
        kind = data.get("type") if isinstance(data, dict) else None
        if kind == "start":
            await self._start(data)
        elif kind == "stop":
            ended = await asyncio.to_thread(self.runner.end_takeover, self.operator)
            self.started = False
            if ended:
                await self._audit("takeover.stop", {})
            await self._report(force=True)
        else:
            await self._send(_error('Unknown message: send {"type": "start"} or {"type": "stop"}.'))

    async def _start(self, data: dict[str, Any]) -> None:
        rate = data.get("sample_rate", 24_000)
        if not isinstance(rate, int) or isinstance(rate, bool):
            await self._send(_error("start.sample_rate must be an integer (e.g. 48000)."))
            return
        try:
            await asyncio.to_thread(self.runner.begin_takeover, self.operator, rate)
        except ShopcastError as exc:
            await self._send(_error(exc.message))
            return
        self.started = True
        await self._audit("takeover.start", {"sample_rate": rate})
        await self._report(force=True)

    async def report_every(self, seconds: float) -> None:
        while True:
            await asyncio.sleep(seconds)
            await self._report(force=True)

    async def _report(self, *, force: bool = False) -> None:
        takeover = self.runner.takeover
        stats: dict[str, Any] = takeover.stats() if takeover is not None else {"state": "off"}
        held = takeover is not None and takeover.operator == self.operator
        if not held:  # another operator took the floor from this one, or nobody holds it
            was_live = self._reported in ("waiting", "live", "dropout", "replaced")
            other = takeover is not None and takeover.operator is not None
            stats = {"state": "replaced" if was_live and other else "off"}
        stats.pop("operator", None)  # who holds the floor is not another operator's business
        if force or stats["state"] != self._reported:
            self._reported = str(stats["state"])
            await self._send({"type": "state", **stats})

    async def _audit(self, action: str, details: dict[str, Any]) -> None:
        role = str(self.websocket.scope.get(AUDIT_SCOPE_KEY, {}).get("role", "operator"))
        audit = self.websocket.app.state.audit
        try:
            await asyncio.to_thread(
                audit.record,
                actor=self.operator,
                role=role,
                action=action,
                target=f"show:{self.runner.show_id}",
                details=details,
            )
        except Exception as exc:  # the audit store failing must not take the voice off air
            self.runner.errors.append(f"takeover audit: {exc}")

    async def _send(self, message: dict[str, Any]) -> None:
        async with self._lock:
            if self.websocket.client_state == WebSocketState.CONNECTED:
                with contextlib.suppress(RuntimeError, WebSocketDisconnect):
                    await self.websocket.send_json(message)


def _error(message: str) -> dict[str, Any]:
    return {"type": "error", "message": message}


def mount_static(app: FastAPI) -> None:
    """``/static/takeover/takeover.js``: the microphone module the operator console imports."""
    app.mount(
        "/static/takeover", StaticFiles(directory=STATIC_DIR / "takeover"), name="takeover-static"
    )
