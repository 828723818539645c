"""A private PostgreSQL database per test run (created and dropped here), and SQLite settings.

The server defaults to the local one (trust auth); SHOPCAST_TEST_POSTGRES_URL overrides it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql

from shopcast.config import Settings, load_settings

SERVER_URL = os.environ.get(
    "SHOPCAST_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)


def _admin() -> psycopg.Connection:
    try:
        return psycopg.connect(SERVER_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL not reachable at {SERVER_URL}: {exc}")


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """SQLAlchemy URL of a fresh, uniquely named database, dropped afterwards."""
    name = f"shopcast_test_{uuid.uuid4().hex[:12]}"
    with _admin() as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    base = SERVER_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    try:
        yield f"{base}/{name}"
    finally:
        with _admin() as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@pytest.fixture
def sqlite_settings(tmp_path, monkeypatch) -> Settings:
    monkeypatch.setenv("SHOPCAST_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SHOPCAST_DATABASE_URL", raising=False)
    return load_settings()


@pytest.fixture
def postgres_settings(tmp_path, monkeypatch, postgres_url: str) -> Settings:
    monkeypatch.setenv("SHOPCAST_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("SHOPCAST_DATABASE_URL", postgres_url)
    return load_settings()


@pytest.fixture(params=["sqlite", "postgres"])
def any_settings(request) -> Settings:
    return request.getfixturevalue(f"{request.param}_settings")
