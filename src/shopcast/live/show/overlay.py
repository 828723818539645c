"""The live overlay: what the stream shows on top of the host at each frame — the pinned
product's card (deal price while a deal runs), countdown and stock pills, the question being
answered and recent chat, word-timed captions of the current phrase, and the AI label.

The show's threads update it; the frame loop reads it once per frame (a lock-free snapshot of
immutable values: each field is replaced, never mutated)."""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass, field

from shopcast.scene.captions import CaptionPage, caption_pages, caption_state_at
from shopcast.scene.compositor import Overlay, ProductCard
from shopcast.speech.types import WordSpan
from shopcast.timeline.performance import Utterance

CHAT_LINES = 4


@dataclass
class LiveOverlay:
    ai_label: str
    max_chars: int
    separator: str
    card: ProductCard | None = None
    card_since: float | None = None
    countdown_text: str | None = None
    stock_text: str | None = None
    question: str | None = None
    chat: deque[str] = field(default_factory=lambda: deque(maxlen=CHAT_LINES))
    _pages: list[CaptionPage] = field(default_factory=list)
    _chat_lines: tuple[str, ...] = ()
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, t: float) -> Overlay:
        lines = list(self._chat_lines)
        if self.question:
            lines = [*lines[-(CHAT_LINES - 1) :], f"❓ {self.question}"]
        return Overlay(
            t=t,
            card=self.card,
            card_since=self.card_since,
            caption=caption_state_at(self._pages, t) if self._pages else None,
            ai_label=self.ai_label,
            countdown_text=self.countdown_text,
            stock_text=self.stock_text,
            chat_lines=lines,
            pinned=self.card is not None,
        )

    def show_card(self, card: ProductCard | None, since: float) -> None:
        self.card, self.card_since = card, since

    def add_chat(self, line: str) -> None:
        with self._lock:
            self.chat.append(line)
            self._chat_lines = tuple(self.chat)

    def speak(self, utterance: Utterance) -> None:
        """Caption pages of ``utterance`` (only the current one is kept: memory stays flat)."""
        words = [
            WordSpan(w.text, w.start + utterance.start, w.end + utterance.start)
            for w in utterance.speech.words
        ]
        self._pages = caption_pages(words, max_chars=self.max_chars, separator=self.separator)
