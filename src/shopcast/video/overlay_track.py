"""What the overlay shows at each instant of a short video: the product card, the caption page
with its spoken word highlighted, and the AI label (every frame)."""

from __future__ import annotations

from dataclasses import dataclass

from shopcast.scene.captions import CaptionPage, caption_pages, caption_state_at
from shopcast.scene.compositor import Overlay, ProductCard
from shopcast.speech.types import WordSpan
from shopcast.timeline.performance import Timeline

CARD_DELAY = 0.2  # the card lands just after the word that introduces it starts


@dataclass
class OverlayTrack:
    card: ProductCard | None
    card_from: float
    ai_label: str
    pages: list[CaptionPage]

    def __call__(self, t: float) -> Overlay:
        card = self.card if self.card is not None and t >= self.card_from else None
        return Overlay(
            t=t,
            card=card,
            card_since=self.card_from if card is not None else None,
            caption=caption_state_at(self.pages, t),
            ai_label=self.ai_label,
        )


def timeline_caption_pages(timeline: Timeline, *, max_chars: int, separator: str) -> list[
    CaptionPage
]:
    """Caption pages of every utterance, on the timeline's clock."""
    pages: list[CaptionPage] = []
    for u in timeline.utterances:
        words = [WordSpan(w.text, w.start + u.start, w.end + u.start) for w in u.speech.words]
        pages.extend(caption_pages(words, max_chars=max_chars, separator=separator))
    return pages


def card_entry_time(timeline: Timeline) -> float:
    """The card lands with the first beat that turns to the product (else the second beat)."""
    for u in timeline.utterances:
        if u.gaze == "card" or u.beat in ("demo", "offer"):
            return u.start + CARD_DELAY
    if len(timeline.utterances) > 1:
        return timeline.utterances[1].start
    return 0.0
