"""A product's words in other languages from a Shopify CSV's per-language columns:
``Title (ko)``, ``Spoken Name (ko)``, ``Description (ko)``, ``Selling Points (ko)``,
``FAQ (ko)``, ``Attribute (ko): Skin Type`` and ``Text Origin (ko)`` (seller / drafted /
approved; default seller). Separators are the same as in the base columns."""

from __future__ import annotations

import re
from typing import Any

from shopcast.catalog.importers.common import FieldError, html_to_text, slug
from shopcast.catalog.models import FAQ, ProductText, base_language, language_error

_TEXT_COLUMN = re.compile(
    r"^(Title|Spoken Name|Description|Selling Points|FAQ|Text Origin) \(([^()]+)\)$"
)
_ATTRIBUTE_COLUMN = re.compile(r"^Attribute \(([^()]+)\):\s*(.+)$")
_ORIGINS = ("seller", "drafted", "approved")


def split_cell(value: str, separator: str) -> list[str]:
    parts = value.replace("\n", separator).split(separator)
    return [part.strip() for part in parts if part.strip()]


def parse_faqs(value: str, column: str = "FAQ") -> list[FAQ]:
    faqs = []
    for entry in split_cell(value, "||"):
        question, sep, answer = entry.partition("::")
        if not sep or not question.strip() or not answer.strip():
            raise FieldError(f"{column}: entry {entry!r} must read 'question :: answer'")
        faqs.append(FAQ(question=question.strip(), answer=answer.strip()))
    return faqs


def is_text_column(column: str) -> bool:
    return bool(_TEXT_COLUMN.match(column) or _ATTRIBUTE_COLUMN.match(column))


def _language(code: str, column: str) -> str:
    problem = language_error(code)
    if problem:
        raise FieldError(f"{column}: {problem}")
    return base_language(code)


def collect_texts(
    cells: dict[str, str], texts: dict[str, dict[str, Any]], *, first_row: bool
) -> None:
    """Add this row's per-language cells to ``texts`` (language → ProductText fields). Title,
    spoken name, description and origin come from the product's first row; selling points and
    FAQs add up over its rows; an attribute's first value wins."""
    for column, value in cells.items():
        if not value:
            continue
        if match := _ATTRIBUTE_COLUMN.match(column):
            fields = texts.setdefault(_language(match.group(1), column), {})
            key = slug(match.group(2)).replace("-", "_")
            fields.setdefault("attributes", {}).setdefault(key, value)
            continue
        match = _TEXT_COLUMN.match(column)
        if match is None:
            continue
        name, language = match.group(1), _language(match.group(2), column)
        fields = texts.setdefault(language, {})
        if name == "Selling Points":
            fields.setdefault("selling_points", []).extend(split_cell(value, "|"))
        elif name == "FAQ":
            fields.setdefault("faqs", []).extend(parse_faqs(value, column))
        elif not first_row:
            continue
        elif name == "Title":
            fields["title"] = value
        elif name == "Spoken Name":
            fields["spoken_name"] = value
        elif name == "Description":
            fields["description"] = html_to_text(value)
        elif name == "Text Origin":
            origin = value.strip().lower()
            if origin not in _ORIGINS:
                raise FieldError(f"{column} {value!r} must be one of: {', '.join(_ORIGINS)}")
            fields["origin"] = origin


def build_texts(texts: dict[str, dict[str, Any]], own_language: str) -> dict[str, ProductText]:
    """ProductText per language; a column in the product's own language is an error (its
    words belong in the base columns)."""
    if own_language in texts:
        raise FieldError(
            f"columns '… ({own_language})' repeat the product's own language "
            f"({own_language}); put those words in Title, Description, Selling Points, …"
        )
    return {lang: ProductText(**fields) for lang, fields in texts.items()}
