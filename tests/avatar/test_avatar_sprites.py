"""Stamps: a sprite blitted as copied opaque pixels plus blended edges gives exactly the pixels
of a plain source-over ``drawImage``, at whole pixels and (through the fallback) off them."""

from __future__ import annotations

import numpy as np
import pytest
import skia

from shopcast.avatar.pack import load_pack
from shopcast.avatar.rig import AvatarRig
from shopcast.avatar.sprites import Sprite, Stamp

LINEAR = skia.SamplingOptions(skia.FilterMode.kLinear)


@pytest.fixture(scope="module")
def sprites() -> list[Sprite]:
    rig = AvatarRig(load_pack("seoul-glow"), None, 400)
    parts = [layer.sprite for layer in rig._layers if layer.sprite is not None]
    return parts + [arm.sprite for arm in rig._arms.values()]


def canvas_over(background: np.ndarray) -> tuple[np.ndarray, skia.Canvas, skia.Surface]:
    pixels = background.copy()
    surface = skia.Surface(
        pixels, colorType=skia.kRGBA_8888_ColorType, alphaType=skia.kPremul_AlphaType
    )
    return pixels, surface.getCanvas(), surface


def backgrounds() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(7)
    noisy = rng.integers(0, 256, (520, 520, 4), dtype=np.uint8)
    noisy[..., 3] = 255
    half = rng.integers(0, 128, (520, 520, 4), dtype=np.uint8)  # premultiplied, half alpha
    half[..., 3] = 128
    return {"opaque": noisy, "translucent": half, "clear": np.zeros((520, 520, 4), np.uint8)}


@pytest.mark.parametrize("background", ["opaque", "translucent", "clear"])
@pytest.mark.parametrize("transform", ["whole pixels", "half pixel", "scaled"])
def test_stamp_draws_the_same_pixels_as_draw_image(
    sprites: list[Sprite], background: str, transform: str
) -> None:
    base = backgrounds()[background]
    for sprite in sprites:
        for degrees in (0.0, -3.0, 4.2):
            stamp, left, top = sprite.rotated(degrees, 150.0, 200.0)
            assert isinstance(stamp, Stamp)
            assert not stamp.opaque.isEmpty() and not stamp.partial.isEmpty()
            expected, plain, plain_surface = canvas_over(base)
            got, stamped, stamped_surface = canvas_over(base)
            for canvas in (plain, stamped):
                canvas.translate(7, 11)
                if transform == "half pixel":
                    canvas.translate(0.5, 0.0)
                elif transform == "scaled":
                    canvas.scale(0.8, 0.8)
            original = sprite.image if degrees == 0.0 else stamp.image  # BGRA / RGBA copy
            plain.drawImage(original, left - 3, top + 2, LINEAR)
            stamp.draw(stamped, left - 3, top + 2, LINEAR)
            del plain, stamped, plain_surface, stamped_surface
            assert np.array_equal(got, expected), (sprite.left, degrees)


def test_a_stamp_copies_only_opaque_pixels_and_blends_every_other_visible_one(
    sprites: list[Sprite],
) -> None:
    for sprite in sprites[:3]:
        stamp = sprite.stamp
        alpha = stamp.image.toarray(
            colorType=skia.kRGBA_8888_ColorType, alphaType=skia.kPremul_AlphaType
        )[:, :, 3]
        copied = blended = 0
        for y in range(0, alpha.shape[0], 3):
            for x in range(0, alpha.shape[1], 3):
                opaque, partial = stamp.opaque.contains(x, y), stamp.partial.contains(x, y)
                assert not (opaque and partial)
                if opaque:
                    assert alpha[y, x] == 255
                if 0 < alpha[y, x] < 255:
                    assert partial
                if alpha[y, x]:
                    assert opaque or partial
                copied, blended = copied + opaque, blended + partial
        assert copied > 2 * blended  # most of a part is copied, not blended
