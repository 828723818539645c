"""Fixtures for catalog tests (settings and db come from tests/conftest.py)."""

from __future__ import annotations

import pytest

from shopcast.catalog.service import CatalogService
from shopcast.config import Settings
from shopcast.store import Database


@pytest.fixture
def catalog(db: Database, settings: Settings) -> CatalogService:
    return CatalogService(db, settings)
