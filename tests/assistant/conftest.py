from __future__ import annotations

import json

import pytest

from shopcast.catalog.models import Product
from shopcast.catalog.sample import SAMPLE_JSON


def sample_products() -> list[Product]:
    raw = json.loads(SAMPLE_JSON.read_text("utf-8"))["products"]
    return [Product.model_validate(p) for p in raw]


@pytest.fixture(scope="session")
def products() -> list[Product]:
    return sample_products()


@pytest.fixture(scope="session")
def retriever(products):
    """The real hybrid retriever over the sample catalog, shared with the API's service
    (``shared_retriever`` caches by the indexed facts)."""
    from shopcast.assistant.service import shared_retriever

    return shared_retriever(products)
