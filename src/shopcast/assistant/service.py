"""The shopping assistant behind the API: grounded answers and per-viewer recommendations.

One instance per app. The catalog is read per request (stock and prices change); the hybrid
retriever is rebuilt only when the indexed product facts change (cached by their content, so
two services over the same catalog share one index). Every question is stored as an analytics
``ask`` event per product it was about, which feeds the recommender, and in the question log
(:mod:`shopcast.assistant.questions`) with its text, answer, path and facts, for editors.
"""

from __future__ import annotations

import hashlib
import threading
import time
import uuid
from collections import OrderedDict
from datetime import UTC, datetime

from sqlalchemy import select

from shopcast.analytics.schemas import EventIn
from shopcast.analytics.service import AnalyticsService
from shopcast.analytics.tables import AnalyticsEventRow
from shopcast.assistant.answerer import AssistantReply, answer_question
from shopcast.assistant.questions import AskedRecord, QuestionLog
from shopcast.assistant.recommend.service import PinnedLookup, RecommendationService
from shopcast.assistant.retrieval import BuildCancelled, Retriever, product_passages
from shopcast.assistant.schemas import (
    AskIn,
    AskOut,
    RecommendationOut,
    RecommendationsOut,
)
from shopcast.assistant.shipping import load_shipping_policy
from shopcast.catalog.models import Product
from shopcast.catalog.service import CatalogService
from shopcast.config import Settings
from shopcast.errors import InvalidInputError, NotFoundError
from shopcast.live.chat.phrases import phrase
from shopcast.markets.registry import get_market
from shopcast.store import Database
from shopcast.writing.llm.base import LLM

ASSISTANT_SHOW_ID = "assistant"  # show_id of ask events sent outside any show
MAX_ASK_EVENTS = 3
MAX_RECOMMENDATIONS = 20

_RETRIEVERS: OrderedDict[str, Retriever] = OrderedDict()
_RETRIEVERS_LOCK = threading.Lock()
_BUILDING: dict[str, threading.Event] = {}  # index key -> set when that build ends


def shared_retriever(
    products: list[Product], *, cancel: threading.Event | None = None
) -> Retriever:
    """A retriever over ``products``, reused while their indexed facts are unchanged.

    One build per index at a time: a caller that finds the same index being built (the
    app's warm-up, another question) waits for it rather than building a second one. With
    ``cancel`` the build, or the wait, raises ``BuildCancelled`` once it is set."""
    digest = hashlib.sha256()
    for product in products:
        for passage in product_passages(product):
            digest.update(f"{passage.sku}\x1f{passage.kind}\x1f{passage.text}\x1e".encode())
    key = digest.hexdigest()
    while True:
        with _RETRIEVERS_LOCK:
            found = _RETRIEVERS.get(key)
            if found is not None:
                _RETRIEVERS.move_to_end(key)
                return found
            building = _BUILDING.get(key)
            if building is None:
                building = _BUILDING[key] = threading.Event()
                break
        while not building.wait(0.2):  # built (or given up) elsewhere: look again
            if cancel is not None and cancel.is_set():
                raise BuildCancelled("waiting for the retrieval index cancelled")
    try:
        retriever = Retriever(products, cancel=cancel)
        with _RETRIEVERS_LOCK:
            _RETRIEVERS[key] = retriever
            while len(_RETRIEVERS) > 4:
                _RETRIEVERS.popitem(last=False)
        return retriever
    finally:
        with _RETRIEVERS_LOCK:
            del _BUILDING[key]
        building.set()


def warm_up_retriever(db: Database, settings: Settings, cancel: threading.Event) -> bool:
    """Build the retrieval index over the catalog as it is now, as the first question would
    (``AssistantService.ask`` reads the same product list). False: an empty catalog, nothing
    to build. ``BuildCancelled`` once ``cancel`` is set."""
    products = CatalogService(db, settings).list_products(on_sale_only=True)
    if not products or cancel.is_set():
        return False
    shared_retriever(products, cancel=cancel)
    return True


def last_clicked_product(db: Database, show_id: str) -> str | None:
    """The product a show's viewers clicked last: the pinned card when no runner says."""
    with db.session() as session:
        return session.scalar(
            select(AnalyticsEventRow.sku)
            .where(
                AnalyticsEventRow.show_id == show_id,
                AnalyticsEventRow.kind == "product_click",
                AnalyticsEventRow.sku.is_not(None),
            )
            .order_by(AnalyticsEventRow.occurred_at.desc(), AnalyticsEventRow.id.desc())
            .limit(1)
        )


class AssistantService:
    def __init__(
        self,
        db: Database,
        settings: Settings,
        *,
        llm: LLM | None = None,
        pinned: PinnedLookup | None = None,
        retrain_interval_s: float = 300.0,
    ) -> None:
        self.db = db
        self.catalog = CatalogService(db, settings)
        self.analytics = AnalyticsService(db)
        self.llm = llm
        self.pinned = pinned or (lambda show_id: last_clicked_product(db, show_id))
        self.shipping = load_shipping_policy(settings.home)
        self.questions = QuestionLog(db)
        self.recommender = RecommendationService(
            db, retrain_interval_s=retrain_interval_s, pinned=self._pinned_product
        )

    def _pinned_product(self, show_id: str) -> str | None:
        sku = self.pinned(show_id)
        if not sku:
            return None
        try:
            return self.catalog.get(sku).sku  # a variant SKU names its product
        except NotFoundError:  # a pinned product since removed is not the viewer's error
            return None

    # --- questions ------------------------------------------------------------------------
    def ask(self, body: AskIn) -> AskOut:
        market = get_market(body.market)
        context = self.catalog.get(body.sku) if body.sku else None
        if context is None and body.show_id:
            pinned = self._pinned_product(body.show_id)
            context = self.catalog.get(pinned) if pinned else None
        if context is not None and not context.on_sale:
            context = None  # draft and archived products are not offered
        products = self.catalog.list_products(on_sale_only=True)
        started = time.perf_counter()
        if not products:
            reply = AssistantReply(answer=phrase(market.language, "no_detail"), path="safe")
        else:
            reply = answer_question(
                body.text,
                market=market,
                products=products,
                retriever=shared_retriever(products),
                shipping=self.shipping,
                context=context,
                llm=self.llm,
            )
        answer_ms = round((time.perf_counter() - started) * 1000)
        model_rejected = any(not p.startswith("llm failed") for p in reply.problems)
        self._record_ask(body, reply)
        self.questions.record(
            AskedRecord(
                viewer_id=body.viewer_id,
                show_id=body.show_id or ASSISTANT_SHOW_ID,
                market=market.code,
                sku=reply.products[0] if reply.products else (context.sku if context else None),
                question=body.text,
                answer=reply.answer,
                path=reply.path,
                sources=reply.sources,
                model_rejected=model_rejected,
                answer_ms=answer_ms,
            )
        )
        return AskOut(
            answer=reply.answer,
            path=reply.path,
            products=reply.products,
            comparison=reply.comparison,
            sources=reply.sources,
            model_rejected=model_rejected,
        )

    def _record_ask(self, body: AskIn, reply: AssistantReply) -> None:
        if reply.path in ("refusal", "offer"):
            return  # manipulation attempts and haggling say nothing about taste
        at = datetime.now(UTC)
        skus: list[str | None] = list(reply.products[:MAX_ASK_EVENTS]) or [None]
        self.analytics.ingest(
            [
                EventIn(
                    event_id=f"ask-{uuid.uuid4().hex}",
                    show_id=(body.show_id or ASSISTANT_SHOW_ID)[:64],
                    viewer_id=body.viewer_id,
                    kind="ask",
                    sku=sku,
                    occurred_at=at,
                )
                for sku in skus
            ]
        )

    # --- recommendations ------------------------------------------------------------------
    def recommendations(
        self, viewer_id: str, market_code: str, k: int = 5, show_id: str | None = None
    ) -> RecommendationsOut:
        if not 1 <= k <= MAX_RECOMMENDATIONS:
            raise InvalidInputError(f"k must be between 1 and {MAX_RECOMMENDATIONS}, got {k}.")
        market = get_market(market_code)
        items = self.recommender.recommend(
            viewer_id, market, self.catalog.list_products(on_sale_only=True), k=k, show_id=show_id
        )
        return RecommendationsOut(
            items=[
                RecommendationOut(
                    sku=r.sku,
                    title=r.title,
                    price_text=r.price_text,
                    score=r.score,
                    reason=r.reason,
                )
                for r in items
            ]
        )
