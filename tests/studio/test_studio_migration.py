"""Migration 0005 creates exactly what the studio tables describe (SQLite and PostgreSQL),
downgrades cleanly and upgrades again."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

import shopcast.studio.tables  # noqa: F401 - registers the studio tables
from shopcast.store.migrate import alembic_config, current_revision, head_revision
from shopcast.store.tables import Base

MINE = {"studio_scripts", "studio_render_jobs"}


def test_schema_matches_the_tables_downgrades_and_upgrades(any_db):
    with any_db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        diffs = [
            d
            for d in compare_metadata(context, Base.metadata)
            if any(name in str(d) for name in MINE)
        ]
    assert diffs == []
    assert set(inspect(any_db.engine).get_table_names()) >= MINE
    with any_db.engine.connect() as connection:
        command.downgrade(alembic_config(connection), "0004_consent")
        connection.commit()
    tables = set(inspect(any_db.engine).get_table_names())
    assert not MINE & tables and "consents" in tables
    with any_db.engine.connect() as connection:
        command.upgrade(alembic_config(connection), "head")
        connection.commit()
    assert set(inspect(any_db.engine).get_table_names()) >= MINE
    assert current_revision(any_db.engine) == head_revision()
