"""Helpers for tests that run a real show: a home with the sample catalog, and polling."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from shopcast.config import Settings


def sample_shop(home: Path, models_dir: Path) -> Settings:
    """Settings under ``home`` (SQLite) with the sample catalog imported."""
    from shopcast.api import Shopcast

    settings = Settings(home=home, models=models_dir)
    settings.ensure_dirs()
    Shopcast(settings).import_sample_catalog()
    return settings


def wait_for(check: Callable[[], object], timeout: float, what: str, poll: float = 0.1) -> object:
    """Poll ``check`` until it returns something truthy (returned), or fail naming ``what``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(poll)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
