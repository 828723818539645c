"""Script → timeline: each beat is spoken by the persona's voice and placed in time."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from shopcast.speech.types import Speech
from shopcast.timeline.performance import Timeline, Utterance
from shopcast.writing.script import Script

LEAD_IN = 0.4  # seconds of idle before the first word (the host is already alive)
GAP = 0.3  # breath between beats
TAIL = 0.8  # idle after the last word, so the video does not cut mid-gesture

Speak = Callable[[str], Speech]


@dataclass(frozen=True)
class BuildProgress:
    done: int
    total: int


def build_timeline(
    script: Script,
    speak: Speak,
    *,
    sample_rate: int = 24_000,
    on_beat: Callable[[BuildProgress], None] | None = None,
) -> Timeline:
    """Synthesize every beat with ``speak`` and lay them out with natural gaps."""
    timeline = Timeline(sample_rate=sample_rate, tail=TAIL)
    t = LEAD_IN
    beats = [b for b in script.beats if b.text.strip()]
    for i, beat in enumerate(beats):
        speech = speak(beat.text)
        utterance = Utterance(
            start=t,
            speech=speech,
            beat=beat.kind,
            expression=beat.expression,
            gesture=beat.gesture,
            gaze=beat.gaze,
            product_sku=script.product_sku,
        )
        timeline.append(utterance)
        t = utterance.end + GAP
        if on_beat:
            on_beat(BuildProgress(i + 1, len(beats)))
    return timeline
