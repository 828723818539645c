"""Helpers for tests and benchmarks: a throwaway database on SQLite or the real PostgreSQL,
and a catalog product to sell. Not used by the application itself."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from shopcast.catalog.models import Product, Variant
from shopcast.catalog.service import CatalogService
from shopcast.commerce.addresses import Address
from shopcast.config import Settings
from shopcast.store import Database, open_database

POSTGRES_URL = os.environ.get(
    "SHOPCAST_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
BACKENDS = ("sqlite", "postgresql")


@contextmanager
def temporary_database(backend: str, home: Path) -> Iterator[Database]:
    """A migrated, empty database: a file under ``home`` (SQLite) or, on PostgreSQL, a schema
    with a unique name (the connection's search_path), dropped afterwards."""
    if backend == "sqlite":
        db = open_database(Settings(home=home, database_url=f"sqlite:///{home / 'shop.db'}"))
        try:
            yield db
        finally:
            db.close()
        return
    schema = f"shopcast_t_{uuid.uuid4().hex[:12]}"
    with _admin() as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
    db = open_database(
        Settings(home=home, database_url=f"{POSTGRES_URL}?options=-csearch_path%3D{schema}")
    )
    try:
        yield db
    finally:
        db.close()
        with _admin() as admin:
            admin.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def _admin():  # noqa: ANN202 - a psycopg connection
    import psycopg

    return psycopg.connect(
        POSTGRES_URL.replace("postgresql+psycopg://", "postgresql://"), autocommit=True
    )


def add_product(
    db: Database,
    settings: Settings,
    *,
    handle: str = "tee",
    skus: dict[str, int] | None = None,
    price: Decimal = Decimal("20"),
    currency: str = "USD",
    market_prices: dict[str, Decimal] | None = None,
) -> Product:
    """Put one product with variants ``{sku: stock}`` into the catalog (through the catalog
    service, as an import would)."""
    skus = skus or {f"{handle.upper()}-M": 10}
    product = Product(
        sku=handle,
        title=handle.title(),
        currency=currency,
        variants=[
            Variant(sku=sku, price=price, stock=stock, market_prices=market_prices or {})
            for sku, stock in skus.items()
        ],
    )
    CatalogService(db, settings).upsert(product)
    return product


def sample_address(country: str = "US") -> Address:
    if country == "KR":
        return Address(
            name="김민지",
            street="테헤란로 123",
            city="서울",
            postal_code="06236",
            country="KR",
            phone="010-1234-5678",
        )
    return Address(
        name="Ada Buyer",
        street="1 Market St",
        city="San Francisco",
        postal_code="94103",
        country="US",
        phone="(415) 555-0100",
    )
