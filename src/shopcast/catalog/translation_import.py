"""Merging a Shopify translation export into the catalog's texts per language.

Which product a Shopify resource is (``find_product``) and what its translated rows change
(``merge_translations``); ``CatalogService.import_translations`` runs both in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable

from shopcast.catalog.importers.shopify_translations import TranslatedField, TranslatedResource
from shopcast.catalog.models import Product, ProductText


class CatalogIndex:
    """The catalog's products, found by handle, variant SKU or (unique) title."""

    def __init__(self, products: Iterable[Product]) -> None:
        self.by_handle: dict[str, Product] = {}
        self.by_variant: dict[str, Product] = {}
        self.by_title: dict[str, list[Product]] = {}
        for product in products:
            self.by_handle[product.sku.lower()] = product
            for variant in product.variants:
                self.by_variant[variant.sku.lower()] = product
            self.by_title.setdefault(product.title.strip().lower(), []).append(product)

    def find(self, resource: TranslatedResource) -> Product | None:
        if resource.handle and (found := self.by_handle.get(resource.handle.lower())):
            return found
        ident = resource.identification.lower()
        if found := self.by_handle.get(ident) or self.by_variant.get(ident):
            return found
        same_title = self.by_title.get(resource.default_title.strip().lower(), [])
        return same_title[0] if len(same_title) == 1 else None

    def replace(self, product: Product) -> None:
        self.by_handle[product.sku.lower()] = product


def describe_resource(resource: TranslatedResource) -> str:
    name = resource.handle or resource.default_title
    return f"Shopify product {resource.identification}" + (f" ({name!r})" if name else "")


def merge_translations(
    product: Product, fields: list[TranslatedField]
) -> tuple[Product, list[str]]:
    """``product`` with the translated title/description per language, and notes for the
    report. A translation for every market wins over a market-specific one; Shopify's
    ``outdated`` makes the text a draft to review; a text that already holds drafted words
    beyond those replaced stays a draft."""
    notes: list[str] = []
    chosen: dict[tuple[str, str], TranslatedField] = {}
    for item in fields:
        if item.language == product.language:
            notes.append(
                f"row {item.row}: locale {item.language} is the language of product "
                f"{product.sku!r} itself; skipped (edit the product instead)"
            )
            continue
        key = (item.language, item.field)
        earlier = chosen.get(key)
        if earlier is not None and not earlier.market and item.market:
            notes.append(
                f"row {item.row}: the {item.market!r} market's {item.field} is not used "
                f"(shopcast keeps one text per language; the one for all markets wins)"
            )
            continue
        if item.market and (earlier is None or earlier.market):
            notes.append(
                f"row {item.row}: the {item.market!r} market's {item.field} is used for every "
                f"{item.language} market (shopcast keeps one text per language)"
            )
        chosen[key] = item
    texts = dict(product.texts)
    for language in sorted({lang for lang, _ in chosen}):
        picked = {name: item for (lang, name), item in chosen.items() if lang == language}
        existing = texts.get(language, ProductText())
        updated = existing.model_copy(update={name: item.value for name, item in picked.items()})
        outdated = [item.row for item in picked.values() if item.outdated]
        if outdated:
            updated.origin = "drafted"
            notes.append(
                f"row {outdated[0]}: Shopify marks the {language} translation of product "
                f"{product.sku!r} outdated (the original changed since); imported as a draft "
                "to review (`shopcast catalog approve`)"
            )
        elif existing.origin == "drafted" and _drafted_words_remain(existing, set(picked)):
            notes.append(
                f"product {product.sku!r}: its {language} text keeps words the model drafted "
                "(selling points, FAQs, …), so it stays a draft to review"
            )
        else:
            updated.origin = "seller"
        texts[language] = updated
    return product.model_copy(update={"texts": texts}), notes


def _drafted_words_remain(text: ProductText, replaced: set[str]) -> bool:
    rest = {
        "title": bool(text.title),
        "description": bool(text.description),
        "spoken_name": bool(text.spoken_name),
        "selling_points": bool(text.selling_points),
        "attributes": bool(text.attributes),
        "faqs": bool(text.faqs),
    }
    return any(present for name, present in rest.items() if name not in replaced)
