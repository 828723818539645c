"""Product facts cut into retrievable passages, each tagged with its product SKU and kind."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from shopcast.catalog.models import Product, ProductText, base_language

KINDS = ("title", "attribute", "option", "selling_point", "faq", "description")


@dataclass(frozen=True)
class Passage:
    sku: str
    kind: str  # one of KINDS
    text: str  # what is indexed and what the answer step may quote
    question: str | None = None  # FAQ passages: the seller's question ...
    answer: str | None = None  # ... and answer
    # which catalog entry it is ("attribute:care", "faq:1", "selling_point:0", "description",
    # "title", "option:Color") and the language it is written in ("en", "ko")
    key: str = ""
    language: str = ""


def _text_passages(product: Product, text: ProductText, lang: str) -> list[Passage]:
    sku = product.sku
    title = text.title or product.title
    heading = " · ".join(x for x in (title, product.brand, product.category) if x)
    out = [Passage(sku, "title", heading, key="title", language=lang)]
    source_keys = list(product.attributes)
    local_items = list(text.attributes.items())
    for i, (name, value) in enumerate(local_items):
        # a translation keeps the seller's keys, or at least their order
        key = (
            name
            if name in product.attributes
            else (source_keys[i] if len(local_items) == len(source_keys) else name)
        )
        out.append(
            Passage(
                sku,
                "attribute",
                f"{title} — {name}: {value}",
                key=f"attribute:{key}",
                language=lang,
            )
        )
    if lang == product.language:
        for option in product.option_names:
            values = ", ".join(product.option_values(option))
            out.append(
                Passage(
                    sku,
                    "option",
                    f"{title} — {option} options: {values}",
                    key=f"option:{option}",
                    language=lang,
                )
            )
    # entries of a translation line up with the seller's by position when the counts agree
    aligned_points = len(text.selling_points) == len(product.selling_points)
    aligned_faqs = len(text.faqs) == len(product.faqs)
    for i, point in enumerate(text.selling_points):
        out.append(
            Passage(
                sku,
                "selling_point",
                f"{title}: {point}",
                key=f"selling_point:{i}" if aligned_points else "",
                language=lang,
            )
        )
    for i, faq in enumerate(text.faqs):
        out.append(
            Passage(
                sku,
                "faq",
                f"{faq.question}\n{faq.answer}",
                question=faq.question,
                answer=faq.answer,
                key=f"faq:{i}" if aligned_faqs else "",
                language=lang,
            )
        )
    if text.description.strip():
        out.append(
            Passage(
                sku,
                "description",
                f"{title}: {text.description.strip()[:600]}",
                key="description",
                language=lang,
            )
        )
    return out


def product_passages(product: Product, languages: Collection[str] = ()) -> list[Passage]:
    """Title, each attribute, the options, each selling point, each FAQ, the description —
    in the product's own language, and in each of ``languages`` the product has words in
    (the seller's or approved translations; drafts awaiting review are left out)."""
    own = product.text_in(product.language)
    assert own is not None  # a product always has words in its own language
    out = _text_passages(product, own, product.language)
    for lang in dict.fromkeys(base_language(x) for x in languages):
        if lang == product.language:
            continue
        text = product.text_in(lang)
        if text is not None:
            out += _text_passages(product, text, lang)
    return out
