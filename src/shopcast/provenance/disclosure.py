"""Telling each viewer who chats, once per show, that the host is an AI (EU AI Act Art. 50).

tracker = DisclosureTracker(market)          # one per show
line = tracker.disclose_once(viewer_id)      # the market's line the first time, then None
answer = tracker.with_disclosure(viewer_id, answer)   # or: prepend it to the first answer
"""

from __future__ import annotations

import threading

from shopcast.markets.types import Market


class DisclosureTracker:
    """Remembers, per show, which viewers have been told. Thread-safe; ids are the platform's
    viewer ids (one set of strings per show)."""

    def __init__(self, market: Market) -> None:
        self.market = market
        self._told: set[str] = set()
        self._lock = threading.Lock()

    @property
    def line(self) -> str:
        """The localised disclosure, e.g. "Quick heads-up: I'm an AI-generated virtual host..."."""
        return self.market.ai_disclosure_line

    def disclose_once(self, viewer_id: str) -> str | None:
        """The disclosure line if ``viewer_id`` has not been told in this show, else ``None``;
        the viewer counts as told from this call on."""
        with self._lock:
            if viewer_id in self._told:
                return None
            self._told.add(viewer_id)
        return self.line

    def with_disclosure(self, viewer_id: str, answer: str) -> str:
        """``answer`` with the disclosure in front of it the first time this viewer is answered."""
        line = self.disclose_once(viewer_id)
        if line is None:
            return answer
        return f"{line}{self.market.word_separator}{answer}" if answer else line

    def mark_told(self, viewer_id: str) -> None:
        """The host told this viewer some other way (e.g. answered "are you an AI?")."""
        with self._lock:
            self._told.add(viewer_id)

    def was_told(self, viewer_id: str) -> bool:
        with self._lock:
            return viewer_id in self._told

    def __len__(self) -> int:
        with self._lock:
            return len(self._told)
