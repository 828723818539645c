from __future__ import annotations

import json
from pathlib import Path

import pytest

from shopcast.catalog.models import Product

SAMPLE = Path(__file__).with_name("sample_products.json")


def load_sample_products() -> list[Product]:
    return [Product.model_validate(p) for p in json.loads(SAMPLE.read_text("utf-8"))]


@pytest.fixture(scope="session")
def sample_products() -> list[Product]:
    return load_sample_products()


@pytest.fixture(scope="session")
def retriever(sample_products):
    from shopcast.assistant.retrieval import Retriever

    return Retriever(sample_products)
