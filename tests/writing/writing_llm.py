"""Shared access to the bundled LLM for the slow tests (loaded once per test session)."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest

from shopcast.config import Settings
from shopcast.errors import ModelMissingError
from shopcast.modelfiles.registry import model_path


def models_dir() -> Path:
    return Settings().models_dir


@cache
def bundled_model_path() -> Path | None:
    try:
        return model_path("qwen-1.5b", models_dir())
    except ModelMissingError:
        return None


def require_model() -> Path:
    path = bundled_model_path()
    if path is None:  # setup assembles it: a missing model is a failure, not a skip
        pytest.fail(
            f"bundled LLM not assembled under {models_dir()} (SHOPCAST_MODELS="
            f"{os.environ.get('SHOPCAST_MODELS')!r}); run `shopcast models install`"
        )
    import llama_cpp  # noqa: F401  - a dependency: missing means setup failed

    return path
