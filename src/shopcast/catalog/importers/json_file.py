"""shopcast's JSON catalog: ``{"products": [Product, ...]}`` (or a bare list of products).

Each product follows ``shopcast.catalog.models.Product``; errors name the product's 1-based
position in the list as the row. ``description`` may contain HTML, which is stripped.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from shopcast.catalog.importers.checks import (
    check_currencies,
    drop_duplicate_skus,
    guard_instruction_copy,
)
from shopcast.catalog.importers.common import (
    ParsedFile,
    ParsedProduct,
    describe_validation_error,
    html_to_text,
)
from shopcast.catalog.models import Product
from shopcast.catalog.report import RowError
from shopcast.errors import InvalidInputError


def parse_json_catalog(path: Path) -> ParsedFile:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InvalidInputError(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from exc
    items = document.get("products") if isinstance(document, dict) else document
    if not isinstance(items, list):
        raise InvalidInputError(
            f"{path}: expected a list of products or an object with a 'products' list",
            hint="See docs/catalog-format.md for the JSON catalog format.",
        )
    parsed = ParsedFile(format="json")
    for position, item in enumerate(items, start=1):
        product = _product(item, position, parsed)
        if product is None:
            continue
        refs = [*product.images, *(v.image for v in product.variants if v.image)]
        parsed.products.append(
            ParsedProduct(
                row=position,
                product=product,
                image_rows={ref: position for ref in refs},
                variant_rows=[position] * len(product.variants),
            )
        )
    drop_duplicate_skus(parsed)
    check_currencies(parsed)
    guard_instruction_copy(parsed)
    return parsed


def _product(item: Any, position: int, parsed: ParsedFile) -> Product | None:
    if not isinstance(item, dict):
        parsed.errors.append(RowError(row=position, reason="product must be a JSON object"))
        return None
    handle = item.get("sku", "?")
    try:
        product = Product.model_validate(item)
    except ValidationError as exc:
        reason = f"product {handle!r}: {describe_validation_error(exc)}"
        parsed.errors.append(RowError(row=position, reason=reason))
        return None
    product.description = html_to_text(product.description)
    for text in product.texts.values():
        text.description = html_to_text(text.description)
    return product
