"""What the overlay shows at each instant of a short video: the product card, the caption page
with its spoken word highlighted, and the AI label (every frame)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from shopcast.scene.captions import CaptionPage, caption_pages, caption_state_at
from shopcast.scene.compositor import Overlay, ProductCard
from shopcast.speech.types import WordSpan
from shopcast.timeline.performance import Timeline, Utterance

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


def utterance_caption_pages(u: Utterance, *, max_chars: int, separator: str) -> list[CaptionPage]:
    """Caption pages of one utterance, on the timeline's clock."""
    words = [WordSpan(w.text, w.start + u.start, w.end + u.start) for w in u.speech.words]
    return caption_pages(words, max_chars=max_chars, separator=separator)


def timeline_caption_pages(
    timeline: Timeline, *, max_chars: int, separator: str
) -> list[CaptionPage]:
    """Caption pages of every utterance, on the timeline's clock."""
    pages: list[CaptionPage] = []
    for u in timeline.utterances:
        pages.extend(utterance_caption_pages(u, max_chars=max_chars, separator=separator))
    return pages


@dataclass(frozen=True)
class CardCue:
    """When the card lands: ``delay`` s after the start of utterance ``index`` (the first beat
    that turns to the product, else the second beat); from the start when ``index`` is None.
    Known from the beats alone, before any of them is spoken."""

    index: int | None
    delay: float

    @classmethod
    def for_beats(cls, beats: Sequence[tuple[str, str]]) -> CardCue:
        """``beats``: (kind, gaze) of each utterance, in order."""
        for i, (kind, gaze) in enumerate(beats):
            if gaze == "card" or kind in ("demo", "offer"):
                return cls(i, CARD_DELAY)
        return cls(1, 0.0) if len(beats) > 1 else cls(None, 0.0)


def card_entry_time(timeline: Timeline) -> float:
    """The card lands with the first beat that turns to the product (else the second beat)."""
    cue = CardCue.for_beats([(u.beat, u.gaze) for u in timeline.utterances])
    return 0.0 if cue.index is None else timeline.utterances[cue.index].start + cue.delay


class GrowingOverlay:
    """The overlay track of a timeline that grows utterance by utterance: caption pages and the
    card's entry time are added as utterances arrive, equal, once all have arrived, to
    ``timeline_caption_pages`` and ``card_entry_time`` of the finished timeline. Until its
    utterance arrives the card's entry time is infinite (no card yet)."""

    def __init__(
        self,
        *,
        card: ProductCard | None,
        ai_label: str,
        cue: CardCue,
        max_chars: int,
        separator: str,
    ) -> None:
        self.cue = cue
        self.max_chars, self.separator = max_chars, separator
        start = 0.0 if cue.index is None else math.inf
        self.track = OverlayTrack(card=card, card_from=start, ai_label=ai_label, pages=[])
        self._added = 0

    def add(self, utterance: Utterance) -> None:
        """Add the next utterance of the timeline."""
        track = self.track
        track.pages.extend(
            utterance_caption_pages(utterance, max_chars=self.max_chars, separator=self.separator)
        )
        if self._added == self.cue.index:
            track.card_from = utterance.start + self.cue.delay
        self._added += 1

    @property
    def card_known(self) -> bool:
        return math.isfinite(self.track.card_from)
