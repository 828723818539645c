"""The personal acknowledgement: "Good question," goes on air at once from kept audio and the
viewer's name follows without a pause, voiced while the fixed words play; nothing slips in
between. Driven frame by frame on a real (not started) show with the real voice."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from shopcast.live.show.cues import Cue
from shopcast.live.show.operator import Reply
from shopcast.live.show.runner import GAP_S, NAME_BEAT, ShowRunner
from show_helpers import built_show, one_product_show

SHOW = one_product_show("ack-show")


@pytest.fixture()
def runner(tmp_path: Path, models_dir: Path) -> Iterator[ShowRunner]:
    with built_show(tmp_path / "home", models_dir, SHOW) as built:
        yield built


def reply(name: str) -> Reply:
    return Reply(
        viewer_id=f"id-{name}",
        viewer=name,
        question="Is it vegan?",
        shown=f"{name}: Is it vegan?",
        acked=True,
        received=time.monotonic(),
    )


def test_the_fixed_words_are_kept_from_the_start_and_the_name_follows_them(
    runner: ShowRunner,
) -> None:
    assert runner.speaker.cached("Good question,")  # rendered when the show was built
    misses = runner.speaker.misses
    runner._queue_ack(reply("Priya"), measure=True)
    assert runner.speaker.misses == misses + 1  # only "Priya!" was synthesised
    opener, name = list(runner._answers)[:2]
    assert (opener.text, name.text) == ("Good question,", "Priya!")
    assert opener.received is not None and name.received is None  # latency: the first word
    assert name.beat == NAME_BEAT
    line = Cue("line", "The serum is thirty millilitres of rice water essence.", beat="demo")
    line.speech = runner.speaker.say(line.text)
    runner._lines.put(line)
    fps = runner.show.fps
    for n in range(round(6.0 * fps)):
        runner._t = n / fps
        runner._schedule(n / fps)
    said = list(runner.timeline.utterances)
    assert [u.caption for u in said][:2] == ["Good question,", "Priya!"]
    first, second, third = said[:3]  # then the spoken disclosure (a first-time viewer)
    assert 0.0 <= second.start - first.end <= 3.0 / fps  # one line: no breath between
    assert third.start - second.end == pytest.approx(GAP_S)


def test_nothing_slips_in_while_the_name_is_being_voiced(runner: ShowRunner) -> None:
    """The frame loop reaches the end of "Good question," before the name is ready (a slow
    synthesis): it waits in silence rather than start a rundown line."""
    opener = Cue("ack", "Good question,", beat="answer")
    opener.speech = runner.speaker.say(opener.text, keep=True)
    line = Cue("line", "The serum is thirty millilitres of rice water essence.", beat="demo")
    line.speech = runner.speaker.say(line.text)
    runner._lines.put(line)
    runner._name_coming.set()
    runner._answers.append(opener)
    fps = runner.show.fps
    for n in range(round(3.0 * fps)):
        runner._t = n / fps
        runner._schedule(n / fps)
    assert [u.caption for u in runner.timeline.utterances] == ["Good question,"]
    name = Cue("ack", "Priya!", beat=NAME_BEAT)
    name.speech = runner.speaker.say(name.text)
    runner._answers.append(name)
    runner._name_coming.clear()
    for n in range(round(3.0 * fps), round(5.0 * fps)):
        runner._t = n / fps
        runner._schedule(n / fps)
    captions = [u.caption for u in runner.timeline.utterances]
    assert captions[:2] == ["Good question,", "Priya!"]
