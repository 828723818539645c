"""Deal lines give way to answers without losing the deal news: an answer ready while a deal
countdown, "deal is on", sold out or ended line is on air cuts it at the next word boundary,
and right after the answer the host comes back to it — the same line in full, or a short form
of it ("starts any second" for a countdown whose seconds are out of date by then, "all sold
out — thank you!" for sold out) — if it is still true. A line that comes back short is cut
like any other; one that comes back in full is let finish when nearly said.
Driven frame by frame on a real (not started) show, with the rundown's own deal cues."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from shopcast.live.show import live_lines
from shopcast.live.show.cues import Cue
from shopcast.live.show.operator import Reply
from shopcast.live.show.rundown import again_as_is
from shopcast.live.show.runner import (
    AGAIN_CUT_MIN_S,
    CUT_GAP_S,
    CUT_MIN_SAVED_S,
    CUT_WORD_WAIT_S,
    GAP_S,
    ShowRunner,
    first_sentence,
)
from shopcast.live.show.showfile import ProductSegment
from shopcast.timeline.performance import Utterance
from show_helpers import built_show

SHOW = {
    "show": "deal-again",
    "persona": "mina",
    "market": "en-US",
    "size": "360x640",
    "writer": "templates",
    "rundown": [
        {
            "product": "glow-serum",
            "seconds": 60,
            "deal": {"price": 19, "countdown_s": 60, "window_s": 120, "quantity": 3},
        }
    ],
}
ANSWER = "It is thirty millilitres."


@pytest.fixture()
def runner(tmp_path: Path, models_dir: Path) -> Iterator[ShowRunner]:
    with built_show(tmp_path / "home", models_dir, SHOW) as built:
        yield built


def voiced(runner: ShowRunner, cue: Cue) -> Cue:
    """What the voice thread does to a rundown cue before queueing it."""
    cue.speech = runner.speaker.say(cue.text, keep=True)
    runner._voice_again(cue)
    return cue


def answer(runner: ShowRunner) -> Cue:
    cue = Cue("answer", ANSWER, beat="answer")
    cue.speech = runner.speaker.say(ANSWER, keep=True)
    return cue


def drive(runner: ShowRunner, seconds: float, *, ask_at: float | None = None) -> None:
    """Run the frame loop's scheduling for ``seconds``; an answer is ready at ``ask_at``."""
    fps = runner.show.fps
    start = round(runner._t * fps)
    for n in range(start, start + round(seconds * fps)):
        t = n / fps
        if ask_at is not None and t >= ask_at:
            runner._answers.append(answer(runner))
            ask_at = None
        runner._t = t
        runner._schedule(t)


def said(runner: ShowRunner) -> list[Utterance]:
    return list(runner.timeline.utterances)


def test_a_cut_countdown_comes_back_as_starts_any_second(runner: ShowRunner) -> None:
    item = runner.show.rundown[0]
    assert isinstance(item, ProductSegment)
    countdown = next(runner.planner._deal(item, runner.products["glow-serum"], []))
    assert countdown.beat == "deal_countdown" and countdown.again is not None
    voiced(runner, countdown)
    runner._lines.put(countdown)
    drive(runner, 12.0, ask_at=0.8)
    utterances = said(runner)
    assert [u.caption for u in utterances] == [countdown.text, ANSWER, countdown.again.text]
    first, reply, soon = utterances
    assert first.end < first.start + countdown.speech.duration - 0.5  # cut, not waited out
    assert runner.counts["lines_cut"] == 1
    assert reply.start < first.start + countdown.speech.duration
    assert soon.start - reply.end == pytest.approx(GAP_S)  # a phrase ended: a full breath
    assert soon.speech.duration == pytest.approx(countdown.again.speech.duration)  # in full
    soon = [live_lines.spoken("en", "deal_soon", n) for n in range(3)]
    assert countdown.again.text in soon and "seconds" not in countdown.again.text
    assert runner.deal_id is not None  # the countdown's on-air hook ran once, at its start


def test_the_acknowledgement_follows_a_cut_line_after_a_short_pause(runner: ShowRunner) -> None:
    """The host breaks off for a viewer ("… Oh, thanks Jun!"): a short pause, not the full
    breath taken between two phrases."""
    line = voiced(runner, Cue("line", "The serum is thirty millilitres of rice water essence."))
    runner._lines.put(line)
    fps = runner.show.fps
    for n in range(round(8.0 * fps)):
        t = n / fps
        if n == fps:  # a question's acknowledgement is ready 1 s into the line
            ack = Cue("ack", "Thanks for asking, Jun!", beat="answer")
            ack.speech = runner.speaker.say(ack.text, keep=True)
            runner._answers.append(ack)
        runner._t = t
        runner._schedule(t)
    cut, ack_said = said(runner)[:2]
    assert runner.counts["lines_cut"] == 1 and ack_said.caption == "Thanks for asking, Jun!"
    assert ack_said.start - cut.end == pytest.approx(CUT_GAP_S)
    assert CUT_GAP_S < GAP_S


def deal_line(runner: ShowRunner, still: list[bool]) -> Cue:
    text = "The flash deal is on: Glow Serum for nineteen dollars instead of twenty-eight!"
    cue = Cue("state", text, segment="deal", beat="deal_open")
    cue.still_true = lambda: still[0]
    cue.again = again_as_is(cue)
    return voiced(runner, cue)


def test_a_cut_deal_line_is_said_again_in_full_after_the_answer(runner: ShowRunner) -> None:
    line = deal_line(runner, [True])
    assert line.again is not None and line.again.speech is line.speech  # no second synthesis
    runner._lines.put(line)
    drive(runner, 15.0, ask_at=1.0)
    captions = [u.caption for u in said(runner)]
    assert captions == [line.text, ANSWER, line.text]
    again = said(runner)[2]
    assert again.speech.duration == pytest.approx(line.speech.duration)
    assert runner._chat_since is None  # said in full: the chat no longer holds the floor


def test_a_deal_line_nearly_said_is_let_finish_not_cut_and_said_again(runner: ShowRunner) -> None:
    line = deal_line(runner, [True])
    runner._lines.put(line)
    drive(runner, line.speech.duration - 1.2, ask_at=line.speech.duration - 1.3)
    drive(runner, 8.0)
    assert [u.caption for u in said(runner)] == [line.text, ANSWER]
    assert runner.counts["lines_cut"] == 0 and not runner._held


def test_a_deal_line_no_longer_true_is_not_said_again(runner: ShowRunner) -> None:
    still = [True]
    line = deal_line(runner, still)
    runner._lines.put(line)
    drive(runner, 1.5, ask_at=1.0)
    still[0] = False  # the deal ended while the answer was said
    drive(runner, 12.0)
    assert [u.caption for u in said(runner)] == [line.text, ANSWER]


def test_the_deal_line_waits_while_the_answer_is_still_being_composed(
    runner: ShowRunner,
) -> None:
    """The acknowledgement cut the line; the answer is not ready yet: the deal line must not
    slip in between the acknowledgement and its answer."""
    line = deal_line(runner, [True])
    runner._lines.put(line)
    ack = Cue("ack", "Thanks, Ann!", beat="answer")
    ack.speech = runner.speaker.say(ack.text, keep=True)
    drive(runner, 1.0)
    runner._answers.append(ack)
    runner._chat_busy.set()  # composing the answer
    drive(runner, 5.0)
    assert [u.caption for u in said(runner)] == [line.text, ack.text]
    runner._chat_busy.clear()
    runner._answers.append(answer(runner))
    drive(runner, 12.0)
    assert [u.caption for u in said(runner)] == [line.text, ack.text, ANSWER, line.text]


def test_the_spoken_disclosure_waits_for_the_answers_and_gives_way_to_them(
    runner: ShowRunner,
) -> None:
    """The viewer is told in writing at once; the disclosure's first sentence is said aloud
    when no answer waits. An answer that comes while it is said cuts it and it is said again
    after; cut a second time, it is dropped (the viewers were told in writing)."""
    events = runner.events.subscribe()
    viewer = Reply("v1", "Ann", "Is it vegan?", "Ann: Is it vegan?", acked=True, received=0.0)
    runner._answers.append(answer(runner))
    runner._queue_disclosure(viewer)
    told = events.get(0.0)
    full = runner.market.ai_disclosure_line
    assert told == {"type": "disclosure", "to_viewer": "v1", "text": full}
    line = first_sentence(full)
    assert line == "Quick heads-up: I'm an AI-generated virtual host, not a real person."
    drive(runner, 2.5)
    assert [u.caption for u in said(runner)] == [ANSWER, line]  # the answer first
    drive(runner, 12.0, ask_at=runner._t + 0.5)
    assert [u.caption for u in said(runner)] == [ANSWER, line, ANSWER, line]
    cut, again = said(runner)[1], said(runner)[3]
    assert cut.speech.duration < again.speech.duration - 0.5
    assert again.end <= runner._t  # the second one was said in full
    runner._queue_disclosure(Reply("v2", "Bo", "Hi", "Bo: Hi", acked=True, received=0.0))
    assert not runner._held  # aloud at most every two minutes; Bo is told in his chat
    assert events.get(0.0)["to_viewer"] == "v2"


def test_a_disclosure_cut_twice_is_not_said_a_third_time(runner: ShowRunner) -> None:
    line = first_sentence(runner.market.ai_disclosure_line)
    runner._queue_disclosure(Reply("v1", "Ann", "Hi?", "Ann: Hi?", acked=True, received=0.0))
    drive(runner, 1.0)
    drive(runner, 4.0, ask_at=runner._t + 0.3)
    drive(runner, 4.0, ask_at=runner._t + 0.3)
    drive(runner, 10.0)
    captions = [u.caption for u in said(runner)]
    assert captions == [line, ANSWER, line, ANSWER], captions
    assert runner.counts["lines_cut"] == 2, [(u.caption[:20], u.start, u.end) for u in said(runner)]


def test_a_cut_deal_is_on_line_comes_back_short(runner: ShowRunner) -> None:
    """The long "deal is on" line (the product's full title) comes back as "still on", which
    fits between two questions; the card shows the product."""
    still = [True]
    line = deal_line(runner, still)
    short = runner.planner._still_on_again(line, "$19.00", "$28.00")
    assert short.text == "The deal is still on: $19.00 instead of $28.00!"
    assert short.again is short and short.still_true is line.still_true
    forms = live_lines.variants("en", "deal_still_on")
    for turn in range(forms):  # every short form said within the hour: the line itself
        runner.repeat.said(
            live_lines.spoken("en", "deal_still_on", turn, price="$19.00", regular="$28.00")
        )
    assert runner.planner._still_on_again(line, "$19.00", "$28.00").text == line.text


def test_after_a_long_hold_of_the_floor_the_rundown_line_on_air_is_not_cut(
    runner: ShowRunner,
) -> None:
    """Answers back to back for over ``RUNDOWN_DUE_S``: the next rundown line is said in full
    (the answer waits for the rest of it, not for a whole new line), then answers go on."""
    from shopcast.live.show.runner import RUNDOWN_DUE_S

    fps = runner.show.fps
    for n in range(round((RUNDOWN_DUE_S + 2) * fps)):
        if not runner._answers:
            runner._answers.append(answer(runner))
        runner._t = n / fps
        runner._schedule(n / fps)
    runner._answers.clear()
    line = deal_line(runner, [True])
    runner._lines.put(line)
    drive(runner, 6.0)  # the answer on air ends, the line goes on
    on_air = said(runner)[-1]
    assert on_air.caption == line.text
    drive(runner, 12.0, ask_at=on_air.start + 1.0)
    assert runner.counts["lines_cut"] == 0
    assert [u.caption for u in said(runner)][-2:] == [line.text, ANSWER]


def closed_line(runner: ShowRunner, key: str) -> Cue:
    """The rundown's own "sold out" / "deal has ended" cue, voiced as the voice thread does."""
    cue = runner.planner._fixed(key, "deal", title="Glow Serum")
    assert cue is not None
    cue.again = runner.planner._closed_again(cue, f"{key}_short")
    return voiced(runner, cue)


@pytest.mark.parametrize("key", ["deal_sold_out", "deal_ended"])
def test_a_closing_line_cut_near_its_end_comes_back_short(runner: ShowRunner, key: str) -> None:
    """With a second left (less than a line said again in full may be cut with), "sold out"
    is still cut for the answer: what follows it is the short "all sold out — thank you!",
    not the whole line again."""
    line = closed_line(runner, key)
    short = line.again
    assert short is not None and short.speech is not None and short.text != line.text
    assert short.text in live_lines._table()["en"][f"{key}_short"]
    assert short.speech.duration < line.speech.duration - 0.5
    left = 1.0
    assert CUT_MIN_SAVED_S < left < AGAIN_CUT_MIN_S
    runner._lines.put(line)
    drive(runner, line.speech.duration - left - 0.1, ask_at=line.speech.duration - left - 0.2)
    drive(runner, 10.0)
    cut, reply, back = said(runner)
    assert [cut.caption, reply.caption, back.caption] == [line.text, ANSWER, short.text]
    assert runner.counts["lines_cut"] == 1
    assert reply.start < cut.start + line.speech.duration  # the viewer did not wait it out
    assert back.speech.duration == pytest.approx(short.speech.duration)  # in full


def test_a_closing_line_whose_short_form_was_said_this_hour_comes_back_in_full(
    runner: ShowRunner,
) -> None:
    for turn in range(live_lines.variants("en", "deal_sold_out_short")):
        runner.repeat.said(live_lines.spoken("en", "deal_sold_out_short", turn))
    line = closed_line(runner, "deal_sold_out")
    assert line.again is not None and line.again.text == line.text
    runner._lines.put(line)
    drive(runner, line.speech.duration - 1.1, ask_at=line.speech.duration - 1.2)
    drive(runner, 8.0)
    assert [u.caption for u in said(runner)] == [line.text, ANSWER]  # nearly said: not cut


def test_a_countdown_with_no_short_form_left_is_cut_and_dropped(runner: ShowRunner) -> None:
    """Every "starts any second" was said this hour: the countdown is still cut for an
    answer, and then dropped (the card counts down, and "deal is on" is next), not waited
    out."""
    for turn in range(live_lines.variants("en", "deal_soon")):
        runner.repeat.said(live_lines.spoken("en", "deal_soon", turn))
    item = runner.show.rundown[0]
    assert isinstance(item, ProductSegment)
    countdown = next(runner.planner._deal(item, runner.products["glow-serum"], []))
    assert countdown.beat == "deal_countdown" and countdown.again is None
    voiced(runner, countdown)
    runner._lines.put(countdown)
    drive(runner, 12.0, ask_at=0.8)
    utterances = said(runner)
    assert [u.caption for u in utterances] == [countdown.text, ANSWER]
    assert runner.counts["lines_cut"] == 1
    assert utterances[0].end < utterances[0].start + countdown.speech.duration - 0.5


def test_a_long_word_is_broken_off_at_the_end_of_a_sound(runner: ShowRunner) -> None:
    """ "PA++++" is read "P A plus plus plus plus" as one word of over a second: an answer
    ready as it begins does not wait for its end, the line breaks off at the next sound."""
    line = voiced(runner, Cue("line", "Daily Sun Fluid SPF 50+ PA++++ for nineteen dollars."))
    long = max(line.speech.words, key=lambda w: w.end - w.start)
    assert long.end - long.start > CUT_WORD_WAIT_S + 0.3, long
    runner._lines.put(line)
    fps = runner.show.fps
    drive(runner, 0.2)
    start = said(runner)[0].start
    ready = start + long.start + 0.05
    drive(runner, 8.0, ask_at=ready)
    cut, reply = said(runner)[:2]
    assert reply.caption == ANSWER and runner.counts["lines_cut"] == 1
    assert start + long.start < cut.end < start + long.end - 0.3  # inside the long word
    assert cut.end - ready <= CUT_WORD_WAIT_S + 3.0 / fps
    sound_ends = [cut.start + p.end for p in line.speech.phonemes]
    assert min(abs(e - cut.end) for e in sound_ends) < 1e-3


def test_an_answer_ready_in_a_pause_between_words_cuts_there(runner: ShowRunner) -> None:
    """The host is between two words: the line stops right there, the next word is not said."""
    line = voiced(runner, Cue("line", "Quick heads-up: I'm an AI host, not a real person."))
    words = line.speech.words
    before, after = max(zip(words, words[1:], strict=False), key=lambda ab: ab[1].start - ab[0].end)
    gap = after.start - before.end
    assert gap >= 0.12, words  # the colon and the comma are heard as pauses
    runner._lines.put(line)
    fps = runner.show.fps
    drive(runner, 0.2)
    start = said(runner)[0].start
    ready = start + before.end - 2.0 / fps  # audio two frames ahead is already on its way
    drive(runner, 8.0, ask_at=ready)
    cut, reply = said(runner)[:2]
    assert reply.caption == ANSWER and runner.counts["lines_cut"] == 1
    assert start + before.end - 1e-3 <= cut.end < start + after.start  # in the pause
    assert [w.text for w in cut.speech.words][-1] == before.text  # the next word not begun
