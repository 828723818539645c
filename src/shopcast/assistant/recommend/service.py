"""Per-viewer recommendations: ALS over the shop's implicit feedback, popularity for newcomers.

- The model is trained in memory from the database (:func:`load_interactions`) and retrained
  when older than ``retrain_interval_s`` (:meth:`RecommendationService.refresh` does it now;
  at sample scale it takes milliseconds). A viewer's own factors are recomputed from their
  current interactions at every request, so a question asked a second ago already counts.
- Candidates are the products sold in the viewer's market: a seller price in the market's
  currency (nothing is converted) and stock left. Products the viewer bought are never
  recommended.
- Viewers with no interactions (cold start) get the show's pinned product first (when a show
  is given), then the most popular products.
- Every item carries a reason: the viewer's product that contributes most to its ALS score
  ("because you viewed the boxy tee", from ``implicit``'s ``explain``), "still in your cart",
  "on screen in the show right now" or "popular with shoppers right now".
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix

from shopcast.assistant.compare import price_text
from shopcast.assistant.phrases import line
from shopcast.assistant.recommend.interactions import load_interactions
from shopcast.assistant.recommend.models import (
    ALSRecommender,
    InteractionMatrix,
    PopularityRecommender,
)
from shopcast.assistant.recommend.signals import Affinity, affinities
from shopcast.catalog.models import Product
from shopcast.markets.types import Market
from shopcast.store import Database

PinnedLookup = Callable[[str], str | None]  # show id → the pinned product handle, if any
MIN_VIEWERS_FOR_ALS = 3


@dataclass(frozen=True)
class Recommendation:
    sku: str
    title: str
    price_text: str
    score: float
    reason: str


@dataclass
class TrainedModel:
    data: InteractionMatrix
    popularity: PopularityRecommender
    als: ALSRecommender | None
    trained_at: float  # time.monotonic()
    train_seconds: float


def sold_in(product: Product, market: Market) -> bool:
    """Whether a viewer in ``market`` can buy ``product``: on sale (not a draft or archived),
    a price in its currency, stock."""
    return (
        product.on_sale
        and product.total_stock > 0
        and any(
            v.price_in(market.currency, product.currency) is not None and v.stock > 0
            for v in product.variants
        )
    )


class RecommendationService:
    def __init__(
        self,
        db: Database,
        *,
        retrain_interval_s: float = 300.0,
        pinned: PinnedLookup | None = None,
        num_threads: int = 2,
    ) -> None:
        self.db = db
        self.retrain_interval_s = retrain_interval_s
        self.pinned = pinned
        self.num_threads = num_threads
        self._model: TrainedModel | None = None
        self._lock = threading.Lock()

    # --- training -------------------------------------------------------------------------
    def refresh(self) -> TrainedModel:
        """Retrain from everything in the database now (the app may call this on a timer)."""
        started = time.perf_counter()
        rows = affinities(load_interactions(self.db))
        strengths = {v: {s: a.strength for s, a in row.items()} for v, row in rows.items()}
        data = InteractionMatrix.build(strengths)
        popularity = PopularityRecommender()
        popularity.fit(data)
        als = None
        if len(data.viewers) >= MIN_VIEWERS_FOR_ALS and len(data.items) >= 2:
            als = ALSRecommender(num_threads=self.num_threads)
            als.fit(data)
        model = TrainedModel(data, popularity, als, time.monotonic(), time.perf_counter() - started)
        self._model = model
        return model

    def model(self) -> TrainedModel:
        """The current model, retrained first when older than ``retrain_interval_s``."""
        with self._lock:
            model = self._model
            if model is None or time.monotonic() - model.trained_at > self.retrain_interval_s:
                model = self.refresh()
            return model

    # --- recommending ---------------------------------------------------------------------
    def recommend(
        self,
        viewer_id: str,
        market: Market,
        products: Sequence[Product],
        *,
        k: int = 5,
        show_id: str | None = None,
    ) -> list[Recommendation]:
        model = self.model()
        mine = affinities(load_interactions(self.db, viewer_id)).get(viewer_id, {})
        catalog = {p.sku: p for p in products}
        candidates = [p.sku for p in products if sold_in(p, market) and not _bought(mine, p.sku)]
        if not candidates or k < 1:
            return []
        if not mine or model.als is None:
            ranked = self._cold_start(model, candidates, market, show_id, mine)
        else:
            ranked = self._personal(model, mine, candidates, market, catalog)
        out = []
        for sku, score, reason in ranked[:k]:
            product = catalog[sku]
            out.append(
                Recommendation(
                    sku=sku,
                    title=product.title,
                    price_text=price_text(product, market) or "",
                    score=round(float(score), 4),
                    reason=reason,
                )
            )
        return out

    def _popular(
        self, model: TrainedModel, candidates: list[str], exclude: set[str]
    ) -> list[tuple[str, float]]:
        total = float(model.popularity.popularity.sum()) or 1.0
        index = model.data.item_index
        scored = [
            (sku, float(model.popularity.popularity[index[sku]]) / total if sku in index else 0.0)
            for sku in candidates
            if sku not in exclude
        ]
        order = {sku: n for n, sku in enumerate(candidates)}  # ties: catalog order
        return sorted(scored, key=lambda pair: (-pair[1], order[pair[0]]))

    def _cold_start(
        self,
        model: TrainedModel,
        candidates: list[str],
        market: Market,
        show_id: str | None,
        mine: dict[str, Affinity],
    ) -> list[tuple[str, float, str]]:
        lang = market.language
        ranked: list[tuple[str, float, str]] = []
        pinned = self.pinned(show_id) if (self.pinned and show_id) else None
        if pinned in candidates:
            ranked.append((pinned, 1.0, line(lang, "reason_pinned")))
        seen = {sku for sku, _s, _r in ranked}
        for sku, score in self._popular(model, candidates, seen):
            reason = _seen_reason(mine.get(sku), lang) or line(lang, "reason_popular")
            ranked.append((sku, score, reason))
        return ranked

    def _personal(
        self,
        model: TrainedModel,
        mine: dict[str, Affinity],
        candidates: list[str],
        market: Market,
        catalog: dict[str, Product],
    ) -> list[tuple[str, float, str]]:
        """Unseen products by ALS score (reason: the viewer's product that contributes most),
        then the viewer's own unbought products by strength, then popular products."""
        assert model.als is not None
        lang = market.language
        data = model.data
        row = data.row({sku: aff.strength for sku, aff in mine.items()})
        scores = model.als.scores(row) if row.nnz else np.zeros(len(data.items))
        unseen = [s for s in candidates if s not in mine and s in data.item_index]
        unseen.sort(key=lambda s: -float(scores[data.item_index[s]]))
        ranked: list[tuple[str, float, str]] = []
        for sku in unseen:
            score = float(scores[data.item_index[sku]])
            if score <= 0:
                continue
            reason = _because(model, row, sku, mine, catalog, lang)
            ranked.append((sku, score, reason))
        seen = sorted((s for s in candidates if s in mine), key=lambda s: -mine[s].strength)
        for sku in seen:
            ranked.append((sku, 0.0, _seen_reason(mine[sku], lang) or ""))
        taken = {sku for sku, _s, _r in ranked}
        for sku, score in self._popular(model, candidates, taken):
            ranked.append((sku, score, line(lang, "reason_popular")))
        return ranked


def _because(
    model: TrainedModel,
    row: csr_matrix,
    sku: str,
    mine: dict[str, Affinity],
    catalog: dict[str, Product],
    lang: str,
) -> str:
    """ "because you viewed the …": the viewer's product that adds most to ``sku``'s score."""
    assert model.als is not None
    data = model.data
    for item, contribution in model.als.explain(row, data.item_index[sku]):
        source = data.items[item]
        if contribution > 0 and source in mine:
            title = catalog[source].title if source in catalog else source
            return line(lang, f"reason_{mine[source].strongest}", title=title)
    return line(lang, "reason_popular")


def _bought(mine: dict[str, Affinity], sku: str) -> bool:
    aff = mine.get(sku)
    return aff is not None and aff.bought


def _seen_reason(aff: Affinity | None, lang: str) -> str | None:
    if aff is None:
        return None
    return line(lang, "reason_in_cart" if aff.counts.get("cart") else "reason_seen")
