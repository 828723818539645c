"""Migrations on SQLite and on the real PostgreSQL: create, idempotent, concurrent, round trip."""

from __future__ import annotations

import multiprocessing

import pytest
from alembic import command
from sqlalchemy import inspect, text

from shopcast.config import Settings
from shopcast.errors import InvalidInputError, ShopcastError
from shopcast.store import open_database
from shopcast.store.db import create_database_engine
from shopcast.store.migrate import alembic_config, current_revision, head_revision

CORE_TABLES = {"products", "variants", "variant_market_prices", "personas", "import_runs"}


def test_open_creates_every_table_at_head(any_settings: Settings) -> None:
    db = open_database(any_settings)
    try:
        tables = set(inspect(db.engine).get_table_names())
        assert tables >= CORE_TABLES
        assert "alembic_version" in tables
        assert current_revision(db.engine) == head_revision()
    finally:
        db.close()


def test_open_twice_is_idempotent(any_settings: Settings) -> None:
    first = open_database(any_settings)
    first.close()
    second = open_database(any_settings)
    try:
        assert current_revision(second.engine) == head_revision()
    finally:
        second.close()


def test_sqlite_file_lives_under_home(sqlite_settings: Settings) -> None:
    db = open_database(sqlite_settings)
    db.close()
    assert (sqlite_settings.home / "shopcast.db").is_file()


def _open_and_report(home: str, url: str | None) -> str | None:
    settings = Settings(home=home, database_url=url)
    db = open_database(settings)
    try:
        return current_revision(db.engine)
    finally:
        db.close()


def test_two_processes_opening_a_fresh_database_at_once(any_settings: Settings) -> None:
    context = multiprocessing.get_context("spawn")
    args = (str(any_settings.home), any_settings.database_url)
    with context.Pool(2) as pool:
        results = pool.starmap(_open_and_report, [args, args])
    assert results == [head_revision(), head_revision()]


def test_downgrade_to_base_and_upgrade_again(any_settings: Settings) -> None:
    db = open_database(any_settings)
    try:
        with db.engine.connect() as connection:
            command.downgrade(alembic_config(connection), "base")
            connection.commit()
        assert not CORE_TABLES & set(inspect(db.engine).get_table_names())
        with db.engine.connect() as connection:
            command.upgrade(alembic_config(connection), "head")
            connection.commit()
        assert set(inspect(db.engine).get_table_names()) >= CORE_TABLES
    finally:
        db.close()


def test_a_failed_migration_leaves_nothing_half_applied(any_settings: Settings) -> None:
    engine = create_database_engine(any_settings.db_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE personas (squatter INTEGER)"))
        with pytest.raises(ShopcastError, match="Cannot open the database"):
            open_database(any_settings)
        assert set(inspect(engine).get_table_names()) == {"personas"}
    finally:
        engine.dispose()


def test_unreachable_server_gives_an_actionable_error(tmp_path) -> None:
    settings = Settings(
        home=tmp_path, database_url="postgresql+psycopg://postgres@127.0.0.1:1/nowhere"
    )
    with pytest.raises(ShopcastError) as caught:
        open_database(settings)
    assert "Cannot open the database" in caught.value.message
    assert "SHOPCAST_DATABASE_URL" in (caught.value.hint or "")


def test_malformed_url_is_refused(tmp_path) -> None:
    with pytest.raises(InvalidInputError, match="not a database URL"):
        open_database(Settings(home=tmp_path, database_url="not a url"))
