"""Helpers for the IRC tests: a second plain IRC client playing a viewer."""

from __future__ import annotations

import asyncio

TOKEN = "oauth:test-token"


class PosterClient:
    """A plain IRC client playing a viewer: joins the channel, posts, reads."""

    def __init__(self, port: int, nick: str) -> None:
        self.port, self.nick = port, nick
        self.reader: asyncio.StreamReader
        self.writer: asyncio.StreamWriter

    async def connect(self, channel: str) -> None:
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        for line in (
            f"PASS {TOKEN}",
            f"NICK {self.nick}",
            f"USER {self.nick} 0 * :{self.nick}",
            f"JOIN {channel}",
        ):
            self.writer.write(line.encode() + b"\r\n")
        await self.writer.drain()
        await self.wait_for(lambda line: " 366 " in line)

    async def say(self, channel: str, text: str) -> None:
        self.writer.write(f"PRIVMSG {channel} :{text}\r\n".encode())
        await self.writer.drain()

    async def wait_for(self, pred, limit_s: float = 5.0) -> str:  # noqa: ANN001
        async def loop() -> str:
            while True:
                line = (await self.reader.readline()).decode("utf-8", "replace")
                if not line:
                    raise ConnectionError("server closed")
                if line.startswith("PING"):
                    self.writer.write(b"PONG" + line[4:].strip().encode() + b"\r\n")
                if pred(line):
                    return line

        return await asyncio.wait_for(loop(), limit_s)

    async def close(self) -> None:
        self.writer.close()
