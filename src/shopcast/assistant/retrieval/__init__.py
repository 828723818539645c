"""Product and FAQ retrieval for the shopper-facing assistant and live chat answers."""

from shopcast.assistant.retrieval.embedder import E5Embedder, shared_embedder
from shopcast.assistant.retrieval.passages import Passage, product_passages
from shopcast.assistant.retrieval.retriever import BuildCancelled, Hit, Retriever

__all__ = [
    "BuildCancelled",
    "E5Embedder",
    "Hit",
    "Passage",
    "Retriever",
    "product_passages",
    "shared_embedder",
]
