"""Extreme poses stay in the rig's box: whatever the state (head rolled, turned and nodded as far
as it goes, every gesture at every stage, a full breath, the mouth wide open), ``draw`` paints
nothing outside ``paint_bounds``, and the head and hair keep clear of the box's edges, so the
box's clip never cuts any of them away."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
import skia

from shopcast.avatar.pack import AvatarPack, list_packs, load_pack
from shopcast.avatar.rig import MAX_ROLL, AvatarRig
from shopcast.avatar.state import AvatarState, Expression, Gesture, MouthShape

HEIGHTS = (360, 720)
PAD = 64  # transparent margin around the rig's box: anything painted there is out of bounds
WIDE_OPEN = MouthShape(open=1.0, width=1.0, teeth=1.0, smile=1.0)
ROUND_OPEN = MouthShape(open=1.0, width=0.0, round=1.0)
EXPRESSIONS = [
    {"expression": e, "expression_weight": 1.0, "brow_raise": 1.0, "blink": 1.0} for e in Expression
]


def head_poses() -> list[AvatarState]:
    """The head and hair as far as they go: every corner of roll x hair lag x yaw x pitch (roll
    and lag past the rig's limit too), breathing in fully, mouth wide open, eyes to a corner."""
    poses = []
    for roll in (-MAX_ROLL, MAX_ROLL, -5 * MAX_ROLL, 5 * MAX_ROLL):
        for lag in (-2 * MAX_ROLL, 2 * MAX_ROLL):
            for yaw in (-1.0, 1.0):
                for pitch in (-1.0, 1.0):
                    poses.append(
                        AvatarState(
                            mouth=dataclasses.replace(WIDE_OPEN if pitch > 0 else ROUND_OPEN),
                            head_roll=roll,
                            hair_lag_roll=lag,
                            head_yaw=yaw,
                            head_pitch=pitch,
                            breath=1.0,
                            gaze_x=yaw,
                            gaze_y=pitch,
                        )
                    )
    for extra in EXPRESSIONS:
        poses.append(AvatarState(mouth=dataclasses.replace(WIDE_OPEN), head_roll=MAX_ROLL, **extra))
    return poses


def gesture_poses() -> list[AvatarState]:
    """Every gesture at every stage (the arm swings and rises in from outside the box), with
    the head at its extremes and a full breath (or more: both are clamped)."""
    heads = [(-MAX_ROLL, -1.0, -1.0), (MAX_ROLL, 1.0, 1.0), (MAX_ROLL, -1.0, 1.0)]
    return [
        AvatarState(
            mouth=dataclasses.replace(WIDE_OPEN),
            head_roll=roll,
            hair_lag_roll=-roll,
            head_yaw=yaw,
            head_pitch=pitch,
            breath=breath,
            gesture=gesture,
            gesture_amount=amount,
        )
        for gesture in Gesture
        for amount in (0.02, 0.25, 0.5, 0.75, 1.0, 1.5)
        for roll, yaw, pitch in heads
        for breath in (1.0, 2.0)
    ]


def alpha_of(rig: AvatarRig, state: AvatarState) -> np.ndarray:
    """The alpha of ``rig`` drawn in ``state`` with its box at (PAD, PAD) on a bigger canvas."""
    w, h = rig.size
    surface = skia.Surface(w + 2 * PAD, h + 2 * PAD)
    canvas = surface.getCanvas()
    canvas.clear(skia.ColorTRANSPARENT)
    rig.draw(canvas, state, PAD, PAD)
    return surface.makeImageSnapshot().toarray()[:, :, 3].astype(np.int64)


def bounds_mask(rig: AvatarRig, shape: tuple[int, ...]) -> np.ndarray:
    """True on the canvas pixels inside ``rig.paint_bounds`` (as drawn at (PAD, PAD))."""
    b = rig.paint_bounds
    left, top = math.floor(b.left()) + PAD, math.floor(b.top()) + PAD
    right, bottom = math.ceil(b.right()) + PAD, math.ceil(b.bottom()) + PAD
    assert left > 0 and top > 0 and right < shape[1] and bottom < shape[0], "PAD too small"
    inside = np.zeros(shape[:2], bool)
    inside[top:bottom, left:right] = True
    return inside


def box_of(rig: AvatarRig, alpha: np.ndarray) -> np.ndarray:
    w, h = rig.size
    return alpha[PAD : PAD + h, PAD : PAD + w]


def one_part(pack: AvatarPack, group: str) -> AvatarPack:
    """The same look with only the layers of ``group`` (the head with its face features, or
    the hair): no body, no arms, so its pixels are that part's alone."""
    layers = [
        layer
        for layer in pack.layers
        if layer.group == group or (layer.is_features and group == "head")
    ]
    assert any(not layer.is_features for layer in layers), f"{pack.name} has no {group} layer"
    return dataclasses.replace(pack, layers=layers, gestures={})


def edges(box: np.ndarray) -> dict[str, int]:
    """The strongest alpha on each of the box's outermost rows and columns."""
    return {
        "top": int(box[0].max()),
        "bottom": int(box[-1].max()),
        "left": int(box[:, 0].max()),
        "right": int(box[:, -1].max()),
    }


@pytest.mark.parametrize("height", HEIGHTS)
@pytest.mark.parametrize("name", list_packs())
def test_extreme_poses_paint_only_inside_the_paint_bounds(name: str, height: int) -> None:
    rig = AvatarRig(load_pack(name), {}, height)
    neutral = alpha_of(rig, AvatarState())
    inside = bounds_mask(rig, neutral.shape)
    assert neutral[inside].sum() > 0
    for state in [AvatarState(), *head_poses(), *gesture_poses()]:
        alpha = alpha_of(rig, state)
        assert alpha[~inside].max() == 0, f"{name}: painted outside paint_bounds in {state}"
        box = box_of(rig, alpha)
        # nothing reaches the top edge (the hair is never cut flat), and the host covers a
        # good part of the box whatever the pose
        assert edges(box)["top"] == 0, f"{name}: cut at the top in {state}"
        assert box.mean() > 0.5 * box_of(rig, neutral).mean(), f"{name}: host lost in {state}"
        if state.gesture is Gesture.NONE or state.gesture_amount >= 1.0:
            # an arm at rest is out of the box, at its full pose inside it: only the body
            # meets an edge, at the bottom (it stands behind the counter)
            sides = edges(box)
            assert sides["left"] == sides["right"] == 0, f"{name}: cut at a side in {state}"


@pytest.mark.parametrize("part", ["head", "hair"])
@pytest.mark.parametrize("height", HEIGHTS)
@pytest.mark.parametrize("name", list_packs())
def test_extreme_head_poses_keep_the_whole_head_in_the_box(
    name: str, height: int, part: str
) -> None:
    """Drawn alone, the head (with its features) and the hair never touch the box's edges, and
    each covers as many pixels as in the neutral pose: it is only moved and turned, so one the
    clip cut into would cover fewer."""
    rig = AvatarRig(one_part(load_pack(name), part), {}, height)
    neutral = box_of(rig, alpha_of(rig, AvatarState()))
    assert edges(neutral) == {"top": 0, "bottom": 0, "left": 0, "right": 0}
    covered = neutral.sum()
    assert covered > 0
    for state in head_poses():
        alpha = alpha_of(rig, state)
        inside = bounds_mask(rig, alpha.shape)
        assert alpha[~inside].max() == 0, f"{name}: painted outside paint_bounds in {state}"
        box = box_of(rig, alpha)
        assert edges(box) == {"top": 0, "bottom": 0, "left": 0, "right": 0}, (
            f"{name}: the {part} reaches the box's edge in {state}"
        )
        # rotation resamples the edges: the coverage moves by well under 1 %
        assert 0.99 * covered < box.sum() < 1.01 * covered, f"{name}: {part} clipped in {state}"
