"""Avatar packs: the built-ins load, options resolve, and broken packs fail clearly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from shopcast.avatar.pack import BUILTIN_DIR, list_packs, load_pack
from shopcast.errors import InvalidInputError, NotFoundError

BUILTINS = ["cosy-kitchen", "seoul-glow", "street-studio"]


def test_builtin_packs_are_listed_and_load() -> None:
    assert list_packs() == BUILTINS
    for name in BUILTINS:
        pack = load_pack(name)
        assert pack.name == name
        assert {"hair_color", "outfit_color", "skin_tone"} <= set(pack.options)
        for option in ("hair_color", "outfit_color", "skin_tone"):
            assert len(pack.options[option].values) >= 3
        assert set(pack.background) == {"top", "bottom", "accent"}
        assert pack.theme.top == pack.background["top"]
        assert len(pack.gestures) == 4
        x0, y0, x1, y1 = pack.anchors.face_box
        assert 0 <= x0 < x1 <= pack.width and 0 <= y0 < y1 <= pack.height


def test_load_by_path_and_unknown_name(tmp_path: Path) -> None:
    assert load_pack(str(BUILTIN_DIR / "seoul-glow")).name == "seoul-glow"
    assert load_pack(str(BUILTIN_DIR / "seoul-glow" / "pack.yaml")).name == "seoul-glow"
    with pytest.raises(NotFoundError, match="no-such-look"):
        load_pack("no-such-look")


def test_options_change_colours_and_bad_options_are_refused() -> None:
    pack = load_pack("seoul-glow")
    default = pack.colors()
    other = next(v for v in pack.options["hair_color"].values if v != "black")
    changed = pack.colors({"hair_color": other})
    assert changed["hair"] != default["hair"]
    assert changed["skin"] == default["skin"]
    assert pack.recolor_map({"hair_color": other})[pack.palette["hair"]] == changed["hair"]
    with pytest.raises(InvalidInputError, match="hat_size"):
        pack.colors({"hat_size": "big"})
    with pytest.raises(InvalidInputError, match="hair_color"):
        pack.colors({"hair_color": "plaid"})


def _broken_copy(tmp_path: Path, edit) -> Path:
    root = tmp_path / "brand-pack"
    shutil.copytree(BUILTIN_DIR / "cosy-kitchen", root)
    data = yaml.safe_load((root / "pack.yaml").read_text())
    edit(data, root)
    (root / "pack.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    return root


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda d, r: d["anchors"].pop("face_box"), "anchors.face_box"),
        (lambda d, r: d["anchors"].__setitem__("face_box", [0, 0, 5000, 10]), "anchors.face_box"),
        (lambda d, r: d["palette"].__setitem__("hair", "brown"), "palette.hair"),
        (lambda d, r: d["palette"].pop("lip"), "palette.lip"),
        (lambda d, r: d["canvas"].__setitem__("width", -3), "canvas.width"),
        (lambda d, r: d["layers"][0].__setitem__("file", "parts/missing.svg"), "layers[0].file"),
        (lambda d, r: d["layers"][1].__setitem__("group", "tail"), "layers[1].group"),
        (
            lambda d, r: d["options"]["hair_color"].__setitem__("default", "green"),
            "options.hair_color.default",
        ),
        (
            lambda d, r: d["gestures"].__setitem__("juggle", d["gestures"]["wave"]),
            "gestures.juggle",
        ),
        (lambda d, r: d.pop("licence"), "licence"),
        (lambda d, r: d["face"].__setitem__("eye_size", 3), "face.eye_size"),
        (lambda d, r: d["layers"].remove("features"), "layers"),
        (lambda d, r: d["layers"][0].__setitem__("file", "../../etc/passwd"), "layers[0].file"),
    ],
)
def test_broken_pack_names_file_and_field(tmp_path: Path, edit, field: str) -> None:
    root = _broken_copy(tmp_path, edit)
    with pytest.raises(InvalidInputError) as caught:
        load_pack(str(root))
    message = str(caught.value)
    assert str(root / "pack.yaml") in message
    assert f"'{field}'" in message


def test_invalid_yaml_names_the_file(tmp_path: Path) -> None:
    root = tmp_path / "bad"
    root.mkdir()
    (root / "pack.yaml").write_text("name: [unclosed\n")
    with pytest.raises(InvalidInputError, match="pack.yaml"):
        load_pack(str(root))
