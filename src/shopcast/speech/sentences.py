"""Split text into sentences before synthesis (each is one model call, with a natural pause)."""

from __future__ import annotations

import re

# A sentence ends at . ! ? … (followed by space or end) or at CJK full stops, or at a newline.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|(?<=[。！？])\s*|\s*\n+\s*")


def split_sentences(text: str) -> list[str]:
    """Non-empty sentences of ``text`` in order, punctuation kept."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]
