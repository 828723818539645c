"""The studio's words per language: a product's own copy beside its words in another language,
for a person to edit and approve (a draft the model wrote is never used by videos or shows
until approved). Reading needs an operator, changing anything an editor."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field

from shopcast.catalog.models import FAQ, Product, ProductText, base_language
from shopcast.markets.registry import list_markets
from shopcast.web.auth import add_audit_details
from shopcast.web.deps import EditorDep, OperatorDep
from shopcast.web.routes.studio_deps import StudioDep

router = APIRouter(prefix="/studio/api/catalog", tags=["studio"])

TextState = Literal["own", "seller", "approved", "drafted", "missing"]


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
