"""The ranked question queue: what the host answers next.

Comments pass :func:`classify_intent`; manipulation attempts and small talk are not queued.
Near-duplicates merge into one entry (same folded text, or — with an embedder — embedding
cosine above ``merge_similarity``), counting how many viewers asked. ``pop_next`` returns the
best entry: purchase and product questions first, then AI-identity questions, greetings and
off-topic ones; within a tier, the more viewers asked and the more recent, the sooner.
The queue is bounded: when full, the worst entry is evicted (counted in ``evicted``). Evicted
and stale entries are kept in ``lost`` (with why) until the show takes them (``take_lost``): a
show answers them in text rather than dropping them unseen.
"""

from __future__ import annotations

import math
import re
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from shopcast.live.chat.intent import Intent, classify_intent, is_question
from shopcast.live.chat.messages import ChatMessage
from shopcast.live.chat.textmatch import fold

__all__ = ["Intent", "QuestionQueue", "RankedQuestion", "classify_intent", "is_question"]

TIERS: dict[Intent, int] = {
    Intent.PURCHASE: 0,
    Intent.PRODUCT: 0,
    Intent.AI_IDENTITY: 1,
    Intent.GREETING: 2,
    Intent.OFF_TOPIC: 3,
}
Embedder = Callable[[str], np.ndarray]
_NON_WORD = re.compile(r"[\W_]+")


def dedup_key(text: str) -> str:
    return _NON_WORD.sub("", fold(text)) or text


@dataclass
class RankedQuestion:
    message: ChatMessage  # the first asker's message (its text is what gets answered)
    intent: Intent
    key: str
    first_at: float
    last_at: float
    askers: dict[str, str] = field(default_factory=dict)  # user_id → display name
    vector: np.ndarray | None = None
    score: float = 0.0
    # every message merged into this entry, the first asker's first (what the show records)
    message_ids: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.message.text

    @property
    def ask_count(self) -> int:
        return len(self.askers)

    @property
    def tier(self) -> int:
        return TIERS.get(self.intent, 9)


class QuestionQueue:
    def __init__(
        self,
        max_size: int = 64,
        *,
        embed: Embedder | None = None,
        merge_similarity: float = 0.93,
        max_age_s: float = 180.0,
        asker_weight_s: float = 30.0,
        queued_intents: frozenset[Intent] = frozenset(TIERS),
        clock: Callable[[], float] = time.time,
    ) -> None:
        if max_size < 1:
            raise ValueError("question queue size must be at least 1")
        self.max_size = max_size
        self.embed = embed
        self.merge_similarity = merge_similarity
        self.max_age_s = max_age_s
        self.asker_weight_s = asker_weight_s
        self.queued_intents = queued_intents
        self.clock = clock
        self._items: list[RankedQuestion] = []
        self.evicted = 0
        self.rejected: dict[Intent, int] = {}
        self.lost: deque[tuple[RankedQuestion, str]] = deque(maxlen=1000)

    def __len__(self) -> int:
        return len(self._items)

    def push(self, msg: ChatMessage, intent: Intent | None = None) -> RankedQuestion | None:
        """Queue (or merge) ``msg``; returns its entry, or None when it is not queued."""
        intent = intent or classify_intent(msg.text)
        if intent not in self.queued_intents:
            self.rejected[intent] = self.rejected.get(intent, 0) + 1
            return None
        key = dedup_key(msg.text)
        vector = self.embed(msg.text) if self.embed is not None else None
        existing = self._find_duplicate(key, vector, intent)
        if existing is not None:
            existing.askers.setdefault(msg.user_id, msg.user_name)
            existing.message_ids.append(msg.id)
            existing.last_at = max(existing.last_at, msg.received_at)
            return existing
        entry = RankedQuestion(
            msg,
            intent,
            key,
            msg.received_at,
            msg.received_at,
            {msg.user_id: msg.user_name},
            vector,
            message_ids=[msg.id],
        )
        self._items.append(entry)
        if len(self._items) > self.max_size:
            worst = max(self._items, key=self._sort_key)
            self._items.remove(worst)
            self.evicted += 1
            self.lost.append((worst, "question queue full"))
            if worst is entry:
                return None
        return entry

    def pop_next(self) -> RankedQuestion | None:
        """The best entry now, removed from the queue; stale entries are dropped first."""
        now = self.clock()
        for q in self._items:
            if now - q.last_at > self.max_age_s:
                self.lost.append((q, f"waited over {self.max_age_s:.0f} s"))
        self._items = [q for q in self._items if now - q.last_at <= self.max_age_s]
        if not self._items:
            return None
        best = min(self._items, key=self._sort_key)
        self._items.remove(best)
        return best

    def remove(self, entry: RankedQuestion) -> bool:
        """Take ``entry`` out (answered another way); False when it is no longer queued."""
        kept = [q for q in self._items if q is not entry]
        found = len(kept) < len(self._items)
        self._items = kept
        return found

    def take_lost(self) -> list[tuple[RankedQuestion, str]]:
        """Entries evicted or gone stale since the last call, with why."""
        out = list(self.lost)
        self.lost.clear()
        return out

    def peek_all(self) -> list[RankedQuestion]:
        """Entries in answer order (for the operator view)."""
        return sorted(self._items, key=self._sort_key)

    def _sort_key(self, q: RankedQuestion) -> tuple[int, float]:
        age = max(0.0, self.clock() - q.last_at)
        q.score = self.asker_weight_s * math.log2(1 + q.ask_count) - age
        return (q.tier, -q.score)

    def _find_duplicate(
        self, key: str, vector: np.ndarray | None, intent: Intent
    ) -> RankedQuestion | None:
        for q in self._items:
            if q.key == key:
                return q
        if vector is None:
            return None
        best, best_sim = None, self.merge_similarity
        for q in self._items:
            if q.vector is None or q.intent != intent:
                continue
            sim = float(np.dot(q.vector, vector))
            if sim >= best_sim:
                best, best_sim = q, sim
        return best
