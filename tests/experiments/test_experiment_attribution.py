"""Exposures and last-touch credit, and the live rotation by randomised blocks (pure)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from shopcast.errors import InvalidInputError
from shopcast.experiments.attribution import (
    Action,
    Purchase,
    Seen,
    build_exposures,
    credit,
    viewers_in_several_variants,
)
from shopcast.experiments.rotation import product_turn, variant_for_segment
from shopcast.experiments.schemas import Design, ExperimentPublic, VariantPublic
from shopcast.writing.script import Beat, Script

T0 = datetime(2026, 11, 27, 18, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def test_exposures_run_until_another_variant_is_seen_there():
    seen = [
        Seen("v1", "show", "A", at(0)),
        Seen("v1", "show", "A", at(10)),  # a re-join: the same exposure, one more view
        Seen("v2", "show", "A", at(15)),
        Seen("v1", "show", "B", at(60)),  # the show rotated to B while v1 watched
        Seen("v1", "page", "A", at(70)),  # v1 elsewhere: its own place
        Seen("v1", "show", "A", at(120)),
    ]
    exposures = build_exposures(seen)
    assert [(e.viewer_id, e.show_id, e.variant_id, e.views) for e in exposures] == [
        ("v1", "show", "A", 2),
        ("v2", "show", "A", 1),
        ("v1", "show", "B", 1),
        ("v1", "page", "A", 1),
        ("v1", "show", "A", 1),
    ]
    actions = [
        Action("v1", "show", "product_click", at(30)),  # during A
        Action("v1", "show", "add_to_cart", at(61)),  # during B
        Action("v2", "show", "product_click", at(5)),  # before v2 saw anything
        Action("v3", "show", "product_click", at(30)),  # never exposed
    ]

    def buy(order_id: int, viewer: str, place: str, second: float) -> Purchase:
        return Purchase(order_id, viewer, place, at(second), Decimal(28), "USD")

    purchases = [
        buy(1, "v1", "show", 90),  # during B
        buy(2, "v1", "page", 80),  # on the page: its A
        buy(3, "v2", "show", 1),  # before v2's exposure: nobody's
    ]
    unmatched = credit(exposures, actions, purchases)
    assert unmatched == 1
    first_a, v2_a, v1_b, page_a, second_a = exposures
    assert (first_a.clicks, first_a.carts, first_a.purchases) == (1, 0, [])
    assert (v1_b.carts, [p.order_id for p in v1_b.purchases]) == (1, [1])
    assert [p.order_id for p in page_a.purchases] == [2]
    assert (v2_a.clicks, v2_a.purchases, second_a.purchases) == (0, [], [])
    assert v1_b.converted_by(at(90)) and not v1_b.converted_by(at(89))
    assert viewers_in_several_variants(exposures) == 1


def _experiment(labels: str = "ABC") -> ExperimentPublic:
    script = Script(
        product_sku="glow-serum",
        persona="mina",
        market="en-US",
        language="en",
        length_target_s=5,
        beats=[Beat.make("hook", "Dry skin by noon?", "en")],
    )
    return ExperimentPublic(
        id="exp-1",
        name="x",
        product_sku="glow-serum",
        market="en-US",
        status="running",
        design=Design(exposures_per_variant=100),
        variants=[
            VariantPublic(
                id=f"exp-1-{x.lower()}", label=x, angle="", script=script, studio_script_id=None
            )
            for x in labels
        ],
        created_by="t",
        created_at=T0,
        started_at=T0,
        stopped_at=None,
    )


def test_rotation_airs_every_variant_once_per_block_in_a_fresh_order():
    experiment = _experiment("ABC")
    order = [variant_for_segment(experiment, show_id="s1", turn=t).label for t in range(30)]
    blocks = [order[i : i + 3] for i in range(0, 30, 3)]
    assert all(sorted(block) == ["A", "B", "C"] for block in blocks)
    assert len({tuple(block) for block in blocks}) > 1  # not the same order every block
    assert Counter(block[0] for block in blocks).most_common(1)[0][1] < 10  # nobody always first
    again = [variant_for_segment(experiment, show_id="s1", turn=t).label for t in range(30)]
    assert again == order  # a restarted show airs the same order
    other = [variant_for_segment(experiment, show_id="s2", turn=t).label for t in range(30)]
    assert other != order
    with pytest.raises(InvalidInputError):
        variant_for_segment(experiment, show_id="s1", turn=-1)


def test_product_turn_counts_the_products_earlier_segments():
    rundown = ["serum", None, "hoodie", "serum", None]
    assert [product_turn(rundown, 0, loop) for loop in range(3)] == [0, 2, 4]
    assert [product_turn(rundown, 3, loop) for loop in range(3)] == [1, 3, 5]
    assert product_turn(rundown, 2, 5) == 5
    with pytest.raises(InvalidInputError, match="not a product segment"):
        product_turn(rundown, 1, 0)
