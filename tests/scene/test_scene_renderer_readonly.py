"""The renderer caches the set, the counter and the rig's box from its rig, layout and theme when
it is made, so those cannot be swapped afterwards: a new look needs a new renderer."""

from __future__ import annotations

import numpy as np
import pytest

from shopcast.avatar.state import AvatarState
from shopcast.scene.compositor import SceneRenderer
from shopcast.scene.layout import Layout
from shopcast.scene.placeholder_rig import PlaceholderRig
from shopcast.scene.types import Overlay, SceneTheme

THEME = SceneTheme(top="#F8D7E3", bottom="#B98BC9", accent="#E8457A")
OTHER_THEME = SceneTheme(top="#101018", bottom="#000000", accent="#303040")
LABEL = "AI-generated host"


def test_rig_layout_and_theme_are_read_only() -> None:
    rig = PlaceholderRig()
    layout = Layout.for_aspect("9:16").scaled(1 / 3)
    renderer = SceneRenderer(layout, rig, THEME)
    assert renderer.rig is rig
    assert renderer.theme is THEME
    assert renderer.layout == layout.with_rig(rig.size, rig.face_box)
    before = renderer.render(AvatarState(), Overlay(ai_label=LABEL)).copy()

    replacements = {
        "rig": PlaceholderRig(800, 1250),
        "layout": Layout.for_aspect("16:9").scaled(1 / 3),
        "theme": OTHER_THEME,
    }
    for name, value in replacements.items():
        with pytest.raises(AttributeError):
            setattr(renderer, name, value)
        with pytest.raises(AttributeError):
            delattr(renderer, name)

    assert renderer.rig is rig and renderer.theme is THEME
    after = renderer.render(AvatarState(), Overlay(ai_label=LABEL))
    assert np.array_equal(after, before)
    # the way to change the look: a new renderer, which does draw the other set
    other = SceneRenderer(layout, rig, OTHER_THEME).render(AvatarState(), Overlay(ai_label=LABEL))
    assert not np.array_equal(other, before)
