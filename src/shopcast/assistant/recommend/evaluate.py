"""Offline evaluation: leave-last-item-out split and hit-rate@k.

For every viewer the held-out item is the product they came to last (the last product whose
first interaction is the latest); every interaction with it is removed from training. Viewers
with fewer than two distinct products have nothing to learn from and are not evaluated. A hit
is the held-out product among the ``k`` recommended for the viewer from training data only,
products already in the viewer's training history excluded for every recommender alike.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from shopcast.assistant.recommend.models import BatchRecommender, InteractionMatrix
from shopcast.assistant.recommend.signals import Interaction, affinities, as_utc


@dataclass
class Split:
    train: InteractionMatrix
    test_users: np.ndarray  # row indices into train.matrix
    held_out: np.ndarray  # the held-out item index per test user


@dataclass(frozen=True)
class HitRate:
    name: str
    k: int
    hits: int
    users: int
    train_seconds: float
    recommend_seconds: float

    @property
    def rate(self) -> float:
        return self.hits / self.users if self.users else 0.0


def leave_last_out(interactions: Iterable[Interaction]) -> Split:
    events = list(interactions)
    first_seen: dict[tuple[str, str], float] = {}
    for it in events:
        if it.at is None:
            raise ValueError("leave-last-out needs a time on every interaction")
        t = as_utc(it.at).timestamp()
        key = (it.viewer_id, it.sku)
        if key not in first_seen or t < first_seen[key]:
            first_seen[key] = t
    last_item: dict[str, tuple[float, str]] = {}
    distinct: dict[str, int] = {}
    for (viewer, sku), t in first_seen.items():
        distinct[viewer] = distinct.get(viewer, 0) + 1
        if viewer not in last_item or (t, sku) > last_item[viewer]:
            last_item[viewer] = (t, sku)
    held = {v: sku for v, (_t, sku) in last_item.items() if distinct[v] >= 2}
    train_events = [it for it in events if held.get(it.viewer_id) != it.sku]
    strengths = {
        viewer: {sku: aff.strength for sku, aff in row.items()}
        for viewer, row in affinities(train_events).items()
    }
    items = sorted({it.sku for it in events})
    train = InteractionMatrix.build(strengths, items)
    users = [train.viewer_index[v] for v in sorted(held) if v in train.viewer_index]
    targets = [train.item_index[held[train.viewers[u]]] for u in users]
    return Split(train, np.asarray(users, np.int32), np.asarray(targets, np.int64))


def hit_rate(recommender: BatchRecommender, split: Split, k: int = 5) -> HitRate:
    """Fit on the training matrix, then count held-out items in each test viewer's top ``k``."""
    recommender.fit(split.train)
    started = time.perf_counter()
    top = recommender.recommend_batch(split.test_users, split.train.matrix, k)
    elapsed = time.perf_counter() - started
    hits = int(np.sum(np.any(top == split.held_out[:, None], axis=1)))
    return HitRate(
        recommender.name, k, hits, len(split.test_users), recommender.train_seconds, elapsed
    )
