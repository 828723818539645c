"""Every lock commerce takes, in one place.

Writers that change stock, deals or coupons run in ``write_transaction``:

* PostgreSQL: an ordinary transaction; ``lock_for_checkout`` then takes ``SELECT ... FOR UPDATE``
  row locks in ONE global order: orders, carts, flash deals, coupons, variants, each by
  ascending primary key. Two checkouts can wait for each other but never deadlock.
* SQLite: writers are serialised: ``BEGIN IMMEDIATE`` takes the database's write lock before
  the first read, so every availability check sees the latest committed state. A process-wide
  mutex per database file queues this process's threads first, so they wait on a cheap Python
  lock instead of SQLite's busy-retry loop.

Availability is always computed after these locks are held, inside the same transaction.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from shopcast.commerce.tables import CartRow, CouponRow, FlashDealRow, OrderRow
from shopcast.store import Database
from shopcast.store.tables import VariantRow

T = TypeVar("T", OrderRow, CartRow, FlashDealRow, CouponRow, VariantRow)

_sqlite_writers: dict[str, threading.Lock] = {}
_registry_guard = threading.Lock()


def _writer_mutex(db: Database) -> threading.Lock:
    key = str(db.engine.url.database)
    with _registry_guard:
        return _sqlite_writers.setdefault(key, threading.Lock())


def is_sqlite(session_or_db: Session | Database) -> bool:
    bind = session_or_db.engine if isinstance(session_or_db, Database) else session_or_db.bind
    return bind is not None and bind.dialect.name == "sqlite"


@contextmanager
def write_transaction(db: Database) -> Iterator[Session]:
    """A session whose transaction may change stock; commits on success, rolls back on error."""
    if not is_sqlite(db):
        with db.session() as session:
            yield session
        return
    with _writer_mutex(db), db.session() as session:
        session.execute(text("BEGIN IMMEDIATE"))
        yield session


@dataclass
class LockedRows:
    orders: dict[int, OrderRow]
    carts: dict[int, CartRow]
    deals: dict[int, FlashDealRow]
    coupons: dict[int, CouponRow]
    variants: dict[int, VariantRow]


def lock_for_checkout(
    session: Session,
    *,
    order_ids: Iterable[int] = (),
    cart_ids: Iterable[int] = (),
    deal_ids: Iterable[int] = (),
    coupon_ids: Iterable[int] = (),
    variant_ids: Iterable[int] = (),
) -> LockedRows:
    """Lock (PostgreSQL) and freshly load the rows a change depends on.

    Order: orders, carts, deals, coupons, variants; ascending id within each. Rows are
    re-read (``populate_existing``) so values loaded before the lock are never trusted.
    """
    return LockedRows(
        orders=_lock(session, OrderRow, order_ids),
        carts=_lock(session, CartRow, cart_ids),
        deals=_lock(session, FlashDealRow, deal_ids),
        coupons=_lock(session, CouponRow, coupon_ids),
        variants=_lock(session, VariantRow, variant_ids),
    )


def _lock(session: Session, table: type[T], ids: Iterable[int]) -> dict[int, T]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    query = (
        select(table)
        .where(table.id.in_(wanted))
        .order_by(table.id)
        .execution_options(populate_existing=True)
    )
    if not is_sqlite(session):
        query = query.with_for_update(of=table)
    return {row.id: row for row in session.scalars(query)}
