"""Persistence: SQLAlchemy tables and Alembic migrations (SQLite default, PostgreSQL)."""

from shopcast.store.db import Database, open_database

__all__ = ["Database", "open_database"]
