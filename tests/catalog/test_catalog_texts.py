"""The products' words in other languages, in the sample catalog and the script bench catalog:
the same facts as the English, laid out the same way, with names a host can say."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from shopcast.catalog.importers import parse_json_catalog
from shopcast.catalog.models import Product, ProductText
from shopcast.catalog.sample import SAMPLE_JSON
from shopcast.writing.amounts import find_amounts
from shopcast.writing.facts import catalog_text

BENCH_PRODUCTS = Path(__file__).parents[2] / "bench" / "data" / "script_products.json"
SAMPLE_LANGUAGES = {"ko", "ja", "zh", "es", "pt", "fr", "it", "hi", "id"}
BENCH_LANGUAGES = {"ko", "ja", "zh", "es", "pt"}
BENCH_CURRENCIES = {"KRW", "JPY", "CNY", "EUR", "BRL"}
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "half": 2,
    "twice": 2,
}
# What a spoken name must not contain: digits, codes' symbols and brackets.
UNSPEAKABLE = re.compile(r"[0-9+%&#@*/()\[\]{}<>|±×]")


def _products(path: Path) -> list[Product]:
    parsed = parse_json_catalog(path)
    assert parsed.errors == []
    return [item.product for item in parsed.products]


def _english_numbers(product: Product) -> set[Decimal]:
    text = catalog_text(product)
    numbers = {v.normalize() for a in find_amounts(text) for v in a.values}
    words = re.findall(r"[a-z]+", text.lower())
    # "a minute", "a second device": other languages write the 1 as a digit (1분, もう1台).
    return numbers | {Decimal(1)} | {Decimal(NUMBER_WORDS[w]) for w in words if w in NUMBER_WORDS}


def _strings(text: ProductText) -> list[str]:
    parts = [text.title, text.spoken_name, text.description, *text.selling_points]
    parts += list(text.attributes.values())
    parts += [f"{f.question} {f.answer}" for f in text.faqs]
    return parts


def _check_parallel(product: Product, languages: set[str]) -> None:
    assert product.language == "en"
    assert product.spoken_name and not UNSPEAKABLE.search(product.spoken_name), product.sku
    assert set(product.texts) == languages, product.sku
    allowed = _english_numbers(product)
    for lang, text in product.texts.items():
        where = f"{product.sku} [{lang}]"
        assert text.origin == "seller", where
        assert text.title and text.spoken_name and text.description, where
        assert not UNSPEAKABLE.search(text.spoken_name), f"{where}: {text.spoken_name!r}"
        assert len(text.spoken_name) <= len(text.title) + 4, where
        assert set(text.attributes) == set(product.attributes), where
        assert len(text.selling_points) == len(product.selling_points), where
        assert len(text.faqs) == len(product.faqs), where
        for part in _strings(text):
            for amount in find_amounts(part):
                values = {v.normalize() for v in amount.values}
                assert values & allowed, f"{where}: {amount.text!r} is not in the English copy"


@pytest.mark.parametrize("product", _products(SAMPLE_JSON), ids=lambda p: p.sku)
def test_sample_product_texts_match_the_english(product: Product) -> None:
    _check_parallel(product, SAMPLE_LANGUAGES)


@pytest.mark.parametrize("product", _products(BENCH_PRODUCTS), ids=lambda p: p.sku)
def test_bench_product_texts_match_the_english(product: Product) -> None:
    _check_parallel(product, BENCH_LANGUAGES)
    for variant in product.variants:
        assert set(variant.market_prices) >= BENCH_CURRENCIES, variant.sku


def test_bench_catalog_is_new_products_with_sold_out_variants_and_deals() -> None:
    bench = _products(BENCH_PRODUCTS)
    sample = _products(SAMPLE_JSON)
    assert len(bench) >= 12
    handles = {p.sku for p in sample} | {v.sku for p in sample for v in p.variants}
    assert not handles & ({p.sku for p in bench} | {v.sku for p in bench for v in p.variants})
    assert sum(any(v.stock == 0 for v in p.variants) for p in bench) >= 6
    assert sum(any(v.compare_at_price for v in p.variants) for p in bench) >= 6
    assert len({p.category for p in bench}) >= 6


def test_a_text_in_a_market_language_is_served_for_that_market() -> None:
    serum = next(p for p in _products(SAMPLE_JSON) if p.sku == "sun-fluid")
    assert serum.spoken_name_in("en-US") == "Daily Sun Fluid"
    assert serum.spoken_name_in("ko-KR") == "데일리 선 플루이드"
    assert serum.title_in("pt-BR").startswith("Fluido Solar Diário")
    assert serum.text_in("de-DE") is None
