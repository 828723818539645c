"""The rig: every look and option renders, the face box fits, dynamic parts change pixels."""

from __future__ import annotations

import numpy as np
import pytest
import skia

from shopcast.avatar.pack import list_packs, load_pack
from shopcast.avatar.rig import AvatarRig
from shopcast.avatar.state import AvatarState, Expression, Gesture, MouthShape
from shopcast.errors import InvalidInputError

HEIGHT = 360


def render(rig: AvatarRig, state: AvatarState, pad: int = 0) -> np.ndarray:
    w, h = rig.size
    surface = skia.Surface(w + 2 * pad, h + 2 * pad)
    canvas = surface.getCanvas()
    canvas.clear(skia.ColorTRANSPARENT)
    rig.draw(canvas, state, pad, pad)
    return surface.makeImageSnapshot().toarray().astype(np.int16)


def region(rig: AvatarRig, x: float, y: float, half: float) -> tuple[slice, slice]:
    s = rig.scale
    return slice(int((y - half) * s), int((y + half) * s)), slice(
        int((x - half) * s), int((x + half) * s)
    )


@pytest.mark.parametrize("name", list_packs())
def test_every_option_value_renders(name: str) -> None:
    pack = load_pack(name)
    busy = AvatarState(
        mouth=MouthShape(open=0.7, teeth=0.5),
        blink=0.4,
        head_roll=3.0,
        hair_lag_roll=-1.0,
        expression=Expression.SMILE,
        expression_weight=1.0,
        gesture=Gesture.PRESENT,
        gesture_amount=0.6,
    )
    looks = [{}] + [{opt: v} for opt, spec in pack.options.items() for v in spec.values]
    for options in looks:
        rig = AvatarRig(pack, options, HEIGHT)
        assert rig.options == pack.resolve_options(options)
        pixels = render(rig, busy)
        assert pixels[:, :, 3].mean() > 40  # the host covers a good part of its box


@pytest.mark.parametrize("name", list_packs())
def test_options_recolour_the_art(name: str) -> None:
    pack = load_pack(name)
    base = render(AvatarRig(pack, {}, HEIGHT), AvatarState())
    for option in ("hair_color", "outfit_color", "skin_tone"):
        spec = pack.options[option]
        other = next(v for v in spec.values if v != spec.default)
        changed = render(AvatarRig(pack, {option: other}, HEIGHT), AvatarState())
        assert (np.abs(changed - base).max(axis=2) > 20).mean() > 0.01, option


@pytest.mark.parametrize("name", list_packs())
def test_face_box_inside_rig_and_around_the_features(name: str) -> None:
    pack = load_pack(name)
    rig = AvatarRig(pack, {}, 1150)
    w, h = rig.size
    box = rig.face_box
    assert 0 <= box.left() < box.right() <= w and 0 <= box.top() < box.bottom() <= h
    s = rig.scale
    for px, py in (pack.anchors.eye_left, pack.anchors.eye_right, pack.anchors.mouth):
        assert box.contains(px * s, py * s)
    assert h == 1150 and w > 0


@pytest.mark.parametrize("name", list_packs())
def test_mouth_opening_changes_mouth_pixels_only_there(name: str) -> None:
    pack = load_pack(name)
    rig = AvatarRig(pack, {}, HEIGHT)
    closed = render(rig, AvatarState())
    opened = render(rig, AvatarState(mouth=MouthShape(open=1.0, width=0.6)))
    diff = np.abs(opened - closed).max(axis=2) > 24
    mx, my = pack.anchors.mouth
    ys, xs = region(rig, mx, my, pack.face.mouth_width)
    assert diff[ys, xs].sum() > 30
    assert diff.sum() - diff[ys, xs].sum() == 0  # nothing else moved


def test_pressed_lips_stay_closed_and_blink_closes_the_eyes() -> None:
    pack = load_pack("seoul-glow")
    rig = AvatarRig(pack, {}, HEIGHT)
    rest = render(rig, AvatarState())
    pressed = render(rig, AvatarState(mouth=MouthShape(open=1.0, press=1.0)))
    mx, my = pack.anchors.mouth
    ys, xs = region(rig, mx, my, pack.face.mouth_width)
    inner = np.array([int(pack.colors()["mouth_inner"][i : i + 2], 16) for i in (5, 3, 1)])
    dark = np.abs(pressed[ys, xs, :3] - inner).sum(axis=2) < 30
    assert dark.sum() == 0  # no open mouth showing
    assert np.abs(pressed - rest).max() < 200
    blink = render(rig, AvatarState(blink=1.0))
    ex, ey = pack.anchors.eye_left
    ys, xs = region(rig, ex, ey, pack.face.eye_width / 2)
    assert (np.abs(blink[ys, xs] - rest[ys, xs]).max(axis=2) > 40).sum() > 40


def test_gesture_draws_an_arm_and_head_roll_moves_the_head() -> None:
    rig = AvatarRig(load_pack("street-studio"), {}, HEIGHT)
    rest = render(rig, AvatarState())
    for gesture in (Gesture.PRESENT, Gesture.OPEN_PALMS, Gesture.WAVE, Gesture.POINT_DOWN):
        posed = render(rig, AvatarState(gesture=gesture, gesture_amount=1.0))
        assert (np.abs(posed - rest).max(axis=2) > 30).sum() > 500, gesture
    rolled = render(rig, AvatarState(head_roll=5.0))
    assert (np.abs(rolled - rest).max(axis=2) > 30).sum() > 500


def test_draw_stays_inside_its_box_on_a_bigger_canvas() -> None:
    rig = AvatarRig(load_pack("cosy-kitchen"), {}, HEIGHT)
    pixels = render(rig, AvatarState(gesture=Gesture.WAVE, gesture_amount=0.5, head_roll=8), pad=40)
    w, h = rig.size
    alpha = pixels[:, :, 3]
    assert alpha[:40].max() == 0 and alpha[40 + h :].max() == 0
    assert alpha[:, :40].max() == 0 and alpha[:, 40 + w :].max() == 0


def test_too_small_height_is_refused() -> None:
    with pytest.raises(InvalidInputError):
        AvatarRig(load_pack("cosy-kitchen"), {}, 10)


def test_prewarmed_rotations_draw_the_same_pixels() -> None:
    pack = load_pack("seoul-glow")
    state = AvatarState(head_roll=2.3, hair_lag_roll=-0.7, breath=0.4)
    fresh = render(AvatarRig(pack, {}, HEIGHT), state)
    warmed_rig = AvatarRig(pack, {}, HEIGHT)
    assert warmed_rig.prewarm(max_roll=3.0) > 0
    assert np.array_equal(render(warmed_rig, state), fresh)
