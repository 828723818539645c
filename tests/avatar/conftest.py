"""Avatar tests run with SHOPCAST_HOME in a temporary directory."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    monkeypatch.setenv("SHOPCAST_HOME", str(tmp_path / "home"))
