"""Reading and validating ``pack.yaml``: every error names the file and the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from shopcast.avatar import colors
from shopcast.avatar.pack import (
    FEATURE_SLOTS,
    LAYER_GROUPS,
    Anchors,
    AvatarPack,
    FaceSpec,
    GesturePose,
    Layer,
    OptionSpec,
)
from shopcast.avatar.state import Gesture
from shopcast.errors import InvalidInputError


class _Fields:
    """Typed access to the YAML mapping; failures raise InvalidInputError(file, field)."""

    def __init__(self, file: Path) -> None:
        self.file = file

    def fail(self, where: str, problem: str) -> InvalidInputError:
        return InvalidInputError(
            f"{self.file}: field '{where}' {problem}",
            hint="see docs/avatar-packs.md for the pack format",
        )

    def get(self, data: dict[str, Any], key: str, where: str, required: bool = True) -> Any:
        if key not in data or data[key] is None:
            if required:
                raise self.fail(where, "is missing")
            return None
        return data[key]

    def mapping(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "must be a mapping")
        return value

    def text(self, value: Any, where: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, "must be a non-empty string")
        return value

    def number(self, value: Any, where: str, positive: bool = False) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(where, f"must be a number, not {value!r}")
        if positive and value <= 0:
            raise self.fail(where, f"must be > 0, not {value!r}")
        return float(value)

    def point(self, value: Any, where: str) -> tuple[float, float]:
        if not isinstance(value, list | tuple) or len(value) != 2:
            raise self.fail(where, "must be [x, y]")
        return self.number(value[0], where), self.number(value[1], where)

    def color(self, value: Any, where: str) -> str:
        if not colors.is_hex(value):
            raise self.fail(where, f'must be a colour like "#a1b2c3", not {value!r}')
        return str(value).lower()

    def part(self, root: Path, value: Any, where: str) -> Path:
        rel = self.text(value, where)
        path = (root / rel).resolve()
        if root not in path.parents:
            raise self.fail(where, f"must be a file inside the pack, not {rel!r}")
        if not path.is_file():
            raise self.fail(where, f"names a missing file: {rel}")
        if path.suffix.lower() != ".svg":
            raise self.fail(where, f"must name an .svg file, not {rel!r}")
        return path


def read_pack(root: Path) -> AvatarPack:
    file = root / "pack.yaml"
    f = _Fields(file)
    try:
        raw = yaml.safe_load(file.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise InvalidInputError(f"{file}: not valid YAML: {exc}") from exc
    data = f.mapping(raw, "(top level)")

    canvas = f.mapping(f.get(data, "canvas", "canvas"), "canvas")
    width = int(f.number(f.get(canvas, "width", "canvas.width"), "canvas.width", positive=True))
    height = int(f.number(f.get(canvas, "height", "canvas.height"), "canvas.height", True))

    palette_raw = f.mapping(f.get(data, "palette", "palette"), "palette")
    palette = {k: f.color(v, f"palette.{k}") for k, v in palette_raw.items()}
    for slot in FEATURE_SLOTS:
        if slot not in palette:
            raise f.fail(f"palette.{slot}", "is missing (the face features are drawn with it)")
    seen: dict[str, str] = {}
    for slot, value in palette.items():
        if value in seen:
            problem = f"repeats {value} of '{seen[value]}': slot colours must differ"
            raise f.fail(f"palette.{slot}", problem)
        seen[value] = slot

    return AvatarPack(
        name=f.text(f.get(data, "name", "name"), "name"),
        description=f.text(f.get(data, "description", "description"), "description"),
        licence=f.text(f.get(data, "licence", "licence"), "licence"),
        author=f.text(f.get(data, "author", "author"), "author"),
        root=root,
        width=width,
        height=height,
        anchors=_anchors(f, data, width, height),
        face=_face(f, data),
        palette=palette,
        options=_options(f, data, palette),
        background={
            k: f.color(f.get(bg, k, f"background.{k}"), f"background.{k}")
            for bg in [f.mapping(f.get(data, "background", "background"), "background")]
            for k in ("top", "bottom", "accent")
        },
        layers=_layers(f, data, root),
        gestures=_gestures(f, data, root),
    )


def _anchors(f: _Fields, data: dict[str, Any], width: int, height: int) -> Anchors:
    a = f.mapping(f.get(data, "anchors", "anchors"), "anchors")
    box = f.get(a, "face_box", "anchors.face_box")
    if not isinstance(box, list) or len(box) != 4:
        raise f.fail("anchors.face_box", "must be [x0, y0, x1, y1]")
    x0, y0, x1, y1 = (f.number(v, "anchors.face_box") for v in box)
    if not (0 <= x0 < x1 <= width and 0 <= y0 < y1 <= height):
        raise f.fail("anchors.face_box", f"must lie inside the {width}x{height} canvas")
    eyes = f.mapping(f.get(a, "eyes", "anchors.eyes"), "anchors.eyes")
    side = f.get(a, "card_side", "anchors.card_side")
    if side not in ("left", "right"):
        raise f.fail("anchors.card_side", f"must be left or right, not {side!r}")
    neck = f.point(f.get(a, "neck_pivot", "anchors.neck_pivot"), "anchors.neck_pivot")
    hair = a.get("hair_pivot")
    return Anchors(
        face_box=(x0, y0, x1, y1),
        neck_pivot=neck,
        hair_pivot=f.point(hair, "anchors.hair_pivot") if hair is not None else ((x0 + x1) / 2, y0),
        eye_left=f.point(f.get(eyes, "left", "anchors.eyes.left"), "anchors.eyes.left"),
        eye_right=f.point(f.get(eyes, "right", "anchors.eyes.right"), "anchors.eyes.right"),
        mouth=f.point(f.get(a, "mouth", "anchors.mouth"), "anchors.mouth"),
        card_side=side,
    )


def _face(f: _Fields, data: dict[str, Any]) -> FaceSpec:
    raw = f.mapping(data.get("face") or {}, "face")
    known = set(FaceSpec.__slots__)  # type: ignore[attr-defined]
    values: dict[str, float] = {}
    for key, value in raw.items():
        if key not in known:
            raise f.fail(f"face.{key}", f"is unknown (known: {', '.join(sorted(known))})")
        values[key] = f.number(value, f"face.{key}")
    return FaceSpec(**values)


def _options(f: _Fields, data: dict[str, Any], palette: dict[str, str]) -> dict[str, OptionSpec]:
    raw = f.mapping(data.get("options") or {}, "options")
    result: dict[str, OptionSpec] = {}
    for name, spec_raw in raw.items():
        where = f"options.{name}"
        spec = f.mapping(spec_raw, where)
        slots = f.mapping(f.get(spec, "slots", f"{where}.slots"), f"{where}.slots")
        toward_raw = spec.get("shade_toward", colors.DEFAULT_SHADE_TOWARD)
        toward = f.color(toward_raw, f"{where}.shade_toward")
        for slot, amount in slots.items():
            if slot not in palette:
                raise f.fail(f"{where}.slots.{slot}", "is not a palette slot")
            f.number(amount, f"{where}.slots.{slot}")
        values_raw = f.mapping(f.get(spec, "values", f"{where}.values"), f"{where}.values")
        values: dict[str, dict[str, str]] = {}
        for value_name, value in values_raw.items():
            vwhere = f"{where}.values.{value_name}"
            if isinstance(value, dict):
                for slot in value:
                    if slot not in palette:
                        raise f.fail(f"{vwhere}.{slot}", "is not a palette slot")
                values[str(value_name)] = {s: f.color(c, f"{vwhere}.{s}") for s, c in value.items()}
            else:
                base = f.color(value, vwhere)
                values[str(value_name)] = {
                    s: colors.shade(base, float(a), toward) for s, a in slots.items()
                }
        if not values:
            raise f.fail(f"{where}.values", "must list at least one value")
        default = str(f.get(spec, "default", f"{where}.default"))
        if default not in values:
            raise f.fail(f"{where}.default", f"must be one of {', '.join(values)}")
        result[str(name)] = OptionSpec(str(name), default, values)
    return result


def _layers(f: _Fields, data: dict[str, Any], root: Path) -> list[Layer]:
    raw = f.get(data, "layers", "layers")
    if not isinstance(raw, list) or not raw:
        raise f.fail("layers", "must be a non-empty list")
    layers: list[Layer] = []
    for i, item in enumerate(raw):
        where = f"layers[{i}]"
        if item == "features":
            layers.append(Layer(group="head"))
            continue
        entry = f.mapping(item, where)
        group = entry.get("group", "head")
        if group not in LAYER_GROUPS:
            raise f.fail(f"{where}.group", f"must be one of {', '.join(LAYER_GROUPS)}")
        layers.append(Layer(group=group, file=f.part(root, entry.get("file"), f"{where}.file")))
    if sum(layer.is_features for layer in layers) != 1:
        raise f.fail("layers", "must contain the entry 'features' exactly once")
    return layers


def _gestures(f: _Fields, data: dict[str, Any], root: Path) -> dict[Gesture, GesturePose]:
    raw = f.mapping(data.get("gestures") or {}, "gestures")
    result: dict[Gesture, GesturePose] = {}
    for name, item in raw.items():
        where = f"gestures.{name}"
        try:
            gesture = Gesture(name)
        except ValueError:
            known = ", ".join(g.value for g in Gesture if g is not Gesture.NONE)
            raise f.fail(where, f"is not a gesture (known: {known})") from None
        entry = f.mapping(item, where)
        result[gesture] = GesturePose(
            file=f.part(root, entry.get("file"), f"{where}.file"),
            pivot=f.point(f.get(entry, "pivot", f"{where}.pivot"), f"{where}.pivot"),
            swing=f.number(entry.get("swing", 0.0), f"{where}.swing"),
            rise=f.number(entry.get("rise", 0.0), f"{where}.rise"),
        )
    return result
