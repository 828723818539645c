"""The assistant's retrieval index is built when the app starts, in the background: the start
is not held up, the first question finds the index ready (it does not build it), a question
that comes while it is being built waits for that build instead of starting a second one, and
shutdown stops a build in progress and joins its thread.

The builds are real (the e5 embedder over real catalog facts); ``BuildSpy`` only counts them
and can hold one at its start. Each test's catalog carries a unique token, so that the
process-wide index cache (shared with the other assistant tests) never has it already."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from shopcast.assistant import service as assistant_service
from shopcast.assistant.retrieval import Retriever
from shopcast.catalog.models import Product
from shopcast.catalog.service import CatalogService
from shopcast.commerce.testing import temporary_database
from shopcast.config import Settings
from shopcast.store import Database
from shopcast.web.app import create_app


class BuildSpy:
    """Counts the real index builds; ``gate`` (open unless cleared) holds each at its start."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.gate = threading.Event()
        self.gate.set()
        self.built = 0
        spy = self

        class CountingRetriever(Retriever):
            def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
                spy.started.set()
                assert spy.gate.wait(120), "the test never let the build go on"
                super().__init__(*args, **kwargs)
                spy.built += 1

        self.retriever_class = CountingRetriever


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> BuildSpy:
    spy = BuildSpy()
    monkeypatch.setattr(assistant_service, "Retriever", spy.retriever_class)
    return spy


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    with temporary_database("sqlite", tmp_path) as database:
        yield database


def _catalog(products: list[Product], copies: int = 1) -> list[Product]:
    """The products (``copies`` times, under new SKUs) with a token no other test indexed."""
    token = uuid.uuid4().hex[:8]
    out = []
    for n in range(copies):
        for product in products:
            suffix = f"-{n}" if copies > 1 else ""
            variants = [v.model_copy(update={"sku": f"{v.sku}{suffix}"}) for v in product.variants]
            out.append(
                product.model_copy(
                    update={
                        "sku": f"{product.sku}{suffix}",
                        "variants": variants,
                        "description": f"{product.description} (batch {token})",
                    }
                )
            )
    return out


def _app(tmp_path: Path, db: Database, catalog: list[Product]) -> FastAPI:
    settings = Settings(home=tmp_path)
    service = CatalogService(db, settings)
    for product in catalog:
        service.upsert(product)
    app = create_app(settings, database=db, maintenance_interval_s=None)
    app.state.llm = None  # template answers: the model is not what this is about
    return app


def test_the_index_is_built_at_start_and_the_first_question_does_not_build_it(
    tmp_path: Path, db: Database, products: list[Product], spy: BuildSpy
) -> None:
    hoodie = next(p for p in products if p.sku == "heavyweight-hoodie")
    others = [p for p in products if p.sku != "heavyweight-hoodie"][:2]
    app = _app(tmp_path, db, _catalog([hoodie, *others]))
    spy.gate.clear()  # the warm-up build waits at its start until the app is seen serving
    with TestClient(app) as client:  # returns when the app has started
        warm_up = app.state.assistant_warm_up
        assert spy.started.wait(60), "no warm-up build began at start"
        assert client.get("/health").status_code == 200  # serving while the index is built
        assert warm_up.running and spy.built == 0
        spy.gate.set()
        assert warm_up.wait(300) and warm_up.outcome == "warm"
        assert spy.built == 1

        r = client.post(
            "/api/assistant/ask",
            json={"viewer_id": "v1", "text": "What is the hoodie made of?", "market": "en-US"},
        )
        assert r.status_code == 200, r.text
        assert r.json()["products"] == ["heavyweight-hoodie"]
        assert "100% organic cotton fleece" in r.json()["answer"]
        assert spy.built == 1  # the question used the index built at start
    assert not warm_up.running  # joined at shutdown


def test_shutdown_cancels_a_build_in_progress_and_joins_its_thread(
    tmp_path: Path, db: Database, products: list[Product], spy: BuildSpy
) -> None:
    app = _app(tmp_path, db, _catalog(products, copies=3))  # hundreds of passages
    with TestClient(app):
        warm_up = app.state.assistant_warm_up
        assert spy.started.wait(60)
        stopping = time.perf_counter()
    stopped_in = time.perf_counter() - stopping
    assert not warm_up.running and warm_up.outcome == "cancelled" and spy.built == 0
    assert stopped_in < 30, f"shutdown waited {stopped_in:.1f} s for the warm-up"


def test_a_question_during_the_build_waits_for_it_instead_of_building_again(
    products: list[Product], spy: BuildSpy
) -> None:
    catalog = _catalog(products[:2])
    spy.gate.clear()
    results: list[Retriever] = []
    first = threading.Thread(
        target=lambda: results.append(assistant_service.shared_retriever(catalog))
    )
    first.start()
    assert spy.started.wait(60)
    second = threading.Thread(
        target=lambda: results.append(assistant_service.shared_retriever(catalog))
    )
    second.start()
    time.sleep(0.5)
    assert second.is_alive()  # waiting for the first build, not building one of its own
    spy.gate.set()
    first.join(300)
    second.join(300)
    assert spy.built == 1 and len(results) == 2 and results[0] is results[1]
