"""Per-market price lists: the seller's own price (and "was" price) per variant and currency.

A CSV with a header row::

    Variant SKU,Currency,Price,Compare At Price
    HL-GS-30ML,KRW,39000,49000
    HL-GS-30ML,JPY,4200,

or JSON: ``{"prices": [{"sku": "HL-GS-30ML", "currency": "KRW", "price": "39000",
"compare_at_price": "49000"}, …]}`` (or the bare list). A row in a variant's own currency sets
its base price. A file is all or nothing: one bad row (missing or malformed currency, unknown
SKU, an amount that is not a price in that currency, the same SKU and currency twice) and
nothing is written; every bad row is named. Nothing is ever converted between currencies.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from babel.numbers import get_currency_precision
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import selectinload

from shopcast.catalog.importers.common import FieldError, known_currencies, parse_amount
from shopcast.catalog.report import RowError
from shopcast.errors import InvalidInputError, NotFoundError, ShopcastError
from shopcast.store import Database
from shopcast.store.tables import ImportRunRow, MarketPriceRow, VariantRow, plain_decimal

_SKU_COLUMNS = ("Variant SKU", "SKU")
_KEEP = object()  # no compare-at column: the stored compare-at price stays


@dataclass(frozen=True)
class PriceEntry:
    row: int
    sku: str
    currency: str
    price: Decimal
    compare_at: Decimal | None | object  # _KEEP when the file has no compare-at column


class PriceListReport(BaseModel):
    source: str
    rows: int = 0
    variants: int = 0  # distinct variants whose prices were set
    currencies: list[str] = Field(default_factory=list)
    products: list[str] = Field(default_factory=list)  # handles touched, in file order


class PriceListError(InvalidInputError):
    """A price list with bad rows: nothing was written; ``errors`` names every row."""

    def __init__(self, source: str, errors: list[RowError]) -> None:
        shown = "\n".join(f"  {e}" for e in errors[:20])
        more = f"\n  … and {len(errors) - 20} more" if len(errors) > 20 else ""
        super().__init__(
            f"price list {source}: {len(errors)} row(s) cannot be used, so nothing was "
            f"written:\n{shown}{more}",
            hint="Fix those rows and import the whole file again (see docs/catalog-format.md, "
            "'Price lists').",
        )
        self.errors = errors


def _precision_error(amount: Decimal, currency: str, column: str) -> str | None:
    digits = get_currency_precision(currency)
    exponent = plain_decimal(amount).as_tuple().exponent
    if isinstance(exponent, int) and -exponent > digits:
        unit = "no minor unit" if digits == 0 else f"{digits} decimal places"
        return f"{column} {amount} has more decimals than {currency} allows ({unit})"
    return None


def _entry(row: int, cells: dict[str, Any], has_compare_at: bool) -> PriceEntry:
    """One row as a price; raises FieldError naming the column."""
    sku = str(cells.get("sku") or "").strip()
    if not sku:
        raise FieldError("Variant SKU is missing")
    raw_currency = str(cells.get("currency") or "").strip()
    if not raw_currency:
        raise FieldError("Currency is missing")
    currency = raw_currency.upper()
    if len(currency) != 3 or not currency.isalpha() or currency not in known_currencies():
        raise FieldError(
            f"Currency {raw_currency!r} is not an ISO 4217 currency code (e.g. KRW, JPY, EUR)"
        )
    price = parse_amount(str(cells.get("price") or ""), "Price", required=True)
    assert price is not None
    compare_at: Decimal | None | object = _KEEP
    if has_compare_at:
        compare_at = parse_amount(
            str(cells.get("compare_at") or ""), "Compare At Price", required=False
        )
    for amount, column in ((price, "Price"), (compare_at, "Compare At Price")):
        if isinstance(amount, Decimal) and (problem := _precision_error(amount, currency, column)):
            raise FieldError(problem)
    return PriceEntry(row=row, sku=sku, currency=currency, price=price, compare_at=compare_at)


def _csv_records(path: Path) -> tuple[list[tuple[int, dict[str, Any]]], bool]:
    text = path.read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in reader.fieldnames or []]
    sku_column = next((c for c in _SKU_COLUMNS if c in header), None)
    missing = [
        name
        for name, present in (
            ("Variant SKU", sku_column),
            ("Currency", "Currency" in header),
            ("Price", "Price" in header),
        )
        if not present
    ]
    if missing:
        raise InvalidInputError(
            f"{path}: not a price list (no {', '.join(repr(m) for m in missing)} column in the "
            "header row)",
            hint="Columns: Variant SKU, Currency, Price and optionally Compare At Price "
            "(see docs/catalog-format.md, 'Price lists').",
        )
    records = []
    for index, record in enumerate(reader):
        cells = {k.strip(): (v or "").strip() for k, v in record.items() if k is not None}
        if not any(cells.values()):
            continue
        records.append(
            (
                index + 2,
                {
                    "sku": cells.get(sku_column or "", ""),
                    "currency": cells.get("Currency", ""),
                    "price": cells.get("Price", ""),
                    "compare_at": cells.get("Compare At Price", ""),
                },
            )
        )
    return records, "Compare At Price" in header


def _json_records(path: Path) -> tuple[list[tuple[int, dict[str, Any]]], bool]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InvalidInputError(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from exc
    items = document.get("prices") if isinstance(document, dict) else document
    if not isinstance(items, list):
        raise InvalidInputError(
            f"{path}: expected a list of prices or an object with a 'prices' list",
            hint="See docs/catalog-format.md, 'Price lists'.",
        )
    records = []
    has_compare_at = False
    for position, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            records.append((position, {"_error": "a price must be a JSON object"}))
            continue
        has_compare_at = has_compare_at or "compare_at_price" in item
        records.append(
            (
                position,
                {
                    "sku": item.get("sku"),
                    "currency": item.get("currency"),
                    "price": _json_amount(item.get("price")),
                    "compare_at": _json_amount(item.get("compare_at_price")),
                },
            )
        )
    return records, has_compare_at


def _json_amount(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def parse_price_list(path: Path) -> tuple[list[PriceEntry], list[RowError]]:
    path = Path(path).expanduser()
    if not path.is_file():
        raise NotFoundError(f"Price list not found: {path}")
    readers = {".csv": _csv_records, ".json": _json_records}
    reader = readers.get(path.suffix.lower())
    if reader is None:
        raise InvalidInputError(
            f"{path}: unsupported price list type {path.suffix!r}",
            hint="Use a CSV (Variant SKU, Currency, Price, Compare At Price) or JSON file.",
        )
    records, has_compare_at = reader(path)
    if not records:
        raise InvalidInputError(f"{path}: the price list has no rows")
    entries: list[PriceEntry] = []
    errors: list[RowError] = []
    seen: dict[tuple[str, str], int] = {}
    for row, cells in records:
        if "_error" in cells:
            errors.append(RowError(row=row, reason=cells["_error"]))
            continue
        try:
            entry = _entry(row, cells, has_compare_at)
        except FieldError as exc:
            errors.append(RowError(row=row, reason=str(exc)))
            continue
        key = (entry.sku.lower(), entry.currency)
        if key in seen:
            errors.append(
                RowError(
                    row=row,
                    reason=f"{entry.sku} in {entry.currency} is already priced on row {seen[key]}",
                )
            )
            continue
        seen[key] = row
        entries.append(entry)
    return entries, errors


class PriceLists:
    """Imports price lists into the catalog, one transaction per file."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def import_file(self, path: Path) -> PriceListReport:
        path = Path(path).expanduser()
        entries, errors = parse_price_list(path)
        report = PriceListReport(source=str(path))
        started = datetime.now(UTC)
        try:
            with self.db.session() as session:
                variants = {
                    v.sku.lower(): v
                    for v in session.scalars(
                        select(VariantRow).options(
                            selectinload(VariantRow.market_prices),
                            selectinload(VariantRow.product),
                        )
                    )
                }
                errors += _unknown_skus(entries, variants)
                if errors:
                    raise PriceListError(str(path), sorted(errors, key=lambda e: e.row))
                touched: dict[str, tuple[VariantRow, int]] = {}
                for entry in entries:
                    variant = variants[entry.sku.lower()]
                    _apply(variant, entry)
                    touched[variant.sku] = (variant, entry.row)
                    if variant.product.sku not in report.products:
                        report.products.append(variant.product.sku)
                errors = [e for v, row in touched.values() for e in _compare_at_errors(v, row)]
                if errors:
                    raise PriceListError(str(path), sorted(errors, key=lambda e: e.row))
                report.rows = len(entries)
                report.variants = len({e.sku.lower() for e in entries})
                report.currencies = sorted({e.currency for e in entries})
                session.add(_run_row(report, started))
        except SQLAlchemyError as exc:
            raise ShopcastError(
                f"Import of {path} failed while writing to the database; nothing was changed "
                f"({type(exc).__name__}: {exc.args[0] if exc.args else exc})",
                hint="Check the database (SHOPCAST_DATABASE_URL) and run the import again.",
            ) from exc
        return report


def _unknown_skus(entries: list[PriceEntry], variants: dict[str, VariantRow]) -> list[RowError]:
    errors = []
    for entry in entries:
        if entry.sku.lower() in variants:
            continue
        close = difflib.get_close_matches(entry.sku.lower(), list(variants), n=1, cutoff=0.6)
        guess = f"; did you mean {variants[close[0]].sku}?" if close else ""
        errors.append(
            RowError(
                row=entry.row, reason=f"no variant with SKU {entry.sku!r} in the catalog{guess}"
            )
        )
    return errors


def _apply(variant: VariantRow, entry: PriceEntry) -> None:
    if entry.currency == variant.product.currency.upper():
        variant.price = plain_decimal(entry.price)
        if entry.compare_at is not _KEEP:
            variant.compare_at_price = entry.compare_at  # type: ignore[assignment]
        return
    row = next((p for p in variant.market_prices if p.currency == entry.currency), None)
    if row is None:
        row = MarketPriceRow(currency=entry.currency, amount=plain_decimal(entry.price))
        variant.market_prices.append(row)
    row.amount = plain_decimal(entry.price)
    if entry.compare_at is not _KEEP:
        compare_at = entry.compare_at
        row.compare_at_amount = (
            plain_decimal(compare_at) if isinstance(compare_at, Decimal) else None
        )


def _compare_at_errors(variant: VariantRow, row: int) -> list[RowError]:
    """A "was" price below the price would make the host announce a rise as a deal."""
    pairs = [(variant.price, variant.compare_at_price, variant.product.currency)]
    pairs += [(p.amount, p.compare_at_amount, p.currency) for p in variant.market_prices]
    return [
        RowError(
            row=row,
            reason=f"{variant.sku} in {currency}: Compare At Price {compare_at} is below the "
            f"price {price}; a compare-at price is what it cost before",
        )
        for price, compare_at, currency in pairs
        if compare_at is not None and compare_at < price
    ]


def _run_row(report: PriceListReport, started: datetime) -> ImportRunRow:
    return ImportRunRow(
        source=report.source[:1000],
        format="price-list",
        started_at=started,
        finished_at=datetime.now(UTC),
        imported=0,
        updated=report.variants,
        error_count=0,
        report=report.model_dump(mode="json"),
    )
