"""Migration 0008 creates what the experiment tables and the analytics columns describe
(SQLite and PostgreSQL), downgrades cleanly and upgrades again; the database itself holds one
running experiment per product and market."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.exc import IntegrityError

import shopcast.analytics.tables  # noqa: F401 - registers the tables compared below
import shopcast.experiments.tables
from shopcast.commerce.testing import BACKENDS, temporary_database
from shopcast.store import Database
from shopcast.store.migrate import alembic_config, current_revision, head_revision
from shopcast.store.tables import Base

MINE = {"experiments", "experiment_variants"}


@pytest.fixture(params=BACKENDS)
def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    with temporary_database(request.param, tmp_path) as database:
        yield database


def test_schema_matches_the_tables_downgrades_and_upgrades(any_db):
    with any_db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        diffs = [
            d
            for d in compare_metadata(context, Base.metadata)
            if any(name in str(d) for name in (*MINE, "analytics_events"))
        ]
    assert diffs == []
    columns = {c["name"] for c in inspect(any_db.engine).get_columns("analytics_events")}
    assert {"experiment_id", "variant_id"} <= columns
    before = ScriptDirectory.from_config(alembic_config()).get_revision("0008_experiments")
    with any_db.engine.connect() as connection:
        command.downgrade(alembic_config(connection), before.down_revision)
        connection.commit()
    assert not MINE & set(inspect(any_db.engine).get_table_names())
    columns = {c["name"] for c in inspect(any_db.engine).get_columns("analytics_events")}
    assert "experiment_id" not in columns and "event_id" in columns
    with any_db.engine.connect() as connection:
        command.upgrade(alembic_config(connection), "head")
        connection.commit()
    assert set(inspect(any_db.engine).get_table_names()) >= MINE
    assert current_revision(any_db.engine) == head_revision()


def test_one_running_experiment_per_product_and_market(any_db):
    def row(experiment_id: str, status: str) -> shopcast.experiments.tables.ExperimentRow:
        return shopcast.experiments.tables.ExperimentRow(
            id=experiment_id,
            name="x",
            product_sku="serum",
            market="en-US",
            status=status,
            design={},
            created_by="t",
            created_at=datetime(2026, 11, 27, tzinfo=UTC),
        )

    with any_db.session() as session:
        session.add_all([row("e1", "running"), row("e2", "stopped"), row("e3", "stopped")])
    with pytest.raises(IntegrityError), any_db.session() as session:
        session.add(row("e4", "running"))
