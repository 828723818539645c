"""Hybrid product/FAQ retrieval: BM25 keywords + multilingual e5 embeddings.

``score`` = cosine(query, passage) + ``keyword_weight`` x BM25 (scaled to 0..1 by the best
passage for the query). For an FAQ the cosine is the higher of its Q+A passage and its question
alone (embedded as a query: question-to-question similarity is sharper). The embedding carries
meaning across languages (a Korean question finds the English FAQ); BM25 lifts exact terms
(model names, materials). For FAQ hits ``match`` is the cosine between the viewer's question
and the seller's FAQ question — the answer step uses it to decide whether the FAQ answer can be
read out as written.
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np

from shopcast.assistant.retrieval.embedder import E5Embedder, shared_embedder
from shopcast.assistant.retrieval.keyword import KeywordIndex
from shopcast.assistant.retrieval.passages import Passage, product_passages
from shopcast.catalog.models import Product
from shopcast.errors import InvalidInputError

EMBED_CHUNK = 32  # passages embedded between two looks at ``cancel``


class BuildCancelled(Exception):  # noqa: N818 - it is not an error: the caller asked for it
    """``Retriever(..., cancel=event)`` stopped because ``event`` was set."""


@dataclass(frozen=True)
class Hit:
    sku: str
    kind: str
    text: str
    score: float
    question: str | None = None  # FAQ hits: the seller's question and answer
    answer: str | None = None
    match: float = 0.0  # FAQ hits: question-to-question similarity (0..1)
    key: str = ""  # the catalog entry ("attribute:care", "faq:1"; see ``Passage.key``)
    language: str = ""  # the language the passage is written in


class Retriever:
    def __init__(
        self,
        products: list[Product],
        *,
        embedder: E5Embedder | None = None,
        keyword_weight: float = 0.08,
        cancel: threading.Event | None = None,
        languages: Collection[str] = (),
    ) -> None:
        """Embeds every passage (seconds per hundred on a busy machine). With ``cancel``, the
        build looks at it every ``EMBED_CHUNK`` passages and raises ``BuildCancelled`` once
        it is set (a warm-up stopped at shutdown). ``languages``: also index the products'
        words in these languages (a show passes its market's), where the catalog has them."""
        if not products:
            raise InvalidInputError("retrieval needs at least one product to index")
        self.embedder = embedder or shared_embedder()
        self.keyword_weight = keyword_weight
        self.languages = tuple(languages)
        self.passages: list[Passage] = [
            p for prod in products for p in product_passages(prod, self.languages)
        ]
        self.products = {p.sku: p for p in products}
        texts = [p.text for p in self.passages]
        if cancel is None:
            self._vectors = self.embedder.passages(texts)
        else:
            chunks = []
            for start in range(0, len(texts), EMBED_CHUNK):
                _stop_if(cancel)
                chunks.append(self.embedder.passages(texts[start : start + EMBED_CHUNK]))
            self._vectors = np.concatenate(chunks)
        self._keywords = KeywordIndex(texts)
        faq_rows = [i for i, p in enumerate(self.passages) if p.kind == "faq"]
        self._faq_rows = {row: n for n, row in enumerate(faq_rows)}
        questions = [self.passages[i].question or "" for i in faq_rows]
        vectors = []
        for question in questions:
            if cancel is not None:
                _stop_if(cancel)
            vectors.append(self.embedder.query(question))
        self._faq_questions = (
            np.stack(vectors) if vectors else np.zeros((0, self.embedder.dim), np.float32)
        )

    def search(self, query: str, k: int = 5, *, sku: str | None = None) -> list[Hit]:
        """The ``k`` best passages for ``query``, best first; ``sku`` limits to one product."""
        query = query.strip()
        if not query or k < 1:
            return []
        qvec = self.embedder.query(query)
        dense = self._vectors @ qvec
        faq_match = self._faq_questions @ qvec if len(self._faq_rows) else None
        if faq_match is not None:  # an FAQ is as close as the nearer of its Q+A and its Q
            rows = np.fromiter(self._faq_rows, dtype=np.int64)
            dense[rows] = np.maximum(dense[rows], faq_match)
        bm25 = self._keywords.scores(query)
        top = float(bm25.max()) if bm25.size else 0.0
        scores = dense + self.keyword_weight * (bm25 / top if top > 0 else bm25)
        if sku is not None:
            scores = np.where([p.sku == sku for p in self.passages], scores, -np.inf)
        order = np.argsort(-scores)[:k]
        hits: list[Hit] = []
        for row in order:
            if not np.isfinite(scores[row]):
                break
            passage = self.passages[row]
            match = 0.0
            if row in self._faq_rows:
                match = float(faq_match[self._faq_rows[row]])
            hits.append(
                Hit(
                    passage.sku,
                    passage.kind,
                    passage.text,
                    float(scores[row]),
                    passage.question,
                    passage.answer,
                    match,
                    passage.key,
                    passage.language,
                )
            )
        return hits


def _stop_if(cancel: threading.Event) -> None:
    if cancel.is_set():
        raise BuildCancelled("retrieval index build cancelled")
