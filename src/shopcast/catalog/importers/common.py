"""Parsing helpers shared by the importers: numbers, currencies, HTML, pydantic errors."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from html import unescape
from html.parser import HTMLParser

from babel.numbers import list_currencies
from pydantic import ValidationError

from shopcast.catalog.models import Product
from shopcast.catalog.report import RowError


@dataclass
class ParsedProduct:
    """A valid product read from a file; image references are still as written in the file."""

    row: int
    product: Product
    image_rows: dict[str, int] = field(default_factory=dict)  # image reference -> row
    variant_rows: list[int] = field(default_factory=list)  # row of each variant, in order

    def row_of_variant(self, index: int) -> int:
        return self.variant_rows[index] if index < len(self.variant_rows) else self.row


@dataclass
class ParsedFile:
    format: str
    products: list[ParsedProduct] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    copy_flags: dict[str, list[str]] = field(default_factory=dict)  # handle -> flags found


class FieldError(ValueError):
    """A cell that cannot be used; the message names the column."""


@cache
def known_currencies() -> frozenset[str]:
    return frozenset(list_currencies())


def parse_currency(value: str, column: str) -> str:
    code = value.strip().upper()
    if code not in known_currencies():
        raise FieldError(f"{column}: unknown currency {value.strip()!r} (use an ISO 4217 code)")
    return code


_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")


def parse_amount(value: str, column: str, *, required: bool) -> Decimal | None:
    text = value.strip()
    if not text:
        if required:
            raise FieldError(f"{column} is missing")
        return None
    if _GROUPED.match(text):
        text = text.replace(",", "")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise FieldError(f"{column} {value.strip()!r} is not a number") from None
    if not amount.is_finite():
        raise FieldError(f"{column} {value.strip()!r} is not a number")
    if amount < 0:
        raise FieldError(f"{column} is {amount}; a price cannot be negative")
    return amount


def parse_stock(value: str, column: str) -> int:
    text = value.strip()
    if not text:
        return 0
    try:
        stock = int(Decimal(text))
        if Decimal(text) != stock:
            raise InvalidOperation
    except InvalidOperation:
        raise FieldError(f"{column} {text!r} is not a whole number") from None
    if stock < 0:
        raise FieldError(f"{column} is {stock}; stock cannot be negative")
    return stock


_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr"}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(html: str) -> str:
    """Plain text from Shopify's ``Body (HTML)``: tags removed, blocks on their own lines."""
    if "<" in html:
        extractor = _TextExtractor()
        extractor.feed(html)
        extractor.close()
        html = "".join(extractor.parts)
    lines = (" ".join(line.split()) for line in unescape(html).splitlines())
    return "\n".join(line for line in lines if line)


def describe_validation_error(error: ValidationError) -> str:
    """``variants.0.stock: Input should be greater than or equal to 0; ...``"""
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item["loc"]) or "product"
        parts.append(f"{where}: {item['msg']}")
    return "; ".join(parts)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
