"""Who holds the floor, driven frame by frame on a real (not started) show: answers go before
the rundown, but after ``RUNDOWN_DUE_S`` of answers only, one rundown line goes first and is
said in full, so a chat that never stops cannot silence the deal and the stock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from shopcast.live.show.cues import Cue
from shopcast.live.show.runner import RUNDOWN_DUE_S, ShowRunner
from show_helpers import built_show, one_product_show, wait_for

SHOW = one_product_show("floor-show")


@pytest.fixture()
def runner(tmp_path: Path, models_dir: Path) -> Iterator[ShowRunner]:
    with built_show(tmp_path / "home", models_dir, SHOW) as built:
        yield built


def test_a_chat_that_never_stops_still_lets_the_rundown_speak(runner: ShowRunner) -> None:
    answer = Cue("answer", "Yes, it suits sensitive skin.", beat="answer")
    answer.speech = runner.speaker.say(answer.text)
    line = Cue("line", "The serum is thirty millilitres of rice water essence.", beat="demo")
    line.speech = runner.speaker.say(line.text)
    runner._lines.put(line)
    fps = runner.show.fps
    for n in range(round((RUNDOWN_DUE_S + 20) * fps)):
        while len(runner._answers) < 2:  # a question is always waiting
            runner._answers.append(Cue("answer", answer.text, beat="answer", speech=answer.speech))
        runner._t = n / fps
        runner._schedule(n / fps)
    said = list(runner.timeline.utterances)
    rundown = [u for u in said if u.caption == line.text]
    assert len(rundown) == 1, [u.caption for u in said]
    spoken = rundown[0]
    assert RUNDOWN_DUE_S - 5 <= spoken.start <= RUNDOWN_DUE_S + 8  # held back, then due
    assert spoken.speech.duration == pytest.approx(line.speech.duration)  # said in full
    assert runner.counts["lines_cut"] == 0
    before = [u for u in said if u.start < spoken.start]
    assert before and all(u.beat == "answer" for u in before)


def run_with_questions_waiting(runner: ShowRunner, seconds: float, *pair: Cue) -> list[str]:
    """Drive the frame loop with ``pair`` (an acknowledgement and its answer, or one answer)
    queued again whenever fewer than two cues wait; the captions said, in order."""
    fps = runner.show.fps
    for n in range(round(seconds * fps)):
        while len(runner._answers) < 2:
            runner._answers.extend(Cue(c.kind, c.text, beat=c.beat, speech=c.speech) for c in pair)
        runner._t = n / fps
        runner._schedule(n / fps)
    return [u.caption for u in runner.timeline.utterances]


def test_a_due_deal_line_that_comes_back_short_is_cut_and_its_short_form_said_next(
    runner: ShowRunner,
) -> None:
    """The long "deal is on" line comes due while questions never stop: it may be cut (a
    viewer does not wait out 6 s of it), and its short form ("still on: $19 instead of $24")
    is said in full right after the answer, before the next one: the deal's news gets
    through either way."""
    answer = Cue("answer", "Yes, it suits sensitive skin.", beat="answer")
    answer.speech = runner.speaker.say(answer.text)
    text = (
        "The flash deal is on: Glow Serum, thirty millilitres, "
        "for nineteen dollars instead of twenty-eight!"
    )
    deal = Cue("state", text, segment="deal", beat="deal_open")
    deal.speech = runner.speaker.say(deal.text)
    short = Cue("state", "The deal is still on: $19 instead of $28!", beat="deal_still_on")
    short.speech = runner.speaker.say(short.text)
    short.again = short
    deal.again = short
    runner._lines.put(deal)
    said = run_with_questions_waiting(runner, RUNDOWN_DUE_S + 25, answer)
    assert said.count(deal.text) == 1 and said.count(short.text) == 1, said
    at = said.index(deal.text)
    assert said[at + 1 : at + 3] == [answer.text, short.text]
    assert runner.counts["lines_cut"] == 1
    cut, back = (u for u in runner.timeline.utterances if u.caption in (deal.text, short.text))
    assert cut.speech.duration < deal.speech.duration - 1.0  # the viewer did not wait it out
    assert back.speech.duration == pytest.approx(short.speech.duration)  # said in full


def test_a_due_line_never_goes_between_an_acknowledgement_and_its_answer(
    runner: ShowRunner,
) -> None:
    ack = Cue("ack", "Good question, Ann!", beat="answer")
    ack.speech = runner.speaker.say(ack.text)
    answer = Cue("answer", "Yes, it suits sensitive skin.", beat="answer")
    answer.speech = runner.speaker.say(answer.text)
    line = Cue("line", "The serum is thirty millilitres of rice water essence.", beat="demo")
    line.speech = runner.speaker.say(line.text)
    runner._lines.put(line)
    said = run_with_questions_waiting(runner, RUNDOWN_DUE_S + 20, ack, answer)
    assert said.count(line.text) == 1  # it came due
    for n, caption in enumerate(said[:-1]):
        if caption == ack.text:
            assert said[n + 1] == answer.text, said[n - 1 : n + 3]


def test_a_line_the_voice_cannot_say_is_skipped_and_the_show_goes_on(runner: ShowRunner) -> None:
    """Fault injection: the TTS raises an unexpected error (not a ShopcastError) on the first
    rundown line. The voice thread logs it, skips that line and voices the next ones."""
    real_say = runner.speaker.say
    failed: list[str] = []

    def say(text: str, *, keep: bool = False, background: bool = False, fixed: bool = False):  # noqa: ANN202
        if not failed and len(text) > 12:
            failed.append(text)
            raise ValueError("zip() argument 2 is longer than argument 1")
        return real_say(text, keep=keep, background=background, fixed=fixed)

    runner.speaker.say = say  # type: ignore[method-assign]
    runner.start()
    try:
        assert runner.wait_until_live(90)
        wait_for(lambda: runner.counts["lines"] >= 2, 90, "two lines spoken after the failure")
        assert failed
        assert any("line skipped" in e for e in runner.errors), runner.errors
        assert runner.status().status == "live"
        assert all(u.caption != failed[0] for u in runner.timeline.utterances)
    finally:
        runner.stop()
