"""Typed chat messages. Viewer text is untrusted: it is normalised once, here, on arrival.

Normalisation: Unicode NFKC (full-width letters, ligatures and compatibility forms fold to
their plain form), control and format characters removed (including bidi overrides such as
U+202E, which flip how text is displayed, and zero-width spaces used to dodge filters), runs
of whitespace collapsed, and the length capped at :data:`MAX_TEXT_CHARS` with ``truncated``
set. Emoji (with their ZWJ sequences and variation selectors), right-to-left scripts and CJK
stay intact. Text that is mostly unassigned, private-use or replacement characters, or piles
of combining marks ("zalgo"), is flagged ``is_garbage``.
"""

from __future__ import annotations

import re
import time
import unicodedata
from dataclasses import dataclass, field

MAX_TEXT_CHARS = 300
MAX_NAME_CHARS = 25

# Format characters that carry meaning in real text and are kept: ZWNJ/ZWJ (Indic scripts,
# emoji sequences) and the emoji variation selectors.
_KEEP_FORMAT = {"\u200c", "\u200d", "\ufe0e", "\ufe0f"}
_SPACES = re.compile(r"\s+")


def _keep(ch: str) -> bool:
    if ch in _KEEP_FORMAT:
        return True
    cat = unicodedata.category(ch)
    if cat in ("Cc", "Cf", "Cs", "Co", "Cn"):
        return ch in "\t\n\r "  # whitespace controls become spaces later
    return not ("\U000e0000" <= ch <= "\U000e007f")  # tag characters (hidden ASCII)


def clean_text(raw: str, max_chars: int = MAX_TEXT_CHARS) -> tuple[str, bool]:
    """``raw`` normalised for display and matching; returns (text, truncated)."""
    text = unicodedata.normalize("NFKC", raw)
    text = "".join(ch for ch in text if _keep(ch))
    text = _SPACES.sub(" ", text).strip()
    if len(text) <= max_chars:
        return text, False
    cut = text[:max_chars]
    # do not split a surrogate-free grapheme tail badly: drop a dangling ZWJ / combining mark
    while cut and (cut[-1] in _KEEP_FORMAT or unicodedata.combining(cut[-1])):
        cut = cut[:-1]
    return cut.rstrip(), True


def looks_like_garbage(raw: str) -> bool:
    """True for binary junk, replacement-character soup, private-use spam or zalgo text."""
    if not raw:
        return False
    if "\x00" in raw:
        return True
    sample = raw[:2000]
    bad = sum(
        1
        for ch in sample
        if ch == "\ufffd"
        or unicodedata.category(ch) in ("Co", "Cn", "Cs")
        or (unicodedata.category(ch) == "Cc" and ch not in "\t\n\r")
    )
    if bad / len(sample) > 0.2:
        return True
    marks = sum(1 for ch in sample if unicodedata.category(ch) == "Mn")
    letters = sum(1 for ch in sample if ch.isalpha())
    # Indic and Thai scripts use one or two marks per letter; zalgo piles up many more
    return marks > 8 and marks > 2.5 * max(letters, 1)


@dataclass(frozen=True)
class ChatMessage:
    """One viewer comment, normalised. ``received_at`` is UNIX time in seconds.

    Construct it directly or with :meth:`create`; either way ``text`` and ``user_name`` are
    cleaned in ``__post_init__`` (idempotent), so a ChatMessage never holds raw viewer text.
    """

    id: str
    platform: str
    user_id: str
    user_name: str
    text: str
    received_at: float = field(default_factory=time.time)
    truncated: bool = False
    is_garbage: bool = False
    original_length: int = -1

    def __post_init__(self) -> None:
        raw = self.text if isinstance(self.text, str) else str(self.text)
        garbage = self.is_garbage or looks_like_garbage(raw)
        text, cut = clean_text(raw)
        name, _ = clean_text(self.user_name or "", MAX_NAME_CHARS)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "user_name", name or "viewer")
        object.__setattr__(self, "truncated", self.truncated or cut)
        object.__setattr__(self, "is_garbage", garbage)
        if self.original_length < 0:
            object.__setattr__(self, "original_length", len(raw))

    @classmethod
    def create(
        cls,
        text: str | bytes,
        *,
        user_name: str,
        user_id: str | None = None,
        platform: str = "local",
        id: str | None = None,  # noqa: A002 - mirrors the field name
        received_at: float | None = None,
    ) -> ChatMessage:
        """A message from raw input; bytes are decoded as UTF-8 (invalid bytes → garbage)."""
        garbage = False
        if isinstance(text, bytes):
            try:
                text = text.decode("utf-8")
            except UnicodeDecodeError:
                text = text.decode("utf-8", errors="replace")
                garbage = True
        now = time.time() if received_at is None else received_at
        return cls(
            id=id or f"{platform}-{time.monotonic_ns()}",
            platform=platform,
            user_id=user_id or user_name,
            user_name=user_name,
            text=text,
            received_at=now,
            is_garbage=garbage,
        )
