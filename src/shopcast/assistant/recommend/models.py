"""Recommenders over a viewer × product strength matrix: implicit ALS / BPR and popularity.

The factorisation is the ``implicit`` library's (Hu, Koren & Volinsky's implicit-feedback ALS
with the conjugate-gradient solver; BPR for comparison), run on the CPU. OpenBLAS's own thread
pool is limited to one thread while fitting (``threadpoolctl``), as implicit recommends; the
library's own threads are ``num_threads``.

All recommenders answer the same question: the ``n`` best item indices for a row of strengths
(one viewer), never items in ``exclude``.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
from scipy.sparse import csr_matrix


@dataclass
class InteractionMatrix:
    """Strengths as a CSR matrix (rows: viewers, columns: products) and the id ↔ index maps."""

    matrix: csr_matrix
    viewers: list[str]
    items: list[str]
    viewer_index: dict[str, int] = field(init=False)
    item_index: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.viewer_index = {v: i for i, v in enumerate(self.viewers)}
        self.item_index = {s: i for i, s in enumerate(self.items)}

    @classmethod
    def build(
        cls, strengths: Mapping[str, Mapping[str, float]], items: Iterable[str] | None = None
    ) -> InteractionMatrix:
        """From viewer → item → strength; ``items`` fixes the columns (unknown items dropped)."""
        viewers = sorted(strengths)
        item_list = (
            list(items)
            if items is not None
            else sorted({s for row in strengths.values() for s in row})
        )
        index = {s: i for i, s in enumerate(item_list)}
        rows, cols, vals = [], [], []
        for r, viewer in enumerate(viewers):
            for sku, value in strengths[viewer].items():
                if sku in index and value > 0:
                    rows.append(r)
                    cols.append(index[sku])
                    vals.append(value)
        matrix = csr_matrix(
            (np.asarray(vals, np.float32), (rows, cols)),
            shape=(len(viewers), len(item_list)),
            dtype=np.float32,
        )
        return cls(matrix, viewers, item_list)

    def row(self, strengths: Mapping[str, float]) -> csr_matrix:
        """One viewer's strengths as a 1 × items CSR row (products the matrix lacks dropped)."""
        cols = [self.item_index[s] for s in strengths if s in self.item_index]
        vals = [strengths[s] for s in strengths if s in self.item_index]
        order = np.argsort(cols)
        return csr_matrix(
            (
                np.asarray(vals, np.float32)[order],
                np.asarray(cols, np.int32)[order],
                np.asarray([0, len(cols)], np.int32),
            ),
            shape=(1, len(self.items)),
            dtype=np.float32,
        )


class BatchRecommender(Protocol):
    """What the offline evaluation needs: fit, then the top items of many training viewers."""

    name: str
    train_seconds: float

    def fit(self, data: InteractionMatrix) -> None: ...

    def recommend_batch(self, users: np.ndarray, rows: csr_matrix, n: int) -> np.ndarray:
        """``n`` item indices per user (best first; -1 pads), the user's own items excluded."""
        ...


def top_n(scores: np.ndarray, n: int, exclude: Iterable[int] = ()) -> list[int]:
    """Indices of the ``n`` highest finite scores, best first, never one in ``exclude``."""
    scores = np.array(scores, dtype=np.float64, copy=True)
    banned = list(exclude)
    if banned:
        scores[banned] = -np.inf
    if n <= 0:
        return []
    n = min(n, scores.size)
    part = np.argpartition(-scores, n - 1)[:n]
    best = part[np.argsort(-scores[part], kind="stable")]
    return [int(i) for i in best if np.isfinite(scores[i])]


class PopularityRecommender:
    """The baseline: every viewer gets the products with the most total strength."""

    name = "popularity"

    def __init__(self) -> None:
        self.popularity = np.zeros(0, np.float64)
        self.train_seconds = 0.0

    def fit(self, data: InteractionMatrix) -> None:
        started = time.perf_counter()
        self.popularity = np.asarray(data.matrix.sum(axis=0), dtype=np.float64).ravel()
        self.train_seconds = time.perf_counter() - started

    def scores(self, row: csr_matrix) -> np.ndarray:  # noqa: ARG002 - same for everyone
        return self.popularity

    def recommend_batch(self, users: np.ndarray, rows: csr_matrix, n: int) -> np.ndarray:
        out = np.full((len(users), n), -1, dtype=np.int64)
        for k, user in enumerate(users):
            best = top_n(self.popularity, n, rows[user].indices)
            out[k, : len(best)] = best
        return out


def _blas_single_thread():  # noqa: ANN202 - a context manager
    from threadpoolctl import threadpool_limits

    return threadpool_limits(1, "blas")


class _ImplicitRecommender:
    """What ALS and BPR share: an ``implicit`` model built, fitted and queried with OpenBLAS
    limited to one thread, and the time the last fit took."""

    name = ""

    def __init__(self, model_class: type, **params: object) -> None:
        with _blas_single_thread():  # implicit checks the BLAS threads when constructed
            self.model = model_class(**params)
        self.train_seconds = 0.0

    def fit(self, data: InteractionMatrix) -> None:
        started = time.perf_counter()
        with _blas_single_thread():
            self.model.fit(data.matrix, show_progress=False)
        self.train_seconds = time.perf_counter() - started

    def recommend_batch(self, users: np.ndarray, rows: csr_matrix, n: int) -> np.ndarray:
        """Top-``n`` items for many training viewers at once, their own items excluded."""
        ids, _scores = self.model.recommend(
            users, rows[users], N=n, filter_already_liked_items=True
        )
        return ids


class ALSRecommender(_ImplicitRecommender):
    """Implicit-feedback ALS (``implicit.cpu.als``). Confidence = 1 + ``alpha`` × strength.
    Defaults (12 factors, regularisation 1, alpha 1) were picked on the synthetic log of
    :mod:`synthetic` (two seeds): viewers there touch ~10 products, so few factors win.

    A viewer's factors are recomputed from their current row at query time
    (``recalculate_user``), so what they did since the last training already counts.
    """

    name = "als"

    def __init__(
        self,
        *,
        factors: int = 12,
        regularization: float = 1.0,
        alpha: float = 1.0,
        iterations: int = 15,
        num_threads: int = 2,
        random_state: int = 7,
    ) -> None:
        from implicit.cpu.als import AlternatingLeastSquares

        super().__init__(
            AlternatingLeastSquares,
            factors=factors,
            regularization=regularization,
            alpha=alpha,
            iterations=iterations,
            num_threads=num_threads,
            random_state=random_state,
        )

    def user_factors(self, row: csr_matrix) -> np.ndarray:
        with _blas_single_thread():
            return np.asarray(self.model.recalculate_user(0, row)).ravel()

    def scores(self, row: csr_matrix) -> np.ndarray:
        if row.nnz == 0:
            return np.zeros(self.model.item_factors.shape[0], np.float32)
        return self.model.item_factors @ self.user_factors(row)

    def explain(self, row: csr_matrix, item: int) -> list[tuple[int, float]]:
        """The viewer's items that contribute most to ``item``'s score, largest first."""
        if row.nnz == 0:
            return []
        with _blas_single_thread():
            _total, top, _weights = self.model.explain(0, row, item, N=3)
        return [(int(i), float(s)) for i, s in top]


class BPRRecommender(_ImplicitRecommender):
    """Bayesian Personalised Ranking (``implicit.cpu.bpr``): pairwise ranking on the same
    matrix (the strength only says "interacted"). No per-request user refit: training viewers
    only, which is why the service uses ALS and the benchmark compares both."""

    name = "bpr"

    def __init__(
        self,
        *,
        factors: int = 16,
        learning_rate: float = 0.01,
        regularization: float = 0.01,
        iterations: int = 100,
        num_threads: int = 2,
        random_state: int = 7,
    ) -> None:
        from implicit.cpu.bpr import BayesianPersonalizedRanking

        super().__init__(
            BayesianPersonalizedRanking,
            factors=factors,
            learning_rate=learning_rate,
            regularization=regularization,
            iterations=iterations,
            num_threads=num_threads,
            random_state=random_state,
        )
