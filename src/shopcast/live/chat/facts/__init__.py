"""Answers from the catalog in code: the product's facts in the market's language, what a
question asks, yes/no properties, the fixed lines, and the honest answer when nothing fits."""

from shopcast.live.chat.facts.fixed import CatalogAnswer, catalog_answer, likely_answers
from shopcast.live.chat.facts.product import Fact, OptionValue, ProductFacts, product_facts

__all__ = [
    "CatalogAnswer",
    "Fact",
    "OptionValue",
    "ProductFacts",
    "catalog_answer",
    "likely_answers",
    "product_facts",
]
