"""The studio's catalog work: importing a file (products, Shopify's translation export, a price
list) with its report, and a product's own copy beside its words in another language, for a
person to edit and approve (a draft the model wrote is never used by videos or shows until
approved). Reading needs an operator, changing anything an editor."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from shopcast.catalog.models import FAQ, Product, ProductText, base_language
from shopcast.catalog.price_list import PriceListReport, PriceLists
from shopcast.catalog.report import ImportReport
from shopcast.errors import InvalidInputError
from shopcast.markets.registry import list_markets
from shopcast.web.auth import add_audit_details
from shopcast.web.deps import EditorDep, OperatorDep
from shopcast.web.routes.studio_deps import StudioDep

router = APIRouter(prefix="/studio/api/catalog", tags=["studio"])

TextState = Literal["own", "seller", "approved", "drafted", "missing"]
ImportKind = Literal["products", "translations", "prices"]
MAX_IMPORT_BYTES = 20_000_000
IMPORT_TYPES = {"text/csv": ".csv", "application/csv": ".csv", "application/json": ".json"}
IMPORT_BODY = {
    "requestBody": {
        "required": True,
        "description": "The file itself: a CSV (text/csv) or JSON (application/json).",
        "content": {"text/csv": {"schema": {"type": "string"}}, "application/json": {}},
    }
}


class LanguageState(BaseModel):
    language: str  # base code: ko, pt
    markets: list[str]  # the markets that speak it
    state: TextState


class ProductTexts(BaseModel):
    sku: str
    title: str
    status: str
    language: str  # the language of the product's own fields
    source: ProductText  # the product's own words
    texts: dict[str, ProductText]
    languages: list[LanguageState]
    copy_flags: list[str]


class TextEdit(BaseModel):
    """A person's words for one language; ``approve`` also marks them approved."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str = Field(default="", max_length=200)
    spoken_name: str = Field(default="", max_length=120)
    description: str = Field(default="", max_length=10_000)
    selling_points: list[str] = Field(default_factory=list, max_length=30)
    attributes: dict[str, str] = Field(default_factory=dict, max_length=50)
    faqs: list[FAQ] = Field(default_factory=list, max_length=30)
    approve: bool = False


def _languages(product: Product) -> list[LanguageState]:
    by_language: dict[str, list[str]] = {}
    for market in list_markets():
        by_language.setdefault(base_language(market.language), []).append(market.code)
    states = []
    for language, markets in by_language.items():
        text = product.texts.get(language)
        state: TextState = (
            "own" if language == product.language else (text.origin if text else "missing")
        )
        states.append(LanguageState(language=language, markets=markets, state=state))
    return states


def _view(product: Product) -> ProductTexts:
    source = product.text_in(product.language)
    assert source is not None  # a product's own language always has its own words
    return ProductTexts(
        sku=product.sku,
        title=product.title,
        status=product.status,
        language=product.language,
        source=source,
        texts=product.texts,
        languages=_languages(product),
        copy_flags=product.copy_flags,
    )


@router.get("/{sku}/texts")
def product_texts(sku: str, _actor: OperatorDep, studio: StudioDep) -> ProductTexts:
    """The product's own words and its words per language, with each market language's state."""
    return _view(studio.catalog.get(sku))


@router.put("/{sku}/texts/{language}")
def save_text(
    sku: str, language: str, body: TextEdit, _actor: EditorDep, studio: StudioDep, request: Request
) -> ProductTexts:
    """Save a person's words for ``language``. They stay a draft when they edit a draft
    without approving it; ``approve`` (or an approved text edited) makes them usable."""
    product = studio.catalog.get(sku)
    existing = product.texts.get(base_language(language))
    origin = (
        "approved"
        if body.approve or (existing is not None and existing.origin == "approved")
        else ("drafted" if existing is not None and existing.origin == "drafted" else "seller")
    )
    text = ProductText(**body.model_dump(exclude={"approve"}), origin=origin)
    saved = studio.catalog.save_text(product.sku, language, text)
    add_audit_details(request, language=base_language(language), origin=origin)
    return _view(saved)


@router.post("/{sku}/texts/{language}/approve")
def approve_text(
    sku: str, language: str, _actor: EditorDep, studio: StudioDep, request: Request
) -> ProductTexts:
    """Approve the drafted words for ``language`` as they are."""
    add_audit_details(request, language=base_language(language))
    return _view(studio.catalog.approve_text(sku, language))


@router.post("/import", openapi_extra=IMPORT_BODY)
async def import_file(
    request: Request,
    _actor: EditorDep,
    studio: StudioDep,
    kind: Annotated[ImportKind, Query()] = "products",
) -> ImportReport | PriceListReport:
    """Import a file sent as the body: ``products`` (Shopify CSV or shopcast JSON; refused rows
    and warnings, such as instruction-like copy taken out, are in the report), ``translations``
    (Shopify's translation export) or ``prices`` (a price list: all rows or none, 422 naming
    every bad row). Relative image paths cannot be resolved from an upload."""
    suffix = IMPORT_TYPES.get(request.headers.get("content-type", "").split(";")[0].strip())
    if suffix is None:
        raise InvalidInputError(
            "Send the file with Content-Type text/csv or application/json.",
            hint="curl --data-binary @products.csv -H 'Content-Type: text/csv' …",
        )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_IMPORT_BYTES:
        raise InvalidInputError(f"The file is over {MAX_IMPORT_BYTES // 1_000_000} MB.")
    body = await request.body()
    if len(body) > MAX_IMPORT_BYTES:
        raise InvalidInputError(f"The file is over {MAX_IMPORT_BYTES // 1_000_000} MB.")
    if not body.strip():
        raise InvalidInputError("The request has no file.")
    with tempfile.TemporaryDirectory(prefix="shopcast-upload-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(body)
        if kind == "prices":
            report: ImportReport | PriceListReport = PriceLists(studio.catalog.db).import_file(path)
        elif kind == "translations":
            report = studio.catalog.import_translations(path)
        else:
            report = studio.catalog.import_file(path, source_label=f"upload ({suffix[1:]})")
    add_audit_details(request, kind=kind, bytes=len(body))
    return report
