"""Token buckets: per-user and global message rate limits with an injectable clock."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass


@dataclass
class TokenBucket:
    """``capacity`` tokens, refilled at ``rate`` tokens per second; one message costs one."""

    capacity: float
    rate: float
    tokens: float = -1.0
    updated: float = 0.0

    def __post_init__(self) -> None:
        if self.capacity <= 0 or self.rate <= 0:
            raise ValueError("token bucket capacity and rate must be positive")
        if self.tokens < 0:
            self.tokens = self.capacity

    def take(self, now: float, cost: float = 1.0) -> bool:
        elapsed = max(0.0, now - self.updated)
        self.tokens = min(self.capacity, self.tokens + elapsed * self.rate)
        self.updated = now
        if self.tokens >= cost:
            self.tokens -= cost
            return True
        return False


class UserBuckets:
    """One bucket per user; the least recently seen users are forgotten beyond ``max_users``
    so a flood of new accounts cannot grow memory without bound."""

    def __init__(self, capacity: float, rate: float, max_users: int = 50_000) -> None:
        self.capacity = capacity
        self.rate = rate
        self.max_users = max_users
        self._buckets: OrderedDict[str, TokenBucket] = OrderedDict()

    def take(self, user_id: str, now: float) -> bool:
        bucket = self._buckets.get(user_id)
        if bucket is None:
            bucket = TokenBucket(self.capacity, self.rate, updated=now)
            self._buckets[user_id] = bucket
            if len(self._buckets) > self.max_users:
                self._buckets.popitem(last=False)
        else:
            self._buckets.move_to_end(user_id)
        return bucket.take(now)

    def __len__(self) -> int:
        return len(self._buckets)
