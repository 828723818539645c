"""The real app over a fresh SQLite database with the sample catalog, and API keys per role."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from shopcast.accounts import Role
from shopcast.accounts.testing import key_headers
from shopcast.catalog.service import CatalogService
from shopcast.commerce.testing import BACKENDS, temporary_database
from shopcast.config import Settings
from shopcast.store import Database, open_database
from shopcast.studio.services import Studio
from shopcast.web.app import create_app


@dataclass
class StudioSite:
    client: TestClient
    keys: dict[Role, dict[str, str]]
    settings: Settings

    @property
    def studio(self) -> Studio:
        return self.client.app.state.studio  # type: ignore[attr-defined]

    @property
    def editor(self) -> dict[str, str]:
        return self.keys[Role.EDITOR]

    @property
    def operator(self) -> dict[str, str]:
        return self.keys[Role.OPERATOR]

    @property
    def viewer(self) -> dict[str, str]:
        return self.keys[Role.VIEWER]


@pytest.fixture(params=BACKENDS)
def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A migrated database on each backend (SQLite, and the real PostgreSQL)."""
    with temporary_database(request.param, tmp_path) as database:
        yield database


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StudioSite]:
    """One app per test module (set up once: the sample catalog draws its images); tests use
    their own batches, jobs and personas so they do not depend on each other's order."""
    models = Path(os.environ["SHOPCAST_MODELS"])  # set by the root conftest
    settings = Settings(home=tmp_path_factory.mktemp("studio"), models=models)
    db = open_database(settings)
    CatalogService(db, settings).import_sample()
    app = create_app(settings, database=db, maintenance_interval_s=None)
    keys = {role: key_headers(app.state.accounts, f"k-{role.value}", role) for role in Role}
    try:
        with TestClient(app) as client:
            yield StudioSite(client, keys, settings)
    finally:
        app.state.studio.close()
        db.close()


@pytest.fixture
def write_variants(site: StudioSite) -> Callable[..., list[dict]]:
    """Writes a batch of template variants through the API (glow serum, mina, en-US, 8 s)."""

    def write(**changes: object) -> list[dict]:
        body = {"product": "glow-serum", "persona": "mina", "market": "en-US", "length_s": 8,
                "variants": 2, "brief": "Evening routine for dry winter skin"}  # fmt: skip
        body.update(changes)
        answer = site.client.post("/studio/api/scripts", json=body, headers=site.editor)
        assert answer.status_code == 201, answer.text
        return answer.json()

    return write
