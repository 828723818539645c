"""Which catalog products a viewer's question names ("the hoodie", "sun fluid", "X or Y").

A product is named when the question holds its head noun (the last word of its title that is
neither a number, a unit nor an upper-case code: "Serum", "Hoodie", "Earbuds") or at least two
words of its title ("power bank", "sun fluid"). Plurals fold to the singular ("hoodies").
Products are returned in the order the question names them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shopcast.catalog.models import Product
from shopcast.live.chat.textmatch import fold

_WORD = re.compile(r"[^\W\d_][\w'-]*", re.UNICODE)
_UNITS = {"cm", "mm", "ml", "kg", "mah", "gsm", "oz", "in", "g"}
_GENERIC = {"the", "and", "with", "for", "pre", "set", "new"}


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ves"):
        return word[:-3] + "fe"  # knives → knife
    if len(word) > 3 and word.endswith("es") and word[-3] in "sxz":
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _words(text: str) -> list[str]:
    out = []
    for raw in _WORD.findall(fold(text)):
        for part in raw.replace("'s", "").split("-"):
            if part:
                out.append(_singular(part))
    return out


@dataclass(frozen=True)
class ProductName:
    sku: str
    head: str | None
    words: frozenset[str]


def product_name(product: Product) -> ProductName:
    words = []
    head = None
    for raw in _WORD.findall(product.title):
        if raw.isupper() and len(raw) > 1:  # SPF, ANC, PA: codes, not nouns
            continue
        for part in _words(raw):
            if len(part) >= 3 and part not in _UNITS and part not in _GENERIC:
                words.append(part)
                head = part
    return ProductName(product.sku, head, frozenset(words))


def mentioned_products(text: str, products: list[Product]) -> list[Product]:
    """The products ``text`` names, in the order it names them."""
    said = _words(text)
    said_set = set(said)
    found: list[tuple[int, Product]] = []
    for product in products:
        name = product_name(product)
        shared = name.words & said_set
        if (name.head and name.head in said_set) or len(shared) >= 2:
            first = min(i for i, w in enumerate(said) if w in shared)
            found.append((first, product))
    found.sort(key=lambda pair: pair[0])
    return [p for _, p in found]


def plural_heads(text: str) -> set[str]:
    """Head nouns the question uses in the plural ("the two hoodies" → {"hoodie"})."""
    out = set()
    for raw in _WORD.findall(fold(text)):
        single = _singular(raw)
        if single != raw:
            out.add(single)
    return out
