"""The chat adapter interface every platform implements, and reconnect backoff.

An adapter is an async iterator of :class:`~shopcast.live.chat.messages.ChatMessage`: iterate
it to receive viewer comments; it reconnects by itself (exponential backoff with jitter) when
the connection drops, and stops when :meth:`close` is called.
"""

from __future__ import annotations

import random
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator
from dataclasses import dataclass

from shopcast.live.chat.messages import ChatMessage


@dataclass
class Backoff:
    """Delays ``initial``, ×``factor`` each failure, capped at ``maximum``, ±``jitter``."""

    initial: float = 0.5
    factor: float = 2.0
    maximum: float = 30.0
    jitter: float = 0.2
    attempt: int = 0

    def next_delay(self) -> float:
        base = min(self.maximum, self.initial * self.factor**self.attempt)
        self.attempt += 1
        return max(0.0, base * (1 + random.uniform(-self.jitter, self.jitter)))

    def reset(self) -> None:
        self.attempt = 0


class ChatAdapter(ABC):
    """A live chat connection on one platform and channel."""

    platform: str = "unknown"

    @abstractmethod
    async def connect(self) -> None:
        """Open the connection, authenticate and join; raises on failure."""

    @abstractmethod
    async def close(self) -> None:
        """Leave and close; iteration ends. Safe to call twice."""

    @abstractmethod
    async def send(self, text: str) -> None:
        """Post ``text`` to the channel as the host account."""

    @abstractmethod
    def messages(self) -> AsyncIterator[ChatMessage]:
        """Viewer comments as they arrive, reconnecting as needed."""

    @property
    def connected(self) -> bool:
        """Whether the connection is open now (an adapter that cannot tell says False)."""
        return False

    def __aiter__(self) -> AsyncIterator[ChatMessage]:
        return self.messages()

    async def __aenter__(self) -> ChatAdapter:
        await self.connect()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
