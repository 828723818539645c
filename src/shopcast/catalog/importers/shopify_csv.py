"""Shopify's product CSV export, plus a few optional shopcast columns.

Rows that share a ``Handle`` form one product; the first row carries the product fields,
the following rows add variants (``Option1 Value``, ``Variant SKU``, ``Variant Price``...) and/or
images (``Image Src``). Row numbers are spreadsheet rows: the header is row 1.
See ``docs/catalog-format.md`` for every column read.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

from pydantic import ValidationError

from shopcast.catalog.importers.checks import (
    check_currencies,
    drop_duplicate_skus,
    guard_instruction_copy,
)
from shopcast.catalog.importers.common import (
    FieldError,
    ParsedFile,
    ParsedProduct,
    describe_validation_error,
    html_to_text,
    parse_amount,
    parse_currency,
    parse_stock,
    slug,
)
from shopcast.catalog.importers.texts import build_texts, collect_texts, parse_faqs, split_cell
from shopcast.catalog.models import Product, Variant, base_language, language_error
from shopcast.catalog.report import RowError
from shopcast.errors import InvalidInputError

Row = tuple[int, dict[str, str]]
_VARIANT_COLUMNS = ("Option1 Value", "Variant SKU", "Variant Price", "Variant Inventory Qty")
_DEFAULT_OPTION = ("title", "default title")


def parse_shopify_csv(path: Path) -> ParsedFile:
    text = path.read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    if "Handle" not in header:
        raise InvalidInputError(
            f"{path}: not a Shopify product CSV (no 'Handle' column in the header row)",
            hint="Export products from Shopify (Products > Export) or see docs/catalog-format.md.",
        )
    parsed = ParsedFile(format="shopify-csv")
    groups: dict[str, list[Row]] = {}
    for index, record in enumerate(reader):
        row_number = index + 2
        cells = {k.strip(): (v or "").strip() for k, v in record.items() if k is not None}
        handle = cells.get("Handle", "")
        if not handle:
            if any(cells.values()):
                parsed.errors.append(RowError(row=row_number, reason="Handle is empty"))
            continue
        groups.setdefault(handle, []).append((row_number, cells))
    for handle, rows in groups.items():
        try:
            parsed.products.append(_product_from_rows(handle, rows))
        except _ProductRowsError as exc:
            parsed.errors.extend(exc.errors)
    drop_duplicate_skus(parsed)
    check_currencies(parsed)
    guard_instruction_copy(parsed)
    return parsed


class _ProductRowsError(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


def _is_variant_row(cells: dict[str, str]) -> bool:
    return any(cells.get(column) for column in _VARIANT_COLUMNS)


_split = split_cell
_STATUSES = ("active", "draft", "archived")


def _status(value: str) -> str:
    status = value.strip().lower() or "active"
    if status not in _STATUSES:
        raise FieldError(f"Status {value!r} must be one of: {', '.join(_STATUSES)}")
    return status


def _language(value: str) -> str:
    problem = language_error(value) if value.strip() else None
    if problem:
        raise FieldError(f"Language: {problem}")
    return value.strip() or "en"


def _product_from_rows(handle: str, rows: list[Row]) -> ParsedProduct:
    first_row, first = rows[0]
    errors: list[RowError] = []
    option_names = [first.get(f"Option{i} Name", "") for i in (1, 2, 3)]
    fields: dict = {
        "sku": handle,
        "title": first.get("Title", ""),
        "description": html_to_text(first.get("Body (HTML)", "")),
        "brand": first.get("Vendor", ""),
        "category": _category(first),
        "tags": _split(first.get("Tags", ""), ","),
        "currency": "USD",
        "attributes": {},
        "selling_points": [],
        "faqs": [],
        "spoken_name": first.get("Spoken Name", ""),
    }
    texts: dict[str, dict] = {}
    if not fields["title"]:
        errors.append(RowError(row=first_row, reason=f"Title is missing for product {handle!r}"))
    variants: list[Variant] = []
    variant_rows: list[int] = []
    images: list[tuple[int, str]] = []
    image_rows: dict[str, int] = {}
    for row_number, cells in rows:
        try:
            if row_number == first_row:
                if cells.get("Currency"):
                    fields["currency"] = parse_currency(cells["Currency"], "Currency")
                fields["status"] = _status(cells.get("Status", ""))
                fields["language"] = _language(cells.get("Language", ""))
            _collect_details(cells, fields, row_number)
            collect_texts(cells, texts, first_row=row_number == first_row)
            if src := cells.get("Image Src"):
                position = cells.get("Image Position", "")
                images.append((int(position) if position.isdigit() else 10_000 + row_number, src))
                image_rows.setdefault(src, row_number)
            if _is_variant_row(cells):
                variant = _variant(handle, cells, option_names, len(variants))
                if variant.image:
                    image_rows.setdefault(variant.image, row_number)
                variants.append(variant)
                variant_rows.append(row_number)
        except FieldError as exc:
            errors.append(RowError(row=row_number, reason=str(exc)))
        except ValidationError as exc:
            errors.append(RowError(row=row_number, reason=describe_validation_error(exc)))
    if not variants and not errors:
        errors.append(
            RowError(row=first_row, reason=f"product {handle!r} has no variant rows (no price)")
        )
    if errors:
        raise _ProductRowsError(errors)
    fields["images"] = [src for _, src in sorted(images, key=lambda item: item[0])]
    try:
        fields["texts"] = build_texts(texts, base_language(fields["language"]))
        product = Product(**fields, variants=variants)
    except FieldError as exc:
        raise _ProductRowsError([RowError(row=first_row, reason=str(exc))]) from None
    except ValidationError as exc:
        raise _ProductRowsError(
            [RowError(row=first_row, reason=describe_validation_error(exc))]
        ) from None
    return ParsedProduct(
        row=first_row, product=product, image_rows=image_rows, variant_rows=variant_rows
    )


def _category(cells: dict[str, str]) -> str:
    for column in ("Category", "Type"):
        if cells.get(column):
            return cells[column]
    taxonomy = cells.get("Product Category", "")
    return taxonomy.split(">")[-1].strip() if taxonomy else ""


def _collect_details(cells: dict[str, str], fields: dict, row_number: int) -> None:
    for column, value in cells.items():
        if column.startswith("Attribute:") and value:
            key = slug(column.removeprefix("Attribute:")).replace("-", "_")
            fields["attributes"].setdefault(key, value)
    if points := cells.get("Selling Points"):
        fields["selling_points"].extend(_split(points, "|"))
    if faq := cells.get("FAQ"):
        fields["faqs"].extend(parse_faqs(faq))


def _variant(handle: str, cells: dict[str, str], option_names: list[str], index: int) -> Variant:
    options: dict[str, str] = {}
    for number, name in enumerate(option_names, start=1):
        value = cells.get(f"Option{number} Value", "")
        if name and value and (name.lower(), value.lower()) != _DEFAULT_OPTION:
            options[name] = value
    price = parse_amount(cells.get("Variant Price", ""), "Variant Price", required=True)
    compare_at = parse_amount(
        cells.get("Variant Compare At Price", ""), "Variant Compare At Price", required=False
    )
    market_prices: dict[str, Decimal] = {}
    market_compare_at: dict[str, Decimal] = {}
    for column, value in cells.items():
        if not value:
            continue
        for prefix, found in (("Price ", market_prices), ("Compare At Price ", market_compare_at)):
            if column.startswith(prefix):
                currency = parse_currency(column.removeprefix(prefix), column)
                amount = parse_amount(value, column, required=True)
                assert amount is not None
                found[currency] = amount
    if missing := sorted(set(market_compare_at) - set(market_prices)):
        raise FieldError(
            f"Compare At Price {missing[0]} is set but Price {missing[0]} is empty; "
            "a compare-at price needs the price in the same currency"
        )
    sku = cells.get("Variant SKU") or _generated_sku(handle, options, index)
    return Variant(
        sku=sku,
        options=options,
        price=price,
        compare_at_price=compare_at,
        stock=parse_stock(cells.get("Variant Inventory Qty", ""), "Variant Inventory Qty"),
        image=cells.get("Variant Image") or None,
        market_prices=market_prices,
        market_compare_at_prices=market_compare_at,
    )


def _generated_sku(handle: str, options: dict[str, str], index: int) -> str:
    """Shopify allows variants without a SKU; shopcast needs one, so derive it."""
    suffix = "-".join(slug(v) for v in options.values()) or (str(index + 1) if index else "")
    return (f"{handle}-{suffix}" if suffix else handle)[:64]
