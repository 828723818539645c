"""Avatar packs: a look as data (``pack.yaml`` + one SVG file per layer), loaded and validated.

The format is documented in ``docs/avatar-packs.md``. Built-in packs live next to this module in
``packs/<name>/``; any other directory with a ``pack.yaml`` can be loaded by path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from shopcast.avatar.state import Gesture
from shopcast.errors import InvalidInputError, NotFoundError

if TYPE_CHECKING:
    from shopcast.scene.types import SceneTheme

BUILTIN_DIR = Path(__file__).parent / "packs"
LAYER_GROUPS = ("body", "head", "hair")
FEATURE_SLOTS = (
    "skin", "skin_shade", "eye_white", "iris", "lash", "brow", "lip", "mouth_line",
    "mouth_inner", "teeth", "tongue",
)  # fmt: skip

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Layer:
    """One SVG file drawn with one motion group, or (``file`` None) the face features slot."""

    group: str  # body (breathes) | head (follows the head) | hair (head + secondary lag)
    file: Path | None = None

    @property
    def is_features(self) -> bool:
        return self.file is None


@dataclass(frozen=True, slots=True)
class GesturePose:
    """An arm drawn at its full pose; it swings in around ``pivot`` as the gesture starts."""

    file: Path
    pivot: Point
    swing: float  # degrees the arm is rotated away (out of frame) at rest; + is clockwise
    rise: float = 0.0  # canvas units the arm is pushed down (out of frame) at rest


@dataclass(frozen=True, slots=True)
class FaceSpec:
    """Shape of the parametric features (eyes, brows, mouth), in canvas units."""

    eye_width: float = 84.0
    eye_height: float = 58.0
    iris: float = 0.56  # iris radius / eye height
    eye_tilt: float = 0.08  # outer corner lift, fraction of eye height
    lash: float = 6.0  # upper lash line thickness
    brow_gap: float = 62.0  # brow centre above eye centre
    brow_length: float = 78.0
    brow_thickness: float = 9.0
    brow_arch: float = 10.0
    mouth_width: float = 62.0
    feature_shift: float = 26.0  # how far the features slide when the head turns (yaw 1)


@dataclass(frozen=True, slots=True)
class Anchors:
    face_box: tuple[float, float, float, float]  # x0, y0, x1, y1
    neck_pivot: Point
    hair_pivot: Point
    eye_left: Point  # the viewer's left
    eye_right: Point
    mouth: Point
    card_side: str  # "left" | "right": where the product card sits, seen by the viewer


@dataclass(frozen=True, slots=True)
class OptionSpec:
    name: str
    default: str
    values: dict[str, dict[str, str]]  # value → {slot: colour}


@dataclass(frozen=True)
class AvatarPack:
    name: str
    description: str
    licence: str
    author: str
    root: Path
    width: int
    height: int
    anchors: Anchors
    face: FaceSpec
    palette: dict[str, str]
    options: dict[str, OptionSpec]
    background: dict[str, str]
    layers: list[Layer]
    gestures: dict[Gesture, GesturePose] = field(default_factory=dict)

    @property
    def theme(self) -> SceneTheme:
        """The scene colours of this look (``background``: top, bottom, accent)."""
        from shopcast.scene.types import SceneTheme

        return SceneTheme.from_mapping(self.background)

    def resolve_options(self, options: dict[str, str] | None = None) -> dict[str, str]:
        """Every option's value (defaults filled in). Unknown names or values are refused."""
        chosen = {name: spec.default for name, spec in self.options.items()}
        for name, value in (options or {}).items():
            spec = self.options.get(name)
            if spec is None:
                known = ", ".join(sorted(self.options)) or "none"
                raise InvalidInputError(
                    f"avatar pack '{self.name}' has no option '{name}' (options: {known})"
                )
            if value not in spec.values:
                raise InvalidInputError(
                    f"avatar pack '{self.name}': option '{name}' cannot be '{value}'",
                    hint=f"choose one of: {', '.join(spec.values)}",
                )
            chosen[name] = value
        return chosen

    def colors(self, options: dict[str, str] | None = None) -> dict[str, str]:
        """Slot → colour for these options (the palette with the options' colours applied)."""
        result = dict(self.palette)
        for name, value in self.resolve_options(options).items():
            result.update(self.options[name].values[value])
        return result

    def recolor_map(self, options: dict[str, str] | None = None) -> dict[str, str]:
        """Authoring colour (as drawn in the SVGs) → colour to draw, for the changed slots."""
        final = self.colors(options)
        return {self.palette[s]: final[s] for s in self.palette if final[s] != self.palette[s]}


def list_packs() -> list[str]:
    """Names of the built-in packs."""
    if not BUILTIN_DIR.is_dir():
        return []
    return sorted(p.name for p in BUILTIN_DIR.iterdir() if (p / "pack.yaml").is_file())


def load_pack(name_or_path: str) -> AvatarPack:
    """A built-in pack by name, or a pack directory (or its ``pack.yaml``) by path."""
    candidate = Path(name_or_path).expanduser()
    if candidate.name == "pack.yaml":
        candidate = candidate.parent
    if (candidate / "pack.yaml").is_file():
        root = candidate
    elif (BUILTIN_DIR / name_or_path / "pack.yaml").is_file():
        root = BUILTIN_DIR / name_or_path
    else:
        raise NotFoundError(
            f"no avatar pack '{name_or_path}'",
            hint=f"built-in packs: {', '.join(list_packs())}; or give a directory with a pack.yaml",
        )
    from shopcast.avatar.pack_reader import read_pack

    return read_pack(root.resolve())
