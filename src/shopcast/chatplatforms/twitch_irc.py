"""Twitch chat over IRC (TLS, IRCv3 tags), usable against any RFC 1459 server for testing.

Handshake: ``CAP REQ :twitch.tv/tags twitch.tv/commands`` (a server that NAKs is fine: tags are
then absent and the nick is used as the name), ``PASS oauth:<token>``, ``NICK``, ``USER``,
``CAP END``, wait for ``001``, ``JOIN #channel`` and wait for the join to be confirmed.
While reading: ``PING`` → ``PONG``; ``RECONNECT`` (Twitch maintenance) or a dropped socket →
reconnect with backoff; ``PRIVMSG`` → :class:`ChatMessage` with the ``display-name`` tag as
the name, ``user-id`` as the id, ``tmi-sent-ts`` as the time, CTCP ACTION (``/me``) unwrapped.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass

from shopcast.chatplatforms.base import Backoff, ChatAdapter
from shopcast.chatplatforms.irc import IrcMessage, format_line, parse_emotes, parse_line
from shopcast.errors import InvalidInputError, ProviderError
from shopcast.live.chat.messages import ChatMessage
from shopcast.live.chat.ratelimit import TokenBucket

TWITCH_HOST = "irc.chat.twitch.tv"
TWITCH_TLS_PORT = 6697
MAX_SEND_CHARS = 500
_AUTH_FAILURES = (
    "login authentication failed",
    "improperly formatted auth",
    "bad password",
    "access denied",
)


@dataclass(frozen=True)
class TwitchChat:
    message: ChatMessage
    emotes: list[tuple[str, str]]  # (emote id, emote text as typed)
    is_action: bool = False


def privmsg_to_chat(irc: IrcMessage, platform: str = "twitch") -> TwitchChat:
    """A parsed ``PRIVMSG`` as a ChatMessage (plus its emotes)."""
    text = irc.trailing
    action = text.startswith("\x01ACTION ") and text.endswith("\x01")
    if action:
        text = text[len("\x01ACTION ") : -1]
    sent_ms = irc.tags.get("tmi-sent-ts", "")
    received = int(sent_ms) / 1000 if sent_ms.isdigit() else time.time()
    nick = irc.nick
    msg = ChatMessage(
        id=irc.tags.get("id") or f"{platform}-{time.monotonic_ns()}",
        platform=platform,
        user_id=irc.tags.get("user-id") or nick,
        user_name=irc.tags.get("display-name") or nick,
        text=text,
        received_at=received,
    )
    return TwitchChat(msg, parse_emotes(irc.tags.get("emotes", ""), text), action)


class TwitchIrcAdapter(ChatAdapter):
    platform = "twitch"

    def __init__(
        self,
        channel: str,
        *,
        nick: str,
        token: str | None = None,
        host: str = TWITCH_HOST,
        port: int = TWITCH_TLS_PORT,
        tls: bool = True,
        backoff: Backoff | None = None,
        timeout_s: float = 10.0,
        send_burst: int = 20,
        send_per_s: float = 20 / 30,  # Twitch's limit for a regular account
    ) -> None:
        channel = channel.strip().lstrip("#").lower()
        if not channel or " " in channel or "," in channel:
            raise InvalidInputError(f"invalid Twitch channel name {channel!r}")
        self.channel = f"#{channel}"
        self.nick = nick.strip().lower()
        self.token = token
        self.host, self.port, self.tls = host, port, tls
        self.backoff = backoff or Backoff()
        self.timeout_s = timeout_s
        self._send_bucket = TokenBucket(send_burst, send_per_s, updated=time.monotonic())
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._closed = False
        self._joined = False
        self.tags_enabled = False
        self.pongs_sent = 0
        self.reconnects = 0

    # --- connection ---------------------------------------------------------------------
    @property
    def connected(self) -> bool:
        """Logged in and in the channel."""
        return self._joined and self._writer is not None

    async def connect(self) -> None:
        self._closed = False
        ctx = ssl.create_default_context() if self.tls else None
        try:
            self._reader, self._writer = await asyncio.wait_for(
                asyncio.open_connection(self.host, self.port, ssl=ctx), self.timeout_s
            )
        except (OSError, TimeoutError) as exc:
            raise ProviderError(
                f"cannot connect to {self.host}:{self.port}: {exc}", retryable=True
            ) from exc
        await self._write("CAP REQ :twitch.tv/tags twitch.tv/commands")
        if self.token:
            token = self.token if self.token.startswith("oauth:") else f"oauth:{self.token}"
            await self._write(f"PASS {token}")
        await self._write(f"NICK {self.nick}")
        await self._write(f"USER {self.nick} 0 * :{self.nick}")
        await self._write("CAP END")
        await self._await(lambda m: m.command == "001", "login")
        await self._write(f"JOIN {self.channel}")
        await self._await(
            lambda m: (
                (
                    m.command == "JOIN"
                    and m.nick.lower() == self.nick
                    and m.params[:1] == [self.channel]
                )
                or m.command == "366"
            ),
            "join",
        )
        self._joined = True
        self.backoff.reset()

    async def _await(self, done, what: str) -> None:  # noqa: ANN001 - predicate
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout_s
        while True:
            remaining = deadline - loop.time()
            if remaining <= 0:
                await self._drop()
                raise ProviderError(f"IRC {what} timed out on {self.host}", retryable=True)
            msg = await asyncio.wait_for(self._read(), remaining)
            if msg is None:
                continue
            if msg.command == "CAP" and len(msg.params) >= 2 and msg.params[1] == "ACK":
                self.tags_enabled = "twitch.tv/tags" in msg.trailing
            if msg.command in ("ERROR", "NOTICE", "464") and any(
                s in msg.trailing.lower() for s in _AUTH_FAILURES
            ):
                await self._drop()
                raise ProviderError(
                    f"chat login refused by {self.host}: {msg.trailing}",
                    hint="check the OAuth token (chat:read and chat:edit scopes) and the nick",
                )
            if done(msg):
                return

    async def _read(self) -> IrcMessage | None:
        """The next line (PINGs answered here); None for an unparsable line."""
        if self._reader is None:
            raise ConnectionError("not connected")
        raw = await self._reader.readline()
        if not raw:
            raise ConnectionError(f"{self.host} closed the connection")
        try:
            msg = parse_line(raw.decode("utf-8", errors="replace"))
        except InvalidInputError:
            return None
        if msg.command == "PING":
            await self._write(f"PONG :{msg.trailing}")
            self.pongs_sent += 1
        elif msg.command == "RECONNECT":
            raise ConnectionError("server asked to reconnect")
        return msg

    async def _write(self, line: str) -> None:
        if self._writer is None:
            raise ConnectionError("not connected")
        self._writer.write(line.encode("utf-8") + b"\r\n")
        await self._writer.drain()

    async def _drop(self) -> None:
        self._joined = False
        writer, self._writer, self._reader = self._writer, None, None
        if writer is not None:
            writer.close()
            with contextlib.suppress(OSError, ConnectionError, ssl.SSLError):
                await writer.wait_closed()

    async def close(self) -> None:
        self._closed = True
        if self._writer is not None:
            with contextlib.suppress(OSError, ConnectionError):
                await self._write(f"PART {self.channel}")
        await self._drop()

    # --- chat ---------------------------------------------------------------------------
    async def send(self, text: str) -> None:
        line = " ".join(text.split())[:MAX_SEND_CHARS]
        if not line:
            return
        bucket = self._send_bucket
        if not bucket.take(time.monotonic()):  # over the platform's rate: wait for a token
            await asyncio.sleep(max(0.0, (1 - bucket.tokens) / bucket.rate))
            bucket.take(time.monotonic())
        await self._write(format_line("PRIVMSG", self.channel, line))

    async def messages(self) -> AsyncIterator[ChatMessage]:
        async for chat in self.chats():
            yield chat.message

    async def chats(self) -> AsyncIterator[TwitchChat]:
        """Like :meth:`messages`, with Twitch emotes."""
        while not self._closed:
            if self._writer is None:
                try:
                    await self.connect()
                except ProviderError as exc:
                    if not exc.retryable:
                        raise
                    await asyncio.sleep(self.backoff.next_delay())
                    continue
            try:
                msg = await self._read()
            except (ConnectionError, OSError, asyncio.IncompleteReadError):
                if self._closed:
                    break
                await self._drop()
                self.reconnects += 1
                await asyncio.sleep(self.backoff.next_delay())
                continue
            if msg is not None and msg.command == "PRIVMSG" and msg.params[:1] == [self.channel]:
                yield privmsg_to_chat(msg, self.platform)
