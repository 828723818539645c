from __future__ import annotations

import pytest
import skia

from shopcast.errors import InvalidInputError
from shopcast.scene.layout import BOTTOM_SAFE, Box, Layout

# (rig size, face box in rig coordinates): typical, square, tall, wide, low face, huge face
RIGS = [
    ((1000, 1250), (320, 150, 360, 425)),
    ((800, 800), (250, 60, 300, 330)),
    ((600, 1600), (180, 120, 240, 300)),
    ((1200, 900), (400, 100, 400, 420)),
    ((1000, 1250), (300, 600, 400, 450)),
    ((1000, 1000), (50, 50, 900, 900)),
]


@pytest.mark.parametrize("aspect", ["9:16", "16:9"])
@pytest.mark.parametrize(("rig_size", "face"), RIGS)
def test_no_overlay_covers_the_face(aspect, rig_size, face):
    layout = Layout.for_aspect(aspect, rig_size, face_box=skia.Rect.MakeXYWH(*face))
    assert layout.face is not None and layout.placement is not None
    for name, box in layout.overlay_boxes.items():
        assert not layout.face.intersects(box), f"{name} covers the face in {aspect}"
    assert not layout.face.intersects(layout.card)
    # The face stays inside the frame and at a readable size.
    assert layout.face.x >= 0 and layout.face.right <= layout.width
    assert layout.face.y >= 0
    assert layout.face.w >= 0.1 * min(layout.width, layout.height)
    # Scaling for live keeps the guarantee.
    small = layout.scaled(2 / 3)
    assert small.face is not None
    assert not any(small.face.intersects(b) for b in small.overlay_boxes.values())


@pytest.mark.parametrize(("aspect", "size"), [("9:16", (1080, 1920)), ("16:9", (1920, 1080))])
def test_sizes_and_safe_areas(aspect, size):
    layout = Layout.for_aspect(aspect)
    assert (layout.width, layout.height) == size
    for name, box in layout.overlay_boxes.items():
        assert box.x >= 0 and box.right <= layout.width, name
        assert box.y >= 0 and box.bottom <= layout.height, name
    # Captions and card sit above the bottom safe area; the label in the top area.
    assert layout.caption.bottom <= layout.height * (1 - BOTTOM_SAFE)
    assert layout.card.bottom <= layout.caption.y
    assert layout.label.bottom <= layout.height * 0.12
    if aspect == "9:16":  # clear of the platform's buttons on the right edge
        assert layout.caption.right <= layout.width * 0.87
        assert layout.card.right <= layout.width * 0.87


def test_portrait_head_fills_upper_half_and_landscape_host_on_one_side():
    rig, face = (1000, 1250), skia.Rect.MakeXYWH(320, 150, 360, 425)
    portrait = Layout.for_aspect("9:16", rig, face_box=face)
    assert portrait.face is not None
    assert portrait.face.bottom <= portrait.height / 2
    assert portrait.face.w >= portrait.width * 0.3
    landscape = Layout.for_aspect("16:9", rig, face_box=face)
    assert landscape.face is not None
    assert landscape.face.right <= landscape.width / 2 <= landscape.card.x


def test_scaled_sizes_are_even():
    assert (Layout.for_aspect("9:16").scaled(2 / 3).width, 1280) == (720, 1280)
    small = Layout.for_aspect("16:9").scaled_to_width(1280)
    assert (small.width, small.height) == (1280, 720)
    odd = Layout.for_aspect("9:16").scaled(0.301)
    assert odd.width % 2 == 0 and odd.height % 2 == 0


@pytest.mark.parametrize("aspect", ["4:3", "", "9x16", "1:1"])
def test_bad_aspect_lists_supported(aspect):
    with pytest.raises(InvalidInputError) as err:
        Layout.for_aspect(aspect)
    assert "9:16" in str(err.value) and "16:9" in str(err.value)


def test_face_box_outside_the_rig_is_refused():
    with pytest.raises(InvalidInputError):
        Layout.for_aspect("9:16", (100, 100), face_box=Box(0, 5000, 100, 100))
    with pytest.raises(InvalidInputError):
        Layout.for_aspect("9:16", (0, 100))


def test_host_on_the_right_mirrors_landscape():
    rig, face = (1000, 1250), skia.Rect.MakeXYWH(320, 150, 360, 425)
    right = Layout.for_aspect("16:9", rig, face_box=face, host_side="right")
    assert right.face is not None
    assert right.face.x >= right.width / 2 >= right.card.right
    assert right.label.x < right.width * 0.1  # the label stays top-left
    assert not any(right.face.intersects(b) for b in right.overlay_boxes.values())
    with pytest.raises(InvalidInputError):
        Layout.for_aspect("16:9", host_side="top")


@pytest.mark.parametrize("aspect", ["9:16", "16:9"])
def test_rig_height_gives_a_one_to_one_placement(aspect):
    rig, face = (1000, 1250), Box(320, 150, 360, 425)
    layout = Layout.for_aspect(aspect)
    height = layout.rig_height(rig, face)
    ratio = height / rig[1]
    rebuilt = layout.with_rig((round(rig[0] * ratio), height), face.scaled(ratio))
    assert rebuilt.placement is not None
    assert rebuilt.placement.scale == pytest.approx(1.0, abs=0.002)


def test_caption_length_per_script():
    layout = Layout.for_aspect("9:16")
    assert layout.caption_max_chars(" ") == 40
    assert layout.caption_max_chars("") == 18  # CJK without spaces: fewer, wider characters
    assert layout.caption_max_chars(" ", "ko") == 20
    assert 900 < layout.host_height < layout.height * 0.6
