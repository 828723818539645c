"""The motion director: from a timeline and a clock time to the host's pose at that instant.

Every value is a pure function of ``t``, the timeline and the seed (idle events come from
seeded schedules), so offline rendering, live rendering and random access agree.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING

from shopcast.avatar.easing import bump, clamp01, ramp, smoothstep, window
from shopcast.avatar.lips import LipTrack
from shopcast.avatar.mouth import REST
from shopcast.avatar.schedule import blink_schedule, breath_schedule, saccade_schedule
from shopcast.avatar.state import AvatarState, Expression, GazeTarget, Gesture, MouthShape

if TYPE_CHECKING:
    from shopcast.timeline.performance import Timeline, Utterance

BLINK_LEN = 0.15
GESTURE_LEAD = 0.2  # gestures start this long before the utterance they illustrate
HAIR_DELAY = 0.14
_LOOKBACK = 3.0  # s of past utterances that can still shape the pose (settling, decays)
LOOKAHEAD = 1.0  # s of coming utterances that can shape the pose (a frame needs them known)
_SMILE = {Expression.SMILE: 0.55, Expression.EXCITED: 0.85}


class MotionDirector:
    """Computes ``AvatarState`` for any time of a (possibly growing) timeline."""

    def __init__(self, seed: int = 0, fps: float = 30.0, card_side: str = "right") -> None:
        self.seed = seed
        self.fps = fps
        self.card_dir = 1.0 if card_side == "right" else -1.0
        self._blinks = blink_schedule(seed)
        self._saccades = saccade_schedule(seed)
        self._breaths = breath_schedule(seed)
        self._tracks: OrderedDict[int, LipTrack] = OrderedDict()
        self._thinking: list[list[float]] = []
        phases = [((seed * 7919 + k * 104729) % 1000) / 1000 * math.tau for k in range(6)]
        self._phases = phases

    # ------------------------------------------------------------ live hooks
    def think(self, start: float, end: float | None = None) -> None:
        """Show the thinking look from ``start`` (until ``end`` or ``stop_thinking``)."""
        self._thinking.append([start, math.inf if end is None else end])

    def stop_thinking(self, at: float) -> None:
        for span in self._thinking:
            if span[1] == math.inf and span[0] <= at:
                span[1] = at

    # ------------------------------------------------------------ helpers
    def track(self, utterance: Utterance) -> LipTrack:
        """The lip track of an utterance, built once and cached by the speech's identity."""
        key = id(utterance.speech)
        track = self._tracks.get(key)
        if track is None or track.speech is not utterance.speech:
            track = LipTrack(utterance.speech, self.fps)
            self._tracks[key] = track
            if len(self._tracks) > 256:
                self._tracks.popitem(last=False)
        else:
            self._tracks.move_to_end(key)
        return track

    def _near(self, timeline: Timeline, t: float) -> list[Utterance]:
        """Utterances that may matter at ``t``: from ~3 s ago to ``LOOKAHEAD`` s ahead."""
        return timeline.window(t - _LOOKBACK, t + LOOKAHEAD)

    @staticmethod
    def _envelope(
        t: float,
        near: list[Utterance],
        key: Callable[[Utterance], object],
        lead: float,
        rise: float,
        tail: float,
        fall: float,
        merge: float,
    ) -> tuple[float, Utterance | None]:
        """The strongest eased window over utterances whose ``key`` is not None: it rises
        ``lead`` s before the start and falls ``tail`` s after the end. Neighbours with the same
        key less than ``merge`` s apart are held through the gap instead of dipping."""
        best, which = 0.0, None
        for i, u in enumerate(near):
            k = key(u)
            if k is None:
                continue
            prev = near[i - 1] if i > 0 else None
            nxt = near[i + 1] if i + 1 < len(near) else None
            if prev is not None and key(prev) == k and u.start - prev.end < merge:
                w_in = 1.0 if t >= prev.end else 0.0
            else:
                w_in = ramp(t, u.start - lead, rise)
            if nxt is not None and key(nxt) == k and nxt.start - u.end < merge:
                w_out = 1.0 if t < nxt.start else 0.0
            else:
                w_out = 1.0 - ramp(t, u.end + tail, fall)
            w = min(w_in, w_out)
            if w > best:
                best, which = w, u
        return best, which

    # ------------------------------------------------------------ the pose
    def state_at(self, t: float, timeline: Timeline) -> AvatarState:
        near = self._near(timeline, t)
        speaking = next((u for u in near if u.start <= t < u.end), None)

        # expression (and the live thinking look, which wins)
        expr_w, expr_u = self._envelope(t, near, _expression_key, 0.3, 0.3, 0.6, 0.6, 1.2)
        expression = expr_u.expression if expr_u is not None else Expression.NEUTRAL
        think_w = max((window(t, a, b, 0.4, 0.4) for a, b in self._thinking), default=0.0)
        if think_w > 0.0 and think_w >= expr_w:
            expression, expr_w = Expression.THINKING, think_w

        # lips: only while an utterance sounds; otherwise at rest
        if speaking is not None:
            mouth = self.track(speaking).mouth_at(t - speaking.start)
        else:
            mouth = MouthShape(REST.open, REST.width, REST.round, REST.press, REST.teeth, 0.0)
        mouth.smile = min(1.0, mouth.smile + _SMILE.get(expression, 0.0) * expr_w)

        # gaze: camera, or the product card, plus saccades; thinking looks up and away
        card_w, _ = self._envelope(t, near, _card_key, 0.3, 0.25, 0.2, 0.3, 0.8)
        sx, sy = self._saccade(t)
        gaze_x = sx + card_w * 0.8 * self.card_dir
        gaze_y = sy + card_w * 0.18
        if expression is Expression.THINKING:
            gaze_x += expr_w * (-0.55 * self.card_dir - gaze_x * 0.5)
            gaze_y += expr_w * -0.6

        roll, pitch, yaw, brow = self._head(t, near)
        yaw += card_w * 0.22 * self.card_dir
        if expression is Expression.THINKING:
            roll += expr_w * 3.0 * self.card_dir
            yaw -= expr_w * 0.12 * self.card_dir
        hair_roll = self._head(t - HAIR_DELAY, near)[0] - self._head(t, near)[0]

        gesture_w, gesture_u = self._envelope(
            t, near, _gesture_key, GESTURE_LEAD, 0.3, -0.1, 0.5, 0.6
        )
        gesture = gesture_u.gesture if gesture_u is not None else Gesture.NONE
        if gesture is Gesture.WAVE and gesture_u is not None:
            wave = 0.5 + 0.5 * math.cos(math.tau * 2.2 * (t - gesture_u.start + GESTURE_LEAD))
            gesture_w *= 1.0 - 0.16 * (1.0 - wave) * smoothstep(gesture_w)

        return AvatarState(
            mouth=mouth,
            blink=max(self._blink(t), self._turn_blink(t, near)),
            gaze_x=max(-1.0, min(1.0, gaze_x)),
            gaze_y=max(-1.0, min(1.0, gaze_y)),
            head_roll=roll,
            head_yaw=max(-1.0, min(1.0, yaw)),
            head_pitch=max(-1.0, min(1.0, pitch)),
            breath=self._breath(t),
            brow_raise=clamp01(brow),
            expression=expression,
            expression_weight=clamp01(expr_w),
            gesture=gesture,
            gesture_amount=clamp01(gesture_w),
            hair_lag_roll=hair_roll,
        )

    # ------------------------------------------------------------ idle parts
    def _blink(self, t: float) -> float:
        value = 0.0
        for i in self._blinks.between(t - 0.6, t + 0.01):
            start = self._blinks.times[i]
            value = max(value, _blink_shape(t - start))
            if self._blinks.data[i][0]:
                value = max(value, _blink_shape(t - start - 0.28))
        return value

    def _turn_blink(self, t: float, near: list[Utterance]) -> float:
        """A blink as the head turns to or from the product card."""
        value = 0.0
        for prev, u in zip(near, near[1:], strict=False):
            if u.gaze is not prev.gaze:
                value = max(value, _blink_shape(t - (u.start - 0.3)))
        if near and near[0].gaze is GazeTarget.CARD:
            value = max(value, _blink_shape(t - (near[0].start - 0.3)))
        return value

    def _saccade(self, t: float) -> tuple[float, float]:
        i = self._saccades.index_before(t)
        if i < 0:
            return 0.0, 0.0
        dx, dy = self._saccades.data[i]
        if i == 0:
            px = py = 0.0
        else:
            px, py = self._saccades.data[i - 1]
        k = smoothstep((t - self._saccades.times[i]) / 0.05)
        return px + (dx - px) * k, py + (dy - py) * k

    def _breath(self, t: float) -> float:
        i = self._breaths.index_before(t)
        if i < 0:
            start, length = self._breaths.first - 4.0, 4.0
        else:
            start = self._breaths.time(i)
            length = self._breaths.time(i + 1) - start
        phase = (t - start) / length
        return 0.5 - 0.5 * math.cos(math.tau * phase)

    def _head(self, t: float, near: list[Utterance]) -> tuple[float, float, float, float]:
        """Head roll (deg), pitch, yaw and brow raise: slow drift plus eased accents."""
        ph = self._phases
        roll = 1.2 * math.sin(0.21 * t + ph[0]) + 0.6 * math.sin(0.53 * t + ph[1])
        pitch = 0.04 * math.sin(0.17 * t + ph[2]) + 0.02 * math.sin(0.41 * t + ph[3])
        yaw = 0.05 * math.sin(0.13 * t + ph[4]) + 0.025 * math.sin(0.37 * t + ph[5])
        brow = 0.0
        for u in near:
            if u.end + 1.0 < t or u.start - 0.5 > t:
                continue
            track = self.track(u)
            for k, a in enumerate(track.accents):
                at = u.start + a - 0.08  # the head leads the stressed syllable a little
                b = bump(t, at, 0.45)
                if b:
                    sign = 1.0 if _coin(self.seed, k, 1) else -1.0
                    pitch += 0.22 * b
                    roll += 1.4 * sign * b
                    brow += 0.3 * b
            for k, e in enumerate(track.sentence_ends):
                b = bump(t, u.start + e - 0.15, 0.7)
                if b:
                    pitch += 0.3 * b
                    roll += (2.2 if _coin(self.seed, k, 2) else -2.2) * b
            if u.expression is Expression.SURPRISED:
                roll += 2.5 * window(t, u.start - 0.3, u.end, 0.4, 0.5)
        return roll, pitch, yaw, brow


def _blink_shape(dt: float) -> float:
    """0 → 1 → 0 over ~150 ms: a fast close, a brief hold, a slightly slower open."""
    if dt <= 0.0 or dt >= BLINK_LEN:
        return 0.0
    if dt < 0.055:
        return smoothstep(dt / 0.055)
    if dt < 0.075:
        return 1.0
    return 1.0 - smoothstep((dt - 0.075) / (BLINK_LEN - 0.075))


def _coin(seed: int, index: int, stream: int) -> bool:
    """A repeatable coin flip (Python's ``hash`` of strings changes between processes)."""
    return ((seed * 2654435761 + index * 40503 + stream * 9973) >> 7) & 1 == 1


def _expression_key(u: Utterance) -> Expression | None:
    return u.expression if u.expression is not Expression.NEUTRAL else None


def _card_key(u: Utterance) -> GazeTarget | None:
    return u.gaze if u.gaze is GazeTarget.CARD else None


def _gesture_key(u: Utterance) -> Gesture | None:
    return u.gesture if u.gesture is not Gesture.NONE else None
