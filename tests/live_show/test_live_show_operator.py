"""The operator's desk on a real running show (sample catalog, Kokoro, avatar, HLS): in
co-pilot mode an answer waits for approval and is then spoken, with the AI disclosure the
first time a viewer is answered; a typed line is spoken next; a whisper picks the fact of the
next answer; an edit that promises what the catalog lacks is refused; a deal from the console
runs from the true commerce state; switching modes never stops the frames."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from shopcast.commerce import CommerceService
from shopcast.commerce.errors import ConflictError
from shopcast.errors import InvalidInputError
from shopcast.live.show import parse_show
from shopcast.live.show.operator import OperatorTextError
from shopcast.live.show.registry import ShowRegistry
from shopcast.live.show.runner import ShowRunner, first_sentence
from shopcast.live.show.showfile import DealSpec
from shopcast.store import open_database
from show_helpers import sample_shop, wait_for

SHOW = {
    "show": "desk-show",
    "persona": "mina",
    "market": "en-US",
    "size": "360x640",
    "writer": "templates",
    "mode": "copilot",
    "copilot": {"timeout_s": 120, "on_timeout": "drop"},
    "rundown": [{"product": "glow-serum", "seconds": 600, "segments": ["hook", "demo", "proof"]}],
}


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory, models_dir: Path) -> Iterator[ShowRunner]:
    settings = sample_shop(tmp_path_factory.mktemp("desk-home"), models_dir)
    db = open_database(settings)
    registry = ShowRegistry(settings, db, CommerceService(db))
    show = registry.build(parse_show(SHOW, "test"))
    show.start()
    assert show.wait_until_live(90), show.status()
    yield show
    registry.stop_all()
    show.stop()
    db.close()


def utterance_with(runner: ShowRunner, text: str):  # noqa: ANN201 - a timeline utterance
    return next((u for u in runner.timeline.utterances if text in (u.caption or "")), None)


def said_before(runner: ShowRunner, utterance):  # noqa: ANN001, ANN201 - timeline utterances
    earlier = [u for u in runner.timeline.utterances if u.start < utterance.start]
    return max(earlier, key=lambda u: u.start)


def pending(runner: ShowRunner):  # noqa: ANN201 - the first waiting proposal
    return (runner.operator.view().pending or [None])[0]


def test_copilot_answer_waits_then_approved_is_spoken_with_the_disclosure_once(
    runner: ShowRunner,
) -> None:
    before = runner.counts["answers"]
    runner.post_chat("v1", "anna_1987", "Is the serum ok for sensitive skin?")
    proposal = wait_for(lambda: pending(runner), 30, "the proposed answer")
    assert proposal.path == "faq" and "patch-test" in proposal.text
    time.sleep(1.0)
    assert runner.counts["answers"] == before, "spoken before anyone approved it"
    runner.operator_decide(
        proposal.id, "approve", operator="ada", version=proposal.version, text=None
    )
    said = wait_for(
        lambda: utterance_with(runner, proposal.text), 90, f"the approved answer ({proposal.text})"
    )
    # told at once in writing; aloud when the floor is free of answers (after this one)
    aloud = wait_for(
        lambda: utterance_with(runner, first_sentence(runner.market.ai_disclosure_line)),
        60,
        "the disclosure",
    )
    assert aloud.start > said.start
    assert utterance_with(runner, "anna")  # the personal acknowledgement came with it
    with pytest.raises(ConflictError, match="already approved by ada"):
        runner.operator_decide(
            proposal.id, "reject", operator="ben", version=proposal.version, text=None
        )


def test_a_typed_line_is_spoken_at_the_next_boundary(runner: ShowRunner) -> None:
    events = runner.operator.events.subscribe()
    asked_at = runner.timeline.end
    line = "Welcome to everyone who just joined us!"
    runner.operator.say(line, operator="ada")
    said = wait_for(lambda: utterance_with(runner, line), 90, "the typed line on air")
    between = [u for u in runner.timeline.utterances if asked_at < u.start < said.start]
    assert len(between) <= 1, "lines went on air before the typed one"  # one while voicing
    assert wait_for(
        lambda: any(
            e["type"] == "said" and e["by"] == "ada" for e in iter(lambda: events.get(0), None)
        ),
        10,
        "the said event",
    )


def test_a_whisper_picks_the_fact_and_a_bad_edit_is_refused(runner: ShowRunner) -> None:
    runner.operator.whisper("made in South Korea", operator="ada")
    # a question the catalog does not answer in code ("which country?" is its origin now)
    runner.post_chat("v1", "anna_1987", "Is it popular in Seoul?")
    proposal = wait_for(lambda: pending(runner), 30, "the whispered answer")
    assert proposal.whisper == "made in South Korea"
    assert proposal.path == "whisper" and "South Korea" in proposal.text
    with pytest.raises(OperatorTextError) as refused:
        runner.operator_decide(
            proposal.id,
            "edit",
            operator="ada",
            version=proposal.version,
            text="Made in South Korea, and it's 50% off for the next hour!",
        )
    assert refused.value.problems
    edited = "It is made in South Korea."
    runner.operator_decide(
        proposal.id, "edit", operator="ada", version=proposal.version, text=edited
    )
    wait_for(lambda: utterance_with(runner, edited), 90, "the edited answer")
    aloud = first_sentence(runner.market.ai_disclosure_line)
    assert sum(u.caption == aloud for u in runner.timeline.utterances) <= 1  # told once


def test_a_deal_from_the_console_and_mode_switches_keep_the_frames_going(
    runner: ShowRunner,
) -> None:
    with pytest.raises(InvalidInputError, match="not below the regular price"):
        runner.operator_start_deal(DealSpec(price=99, countdown_s=10), "glow-serum")
    deal = runner.operator_start_deal(DealSpec(price=19, countdown_s=10, quantity=5), None)
    assert runner.state().deal is not None and runner.state().deal.deal_id == deal.deal_id
    with pytest.raises(ConflictError, match="already running"):
        runner.operator_start_deal(DealSpec(price=18, countdown_s=10), None)
    wait_for(lambda: utterance_with(runner, "Flash deal on Rice Water"), 90, "the countdown line")

    frames = runner.frames
    runner.set_mode("autonomous", operator="ben")
    answers = runner.counts["answers"]
    runner.post_chat("v2", "zoltan", "Does the serum have fragrance?")
    wait_for(
        lambda: runner.counts["answers"] > answers and utterance_with(runner, "zoltan"),
        90,
        "an answer without approval",
    )
    runner.set_mode("human", operator="ada", version=runner.operator.mode_version)
    assert runner.status().mode == "human"
    assert runner.frames > frames + runner.show.fps and runner.status().status == "live"


def test_human_mode_puts_rundown_lines_on_the_prompter_not_on_air(runner: ShowRunner) -> None:
    """Human-driven: the host's voice is the operator's. Rundown lines reach the console as a
    teleprompter line instead of being spoken (the rundown keeps its pace); typed lines still
    go on air."""
    runner.set_mode("human", operator="ada")
    events = runner.operator.events.subscribe()
    prompt = wait_for(
        lambda: next(
            (e for e in iter(lambda: events.get(0), None) if e["type"] == "prompter"), None
        ),
        90,
        "a rundown line on the prompter",
    )
    assert prompt["text"] and prompt["seconds"] > 0
    assert runner.operator_view().prompter is not None
    assert not any(
        u.caption == prompt["text"] for u in runner.timeline.utterances if u.start >= runner._t
    ), "a prompted line went on air"
    line = "This is Ada speaking for the host."
    runner.operator.say(line, operator="ada")
    wait_for(lambda: utterance_with(runner, line), 90, "the typed line on air in human mode")
    runner.set_mode("autonomous", operator="ada")
    assert runner.operator_view().prompter is None
