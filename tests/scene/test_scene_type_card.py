"""A product without a picture gets a typographic card: its title, brand and category set on a
colour field from the theme, never an empty picture box."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
import skia
import yaml

from shopcast.avatar.state import AvatarState
from shopcast.catalog.models import Product, ProductText, Variant
from shopcast.markets.registry import get_market
from shopcast.scene.compositor import SceneRenderer
from shopcast.scene.layout import Layout
from shopcast.scene.placeholder_rig import PlaceholderRig
from shopcast.scene.product_card import (
    contrast_ratio,
    render_card,
    shadow_pad,
    type_card_colors,
)
from shopcast.scene.raster import image_pixels
from shopcast.scene.types import Overlay, ProductCard, SceneTheme
from shopcast.video.product_card import product_card_for

PACKS = Path(__file__).parents[2] / "src" / "shopcast" / "avatar" / "packs"
THEMES = [
    SceneTheme.from_mapping(yaml.safe_load((pack / "pack.yaml").read_text())["background"])
    for pack in sorted(PACKS.iterdir())
    if (pack / "pack.yaml").is_file()
] + [
    SceneTheme(top="#F8D7E3", bottom="#B98BC9", accent="#E8457A"),
    SceneTheme(top="#ffffff", bottom="#f0f0f0", accent="#fff6a0"),  # a pale accent
    SceneTheme(top="#101018", bottom="#000000", accent="#303040"),  # a dark one
]
THEME = THEMES[0]
LAYOUT = Layout.for_aspect("9:16")
UNIT = float(min(LAYOUT.width, LAYOUT.height))
W, H = int(LAYOUT.card.w), int(LAYOUT.card.h)
PAD = shadow_pad(UNIT)


def card_pixels(card: ProductCard, theme: SceneTheme = THEME) -> np.ndarray:
    """The card's body (shadow margin cut off) as RGB ints."""
    image = render_card(card, W, H, theme, UNIT, False)
    return image_pixels(image)[PAD : PAD + H, PAD : PAD + W, :3].astype(int)


def jacket(**changes: object) -> ProductCard:
    fields: dict[str, object] = {
        "title": "Rain Jacket",
        "price_text": "$59.00",
        "compare_at_text": "$79.00",
        "subtitle": "Northbound",
        "category": "apparel",
    }
    fields.update(changes)
    return ProductCard(**fields)  # type: ignore[arg-type]


def whiteish(pixels: np.ndarray) -> np.ndarray:
    return pixels.min(axis=2) > 225


def test_card_without_a_picture_has_no_empty_box_and_draws_its_title() -> None:
    pixels = card_pixels(jacket())
    field, deep = type_card_colors(THEME)
    # A colour field, not a white card with a hole: white only where type is.
    assert 0.01 < whiteish(pixels).mean() < 0.15
    corner = pixels[int(H * 0.45), int(W * 0.05)]
    colours = np.array(
        [[skia.ColorGetR(c), skia.ColorGetG(c), skia.ColorGetB(c)] for c in (field, deep)]
    )
    assert np.abs(colours - corner).sum(axis=1).min() < 60  # the theme's field, lit softly

    # Where a picture card puts its picture there is no empty box: the title is set there.
    inset = UNIT * 0.03
    side = int(min(H - 2 * inset, W * 0.36))
    slot = pixels[int(inset) : int(inset) + side, int(inset) : int(inset) + side]
    assert whiteish(slot).mean() > 0.03
    assert not (slot == slot[0, 0]).all(axis=2).mean() > 0.9  # not one flat colour

    # The title is drawn: another title changes the pixels of the title lines, and only there.
    other = card_pixels(jacket(title="Rain Hat"))
    changed = np.abs(other - pixels).sum(axis=2) > 60
    rows = np.flatnonzero(changed.any(axis=1))
    assert changed.sum() > 500
    assert rows.min() > H * 0.15 and rows.max() < H * 0.75  # below the eyebrow, above the price


def test_brand_and_category_are_the_eyebrow() -> None:
    bare = card_pixels(jacket(subtitle=None, category=None))
    full = card_pixels(jacket())
    changed = np.abs(full - bare).sum(axis=2) > 60
    rows = np.flatnonzero(changed.any(axis=1))
    assert changed.sum() > 200
    assert rows.min() < H * 0.2  # at the top; the title moves down under it
    only_brand = card_pixels(jacket(category=None))
    assert not np.array_equal(only_brand[: int(H * 0.2)], full[: int(H * 0.2)])


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.accent)
def test_the_field_is_the_accent_with_readable_white_type(theme: SceneTheme) -> None:
    field, deep = type_card_colors(theme)
    assert contrast_ratio(field, skia.ColorWHITE) >= 4.5
    assert contrast_ratio(deep, skia.ColorWHITE) >= contrast_ratio(field, skia.ColorWHITE)
    pixels = card_pixels(jacket(), theme)
    assert whiteish(pixels).mean() > 0.01  # the type shows on every theme


def test_a_long_title_is_shortened_not_spilled_over_the_price() -> None:
    long = "Carbon Steel Pan 28 cm, pre-seasoned, oven safe to 300 °C, induction ready " * 3
    pixels = card_pixels(jacket(title=long.strip()))
    short = card_pixels(jacket(title="Cup"))
    # The foot of the card (price and was-price; the monogram is further right) is the same
    # whatever the title's length: a long title ends with "…" above it.
    foot = (slice(int(H * 0.66), H), slice(0, int(W * 0.4)))
    assert np.array_equal(pixels[foot], short[foot])
    assert whiteish(pixels[: int(H * 0.66)]).mean() > whiteish(short[: int(H * 0.66)]).mean()


def test_a_pictureless_card_in_a_frame() -> None:
    renderer = SceneRenderer(LAYOUT.scaled(0.5), PlaceholderRig(), THEME)
    plain = renderer.render(AvatarState(), Overlay(ai_label="AI host")).copy()
    frame = renderer.render(
        AvatarState(), Overlay(ai_label="AI host", t=5.0, card=jacket(), card_since=0.0)
    ).copy()
    box = renderer.layout.card
    inside = (slice(int(box.y) + 4, int(box.bottom) - 4), slice(int(box.x) + 4, int(box.right) - 4))
    changed = np.abs(frame[inside][..., :3].astype(int) - plain[inside][..., :3]).sum(axis=2)
    assert (changed > 30).mean() > 0.9  # the whole box is the card, drawn
    assert whiteish(frame[inside][..., :3]).mean() < 0.15


def _product(**changes: object) -> Product:
    fields: dict[str, object] = {
        "sku": "rain-jacket",
        "title": "Rain Jacket",
        "brand": "Northbound",
        "category": "apparel",
        "variants": [Variant(sku="RJ-1", price=Decimal("59"), market_prices={"KRW": 79000})],
        "texts": {"ko": ProductText(title="레인 재킷", origin="seller")},
    }
    fields.update(changes)
    return Product(**fields)  # type: ignore[arg-type]


def test_product_card_for_a_product_without_pictures(tmp_path: Path) -> None:
    english = product_card_for(_product(), get_market("en-US"), tmp_path)
    assert english.image_path is None
    assert (english.title, english.subtitle, english.category) == (
        "Rain Jacket",
        "Northbound",
        "apparel",
    )
    korean = product_card_for(_product(), get_market("ko-KR"), tmp_path)
    # The market's language: the Korean title; the category word is English, so it is left off.
    assert (korean.title, korean.subtitle, korean.category) == ("레인 재킷", "Northbound", None)
    assert korean.price_text and korean.image_path is None
    # A picture that is listed but missing on disk also gives the typographic card.
    gone = product_card_for(_product(images=["products/x/gone.png"]), get_market("en-US"), tmp_path)
    assert gone.image_path is None
