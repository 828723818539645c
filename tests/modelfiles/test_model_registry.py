import hashlib
from pathlib import Path

import pytest

from shopcast.errors import ModelMissingError
from shopcast.modelfiles.registry import ModelSpec, install, verify, write_atomically

DATA = b"model weights " * 1000


def spec_for(tmp_path: Path, calls: list[int]) -> ModelSpec:
    parts = []
    for i, chunk in enumerate((DATA[:5000], DATA[5000:])):
        p = tmp_path / f"part{i}"
        p.write_bytes(chunk)
        parts.append(p)

    def assemble(models_dir: Path) -> None:
        calls.append(1)
        write_atomically(models_dir / "toy" / "toy.bin", parts)

    return ModelSpec(
        "toy",
        "toy/toy.bin",
        hashlib.sha256(DATA).hexdigest(),
        "toy model",
        ("toy-parts",),
        assemble,
    )


def test_install_assembles_once_and_verifies(tmp_path):
    calls: list[int] = []
    spec = spec_for(tmp_path, calls)
    models = tmp_path / "models"
    from shopcast.modelfiles import registry

    registry.register(spec)
    try:
        [path] = install(["toy"], models)
        assert path.read_bytes() == DATA
        install(["toy"], models)
        assert len(calls) == 1  # second install found it verified
    finally:
        registry._REGISTRY.pop("toy")


def test_missing_and_corrupt_models_say_how_to_fix(tmp_path):
    spec = spec_for(tmp_path, [])
    with pytest.raises(ModelMissingError, match="missing") as err:
        verify(spec, tmp_path)
    assert "models install" in str(err.value)
    spec.assemble(tmp_path)
    verify(spec, tmp_path)
    target = tmp_path / spec.relpath
    target.write_bytes(DATA[:-1] + b"X")  # same size, corrupted: the stamp must not hide it
    with pytest.raises(ModelMissingError, match="corrupt"):
        verify(spec, tmp_path)


def test_write_atomically_leaves_nothing_on_failure(tmp_path):
    target = tmp_path / "out.bin"
    with pytest.raises(FileNotFoundError):
        write_atomically(target, [tmp_path / "does-not-exist"])
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []
