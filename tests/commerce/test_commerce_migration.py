"""Migration 0002 creates exactly what the commerce and analytics tables describe, and
downgrades cleanly."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

import shopcast.analytics.tables  # noqa: F401 - registers the analytics table
import shopcast.commerce.tables  # noqa: F401 - registers the commerce tables
from shopcast.store.migrate import alembic_config
from shopcast.store.tables import Base

MINE = {
    "carts",
    "cart_lines",
    "stock_reservations",
    "flash_deals",
    "coupons",
    "orders",
    "order_lines",
    "order_status_history",
    "coupon_redemptions",
    "payments",
    "outbox_events",
    "analytics_events",
}


def test_schema_matches_the_tables_and_downgrades(db):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        diffs = [
            d
            for d in compare_metadata(context, Base.metadata)
            if any(name in str(d) for name in MINE)
        ]
    assert diffs == []
    assert set(inspect(db.engine).get_table_names()) >= MINE
    with db.engine.connect() as connection:
        command.downgrade(alembic_config(connection), "0001_initial")
        connection.commit()
    assert not MINE & set(inspect(db.engine).get_table_names())
    assert "variants" in inspect(db.engine).get_table_names()
