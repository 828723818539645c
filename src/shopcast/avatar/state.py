"""The pose of the host at one instant: what the motion director computes and the rig draws."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Expression(StrEnum):
    NEUTRAL = "neutral"
    SMILE = "smile"  # warm smile: greetings, offers
    EXCITED = "excited"  # big smile, brows up: reveals, deals
    SURPRISED = "surprised"  # raised brows: questions
    THINKING = "thinking"  # while an answer is prepared


class Gesture(StrEnum):
    NONE = "none"
    PRESENT = "present"  # hand/arm opens toward the product card
    OPEN_PALMS = "open_palms"  # explaining
    WAVE = "wave"  # hello / goodbye
    POINT_DOWN = "point_down"  # call to action ("tap below")


class GazeTarget(StrEnum):
    CAMERA = "camera"
    CARD = "card"  # towards the product card


@dataclass(slots=True)
class MouthShape:
    """A parametric mouth. Visemes are points in this space; blending is interpolation."""

    open: float = 0.0  # jaw opening 0..1
    width: float = 0.5  # 0 narrow/pursed .. 1 wide/spread
    round: float = 0.0  # lip rounding (O, U) 0..1
    press: float = 0.0  # lips pressed together (P, B, M) 0..1
    teeth: float = 0.0  # upper teeth showing (F, V, S, TH) 0..1
    smile: float = 0.0  # mouth corners up 0..1


@dataclass(slots=True)
class AvatarState:
    mouth: MouthShape = field(default_factory=MouthShape)
    blink: float = 0.0  # 0 eyes open .. 1 closed
    gaze_x: float = 0.0  # -1 (host's right, viewer's left) .. 1
    gaze_y: float = 0.0  # -1 up .. 1 down
    head_roll: float = 0.0  # degrees, + tilts clockwise
    head_yaw: float = 0.0  # -1..1 turn (drawn as a small shift and squash)
    head_pitch: float = 0.0  # -1..1 nod (+ down)
    breath: float = 0.0  # 0..1 chest/shoulder rise
    brow_raise: float = 0.0  # 0..1
    expression: Expression = Expression.NEUTRAL
    expression_weight: float = 0.0  # 0..1
    gesture: Gesture = Gesture.NONE
    gesture_amount: float = 0.0  # 0 rest .. 1 full pose
    hair_lag_roll: float = 0.0  # secondary motion: hair/earrings follow head roll, delayed
