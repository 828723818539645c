"""Persistence: SQLAlchemy tables and Alembic migrations (SQLite default, PostgreSQL)."""

from shopcast.store.db import Database, open_database
from shopcast.store.errors import DatabaseUnavailableError

__all__ = ["Database", "DatabaseUnavailableError", "open_database"]
