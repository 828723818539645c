"""Opening the database: engine, migrations, sessions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from shopcast.config import Settings
from shopcast.errors import InvalidInputError, ShopcastError
from shopcast.store.errors import is_transient, unavailable
from shopcast.store.migrate import upgrade_to_head


class Database:
    """An engine plus a session factory. ``session()`` commits on success, rolls back on error.

    A lost connection or a transient refusal inside the session (or at its commit) leaves it as
    ``DatabaseUnavailableError`` after the rollback: this is the one place that translation
    happens. The pool drops the dead connection (and ``pool_pre_ping`` tests the idle ones), so
    the next session gets a working one.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        session = self._sessions()
        try:
            yield session
            session.commit()
        except DBAPIError as exc:
            _rollback_after_failure(session)
            if is_transient(exc):
                raise unavailable(exc) from exc
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """A session for reads outside any transaction (autocommit: every statement sees the
        latest commits), so without the BEGIN and ROLLBACK round trips: for cheap lockless
        checks ahead of a write transaction. Never write through it. Failures are translated
        as in ``session()``."""
        try:
            with self.engine.connect() as connection:
                connection.execution_options(isolation_level="AUTOCOMMIT")
                with self._sessions(bind=connection) as session:
                    yield session
        except DBAPIError as exc:
            if is_transient(exc):
                raise unavailable(exc) from exc
            raise

    def close(self) -> None:
        self.engine.dispose()


def _rollback_after_failure(session: Session) -> None:
    """Roll back; on a dead connection the server already did, so a second failure is moot."""
    try:
        session.rollback()
    except DBAPIError:
        session.invalidate()


def _enable_sqlite_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def create_database_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise InvalidInputError(
            f"SHOPCAST_DATABASE_URL is not a database URL: {url!r}",
            hint="Use e.g. sqlite:////path/shopcast.db or postgresql+psycopg://user@host/db.",
        ) from exc
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": 30})
        event.listen(engine, "connect", _enable_sqlite_foreign_keys)
        return engine
    return create_engine(parsed, pool_pre_ping=True)


def open_database(settings: Settings) -> Database:
    """Connect to ``settings.db_url`` (SQLite under SHOPCAST_HOME by default) and migrate it."""
    settings.ensure_dirs()
    engine = create_database_engine(settings.db_url)
    try:
        upgrade_to_head(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        safe_url = engine.url.render_as_string(hide_password=True)
        reason = getattr(exc, "orig", None) or exc
        raise ShopcastError(
            f"Cannot open the database at {safe_url}: {reason}",
            hint="Check SHOPCAST_DATABASE_URL and that the database server is running; "
            "a database with foreign tables of the same names needs its own schema or database.",
        ) from exc
    return Database(engine)
