"""A long flash deal keeps its urgency: while the deal is live the host says the deal's clock
when it is news ("4 minutes left", "one minute left", "last seconds"), the stock when it
changes, and in a quiet spell a reminder, so a deal with no purchases and the pitch said is
never a long silence. Each clock line is true when heard (lines are planned ahead of air time;
a stale one is dropped) and said once.

Driven through the real planner (``RundownPlanner.cues()``), the real commerce state and the
sample catalog on a manual clock; the runner's pacing is modelled by ``Air``."""

from __future__ import annotations

import math
import re
import string
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from shopcast.commerce import CommerceService
from shopcast.commerce.clock import ManualClock
from shopcast.commerce.schemas import BuyNowRequest, DealPublic
from shopcast.commerce.testing import sample_address
from shopcast.live.show import live_lines, parse_show
from shopcast.live.show.cues import Cue, RepeatGuard
from shopcast.live.show.registry import ShowRegistry
from shopcast.live.show.rundown import (
    LAST_SECONDS_S,
    MINUTE_FRESH_S,
    RundownPlanner,
    ScriptSource,
    ShowHooks,
)
from shopcast.live.show.runner import CUTTABLE_STATE_BEATS
from shopcast.live.show.showfile import ProductSegment
from shopcast.store import Database, open_database
from show_helpers import sample_shop

WINDOW_S = 300
QUANTITY = 5
SHOW = {
    "show": "long-deal",
    "persona": "mina",
    "market": "en-US",
    "size": "360x640",
    "writer": "templates",
    "rundown": [
        {
            "product": "glow-serum",
            "seconds": 60,
            "deal": {"price": 19, "countdown_s": 10, "window_s": WINDOW_S, "quantity": QUANTITY},
        }
    ],
}
AHEAD = 3  # cues planned ahead of the one on air (the runner's queue of 2 + the voice thread)
MAX_SILENCE_S = 35.0
NEW_KEYS = ("deal_minutes_left", "deal_one_minute_left", "deal_under_minutes", "deal_last_seconds")
CLOCK_BEATS = set(NEW_KEYS)


@dataclass
class Heard:
    start: float  # on the clock, seconds since the show began
    end: float
    text: str
    beat: str
    left: float  # the deal's seconds left as the line starts (0 before and after the window)
    remaining: int


@dataclass
class Shop:
    planner: RundownPlanner
    commerce: CommerceService
    clock: ManualClock
    repeat: RepeatGuard
    t0: datetime

    def t(self) -> float:
        return (self.clock() - self.t0).total_seconds()


@pytest.fixture()
def shop(tmp_path: Path, models_dir: Path) -> Iterator[Shop]:
    settings = sample_shop(tmp_path / "home", models_dir)
    db: Database = open_database(settings)
    t0 = datetime(2025, 6, 2, 18, 0, tzinfo=UTC)
    clock = ManualClock(t0)
    commerce = CommerceService(db, clock=clock)
    show = parse_show(SHOW, "test")
    persona, market, products = ShowRegistry(settings, db, commerce).check(show)
    repeat = RepeatGuard(clock=lambda: clock().timestamp())
    hooks = ShowHooks(
        pin=lambda sku: None,
        set_segment=lambda segment: None,
        deal_opened=lambda deal_id: None,
        deal_closed=lambda: None,
    )
    scripts = ScriptSource(show, products, persona, market, None)
    planner = RundownPlanner(show, products, market, scripts, commerce, hooks, repeat, now=clock)
    try:
        yield Shop(planner, commerce, clock, repeat, t0)
    finally:
        scripts.close()
        db.close()


def speaking_time(text: str) -> float:
    return 0.3 + 0.4 * len(text.split())  # about 150 words a minute


class Air:
    """The runner's pacing on the manual clock: the voice thread keeps ``AHEAD`` cues planned
    ahead of air time; when a cue's turn comes it is dropped if no longer true (as the frame
    thread does), else said for ``speaking_time`` (and heard by the repeat guard); pauses are
    idled through."""

    def __init__(self, shop: Shop) -> None:
        self.shop = shop
        self.cues = shop.planner.cues()
        self.ahead: deque[Cue] = deque()
        self.heard: list[Heard] = []
        self.dropped: list[Cue] = []

    def run_deal(self, before_each: Callable[[float], None] = lambda t: None) -> list[Heard]:
        """Until the deal's closing line is heard (at most 15 minutes)."""
        while self.shop.t() < 900:
            before_each(self.shop.t())
            while len(self.ahead) < AHEAD:
                self.ahead.append(next(self.cues))
            cue = self.ahead.popleft()
            if cue.kind == "pause":
                self.shop.clock.advance(cue.seconds)
                continue
            if cue.still_true is not None and not cue.still_true():
                self.dropped.append(cue)
                continue
            if cue.on_air is not None:
                cue.on_air()
            view = self.deal()
            left = view.seconds_left if view is not None else 0.0
            remaining = view.remaining if view is not None else 0
            start, seconds = self.shop.t(), speaking_time(cue.text)
            self.heard.append(Heard(start, start + seconds, cue.text, cue.beat, left, remaining))
            self.shop.repeat.said(cue.text)
            self.shop.clock.advance(seconds)
            if cue.beat in ("deal_ended", "deal_sold_out"):
                return self.heard
        raise AssertionError("the deal never closed")

    def deal(self) -> DealPublic | None:
        deal_id = self.shop.planner.claimed_deal_id
        return self.shop.commerce.get_deal(deal_id) if deal_id is not None else None


def live_part(heard: list[Heard]) -> list[Heard]:
    opened = next(n for n, h in enumerate(heard) if h.beat == "deal_open")
    return heard[opened:]


def minutes_in(text: str) -> int:
    found = re.search(r"(\d+) minutes", text)
    assert found, text
    return int(found.group(1))


def test_a_long_deal_with_no_purchases_is_never_a_long_silence(shop: Shop) -> None:
    air = Air(shop)
    heard = air.run_deal()
    live = live_part(heard)
    assert live[-1].beat == "deal_ended"
    ends_at = live[0].start + live[0].left  # the window's end on the show's clock
    during = [h for h in live if h.start < ends_at]
    silences = [b.start - a.end for a, b in zip(during, during[1:], strict=False)]
    silences.append(ends_at - during[-1].end)
    assert max(silences) <= MAX_SILENCE_S, [(round(h.start), h.text) for h in live]
    # not spam either: the open line, the stock, the minute marks, reminders, last seconds
    assert len(during) <= 20, [h.text for h in during]
    beats = [h.beat for h in during]
    assert beats.count("deal_last_seconds") == 1
    assert beats.count("deal_one_minute_left") == 1
    minute_marks = sorted(minutes_in(h.text) for h in during if h.beat == "deal_minutes_left")
    assert minute_marks == [2, 3, 4]  # 5 would be the "deal is on" line's own moment
    assert beats.count("deal_left") >= 1  # the stock is said, though it never changes
    assert len({h.text for h in live}) == len(live)  # nothing said twice


def test_every_clock_line_is_true_when_heard(shop: Shop) -> None:
    air = Air(shop)
    heard = air.run_deal()
    clock_lines = [h for h in heard if h.beat in CLOCK_BEATS]
    assert clock_lines
    for h in clock_lines:
        assert h.left > 0, h  # while the deal is live
        if h.beat == "deal_minutes_left":
            n = minutes_in(h.text)
            assert math.ceil(h.left / 60) == n and h.left > n * 60 - MINUTE_FRESH_S, h
        elif h.beat == "deal_one_minute_left":
            assert 60 - MINUTE_FRESH_S < h.left <= 60, h
        elif h.beat == "deal_under_minutes":
            n = minutes_in(h.text)
            assert (n - 1) * 60 < h.left < n * 60, h
        else:
            assert h.left <= LAST_SECONDS_S, h
    minute_lines = [h.text for h in clock_lines if h.beat == "deal_minutes_left"]
    assert len(set(map(minutes_in, minute_lines))) == len(minute_lines)  # each N once


def test_a_minute_line_held_too_long_is_dropped_not_said_late(shop: Shop) -> None:
    item = shop.planner.show.rundown[0]
    assert isinstance(item, ProductSegment)
    deal = shop.planner._deal(item, shop.planner.products["glow-serum"], [])
    for cue in deal:
        if cue.beat == "deal_minutes_left":
            break
        if cue.kind == "pause":
            shop.clock.advance(cue.seconds)
        else:
            shop.repeat.said(cue.text)
            shop.clock.advance(speaking_time(cue.text))
    else:
        raise AssertionError("no minute line")
    assert shop.planner.claimed_deal_id is not None
    left = shop.commerce.get_deal(shop.planner.claimed_deal_id).seconds_left
    assert minutes_in(cue.text) == 4 and 240 - MINUTE_FRESH_S < left <= 240
    assert cue.still_true is not None and cue.still_true()
    shop.clock.advance(left - (240 - MINUTE_FRESH_S) - 0.5)
    assert cue.still_true()  # "4 minutes left" at 3:40.5: still so
    shop.clock.advance(1.0)
    assert not cue.still_true()  # at 3:39.5: dropped, the next mark is "3 minutes"
    assert cue.again is None  # an answer may cut it (runner.CUTTABLE_STATE_BEATS): dropped
    assert cue.beat in CUTTABLE_STATE_BEATS


def test_stock_lines_follow_purchases_during_the_long_deal(shop: Shop) -> None:
    air = Air(shop)
    bought: list[tuple[float, int]] = []  # (when, the stock left after the purchase)
    buy_at = [260.0, 190.0, 100.0]  # seconds left in the window

    def buy(t: float) -> None:
        view = air.deal()
        if view is None or view.state != "live" or not buy_at or view.seconds_left > buy_at[0]:
            return
        buy_at.pop(0)
        body = BuyNowRequest(
            customer_id=f"viewer-{len(bought)}", quantity=1, address=sample_address()
        )
        shop.commerce.buy_deal(view.id, body, idempotency_key=f"buy-{len(bought)}")
        bought.append((t, shop.commerce.get_deal(view.id).remaining))

    heard = air.run_deal(buy)
    assert [left for _, left in bought] == [QUANTITY - 1, QUANTITY - 2, QUANTITY - 3]
    stock = [h for h in heard if h.beat == "deal_left"]
    for when, left in bought:
        told = [h for h in stock if h.start >= when and str(left) in h.text]
        assert told, (when, left, [(round(h.start), h.text) for h in stock])
        # news: said as soon as it is the host's turn (cues are planned a few ahead), not at
        # the next lull (a reminder comes only after DEAL_QUIET_S without a line)
        assert told[0].start - when <= 12.0, (when, left, told[0])
        assert told[0].remaining == left  # and true when heard
    assert all(h.remaining == int(re.findall(r"\d+", h.text)[0]) for h in stock)


def test_every_line_exists_in_every_language_and_formats() -> None:
    table = live_lines._table()
    keys = set(table["en"])
    assert set(NEW_KEYS) <= keys
    values = {
        "title": "Glow Serum",
        "price": "$19.00",
        "regular": "$28.00",
        "remaining": 3,
        "seconds": 20,
        "minutes": 4,
        "time": "2:00",
        "city": "Seoul",
    }
    for language, lines in table.items():
        assert set(lines) == keys, (language, keys ^ set(lines))
        for key, options in lines.items():  # every line fills with what the show knows
            for template in options if isinstance(options, list) else [options]:
                assert "{" not in template.format(**values), (language, key, template)
        for key in NEW_KEYS:
            count = live_lines.variants(language, key)
            assert count >= 2, (language, key)  # a second loop within the hour has words left
            for turn in range(count):
                template = lines[key][turn]
                fields = {f for _, f, _, _ in string.Formatter().parse(template) if f}
                assert fields <= {"minutes", "price"}, (language, key, template)
                if key in ("deal_minutes_left", "deal_under_minutes"):
                    assert "minutes" in fields, (language, key, template)  # the number is said
                else:
                    assert "minutes" not in fields, (language, key, template)
                text = live_lines.spoken(language, key, turn, **values)
                assert "{" not in text and text.strip(), (language, key, text)
