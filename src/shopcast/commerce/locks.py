"""Every lock commerce takes, in one place.

Writers that change stock, deals or coupons run in ``write_transaction``:

* PostgreSQL: an ordinary (READ COMMITTED) transaction; ``lock_for_checkout`` then takes row
  locks in ONE global order: orders, carts, flash deals, coupons, variants, each by ascending
  primary key. Two checkouts can wait for each other but never deadlock. The locks are
  ``FOR NO KEY UPDATE`` (nobody changes a key), so they never wait for the ``FOR KEY SHARE``
  locks that foreign-key checks take: a checkout may insert its order rows (referencing the
  variant, deal, cart and coupon) before it queues for the locks, and only the checks and the
  commit happen while it holds them. Flash deal units are claimed with one conditional
  ``UPDATE ... SET sold_quantity = sold_quantity + q WHERE sold_quantity + q <= total_quantity
  RETURNING`` (lock, guard and write in one round trip) instead of ``SELECT ... FOR UPDATE``
  followed by an ``UPDATE``.
* SQLite: writers are serialised: ``BEGIN IMMEDIATE`` takes the database's write lock before
  the first read, so every availability check sees the latest committed state. A process-wide
  mutex per database file queues this process's threads first, so they wait on a cheap Python
  lock instead of SQLite's busy-retry loop.

Availability is always computed after these locks are held, inside the same transaction, in a
statement that starts after the last lock was granted (PostgreSQL evaluates the subqueries of a
statement that waited for a row lock in the snapshot from before the wait).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import select, text, update
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
    # A deal in ``deal_units`` that could not be claimed: no such deal, or fewer units left
    # than asked (the row is then neither locked nor changed).
    unclaimed_deals: set[int] = field(default_factory=set)


def lock_for_checkout(
    session: Session,
    *,
    order_ids: Iterable[int] = (),
    cart_ids: Iterable[int] = (),
    deal_ids: Iterable[int] = (),
    deal_units: Mapping[int, int] | None = None,
    coupon_ids: Iterable[int] = (),
    variant_ids: Iterable[int] = (),
) -> LockedRows:
    """Lock (PostgreSQL) and freshly load the rows a change depends on.

    Order: orders, carts, deals, coupons, variants; ascending id within each. Rows are
    re-read (``populate_existing``) so values loaded before the lock are never trusted.
    ``deal_units`` ({deal id: units}) claims units of flash deals instead of just locking
    them: ``sold_quantity`` grows by the units in the same statement that locks the row, only
    while it stays within ``total_quantity``. The first deal that cannot be claimed is returned
    in ``unclaimed_deals`` and nothing after it is locked: the caller must refuse. A claim is
    undone by rolling the transaction back.
    """
    claims = dict(deal_units or {})
    deal_ids = set(deal_ids)
    if claims and deal_ids:
        raise ValueError("lock deals or claim their units, not both in one call")
    orders = _lock(session, OrderRow, order_ids)
    carts = _lock(session, CartRow, cart_ids)
    deals = _lock(session, FlashDealRow, deal_ids)
    unclaimed: set[int] = set()
    for deal_id in sorted(claims):  # ascending, like every other lock
        claimed = _claim(session, deal_id, claims[deal_id])
        if claimed is None:  # the caller refuses: lock nothing more
            unclaimed.add(deal_id)
            return LockedRows(orders, carts, deals, {}, {}, unclaimed)
        deals[deal_id] = claimed
    return LockedRows(
        orders=orders,
        carts=carts,
        deals=deals,
        coupons=_lock(session, CouponRow, coupon_ids),
        variants=_lock(session, VariantRow, variant_ids),
    )


def _claim(session: Session, deal_id: int, units: int) -> FlashDealRow | None:
    """``UPDATE flash_deals SET sold_quantity = sold_quantity + :units WHERE id = :id AND
    sold_quantity + :units <= total_quantity RETURNING *``: the row lock, the guard against
    overselling and the write in one round trip. None: nothing claimed."""
    claim = (
        update(FlashDealRow)
        .where(
            FlashDealRow.id == deal_id,
            FlashDealRow.sold_quantity + units <= FlashDealRow.total_quantity,
        )
        .values(sold_quantity=FlashDealRow.sold_quantity + units)
        .returning(FlashDealRow)
        .execution_options(populate_existing=True, synchronize_session=False)
    )
    return session.scalars(claim).one_or_none()


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
        # FOR NO KEY UPDATE: excludes every other writer of the row, but not the FOR KEY
        # SHARE lock of a foreign-key check (an order line being inserted for this variant).
        query = query.with_for_update(of=table, key_share=True)
    return {row.id: row for row in session.scalars(query)}
