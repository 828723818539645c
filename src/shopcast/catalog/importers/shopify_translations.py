"""Shopify's translation export (Settings → Languages → Export, or Translate & Adapt): one row per
resource, field and locale::

    Type,Identification,Field,Locale,Market,Status,Default content,Translated content
    PRODUCT,'8812345678901,handle,ko,,,glow-serum,
    PRODUCT,'8812345678901,title,ko,,,Rice Water Glow Serum,쌀뜨물 글로우 세럼
    PRODUCT,'8812345678901,body_html,ko,,,<p>A milky serum.</p>,<p>우유 같은 세럼.</p>

``Identification`` is Shopify's numeric id (Excel guard ``'`` removed), which a product CSV does
not carry, so a product is found by its ``handle`` row's default content (Shopify exports one per
product), else by an id that is itself a handle or variant SKU, else by its ``title`` row's
default content. Product ``title`` and ``body_html`` are used; other product fields and other
resource types are counted and named in the report, never an error. Row numbers are spreadsheet
rows (the header is row 1).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from shopcast.catalog.importers.common import html_to_text
from shopcast.catalog.models import ProductText, base_language, language_error
from shopcast.catalog.report import RowError
from shopcast.errors import InvalidInputError

REQUIRED = ("Type", "Identification", "Field", "Locale", "Translated content")
USED_FIELDS = {"title": "title", "body_html": "description"}
# Product fields Shopify translates that a host has no use for (URLs, SEO, the product type).
UNUSED_FIELDS = {"meta_title", "meta_description", "product_type"}


@dataclass
class TranslatedField:
    row: int
    language: str  # base language code
    field: str  # ProductText field: title | description
    value: str
    market: str = ""
    outdated: bool = False


@dataclass
class TranslatedResource:
    """The rows of one Shopify product: how to find it, and what was translated."""

    identification: str
    first_row: int
    handle: str = ""
    default_title: str = ""
    fields: list[TranslatedField] = field(default_factory=list)


@dataclass
class ParsedTranslations:
    products: dict[str, TranslatedResource] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    skipped_types: Counter[str] = field(default_factory=Counter)
    unused_fields: Counter[str] = field(default_factory=Counter)
    unknown_fields: dict[str, int] = field(default_factory=dict)  # field -> first row
    untranslated: int = 0


def parse_shopify_translations(path: Path) -> ParsedTranslations:
    text = path.read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        hint = (
            "This looks like a product CSV: import it with `shopcast catalog import`."
            if "Handle" in header
            else "Export translations from Shopify (Settings → Languages → Export) or see "
            "docs/catalog-format.md."
        )
        raise InvalidInputError(
            f"{path}: not a Shopify translation export (no {', '.join(repr(c) for c in missing)} "
            "column in the header row)",
            hint=hint,
        )
    parsed = ParsedTranslations()
    for index, record in enumerate(reader):
        row = index + 2
        cells = {k.strip(): (v or "") for k, v in record.items() if k is not None}
        kind = cells.get("Type", "").strip().upper()
        if not any(v.strip() for v in cells.values()):
            continue
        if kind not in ("PRODUCT", "PRODUCTS"):
            parsed.skipped_types[kind or "(empty)"] += 1
            continue
        _product_row(parsed, row, cells)
    return parsed


def _product_row(parsed: ParsedTranslations, row: int, cells: dict[str, str]) -> None:
    identification = cells.get("Identification", "").strip().lstrip("'").strip()
    if not identification:
        parsed.errors.append(RowError(row=row, reason="Identification is empty"))
        return
    resource = parsed.products.setdefault(
        identification, TranslatedResource(identification=identification, first_row=row)
    )
    name = cells.get("Field", "").strip().lower()
    default = cells.get("Default content", "").strip()
    if name == "handle" and default:
        resource.handle = default
    if name == "title" and default:
        resource.default_title = default
    if name == "handle":  # how the product is found, not a text
        return
    if name not in USED_FIELDS:
        if name in UNUSED_FIELDS:
            parsed.unused_fields[name] += 1
        else:
            parsed.unknown_fields.setdefault(name or "(empty)", row)
        return
    value = cells.get("Translated content", "").strip()
    if not value:
        parsed.untranslated += 1
        return
    locale = cells.get("Locale", "").strip()
    problem = language_error(locale)
    if problem:
        parsed.errors.append(RowError(row=row, reason=f"Locale: {problem}"))
        return
    if name == "body_html":
        value = html_to_text(value)
    limit = ProductText.model_fields["title"].metadata[0].max_length
    if name == "title" and len(value) > limit:
        parsed.errors.append(
            RowError(row=row, reason=f"the translated title is longer than {limit} characters")
        )
        return
    resource.fields.append(
        TranslatedField(
            row=row,
            language=base_language(locale),
            field=USED_FIELDS[name],
            value=value,
            market=cells.get("Market", "").strip(),
            outdated=cells.get("Status", "").strip().lower() == "outdated",
        )
    )
