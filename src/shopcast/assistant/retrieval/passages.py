"""Product facts cut into retrievable passages, each tagged with its product SKU and kind."""

from __future__ import annotations

from dataclasses import dataclass

from shopcast.catalog.models import Product

KINDS = ("title", "attribute", "option", "selling_point", "faq", "description")


@dataclass(frozen=True)
class Passage:
    sku: str
    kind: str  # one of KINDS
    text: str  # what is indexed and what the answer step may quote
    question: str | None = None  # FAQ passages: the seller's question ...
    answer: str | None = None  # ... and answer


def product_passages(product: Product) -> list[Passage]:
    """Title, each attribute, the options, each selling point, each FAQ, the description."""
    sku, title = product.sku, product.title
    heading = " · ".join(x for x in (title, product.brand, product.category) if x)
    out = [Passage(sku, "title", heading)]
    for name, value in product.attributes.items():
        out.append(Passage(sku, "attribute", f"{title} — {name}: {value}"))
    for option in product.option_names:
        values = ", ".join(product.option_values(option))
        out.append(Passage(sku, "option", f"{title} — {option} options: {values}"))
    for point in product.selling_points:
        out.append(Passage(sku, "selling_point", f"{title}: {point}"))
    for faq in product.faqs:
        out.append(
            Passage(
                sku,
                "faq",
                f"{faq.question}\n{faq.answer}",
                question=faq.question,
                answer=faq.answer,
            )
        )
    if product.description.strip():
        out.append(Passage(sku, "description", f"{title}: {product.description.strip()[:600]}"))
    return out
