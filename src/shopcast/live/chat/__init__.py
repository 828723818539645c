"""Live chat: typed messages, moderation, question ranking and grounded answer text.

Flow: platform adapter → :class:`ChatMessage` → :class:`Moderator` → :class:`ChatIntake`
(bounded) → :class:`QuestionQueue` (ranked, merged) → retrieval → :func:`compose_answer`.
"""

from shopcast.live.chat.answers import Answer, compose_answer
from shopcast.live.chat.desk import ChatDesk
from shopcast.live.chat.intake import ChatIntake, Priority
from shopcast.live.chat.intent import Intent, classify_intent, is_question
from shopcast.live.chat.messages import ChatMessage
from shopcast.live.chat.moderation import ModerationConfig, ModerationDecision, Moderator, Reason
from shopcast.live.chat.questions import QuestionQueue, RankedQuestion

__all__ = [
    "Answer",
    "ChatDesk",
    "ChatIntake",
    "ChatMessage",
    "Intent",
    "ModerationConfig",
    "ModerationDecision",
    "Moderator",
    "Priority",
    "QuestionQueue",
    "RankedQuestion",
    "Reason",
    "classify_intent",
    "compose_answer",
    "is_question",
]
