"""Chat moderation: every comment gets a decision with a reason code before anything reads it.

Order of checks (cheapest first): empty / garbage → per-user rate limit → link spam →
repeated characters → duplicate text from the same user → blocked words (per market, from the
YAML lists in ``blocklists/``). Counters per reason are kept for the operator dashboard.
Nothing here grows without bound: user buckets and duplicate memory are capped LRU maps.
"""

from __future__ import annotations

import re
from collections import Counter, OrderedDict
from dataclasses import dataclass
from enum import StrEnum

from shopcast.live.chat.blocklist import Blocklist, load_blocklist
from shopcast.live.chat.messages import ChatMessage
from shopcast.live.chat.ratelimit import UserBuckets
from shopcast.live.chat.textmatch import fold


class Reason(StrEnum):
    OK = "ok"
    EMPTY = "empty"
    GARBAGE = "garbage"
    USER_RATE_LIMIT = "user_rate_limit"
    LINK_SPAM = "link_spam"
    REPEATED_CHARS = "repeated_chars"
    DUPLICATE = "duplicate"
    BLOCKED_WORD = "blocked_word"
    SPAM_PHRASE = "spam_phrase"


@dataclass(frozen=True)
class ModerationDecision:
    allowed: bool
    reason: Reason
    detail: str = ""


_LINK = re.compile(
    r"(https?://|www\.|\b[\w-]{2,}\.(com|net|org|io|ly|gg|me|tv|co|xyz|ru|cn|kr|jp|link|shop|"
    r"store|app|site|top|info|biz)\b(/\S*)?|discord\.gg|t\.me/)",
    re.IGNORECASE,
)
_REPEAT_RUN = re.compile(r"(.)\1{9,}", re.DOTALL)
_NORMALISE_DUP = re.compile(r"[\W_]+", re.UNICODE)


@dataclass
class ModerationConfig:
    user_burst: float = 4  # messages a user may send at once
    user_rate: float = 0.5  # ... then one every 2 s
    duplicate_window_s: float = 60.0
    max_tracked_users: int = 50_000


class Moderator:
    """Decides whether a comment may enter the show. One per live channel."""

    def __init__(
        self,
        market_code: str,
        config: ModerationConfig | None = None,
        blocklist: Blocklist | None = None,
    ) -> None:
        self.config = config or ModerationConfig()
        self.blocklist = blocklist or load_blocklist(market_code)
        self._users = UserBuckets(
            self.config.user_burst, self.config.user_rate, self.config.max_tracked_users
        )
        self._last_text: OrderedDict[str, tuple[str, float]] = OrderedDict()
        self.counts: Counter[Reason] = Counter()

    def check(self, msg: ChatMessage, now: float | None = None) -> ModerationDecision:
        now = msg.received_at if now is None else now
        decision = self._decide(msg, now)
        self.counts[decision.reason] += 1
        return decision

    def _decide(self, msg: ChatMessage, now: float) -> ModerationDecision:
        if msg.is_garbage:
            return ModerationDecision(False, Reason.GARBAGE, "binary or unreadable text")
        if not msg.text:
            return ModerationDecision(False, Reason.EMPTY)
        if not self._users.take(msg.user_id, now):
            return ModerationDecision(False, Reason.USER_RATE_LIMIT, msg.user_id)
        link = _LINK.search(msg.text)
        if link:
            return ModerationDecision(False, Reason.LINK_SPAM, link.group(0))
        run = _REPEAT_RUN.search(msg.text)
        if run or _low_variety(msg.text):
            return ModerationDecision(False, Reason.REPEATED_CHARS)
        if self._is_duplicate(msg, now):
            return ModerationDecision(False, Reason.DUPLICATE)
        hit = self.blocklist.find(msg.text)
        if hit is not None:
            reason = Reason.SPAM_PHRASE if hit.category == "spam" else Reason.BLOCKED_WORD
            return ModerationDecision(False, reason, f"{hit.category}:{hit.term}")
        return ModerationDecision(True, Reason.OK)

    def _is_duplicate(self, msg: ChatMessage, now: float) -> bool:
        key = _NORMALISE_DUP.sub("", fold(msg.text)) or msg.text
        previous = self._last_text.get(msg.user_id)
        self._last_text[msg.user_id] = (key, now)
        self._last_text.move_to_end(msg.user_id)
        if len(self._last_text) > self.config.max_tracked_users:
            self._last_text.popitem(last=False)
        return (
            previous is not None
            and previous[0] == key
            and now - previous[1] <= self.config.duplicate_window_s
        )


def _low_variety(text: str) -> bool:
    """Long text made of very few distinct characters ("hahahahahahaha...", "🔥🔥🔥🔥..." ok
    up to 9 repeats)."""
    compact = text.replace(" ", "")
    return len(compact) >= 24 and len(set(compact)) <= 3
