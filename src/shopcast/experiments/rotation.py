"""Which variant a live show airs for a product segment: randomised blocks.

Every block of K consecutive turns of the product (K variants) airs each variant once, in an
order drawn afresh per block from a generator seeded by the experiment, the show and the block
number. So over a show the variants get the same air time (a block at most apart), no variant
is always first (when the room is fullest) or last, and the order is the same every time the
same show is replayed (a restart does not reshuffle what was already aired).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from shopcast.errors import InvalidInputError
from shopcast.experiments.schemas import ExperimentPublic, VariantPublic


def _block_order(experiment_id: str, show_id: str, block: int, size: int) -> list[int]:
    digest = hashlib.sha256(f"{experiment_id}\x1f{show_id}\x1f{block}".encode()).digest()
    rng = np.random.default_rng(int.from_bytes(digest[:8], "big"))
    return [int(i) for i in rng.permutation(size)]


def variant_for_segment(experiment: ExperimentPublic, *, show_id: str, turn: int) -> VariantPublic:
    """The variant to air the ``turn``-th time (0-based) the experiment's product has a segment
    in show ``show_id``."""
    if turn < 0:
        raise InvalidInputError(f"A segment turn counts from 0; got {turn}.")
    size = len(experiment.variants)
    block, position = divmod(turn, size)
    return experiment.variants[_block_order(experiment.id, show_id, block, size)[position]]


def product_turn(rundown_products: Sequence[str | None], index: int, loop: int) -> int:
    """How many segments of the product at ``rundown_products[index]`` came before it: the
    rundown (its items' product SKUs, None for a Q&A break) is walked in loops, ``loop``
    counting from 0."""
    if not 0 <= index < len(rundown_products) or rundown_products[index] is None:
        raise InvalidInputError(f"Rundown item {index} is not a product segment.")
    sku = rundown_products[index]
    per_loop = sum(1 for item in rundown_products if item == sku)
    before = sum(1 for item in rundown_products[:index] if item == sku)
    return loop * per_loop + before
