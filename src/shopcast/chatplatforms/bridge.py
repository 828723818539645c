"""A platform chat feeding a running show: the adapter runs on its own thread (with its own
event loop) and every comment goes to ``deliver(user_id, name, text, platform)`` — the show's
``post_chat``, where moderation decides. The adapter reconnects with backoff by itself; a login
that is refused is retried at the longest backoff, with the reason reported. The bridge ends
when :meth:`stop` is called or when ``running()`` turns false (the show stopped by itself).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Literal

from shopcast.chatplatforms.base import Backoff, ChatAdapter
from shopcast.chatplatforms.twitch_irc import TwitchIrcAdapter
from shopcast.errors import ShopcastError
from shopcast.live.show.chat_sources import ChatSource

log = logging.getLogger(__name__)

Deliver = Callable[[str, str, str, str], object]
BridgeState = Literal["idle", "connecting", "connected", "retrying", "stopped"]


def adapter_for(
    source: ChatSource, token: str | None, backoff: Backoff | None = None
) -> ChatAdapter:
    """The adapter for one ``chat:`` source of a show file."""
    if source.platform == "twitch":
        return TwitchIrcAdapter(
            source.channel,
            nick=source.nick,
            token=token,
            host=source.host,
            port=source.port,
            tls=source.tls,
            backoff=backoff,
        )
    raise ShopcastError(f"no chat adapter for platform {source.platform!r}")  # pragma: no cover


class ChatBridge:
    def __init__(
        self,
        adapter: ChatAdapter,
        deliver: Deliver,
        *,
        running: Callable[[], bool] = lambda: True,
        on_error: Callable[[str], object] = lambda _message: None,
        name: str = "chat",
    ) -> None:
        self.adapter = adapter
        self.deliver = deliver
        self.running = running
        self.on_error = on_error
        self.name = name
        self.state: BridgeState = "idle"
        self.received = 0
        self.last_error: str | None = None
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[None] | None = None
        self._stopping = threading.Event()

    def start(self) -> ChatBridge:
        self._thread = threading.Thread(target=self._run, daemon=True, name=f"bridge-{self.name}")
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stopping.set()
        loop, task = self._loop, self._task
        if loop is not None and task is not None:
            with contextlib.suppress(RuntimeError):  # the loop already ended
                loop.call_soon_threadsafe(task.cancel)
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    # -- the thread ------------------------------------------------------------------------
    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except Exception as exc:  # never silent: the show reports it
            log.exception("chat bridge %s failed", self.name)
            self._report(f"{self.name}: {exc}")
        finally:
            self.state = "stopped"

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._task = asyncio.current_task()
        watcher = asyncio.create_task(self._watch_show())
        try:
            while not self._stopping.is_set():
                self.state = "connecting"
                try:
                    await self._pump()
                except ShopcastError as exc:  # login refused: report, wait long, try again
                    self.state = "retrying"
                    self._report(f"{self.name}: {exc.message}")
                    await asyncio.sleep(_longest(self.adapter))
        except asyncio.CancelledError:
            pass
        finally:
            watcher.cancel()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.adapter.close(), 2.0)

    async def _pump(self) -> None:
        async for msg in self.adapter.messages():
            self.received += 1
            try:
                self.deliver(msg.user_id, msg.user_name, msg.text, msg.platform)
            except ShopcastError as exc:
                self._report(f"{self.name}: {exc.message}")

    async def _watch_show(self) -> None:
        while self.running() and not self._stopping.is_set():
            if self.adapter.connected:
                self.state = "connected"
            elif self.state == "connected":
                self.state = "retrying"
            await asyncio.sleep(0.2)
        if self._task is not None:
            self._task.cancel()

    def _report(self, message: str) -> None:
        self.last_error = message
        try:
            self.on_error(message)
        except Exception:  # pragma: no cover - a reporter must not end the bridge
            log.exception("reporting a chat bridge error")


def _longest(adapter: ChatAdapter) -> float:
    backoff = getattr(adapter, "backoff", None)
    return float(backoff.maximum) if isinstance(backoff, Backoff) else 30.0
