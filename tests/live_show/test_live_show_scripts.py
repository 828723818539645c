"""The rundown's scripts, without voice or video: the first segment airs at once (composed
from the catalog; the bundled model writes later segments in the background and never makes a
segment wait), a model script not ready when due airs at the segment's next turn, the model
stops mid-generation when asked, and product names are said as a person says them.

Real parts throughout: the sample catalog in SQLite, the commerce service on a manual clock,
the composer, and (where named) the bundled model."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from shopcast.commerce import CommerceService, ManualClock
from shopcast.config import Settings
from shopcast.errors import ProviderError
from shopcast.experiments.service import ExperimentService
from shopcast.live.show import parse_show
from shopcast.live.show.cues import Cue, RepeatGuard
from shopcast.live.show.operator_deal import open_operator_deal
from shopcast.live.show.registry import ShowRegistry
from shopcast.live.show.rundown import RundownPlanner, ScriptSource, SegmentScript, ShowHooks
from shopcast.live.show.showfile import DealSpec
from shopcast.store import open_database
from shopcast.writing.llm import get_llm
from shopcast.writing.llm.base import with_cancel
from show_helpers import sample_shop, wait_for

SHOW: dict[str, Any] = {
    "show": "scripts-show",
    "persona": "mina",
    "market": "en-US",
    "size": "360x640",
    "writer": "templates",
    "rundown": [
        {
            "product": "sun-fluid",
            "seconds": 20,
            "segments": ["hook", "offer"],
            "deal": {"price": 19, "countdown_s": 10, "window_s": 120, "quantity": 3},
        },
        {"qa": {"seconds": 10}},
        {"product": "glow-serum", "seconds": 20, "segments": ["hook", "demo"]},
    ],
}


@dataclass
class Rig:
    settings: Settings
    planner: RundownPlanner
    scripts: ScriptSource
    commerce: CommerceService
    clock: ManualClock
    aired: list[SegmentScript | None] = field(default_factory=list)


def rig(home: Path, models_dir: Path, document: dict[str, Any], **source: Any) -> Iterator[Rig]:
    settings = sample_shop(home, models_dir)
    db = open_database(settings)
    clock = ManualClock(datetime.now(UTC))
    commerce = CommerceService(db, clock=clock)
    show = parse_show(document, "test")
    persona, market, products = ShowRegistry(settings, db, commerce).check(show)
    aired: list[SegmentScript | None] = []
    hooks = ShowHooks(
        pin=lambda sku: None,
        set_segment=lambda segment: None,
        deal_opened=lambda deal_id: None,
        deal_closed=lambda: None,
        set_variant=aired.append,
    )
    llm = get_llm(settings) if document["writer"] == "llm" else None
    scripts = ScriptSource(
        show, products, persona, market, llm, experiments=ExperimentService(db), **source
    )
    repeat = RepeatGuard(clock=lambda: clock().timestamp())
    planner = RundownPlanner(show, products, market, scripts, commerce, hooks, repeat, now=clock)
    try:
        yield Rig(settings, planner, scripts, commerce, clock, aired)
    finally:
        scripts.close()
        db.close()


@pytest.fixture()
def templates(tmp_path: Path, models_dir: Path) -> Iterator[Rig]:
    yield from rig(tmp_path / "home", models_dir, SHOW)


@pytest.fixture()
def with_model(tmp_path: Path, models_dir: Path) -> Iterator[Rig]:
    yield from rig(tmp_path / "home", models_dir, {**SHOW, "writer": "llm"}, deadline_s=30.0)


def air(shop: Rig, cue: Cue) -> None:
    """What the frame loop does when a cue's turn comes: its hook runs; time passes."""
    if cue.on_air is not None:
        cue.on_air()
    shop.clock.advance(cue.seconds if cue.kind == "pause" else 3.0)


def test_the_host_says_a_products_name_as_a_person_would(templates: Rig) -> None:
    """Rundown and deal lines say "Daily Sun Fluid", not the SEO title "Daily Sun Fluid
    SPF 50+ PA++++" (its card may show the title)."""
    state_lines: dict[str, str] = {}
    cues = templates.planner.cues()
    for _ in range(200):  # the deal opens 10 s after its countdown line
        cue = next(cues)
        air(templates, cue)
        if cue.kind == "state" and cue.beat:
            state_lines.setdefault(cue.beat, cue.text)
        if "deal_open" in state_lines:
            break
    for beat in ("next_product", "deal_countdown", "deal_open"):
        assert "Daily Sun Fluid" in state_lines[beat], state_lines
        assert "SPF" not in state_lines[beat] and "PA++++" not in state_lines[beat]


def test_a_deal_started_from_the_console_says_the_spoken_name(templates: Rig) -> None:
    product = templates.planner.products["sun-fluid"]
    deal = open_operator_deal(
        templates.commerce,
        DealSpec(price=19, countdown_s=10, window_s=60, quantity=5),
        product,
        templates.planner.market,
        "scripts-show",
    )
    starts_at = templates.commerce.get_deal(deal.deal_id).starts_at  # (on the wall clock)
    templates.clock.set(starts_at + timedelta(seconds=1))
    line = deal.next_line(templates.commerce, templates.planner.market)
    assert line is not None and "Daily Sun Fluid" in line and "SPF" not in line


def test_templates_air_composed_scripts_and_no_experiment(templates: Rig) -> None:
    cues = templates.planner.cues()
    next(cues).on_air()  # type: ignore[misc]
    (aired,) = templates.aired
    assert aired is not None and aired.origin == "composed" and aired.experiment_id is None


def test_first_segment_at_once_while_the_model_writes_the_next_ahead(with_model: Rig) -> None:
    """``writer: llm``: the first segment never waits for the model (composed lines carry it);
    the next product segment is written by the model in the background; one not ready when
    due airs composed lines, and the model's script airs at that segment's next turn."""
    started = time.monotonic()
    cues = with_model.planner.cues()
    first = next(cues)
    took = time.monotonic() - started
    assert took < 10.0, f"the first cue took {took:.1f} s: it waited for the model"
    air(with_model, first)
    assert with_model.aired[0] is not None and with_model.aired[0].origin == "composed"
    assert with_model.scripts.writing  # the serum's segment (item 2) is being written

    due_now = with_model.scripts.get(2, 0)  # its turn comes before the model could finish
    assert due_now.origin == "composed" and with_model.scripts.composed_when_due == 1
    wait_for(lambda: not with_model.scripts.writing, 120, "the model's script")
    later = with_model.scripts.get(2, 1)  # the script written for loop 0 airs at loop 1
    assert later.origin == "model" and with_model.scripts.written == 1, with_model.scripts.failures
    assert later.script.product_sku == "glow-serum"


def test_a_cancelled_model_stops_within_seconds(tmp_path: Path, models_dir: Path) -> None:
    """A caller that stops (a show being stopped) stops the bundled model at its next token,
    and a caller waiting for the model's lock gives up: no one waits for a whole reply."""
    settings = Settings(home=tmp_path, models=models_dir)
    cancel = threading.Event()
    model = with_cancel(get_llm(settings), cancel)
    outcome: list[object] = []

    def generate() -> None:
        try:
            outcome.append(
                model.complete(
                    [{"role": "user", "content": "Count from 1 to 2000, separated by commas."}],
                    max_tokens=1500,
                )
            )
        except ProviderError as exc:
            outcome.append(exc)

    threads = [threading.Thread(target=generate, daemon=True) for _ in range(2)]
    for thread in threads:
        thread.start()
    time.sleep(3.0)  # one decodes, the other waits for the model
    cancel.set()
    stopped = time.monotonic()
    for thread in threads:
        thread.join(15.0)
    took = time.monotonic() - stopped
    assert not any(t.is_alive() for t in threads), "the model did not stop within 15 s"
    assert len(outcome) == 2 and all(isinstance(o, ProviderError) for o in outcome), outcome
    assert took < 15.0
