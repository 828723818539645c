"""A slow model never holds the chat: on a real (not started) show whose model is slow (a
provider that takes as long as it is allowed — the deadline the show passes as ``timeout_s`` —
as the bundled model does while the rundown writer holds it), a price question asked after a
question for the model is voiced first, and the model's question gets the honest line at the
lane's deadline. The abuse is not thanked."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from shopcast.commerce import CommerceService
from shopcast.live.show import parse_show
from shopcast.live.show.registry import ShowRegistry
from shopcast.live.show.runner import ShowRunner
from shopcast.store import open_database
from show_helpers import run_show, sample_shop

SHOW = {
    "show": "slow-model-show",
    "persona": "mina",
    "market": "en-US",
    "size": "360x640",
    "writer": "llm",
    "rundown": [{"product": "glow-serum", "seconds": 60}],
}


class SlowModel:
    """A provider that uses all the time it is given (and says so): what the bundled model does
    on two busy cores. ``calls`` records the time limits the show passed."""

    name = "slow-model"

    def __init__(self) -> None:
        self.calls: list[float | None] = []
        self.release = threading.Event()

    def complete(
        self,
        messages: list[dict[str, str]],
        *,
        max_tokens: int,
        temperature: float = 0.7,
        seed: int | None = None,
        json_schema: dict | None = None,
        timeout_s: float | None = None,
    ) -> str:
        self.calls.append(timeout_s)
        self.release.wait(timeout_s if timeout_s is not None else 30.0)
        return "It pairs well with most routines"  # cut short: no whole sentence


@pytest.fixture()
def slow_show(tmp_path: Path, models_dir: Path) -> Iterator[tuple[ShowRunner, SlowModel]]:
    model = SlowModel()
    settings = sample_shop(tmp_path / "home", models_dir)
    db = open_database(settings)
    try:
        registry = ShowRegistry(settings, db, CommerceService(db), llm_factory=lambda: model)
        runner = registry.build(parse_show(SHOW, "test"))
        runner._pin("glow-serum")
        assert runner.lane is not None
        runner.lane.deadline_s = 3.0
        runner.lane.start()
        yield runner, model
    finally:
        model.release.set()
        if runner.lane is not None:
            runner.lane.stop()
        db.close()


def test_a_price_question_is_not_held_by_a_slow_model_answer(
    slow_show: tuple[ShowRunner, SlowModel],
) -> None:
    runner, model = slow_show
    assert runner.post_chat("a", "Jun", "Can I layer the serum under a retinol cream?").accepted
    time.sleep(0.05)
    assert runner.post_chat("b", "Ana", "How much is the serum?").accepted
    run_show(runner, 120.0, until=lambda: runner.questions.summary().waiting == 0)
    items = {a.viewer: a for a in runner.questions.items()}
    model_q, price_q = items["Jun"], items["Ana"]
    assert model.calls and model.calls[0] is not None and model.calls[0] <= 3.0
    assert price_q.outcome == "voiced" and price_q.path == "price", price_q
    assert model_q.outcome == "voiced" and model_q.path == "safe", model_q  # the honest line
    assert price_q.substance_at is not None and model_q.substance_at is not None
    assert price_q.substance_at < model_q.substance_at  # the price did not wait for the model
    assert model_q.ack_at is not None and model_q.ack_at < model_q.substance_at  # Jun was heard
    assert runner.lane.counts["late"] + runner.lane.counts["in_time"] == 1
