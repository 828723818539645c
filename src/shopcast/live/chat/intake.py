"""The bounded intake buffer between platform adapters and the show.

A flood must never grow a queue without bound: the buffer holds at most ``capacity``
messages. When it is full, the oldest LOW-priority message is dropped first; a low-priority
arrival into a buffer full of high-priority messages is itself dropped; only when everything is
high priority does the oldest high-priority message go. Every drop is counted.
"""

from __future__ import annotations

from collections import Counter, deque
from enum import IntEnum

from shopcast.live.chat.messages import ChatMessage


class Priority(IntEnum):
    LOW = 0  # chatter, greetings
    HIGH = 1  # looks like a question


class ChatIntake:
    def __init__(self, capacity: int = 500) -> None:
        if capacity < 1:
            raise ValueError("intake capacity must be at least 1")
        self.capacity = capacity
        self._queues: dict[Priority, deque[ChatMessage]] = {p: deque() for p in Priority}
        self.dropped: Counter[Priority] = Counter()
        self.accepted = 0

    def __len__(self) -> int:
        return sum(len(q) for q in self._queues.values())

    def push(self, msg: ChatMessage, priority: Priority = Priority.LOW) -> ChatMessage | None:
        """Add ``msg``; returns the message dropped to make room (possibly ``msg``), or None."""
        dropped: ChatMessage | None = None
        if len(self) >= self.capacity:
            low, high = self._queues[Priority.LOW], self._queues[Priority.HIGH]
            if low:
                dropped = low.popleft()
                self.dropped[Priority.LOW] += 1
            elif priority == Priority.LOW:
                self.dropped[Priority.LOW] += 1
                return msg
            else:
                dropped = high.popleft()
                self.dropped[Priority.HIGH] += 1
        self._queues[priority].append(msg)
        self.accepted += 1
        return dropped

    def pop(self) -> ChatMessage | None:
        """The next message, high priority first, oldest first within a priority."""
        for p in (Priority.HIGH, Priority.LOW):
            if self._queues[p]:
                return self._queues[p].popleft()
        return None

    def drain(self, limit: int | None = None) -> list[ChatMessage]:
        out: list[ChatMessage] = []
        while limit is None or len(out) < limit:
            msg = self.pop()
            if msg is None:
                break
            out.append(msg)
        return out

    @property
    def total_dropped(self) -> int:
        return sum(self.dropped.values())
