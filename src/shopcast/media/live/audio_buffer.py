"""A bounded, thread-safe FIFO of float32 mono samples between the renderer and the encoder."""

from __future__ import annotations

import threading
from collections import deque

import numpy as np


class AudioBuffer:
    """Holds at most ``max_seconds`` of audio; beyond that the oldest samples are dropped."""

    def __init__(self, sample_rate: int, max_seconds: float = 10.0) -> None:
        self._chunks: deque[np.ndarray] = deque()
        self._size = 0
        self._limit = int(sample_rate * max_seconds)
        self._lock = threading.Lock()
        self.dropped_samples = 0

    @property
    def available(self) -> int:
        return self._size

    def append(self, samples: np.ndarray) -> None:
        if samples.size == 0:
            return
        with self._lock:
            self._chunks.append(samples.astype(np.float32, copy=True))
            self._size += samples.size
            while self._size > self._limit:
                excess = self._size - self._limit
                head = self._chunks[0]
                if head.size <= excess:
                    self._chunks.popleft()
                    self._size -= head.size
                    self.dropped_samples += head.size
                else:
                    self._chunks[0] = head[excess:]
                    self._size -= excess
                    self.dropped_samples += excess

    def take(self, count: int) -> np.ndarray:
        """Up to ``count`` samples from the front (fewer when fewer are buffered)."""
        with self._lock:
            parts: list[np.ndarray] = []
            needed = min(count, self._size)
            while needed > 0:
                head = self._chunks[0]
                if head.size <= needed:
                    parts.append(self._chunks.popleft())
                    needed -= head.size
                    self._size -= head.size
                else:
                    parts.append(head[:needed])
                    self._chunks[0] = head[needed:]
                    self._size -= needed
                    needed = 0
            return np.concatenate(parts) if parts else np.zeros(0, np.float32)
