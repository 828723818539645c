"""A sales script: an ordered list of beats, each a line plus the host's intent for it.

Durations are estimated from the text with a per-language speaking rate (measured on the
bundled TTS voices at speed 1.0, rounded; a live host talks a little faster than a narrator):

=========  ==========================  =========
language   unit                         per second
=========  ==========================  =========
en         words                        2.6
es, it,    words                        2.8
pt-BR
fr         words                        2.7
id         words                        2.4
hi         words                        2.4
ko         syllables (Hangul chars)     6.5
ja         characters (kana + kanji)    7.5
zh         characters (Hanzi)           4.5
=========  ==========================  =========

Punctuation adds a short pause (0.25 s per sentence end, 0.1 s per comma).
"""

from __future__ import annotations

import json
import re
from typing import Literal

from pydantic import BaseModel, Field

from shopcast.avatar.state import Expression, GazeTarget, Gesture

BeatKind = Literal["hook", "demo", "proof", "offer", "cta"]
# Who wrote a beat: the model ("llm"), the composer by design ("composed"), the composer after
# the model's line failed a check ("fallback"), or a person in the studio ("edited").
BeatOrigin = Literal["llm", "composed", "fallback", "edited"]
BEAT_ORDER: tuple[BeatKind, ...] = ("hook", "demo", "proof", "offer", "cta")

WORDS_PER_SECOND = {"en": 2.6, "es": 2.8, "it": 2.8, "pt": 2.8, "fr": 2.7, "id": 2.4, "hi": 2.4}
CHARS_PER_SECOND = {"ko": 6.5, "ja": 7.5, "zh": 4.5}
SENTENCE_PAUSE_S = 0.25
COMMA_PAUSE_S = 0.1

# The host's default intent per beat kind: (expression, gesture, gaze).
BEAT_DEFAULTS: dict[str, tuple[Expression, Gesture, GazeTarget]] = {
    "hook": (Expression.SMILE, Gesture.WAVE, GazeTarget.CAMERA),
    "demo": (Expression.SMILE, Gesture.PRESENT, GazeTarget.CARD),
    "proof": (Expression.NEUTRAL, Gesture.OPEN_PALMS, GazeTarget.CAMERA),
    "offer": (Expression.EXCITED, Gesture.PRESENT, GazeTarget.CARD),
    "cta": (Expression.SMILE, Gesture.POINT_DOWN, GazeTarget.CAMERA),
}

_SENTENCE_END = re.compile(r"[.!?。！？।]+")
# A word: letters with their combining marks (Devanagari vowel signs are not \w), digits.
_WORD = re.compile(r"[\w\u0900-\u097f]+(?:[.,'’-][\w\u0900-\u097f]+)*")
_COMMA = re.compile(r"[,;:、，；：]")
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def base_language(language: str) -> str:
    """``pt-BR`` → ``pt``; ``zh-Hans`` → ``zh``."""
    return language.split("-")[0].split("_")[0].lower()


def estimate_seconds(text: str, language: str) -> float:
    """Spoken duration of ``text`` in ``language`` at the documented speaking rates."""
    lang = base_language(language)
    text = text.strip()
    if not text:
        return 0.0
    pauses = SENTENCE_PAUSE_S * len(_SENTENCE_END.findall(text.rstrip(".!?。！？।")))
    pauses += COMMA_PAUSE_S * len(_COMMA.findall(text))
    if lang in CHARS_PER_SECOND:
        cjk = len(_CJK_CHAR.findall(text))
        # Latin words and numbers inside CJK text: ~2 "syllables" each.
        other = len(re.findall(r"[A-Za-z0-9]+", text))
        speech = (cjk + 2 * other) / CHARS_PER_SECOND[lang]
    else:
        words = len(_WORD.findall(text))
        speech = words / WORDS_PER_SECOND.get(lang, 2.6)
    return round(speech + pauses, 2)


class Beat(BaseModel):
    kind: BeatKind
    text: str = Field(min_length=1)
    est_seconds: float = Field(ge=0)
    expression: Expression
    gesture: Gesture
    gaze: GazeTarget
    origin: BeatOrigin = "composed"

    @classmethod
    def make(
        cls, kind: BeatKind, text: str, language: str, *, origin: BeatOrigin = "composed"
    ) -> Beat:
        """A beat with the kind's default intent and an estimated duration."""
        expression, gesture, gaze = BEAT_DEFAULTS[kind]
        return cls(
            kind=kind,
            text=text,
            est_seconds=estimate_seconds(text, language),
            expression=expression,
            gesture=gesture,
            gaze=gaze,
            origin=origin,
        )


class Script(BaseModel):
    product_sku: str
    persona: str
    market: str
    language: str
    length_target_s: float = Field(gt=0)
    beats: list[Beat]
    variant: int = Field(default=0, ge=0)
    angle: str = ""  # problem | benefit | demo | proof | price (writing.plan.ANGLES)
    brief: str | None = None
    seconds_taken: float = 0.0  # how long writing it took
    # What the grounding check did: e.g. "beat 2 (proof) regenerated: claim: 'cure'".
    checks: list[str] = Field(default_factory=list)

    @property
    def total_seconds(self) -> float:
        return round(sum(b.est_seconds for b in self.beats), 2)

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.beats)

    def to_json(self) -> str:
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=2)
