"""The watch page's live API: a show's state, chat from viewers, and a WebSocket that pushes the
show's events (state, chat lines, answers, purchases) and takes chat.

Viewer text is untrusted: it is length-checked here, refused when it holds control characters
(binary junk), and handed to the runner, whose chat intake normalises and moderates it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import unicodedata
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, WebSocket, WebSocketDisconnect
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from starlette.websockets import WebSocketState

from shopcast.errors import ShopcastError
from shopcast.live.show.registry import ShowRegistry
from shopcast.live.show.runner import ShowRunner
from shopcast.live.show.state import ChatReceipt
from shopcast.web.deps import PUBLIC, public_socket
from shopcast.web.live_events import EventHub, Listener

router = APIRouter(prefix="/api/shows", tags=["live shows"])

MAX_CHAT_TEXT = 500  # the runner keeps 300 after normalising; more than this is not chat
MAX_CHAT_NAME = 40
MAX_WS_MESSAGE = 4096  # bytes of one client WebSocket message
MAX_CHAT_BODY = 16_384  # bytes of a chat POST; more is refused (413) before it is read
VIEWER_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_ALLOWED_CONTROLS = "\t\n\r"


def get_shows(request: Request) -> ShowRegistry:
    return request.app.state.shows


def _event_hub(state: Any) -> EventHub:
    hub = getattr(state, "live_events", None)
    if hub is None:  # created on first use; no await in between, so no race in one loop
        hub = state.live_events = EventHub()
    return hub


ShowsDep = Annotated[ShowRegistry, Depends(get_shows)]


def _printable(value: str, what: str) -> str:
    for ch in value:
        category = unicodedata.category(ch)
        if ch == "\x00" or category == "Cs" or (category == "Cc" and ch not in _ALLOWED_CONTROLS):
            raise ValueError(f"{what} holds control characters or binary data")
    return value


class ChatPost(BaseModel):
    """One chat message from the watch page."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    user_id: str = Field(pattern=VIEWER_ID.pattern, description="The viewer's id (the page's)")
    name: str = Field(min_length=1, max_length=MAX_CHAT_NAME)
    text: str = Field(min_length=1, max_length=MAX_CHAT_TEXT)

    @field_validator("name", "text")
    @classmethod
    def _no_binary(cls, value: str, info: Any) -> str:
        return _printable(value, info.field_name)


@router.get("/{show_id}/state", openapi_extra=PUBLIC)
def show_state(show_id: str, shows: ShowsDep) -> dict[str, Any]:
    """What the watch page shows: status, segment, pinned product, shelf, deal, chat..."""
    return shows.get(show_id).state().model_dump(mode="json")


@router.post("/{show_id}/chat", openapi_extra=PUBLIC, max_body_size=MAX_CHAT_BODY)
def post_chat(show_id: str, body: ChatPost, shows: ShowsDep) -> ChatReceipt:
    """Send a chat message to the show; the receipt says whether it was accepted and why not."""
    return shows.get(show_id).post_chat(body.user_id, body.name, body.text, platform="web")


@router.websocket("/{show_id}/ws", dependencies=[Depends(public_socket)])
async def show_events(websocket: WebSocket, show_id: str) -> None:
    """Server → page: ``{"type": "state" | "chat" | "answer" | "purchase", ...}`` as the show
    publishes them, starting with the current state. Page → server: ``{"type": "chat",
    "name": ..., "text": ...}``, answered with ``{"type": "receipt", ...}``; a bad message is
    answered with ``{"type": "error", "message": ...}`` and the connection stays open."""
    await websocket.accept()  # first, so the page sees why it is closed (4404: no such show)
    try:
        runner = websocket.app.state.shows.get(show_id)
    except ShopcastError as exc:
        await websocket.close(code=4404, reason=exc.message.encode()[:120].decode(errors="ignore"))
        return
    viewer = websocket.query_params.get("viewer", "")
    if not VIEWER_ID.fullmatch(viewer):
        viewer = f"web-{uuid.uuid4().hex[:12]}"
    send = _Sender(websocket)
    hub = _event_hub(websocket.app.state)
    with hub.listen(show_id, runner.events) as listener:
        state = await asyncio.to_thread(runner.state)
        await send({"type": "state", "state": state.model_dump(mode="json")})
        forward = asyncio.create_task(_forward(send, listener, viewer))
        try:
            await _take_chat(websocket, send, runner, viewer)
        finally:
            forward.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await forward


class _Sender:
    """Events and chat receipts go out from two tasks: one message at a time."""

    def __init__(self, websocket: WebSocket) -> None:
        self._websocket = websocket
        self._lock = asyncio.Lock()

    async def __call__(self, message: dict[str, Any]) -> None:
        async with self._lock:
            if self._websocket.client_state == WebSocketState.CONNECTED:
                await self._websocket.send_json(message)


async def _forward(send: _Sender, listener: Listener, viewer: str) -> None:
    """The show's events to this page; an event addressed to one viewer (``to_viewer``, e.g.
    "you are chatting with an AI host") goes only to that viewer's pages, without the id."""
    while True:
        event = await listener.next()
        to = event.get("to_viewer")
        if to is not None:
            if to != viewer:
                continue
            event = {k: v for k, v in event.items() if k != "to_viewer"}
        await send(event)


async def _take_chat(websocket: WebSocket, send: _Sender, runner: ShowRunner, viewer: str) -> None:
    """Read the page's messages until it disconnects."""
    while True:
        try:
            message = await websocket.receive()
        except (WebSocketDisconnect, RuntimeError):
            return
        if message["type"] == "websocket.disconnect":
            return
        await send(await _chat_reply(runner, viewer, message))


async def _chat_reply(runner: ShowRunner, viewer: str, message: dict[str, Any]) -> dict[str, Any]:
    raw = message.get("text")
    if raw is None:
        return _error("Send chat as JSON text, not binary frames.")
    if len(raw.encode("utf-8", "surrogatepass")) > MAX_WS_MESSAGE:
        return _error(f"Message too large (over {MAX_WS_MESSAGE} bytes).")
    try:
        data = json.loads(raw)
    except ValueError:
        return _error('Messages must be JSON, e.g. {"type": "chat", "text": "hi"}.')
    if not isinstance(data, dict) or data.get("type") != "chat":
        return _error('Unknown message: only {"type": "chat", ...} is accepted.')
    try:
        chat = ChatPost(user_id=viewer, name=data.get("name") or "", text=data.get("text") or "")
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return _error(f"Invalid chat message: {problems}")
    try:
        receipt = await asyncio.to_thread(
            runner.post_chat, chat.user_id, chat.name, chat.text, platform="web"
        )
    except ShopcastError as exc:
        return _error(exc.message)
    return {"type": "receipt", **receipt.model_dump(mode="json")}


def _error(message: str) -> dict[str, Any]:
    return {"type": "error", "message": message}
