from __future__ import annotations

import pytest
import skia

from shopcast.errors import InvalidInputError
from shopcast.scene.layout import REELS_9_16, TIKTOK_9_16, Box, Layout

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


def variants(aspect: str) -> list[Layout]:
    """The layout as shows use it: full size, live size, and (16:9) with the host on the right."""
    base = Layout.for_aspect(aspect)
    found = [base, base.scaled(2 / 3)]
    if aspect == "16:9":
        found.append(Layout.for_aspect(aspect, host_side="right"))
    return found


@pytest.mark.parametrize(("aspect", "size"), [("9:16", (1080, 1920)), ("16:9", (1920, 1080))])
def test_sizes_and_safe_areas(aspect, size):
    assert (Layout.for_aspect(aspect).width, Layout.for_aspect(aspect).height) == size
    for layout in variants(aspect):
        assert layout.contains(layout.frame, layout.safe)
        for name, box in layout.overlay_boxes.items():
            assert layout.contains(layout.frame, box), f"{name} runs off the frame"
        for name in layout.must_read:
            box = getattr(layout, name)
            assert layout.contains(layout.safe, box), f"{name} is outside the safe area"
        # No two overlays overlap: none hides another (the caption never covers the product).
        boxes = list(layout.overlay_boxes.items())
        for k, (name, box) in enumerate(boxes):
            for other, other_box in boxes[k + 1 :]:
                assert not box.intersects(other_box), f"{name} overlaps {other}"


def test_portrait_safe_area_is_clear_of_tiktok_and_reels_interface():
    layout = Layout.for_aspect("9:16")
    w, h = layout.width, layout.height
    for margins in (TIKTOK_9_16, REELS_9_16):
        clear = Box(
            margins.left * w,
            margins.top * h,
            (1 - margins.left - margins.right) * w,
            (1 - margins.top - margins.bottom) * h,
        )
        assert layout.contains(clear, layout.safe)
    # the published figures, in pixels at 1080x1920
    assert layout.safe.y >= 250 and layout.safe.y >= 0.14 * h
    assert layout.safe.bottom <= h - 420 and layout.safe.right <= w - 170
    assert layout.safe.x >= 0.06 * w


def test_portrait_product_shot_has_room_and_motion():
    rig, face = (1000, 1250), skia.Rect.MakeXYWH(320, 150, 360, 425)
    portrait = Layout.for_aspect("9:16", rig, face_box=face)
    assert portrait.face is not None
    assert portrait.face.bottom <= portrait.card.y  # the head above the product
    assert portrait.face.w >= portrait.width * 0.22
    assert portrait.card.h >= portrait.height * 0.2 and portrait.card.w >= portrait.width * 0.75
    assert portrait.push_in > 0 and portrait.price_reveal is not None


def test_landscape_host_and_large_product_share_the_frame():
    rig, face = (1000, 1250), skia.Rect.MakeXYWH(320, 150, 360, 425)
    landscape = Layout.for_aspect("16:9", rig, face_box=face)
    assert landscape.face is not None and landscape.placement is not None
    assert landscape.face.right <= landscape.card.x  # host on one side, product on the other
    assert landscape.card.w >= 0.5 * landscape.width and landscape.card.h >= 0.5 * landscape.height
    # no half-empty frame: the host's region and the card's column meet in the middle
    host_right = landscape.placement.x + rig[0] * landscape.placement.scale
    assert landscape.card.x - host_right < 0.05 * landscape.width
    # captions under the product, in the product's column: not over the host
    assert landscape.caption.y >= landscape.card.bottom
    assert landscape.caption.x >= landscape.face.right


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
    assert right.face.x >= right.card.right  # the card on the left, the host on the right
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
    assert 700 < layout.host_height < layout.height * 0.5


@pytest.mark.parametrize("aspect", ["9:16", "16:9"])
def test_built_in_looks_keep_face_product_and_captions_apart(aspect):
    from shopcast.avatar.pack import list_packs, load_pack
    from shopcast.avatar.rig import AvatarRig

    for name in list_packs():
        pack = load_pack(name)
        rig = AvatarRig(pack, None, pack.height)
        side = "left" if pack.anchors.card_side == "right" else "right"
        layout = Layout.for_aspect(aspect, rig.size, face_box=rig.face_box, host_side=side)
        face = layout.face
        assert face is not None, name
        assert not layout.caption.intersects(face), f"{name}: caption over the face"
        assert not layout.caption.intersects(layout.card), f"{name}: caption over the product"
        assert not layout.card.intersects(face), f"{name}: card over the face"
        assert layout.contains(layout.frame, face), f"{name}: face off the frame"
        for region in layout.must_read:
            assert layout.contains(layout.safe, getattr(layout, region)), (name, region)
        assert face.w >= 0.22 * min(layout.width, layout.height), f"{name}: face too small"


@pytest.mark.parametrize(("aspect", "width"), [("9:16", 1080), ("9:16", 720), ("16:9", 1280)])
def test_a_rig_built_at_host_height_is_drawn_one_to_one(aspect, width):
    """The live show and the video job build the rig at ``host_height`` and place it without a
    face box: a built-in look then needs no resampling per frame."""
    from shopcast.avatar.pack import load_pack
    from shopcast.avatar.rig import AvatarRig

    base = Layout.for_aspect(aspect).scaled_to_width(width)
    rig = AvatarRig(load_pack("seoul-glow"), None, height=base.host_height)
    placement = base.with_rig(rig.size).placement
    assert placement is not None and placement.scale == 1.0
