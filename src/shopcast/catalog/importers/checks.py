"""Checks over the products of one file: duplicate variant SKUs, known currencies, and
instruction-like text in the seller's copy."""

from __future__ import annotations

from shopcast.catalog.copy_guard import guard_copy, title_flag
from shopcast.catalog.importers.common import ParsedFile, ParsedProduct, known_currencies
from shopcast.catalog.report import RowError


def drop_duplicate_skus(parsed: ParsedFile) -> None:
    """A variant SKU may appear once per file: a product that reuses one is refused."""
    owners: dict[str, tuple[str, int]] = {}  # sku -> (product handle, row)
    kept = []
    for item in parsed.products:
        error = _first_duplicate(item, owners)
        if error:
            parsed.errors.append(error)
            continue
        for index, variant in enumerate(item.product.variants):
            owners[variant.sku] = (item.product.sku, item.row_of_variant(index))
        kept.append(item)
    parsed.products = kept


def _first_duplicate(item: ParsedProduct, owners: dict[str, tuple[str, int]]) -> RowError | None:
    own: dict[str, int] = {}
    for index, variant in enumerate(item.product.variants):
        row = item.row_of_variant(index)
        earlier = own.get(variant.sku)
        if earlier is None and variant.sku in owners:
            earlier = owners[variant.sku][1]
        if earlier is not None:
            return RowError(
                row=row,
                reason=f"duplicate variant SKU {variant.sku!r} (already used on row {earlier}); "
                f"product {item.product.sku!r} not imported",
            )
        own[variant.sku] = row
    return None


def check_currencies(parsed: ParsedFile) -> None:
    known = known_currencies()
    kept = []
    for item in parsed.products:
        product = item.product
        bad = [product.currency] if product.currency not in known else []
        for variant in product.variants:
            bad.extend(c for c in variant.market_prices if c not in known)
        if bad:
            parsed.errors.append(
                RowError(row=item.row, reason=f"unknown currency {bad[0]!r} (use an ISO 4217 code)")
            )
            continue
        kept.append(item)
    parsed.products = kept


def guard_instruction_copy(parsed: ParsedFile) -> None:
    """Take instruction-like sentences out of each product's copy (``catalog.copy_guard``),
    warning per sentence; a product whose title reads as one is refused."""
    kept = []
    for item in parsed.products:
        product, flags = guard_copy(item.product)
        title = title_flag(flags)
        if title is not None:
            parsed.errors.append(
                RowError(
                    row=item.row,
                    reason=f"product {product.sku!r}: the title reads as an instruction to the "
                    f"host ({title.sentence!r}); product not imported",
                )
            )
            continue
        for flag in flags:
            parsed.warnings.append(
                f"row {item.row}: product {product.sku!r}: instruction-like text taken out of "
                f"{flag.field} (the host will not use it; kept in copy_flags for review): "
                f"{flag.sentence!r}"
            )
            parsed.copy_flags.setdefault(product.sku, []).append(str(flag))
        item.product = product
        kept.append(item)
    parsed.products = kept
