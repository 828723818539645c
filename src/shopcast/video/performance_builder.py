"""Script → timeline: each beat is spoken by the persona's voice and placed in time.

``TimelineBuilder`` places beats one by one as their speech arrives, so a job can render the
start of a video while later beats are still being spoken; ``build_timeline`` does all of it at
once. Both place every beat at the same time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from shopcast.speech.types import Speech
from shopcast.timeline.performance import Timeline, Utterance
from shopcast.writing.script import Beat, Script

LEAD_IN = 0.4  # seconds of idle before the first word (the host is already alive)
GAP = 0.3  # breath between beats
TAIL = 0.8  # idle after the last word, so the video does not cut mid-gesture

Speak = Callable[[str], Speech]


@dataclass(frozen=True)
class BuildProgress:
    done: int
    total: int


def spoken_beats(script: Script) -> list[Beat]:
    """The beats that are spoken (a beat of blank text is skipped)."""
    return [b for b in script.beats if b.text.strip()]


class TimelineBuilder:
    """Appends the spoken beats of ``script`` to a timeline in order, one speech at a time."""

    def __init__(self, script: Script, *, sample_rate: int = 24_000) -> None:
        self.script = script
        self.beats = spoken_beats(script)
        self.timeline = Timeline(sample_rate=sample_rate, tail=TAIL)
        self.next_start = LEAD_IN  # where the next beat will start

    @property
    def placed(self) -> int:
        return len(self.timeline.utterances)

    @property
    def done(self) -> bool:
        return self.placed == len(self.beats)

    def add(self, speech: Speech) -> Utterance:
        """Place the next beat, spoken as ``speech``."""
        if self.done:
            raise ValueError("every beat of the script is already on the timeline")
        beat = self.beats[self.placed]
        utterance = Utterance(
            start=self.next_start,
            speech=speech,
            beat=beat.kind,
            expression=beat.expression,
            gesture=beat.gesture,
            gaze=beat.gaze,
            product_sku=self.script.product_sku,
        )
        self.timeline.append(utterance)
        self.next_start = utterance.end + GAP
        return utterance

    def estimated_duration(self) -> float:
        """The timeline's length so far plus the script's estimate for the beats to come."""
        if self.done:
            return self.timeline.duration
        rest = self.beats[self.placed :]
        return self.next_start + sum(b.est_seconds for b in rest) + GAP * (len(rest) - 1) + TAIL


def build_timeline(
    script: Script,
    speak: Speak,
    *,
    sample_rate: int = 24_000,
    on_beat: Callable[[BuildProgress], None] | None = None,
) -> Timeline:
    """Synthesize every beat with ``speak`` and lay them out with natural gaps."""
    builder = TimelineBuilder(script, sample_rate=sample_rate)
    for beat in builder.beats:
        builder.add(speak(beat.text))
        if on_beat:
            on_beat(BuildProgress(builder.placed, len(builder.beats)))
    return builder.timeline
