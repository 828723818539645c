"""The show's record of every viewer comment the chat desk sees: when it arrived, how it was
answered (the answer path), when the first sample of its acknowledgement and of its answer
proper reached the encoder, and how it ended — with why.

Outcomes (each comment ends in exactly one):

- ``voiced``: its answer proper went on air (alone, or grouped with other viewers' same
  question);
- ``text``: answered in chat text only (not voiced within the bound, the show off air, the
  spoken queue full);
- ``refused``: not answered, on purpose: moderation (rate limit, spam, blocked words, empty),
  manipulation attempts, abuse, chatter that asks nothing;
- ``dropped``: lost (the intake or the question queue overflowed, the show stopped). The show
  answers overflow in text, so this stays 0 unless it stops with questions waiting.

Latency is measured from arrival to the first sample pushed to the encoder: ``ack`` (the first
thing said to the viewer: "Good question, Jun!", "A few of you asked…", or the answer itself
when it needs no filler) and ``substance`` (the first word of the answer proper). The
``summary`` (``live status``, the console, ``bench/live_reply.py``) gives p50 / p95 / max per
answer path.
"""

from __future__ import annotations

import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field

Outcome = Literal["voiced", "text", "refused", "dropped"]
OUTCOMES: tuple[Outcome, ...] = ("voiced", "text", "refused", "dropped")


@dataclass
class Asked:
    """One viewer comment and what became of it (times on the monotonic clock)."""

    message_id: str
    viewer: str
    text: str
    arrived: float
    path: str = ""  # the answer path (price, faq, llm, safe, …) once composed
    grouped: int = 1  # viewers answered together with this one
    ack_at: float | None = None
    substance_at: float | None = None
    outcome: Outcome | None = None
    reason: str = ""

    @property
    def ack_s(self) -> float | None:
        return None if self.ack_at is None else self.ack_at - self.arrived

    @property
    def substance_s(self) -> float | None:
        return None if self.substance_at is None else self.substance_at - self.arrived


class Spread(BaseModel):
    count: int = 0
    p50_s: float | None = None
    p95_s: float | None = None
    max_s: float | None = None


class PathLatency(BaseModel):
    path: str  # "all" for every path together
    ack: Spread
    substance: Spread


class QuestionSummary(BaseModel):
    received: int = 0
    voiced: int = 0
    text: int = 0
    refused: int = 0
    dropped: int = 0
    waiting: int = 0  # received, not ended yet (queued, being composed, or on its way to air)
    grouped: int = 0  # voiced together with another viewer's same question
    why: dict[str, int] = Field(default_factory=dict)  # "refused: hostile" → n, "text: …" → n
    latency: list[PathLatency] = Field(default_factory=list)


def spread(values: list[float]) -> Spread:
    """Nearest-rank p50 / p95 and the max, in seconds (2 decimals)."""
    if not values:
        return Spread()
    ordered = sorted(values)

    def rank(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))], 2)

    return Spread(
        count=len(ordered), p50_s=rank(0.5), p95_s=rank(0.95), max_s=round(ordered[-1], 2)
    )


class QuestionLog:
    """Thread-safe: the chat thread, the model lane and the frame loop all write to it. Keeps
    the last ``keep`` comments (their counts are kept for the whole show)."""

    def __init__(self, *, keep: int = 5000, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._keep = keep
        self._items: OrderedDict[str, Asked] = OrderedDict()
        self._ended: Counter[str] = Counter()  # outcome → n, for the whole show
        self._why: Counter[str] = Counter()
        self._received = 0
        self._grouped = 0
        self._lock = threading.Lock()

    # -- what happens to a comment ---------------------------------------------------------
    def received(
        self, message_id: str, viewer: str, text: str, *, arrived: float | None = None
    ) -> None:
        with self._lock:
            if message_id in self._items:
                return
            self._received += 1
            self._items[message_id] = Asked(
                message_id, viewer, text, self._clock() if arrived is None else arrived
            )
            while len(self._items) > self._keep:
                self._items.popitem(last=False)

    def composed(self, message_ids: Iterable[str], path: str) -> None:
        """The answer to these comments (one question, one or several viewers) is written."""
        ids = list(message_ids)
        with self._lock:
            for message_id in ids:
                item = self._items.get(message_id)
                if item is not None and item.outcome is None:
                    item.path, item.grouped = path, len(ids)

    def ack_on_air(self, message_ids: Iterable[str], at: float | None = None) -> None:
        at = self._clock() if at is None else at
        with self._lock:
            for message_id in message_ids:
                item = self._items.get(message_id)
                if item is not None and item.ack_at is None:
                    item.ack_at = at

    def substance_on_air(self, message_ids: Iterable[str], at: float | None = None) -> None:
        """The answer proper's first sample reached the encoder: voiced (the acknowledgement
        too, if none went first)."""
        at = self._clock() if at is None else at
        with self._lock:
            for message_id in message_ids:
                item = self._items.get(message_id)
                if item is None or item.outcome is not None:
                    continue
                item.substance_at = at
                if item.ack_at is None:
                    item.ack_at = at
                self._end(item, "voiced", "")

    def ended(self, message_ids: Iterable[str], outcome: Outcome, reason: str) -> None:
        """Answered in text, refused or dropped (the first outcome of a comment stands)."""
        with self._lock:
            for message_id in message_ids:
                item = self._items.get(message_id)
                if item is not None and item.outcome is None:
                    self._end(item, outcome, reason)

    def _end(self, item: Asked, outcome: Outcome, reason: str) -> None:
        item.outcome, item.reason = outcome, reason
        self._ended[outcome] += 1
        if outcome == "voiced" and item.grouped > 1:
            self._grouped += 1
        if reason:
            self._why[f"{outcome}: {reason}"] += 1

    # -- reading -----------------------------------------------------------------------------
    def get(self, message_id: str) -> Asked | None:
        with self._lock:
            return self._items.get(message_id)

    def items(self) -> list[Asked]:
        with self._lock:
            return list(self._items.values())

    def waiting(self) -> list[Asked]:
        with self._lock:
            return [i for i in self._items.values() if i.outcome is None]

    def summary(self, since: float | None = None) -> QuestionSummary:
        """Counts for the whole show (``since``: only comments that arrived then or later) and
        latency per answer path over the comments kept."""
        with self._lock:
            items = [i for i in self._items.values() if since is None or i.arrived >= since]
            if since is None:
                ended, why = Counter(self._ended), Counter(self._why)
                received, grouped = self._received, self._grouped
            else:
                ended = Counter(i.outcome for i in items if i.outcome is not None)
                why = Counter(f"{i.outcome}: {i.reason}" for i in items if i.outcome and i.reason)
                received = len(items)
                grouped = sum(1 for i in items if i.outcome == "voiced" and i.grouped > 1)
        voiced = [i for i in items if i.outcome == "voiced"]
        paths = sorted({i.path or "?" for i in voiced})
        latency = [_path_latency("all", voiced)] if voiced else []
        latency += [_path_latency(p, [i for i in voiced if (i.path or "?") == p]) for p in paths]
        return QuestionSummary(
            received=received,
            voiced=ended["voiced"],
            text=ended["text"],
            refused=ended["refused"],
            dropped=ended["dropped"],
            waiting=received - sum(ended[o] for o in OUTCOMES),
            grouped=grouped,
            why=dict(why.most_common()),
            latency=latency,
        )


def _path_latency(path: str, items: list[Asked]) -> PathLatency:
    return PathLatency(
        path=path,
        ack=spread([v for i in items if (v := i.ack_s) is not None]),
        substance=spread([v for i in items if (v := i.substance_s) is not None]),
    )
