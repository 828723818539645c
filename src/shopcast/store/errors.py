"""Database failures a client should retry, told apart from programming errors.

``Database.session()`` turns a lost connection (server restart, a killed backend, network drop)
and a transient refusal (SQLite writer lock held too long, PostgreSQL deadlock or serialization
failure) into ``DatabaseUnavailableError``; the transaction has been rolled back, so retrying
the same request (with the same Idempotency-Key for a checkout) is safe.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from shopcast.errors import ShopcastError

RETRY_AFTER_S = 1

# PostgreSQL SQLSTATEs that mean "the database could not do it now", not "the request is wrong":
# class 08 (connection exception), admin/crash shutdown, cannot connect now, serialization
# failure, deadlock, lock not available.
_TRANSIENT_SQLSTATE_PREFIXES = ("08", "57P01", "57P02", "57P03", "40001", "40P01", "55P03")
_SQLITE_BUSY = ("database is locked", "database is busy", "database table is locked")


class DatabaseUnavailableError(ShopcastError, SQLAlchemyError):
    """The database was unreachable or busy; nothing was written. Retry after ``retry_after_s``.

    Also a ``SQLAlchemyError``, so code that already handles database failures that way (the
    consent watcher's grace period, the catalog import) keeps handling this one.
    """

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.retry_after_s = RETRY_AFTER_S


def is_transient(exc: DBAPIError) -> bool:
    """True when retrying the whole transaction later may succeed."""
    if exc.connection_invalidated:
        return True
    if not isinstance(exc, OperationalError):
        return False
    sqlstate = getattr(exc.orig, "sqlstate", None)
    if isinstance(sqlstate, str):
        return sqlstate.startswith(_TRANSIENT_SQLSTATE_PREFIXES)
    reason = str(exc.orig).lower()
    if any(busy in reason for busy in _SQLITE_BUSY):
        return True
    # psycopg reports a dropped socket without a SQLSTATE ("server closed the connection...").
    return type(exc.orig).__module__.startswith("psycopg")


def unavailable(exc: DBAPIError) -> DatabaseUnavailableError:
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
    return DatabaseUnavailableError(
        f"Database unavailable ({reason}); nothing was saved.",
        hint=f"Retry in {RETRY_AFTER_S} s with the same Idempotency-Key; "
        "a checkout that did go through is returned, never placed twice.",
    )
