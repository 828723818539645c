"""Fixtures for persona tests (settings and db come from tests/conftest.py)."""

from __future__ import annotations

import pytest

from shopcast.persona.service import PersonaService
from shopcast.store import Database


@pytest.fixture
def personas(db: Database) -> PersonaService:
    return PersonaService(db)
