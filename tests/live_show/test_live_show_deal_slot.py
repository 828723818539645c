"""One flash deal at a time between the rundown and the operator console: whoever claims the
slot first keeps it. The rundown plans its lines ahead of air time, so its deal counts from
the moment it is created; a console deal running when the rundown reaches its deal makes the
rundown skip it (the product's pitch goes on) and the console is told why."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from shopcast.commerce import CommerceService
from shopcast.commerce.errors import ConflictError
from shopcast.commerce.tables import FlashDealRow
from shopcast.live.show import parse_show
from shopcast.live.show.registry import ShowRegistry
from shopcast.live.show.showfile import DealSpec, ProductSegment
from shopcast.store import Database, open_database
from show_helpers import one_product_show, sample_shop

DEAL = {"price": 19, "countdown_s": 30, "window_s": 120, "quantity": 3}


def show(name: str) -> dict[str, object]:
    return {
        **one_product_show(name),
        "rundown": [{"product": "glow-serum", "seconds": 60, "deal": DEAL}],
    }


@pytest.fixture()
def registry(tmp_path: Path, models_dir: Path) -> Iterator[tuple[ShowRegistry, Database]]:
    settings = sample_shop(tmp_path / "home", models_dir)
    db = open_database(settings)
    yield ShowRegistry(settings, db, CommerceService(db)), db
    db.close()


def deals_in(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count(FlashDealRow.id))) or 0


def test_the_rundowns_planned_deal_holds_the_slot_against_the_console(registry) -> None:
    shows, db = registry
    runner = shows.build(parse_show(show("rundown-first"), "test"))
    item = runner.show.rundown[0]
    assert isinstance(item, ProductSegment)
    countdown = next(runner.planner._deal(item, runner.products["glow-serum"], []))
    assert countdown.beat == "deal_countdown"  # planned, not on air yet
    assert runner.planner.claimed_deal_id is not None and runner.deal_id is None
    with pytest.raises(ConflictError, match="about to start"):
        runner.operator_start_deal(DealSpec(price=18, countdown_s=10), "glow-serum")
    assert deals_in(db) == 1


def test_a_console_deal_makes_the_rundown_skip_its_own(registry) -> None:
    shows, db = registry
    runner = shows.build(parse_show(show("console-first"), "test"))
    deal = runner.operator_start_deal(DealSpec(price=18, countdown_s=10), "glow-serum")
    item = runner.show.rundown[0]
    assert isinstance(item, ProductSegment)
    cues = list(runner.planner._deal(item, runner.products["glow-serum"], []))
    assert cues == []  # no countdown, no deal lines: the pitch (here empty) goes on instead
    assert runner.planner.claimed_deal_id is None
    assert deals_in(db) == 1 and runner.state().deal is not None
    assert runner.state().deal.deal_id == deal.deal_id
    notice = runner.operator_view().notice
    assert notice and "skipped" in notice and "console" in notice
