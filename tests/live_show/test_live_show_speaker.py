"""The live host's voice shares one TTS engine between the chat (urgent: a viewer waits) and
the rundown voiced ahead (background, phrase by phrase). Real Kokoro, real threads."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from shopcast.live.show.phrasing import phrases
from shopcast.live.show.runner import ShowRunner
from shopcast.live.show.speaker import Speaker
from shopcast.speech import registry as speech_registry
from shopcast.speech.kept import kept_speech
from shopcast.speech.types import Speech
from show_helpers import built_show, one_product_show, wait_for

SHOW = one_product_show("speaker-show")

# a deal line as long as the real ones, several phrases when voiced in the background
LONG = (
    "The flash deal is on: Glow Serum with rice water, thirty millilitres, for nineteen "
    "dollars instead of twenty-four, and the countdown is on the card, so tap the product "
    "below while the stock lasts."
)


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory, models_dir: Path) -> Iterator[ShowRunner]:
    with built_show(tmp_path_factory.mktemp("home"), models_dir, SHOW) as built:
        yield built


@pytest.fixture(scope="module")
def speaker(runner: ShowRunner) -> Speaker:
    # these tests are about two callers sharing the engine: every text must be synthesised,
    # not read back from the show's disk cache (where an earlier test left it)
    runner.speaker.disk = None
    return runner.speaker


def test_a_background_line_is_voiced_in_phrases_and_joined_on_one_clock(
    speaker: Speaker,
) -> None:
    pieces = phrases(LONG)
    assert len(pieces) >= 3
    speech = speaker.say(LONG, background=True)
    assert speech.text == LONG
    # every word of every phrase, in order, on one clock that never runs backwards
    assert [w.text for w in speech.words] == [
        w.text for piece in pieces for w in speaker.say(piece).words
    ]
    starts = [w.start for w in speech.words]
    assert starts == sorted(starts)
    assert speech.words[-1].end <= speech.duration
    assert speech.phonemes[-1].end <= speech.duration + 1e-6
    parts = sum(speaker.say(piece).duration for piece in pieces)
    assert speech.duration == pytest.approx(parts, abs=1e-3)


def test_an_acknowledgement_goes_before_the_rest_of_a_background_line(
    speaker: Speaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long rundown line is being voiced when a question comes: the acknowledgement is
    synthesised at once, beside the phrase in progress, and the line's next phrase waits for
    it."""
    done: dict[str, float] = {}

    def background() -> None:
        speaker.say(LONG, background=True)
        done["line"] = time.monotonic()

    spans: list[tuple[str, float, float]] = []  # (text, start, end) of each synthesis
    real = speech_registry.synthesize

    def timed(text: str, **kwargs: object) -> Speech:
        start = time.monotonic()
        try:
            return real(text, **kwargs)  # type: ignore[arg-type]
        finally:
            spans.append((text, start, time.monotonic()))

    monkeypatch.setattr(speech_registry, "synthesize", timed)
    thread = threading.Thread(target=background)
    thread.start()
    wait_for(lambda: speaker.busy, 30, "the line's first phrase being synthesised", 0.005)
    asked = time.monotonic()
    ack = speaker.say("Thanks for asking, Jun!")
    done["ack"] = time.monotonic()
    thread.join(60)
    ack_span = next(s for s in spans if s[0] == "Thanks for asking, Jun!")
    first_piece = next(s for s in spans if s[0] == phrases(LONG)[0])
    assert ack_span[1] < first_piece[2]  # voiced beside the phrase in progress, not after it
    later = [s for s in spans if s[0] in phrases(LONG)[1:]]
    assert later and all(s[1] >= ack_span[2] for s in later)  # no new phrase meanwhile
    assert ack.duration > 0.5
    assert done["ack"] < done["line"]  # the ack did not wait out the whole line
    assert done["ack"] - asked < done["line"] - asked


def test_cached_texts_are_served_without_waiting_for_the_engine(speaker: Speaker) -> None:
    speaker.say("Welcome back!", keep=True)
    thread = threading.Thread(target=speaker.say, args=(LONG,), kwargs={"background": True})
    thread.start()
    wait_for(lambda: speaker.busy, 30, "a synthesis in progress", 0.005)
    hits = speaker.hits
    assert speaker.say("Welcome back!").duration > 0.3
    assert speaker.hits == hits + 1
    assert speaker.busy  # served from the cache while a synthesis was still running
    thread.join(60)


def test_fixed_lines_are_voiced_once_per_process_not_per_show(
    runner: ShowRunner, models_dir: Path
) -> None:
    """A second show in the same voice (a restart, another channel) starts with the fixed
    lines already voiced: no synthesis, the very same audio, kept read-only. Lines said only
    in one show (a viewer's name) are not kept beyond it."""
    line = "Free shipping on every order over fifty dollars today."
    first = runner.speaker
    first.prerender([line])
    assert first.cached(line)
    other = Speaker(runner.persona, runner.market, models_dir)
    misses, hits = other.misses, other.hits
    assert other.prerender([line]) == 1  # new to this show...
    assert other.misses == misses and other.hits == hits + 1  # ...but not voiced again
    kept = other.say(line)
    assert kept is first.say(line)
    assert not kept.samples.flags.writeable
    other.say("Priya!", keep=True)
    third = Speaker(runner.persona, runner.market, models_dir)
    before = third.misses
    third.say("Priya!", keep=True)
    assert third.misses == before + 1  # a name is voiced per show
    assert kept_speech().seconds >= kept.duration
