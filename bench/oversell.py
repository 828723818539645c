"""1,000 concurrent checkout attempts on a 100-unit flash deal, on SQLite and PostgreSQL.

Prints wall time, orders created, units sold and whether every invariant held.
Run: .venv/bin/python bench/oversell.py [--attempts 1000] [--threads 32] [--backend sqlite]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, select

from shopcast.commerce import CommerceService
from shopcast.commerce.errors import DealNotLiveError, LimitExceededError, OutOfStockError
from shopcast.commerce.schemas import BuyNowRequest, DealCreate
from shopcast.commerce.tables import OrderLineRow
from shopcast.commerce.testing import BACKENDS, add_product, sample_address, temporary_database
from shopcast.config import Settings
from shopcast.store.tables import VariantRow

DEAL_UNITS = 100
PER_CUSTOMER = 2


def _sqlite_wal(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def run(
    backend: str, attempts: int, threads: int, customers: int, seed: int = 7, wal: bool = False
) -> dict:
    with tempfile.TemporaryDirectory() as tmp, temporary_database(backend, Path(tmp)) as db:
        if wal and backend == "sqlite":
            event.listen(db.engine, "connect", _sqlite_wal)
            db.engine.dispose()
        settings = Settings(home=Path(tmp))
        add_product(db, settings, handle="lamp", skus={"LAMP-1": 500}, price=Decimal("49"))
        now = datetime.now(UTC)
        service = CommerceService(db, publish_after_commit=False)
        deal = service.create_deal(
            DealCreate(
                sku="LAMP-1",
                currency="USD",
                deal_price=Decimal("19"),
                starts_at=now - timedelta(seconds=1),
                countdown_seconds=10,
                window_seconds=600,
                total_quantity=DEAL_UNITS,
                per_customer_limit=PER_CUSTOMER,
            )
        )
        rng = random.Random(seed)
        jobs = [(f"c{rng.randrange(customers)}", rng.choice((1, 1, 2)), i) for i in range(attempts)]
        outcomes: Counter[str] = Counter()
        guard = threading.Lock()
        gate = threading.Barrier(threads)
        address = sample_address()

        def attempt(job: tuple[str, int, int]) -> None:
            customer, quantity, index = job
            if index < threads:
                gate.wait()  # release the first wave together
            try:
                service.buy_deal(
                    deal.id,
                    BuyNowRequest(customer_id=customer, quantity=quantity, address=address),
                    idempotency_key=f"attempt-{index}",
                )
                result = "ordered"
            except (OutOfStockError, DealNotLiveError):
                result = "sold_out"
            except LimitExceededError:
                result = "over_limit"
            with guard:
                outcomes[result] += 1

        started = time.perf_counter()
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(attempt, jobs))
        wall = time.perf_counter() - started

        with db.session() as session:
            sold = session.scalar(select(func.sum(OrderLineRow.quantity))) or 0
            per_customer = session.execute(
                select(func.max(func.coalesce(OrderLineRow.quantity, 0)))
            ).scalar()
            from shopcast.commerce.tables import OrderRow

            worst = max(
                (
                    q
                    for (q,) in session.execute(
                        select(func.sum(OrderLineRow.quantity))
                        .join(OrderRow)
                        .group_by(OrderRow.customer_id)
                    )
                ),
                default=0,
            )
            stock = session.scalar(select(VariantRow.stock).where(VariantRow.sku == "LAMP-1"))
        state = service.get_deal(deal.id)
        del per_customer
        return {
            "backend": backend + ("+wal" if wal and backend == "sqlite" else ""),
            "attempts": attempts,
            "threads": threads,
            "wall_s": round(wall, 3),
            "orders": outcomes["ordered"],
            "units_sold": int(sold),
            "deal_sold": state.sold_quantity,
            "remaining": state.remaining,
            "max_units_per_customer": int(worst),
            "stock_on_hand": stock,
            "refused_sold_out": outcomes["sold_out"],
            "refused_over_limit": outcomes["over_limit"],
            "ok": int(sold) == DEAL_UNITS and worst <= PER_CUSTOMER and state.remaining == 0,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--attempts", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=32)
    parser.add_argument("--customers", type=int, default=400)
    parser.add_argument("--backend", choices=BACKENDS, action="append")
    parser.add_argument(
        "--sqlite-wal",
        action="store_true",
        help="also run SQLite in WAL mode with synchronous=NORMAL (not the engine's default)",
    )
    args = parser.parse_args()
    runs = [(b, False) for b in args.backend or BACKENDS]
    if args.sqlite_wal:
        runs.insert(1, ("sqlite", True))
    for backend, wal in runs:
        result = run(backend, args.attempts, args.threads, args.customers, wal=wal)
        print(" ".join(f"{k}={v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
