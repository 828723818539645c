"""The rundown, walked forever: for each product segment the host introduces and pins the
product, speaks the beats of a freshly written, grounded script phrase by phrase, and runs the
segment's flash deal from the true commerce state (countdown, stock left, sold out, ended); Q&A
breaks invite questions and leave room for answers.

``RundownPlanner.cues()`` is a lazy generator: it is pulled only as the host gets through its
buffer, so state lines ("3 left") are written seconds before they are said, not minutes.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import queue
import re
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from shopcast.avatar.state import Expression, GazeTarget, Gesture
from shopcast.catalog.models import Product
from shopcast.commerce import CommerceService
from shopcast.commerce.schemas import DealCreate, DealPublic
from shopcast.errors import ShopcastError
from shopcast.experiments.rotation import product_turn
from shopcast.experiments.schemas import LiveVariant
from shopcast.experiments.service import ExperimentService
from shopcast.live.show import live_lines
from shopcast.live.show.cues import Cue, RepeatGuard, pause
from shopcast.live.show.phrasing import phrases
from shopcast.live.show.showfile import ProductSegment, QaBreak, ShowFile
from shopcast.markets.registry import format_price
from shopcast.markets.types import Market
from shopcast.persona.types import Persona
from shopcast.writing.generator import MAX_LENGTH_S, MAX_VARIANTS, MIN_LENGTH_S, write_scripts
from shopcast.writing.llm.base import LLM, with_cancel
from shopcast.writing.script import Beat, Script

log = logging.getLogger(__name__)

DEAL_STOCK_EVERY_S = 9.0  # a changed stock number is said at most this often during a deal
# A live deal with nothing new to say (stock unchanged, the pitch said): past the half of each
# minute "less than N minutes left" (if nothing was said for DEAL_REMIND_S), and the stock again
# in other words after DEAL_QUIET_S without a line.
DEAL_REMIND_S = 10.0
DEAL_QUIET_S = 20.0
# "N minutes left" is planned once the deal's clock crosses N minutes and is said while the
# clock is within this long of the mark (lines are voiced ahead of air time), else dropped.
MINUTE_FRESH_S = 20.0
LAST_SECONDS_S = 30.0  # "last seconds" once this little of the deal is left...
LAST_SECONDS_MIN_S = 2.0  # ...and while more than this is left when it is said
# How long the model may take over one segment's script (it writes ahead of air time; a
# script not ready when due airs composed lines): past it the unwritten beats are composed.
MODEL_DEADLINE_S = 90.0
_NUMBER = re.compile(r"\d(?:[\d.,\u00a0\u202f]*\d)?")


def _lower_priority() -> None:
    """Writing runs behind the frame loop: a nicer thread (Linux: per-thread nice)."""
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)


@dataclass
class SegmentScript:
    """What a product segment airs: the script, where it came from, and the experiment's
    variant when one runs for the product (``experiment_id``/``variant_id`` go into the
    viewers' state while the segment is on air)."""

    script: Script
    origin: str  # "model" (written ahead), "composed" (the catalog's own lines), "experiment"
    experiment_id: str | None = None
    variant_id: str | None = None


class _BackgroundWriter:
    """One low-priority daemon thread that runs writing jobs in order. Not a thread pool: the
    interpreter joins a pool's threads at exit, so a show stopping while the model decodes a
    long prompt would wait for it (minutes on two shared cores); a daemon thread is left to
    end with the process."""

    def __init__(self, name: str) -> None:
        self._jobs: queue.Queue[tuple[Future[Any], Callable[[], Any]] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._started = False

    def submit(self, job: Callable[[], Any]) -> Future[Any]:
        future: Future[Any] = Future()
        if not self._started:
            self._started = True
            self._thread.start()
        self._jobs.put((future, job))
        return future

    def _run(self) -> None:
        _lower_priority()
        while (item := self._jobs.get()) is not None:
            future, job = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(job())
            except BaseException as exc:  # handed to whoever reads the future
                future.set_exception(exc)

    def shutdown(self) -> None:
        """Drop the queued jobs and end the thread after the job in progress."""
        while True:
            try:
                item = self._jobs.get_nowait()
            except queue.Empty:
                break
            if item is not None:
                item[0].cancel()
        self._jobs.put(None)


class ScriptSource:
    """Scripts for product segments. A segment never waits for the model: the model writes
    later segments ahead of time on a low-priority thread, each script within
    ``deadline_s``; a segment whose model script is not ready when it is due (the first one
    always, at the start) airs a composed script (``template_script``: the catalog's words in
    the market's grammar, written in well under a second). A product under a running
    experiment airs the variant its turn rotates to (``ExperimentService.live_variant``).

    The first product segment's script is composed when the source is made, before the show
    goes on air. ``close()`` stops the model mid-generation (the LLM is cancelled, not waited
    for)."""

    def __init__(
        self,
        show: ShowFile,
        products: dict[str, Product],
        persona: Persona,
        market: Market,
        llm: LLM | None,
        *,
        experiments: ExperimentService | None = None,
        deadline_s: float = MODEL_DEADLINE_S,
    ) -> None:
        self.show, self.products, self.persona, self.market = show, products, persona, market
        self.experiments = experiments
        self.deadline_s = deadline_s
        self._closed = threading.Event()
        # the model is cancelled when the source closes (a show stopping mid-generation)
        self.llm = with_cancel(llm, self._closed) if llm is not None else None
        self._pool = _BackgroundWriter(f"show-{show.show}-writer")
        self._ahead: dict[tuple[int, int], Future[Script | None]] = {}
        self._skus: list[str | None] = [
            item.product if isinstance(item, ProductSegment) else None for item in show.rundown
        ]
        self.written = 0  # scripts the model finished
        self.composed_when_due = 0  # segments that aired composed lines: the model's not ready
        self.failures: list[str] = []
        # the first product segment's script, composed now, before the show goes on air
        # (composing takes 1–5 s on two busy cores: not silence on air)
        first = next(i for i, it in enumerate(show.rundown) if isinstance(it, ProductSegment))
        self._ready: dict[tuple[int, int], SegmentScript] = {}
        self._ready[(first, 0)] = self.get(first, 0)

    @property
    def uses_model(self) -> bool:
        return self.show.writer == "llm" and self.llm is not None

    @property
    def writing(self) -> bool:
        """Whether the model has a script in hand or queued."""
        return any(not future.done() for future in list(self._ahead.values()))

    def prefetch(self, index: int, loop: int) -> None:
        """Have the model write segment ``index`` of loop ``loop`` in the background (nothing
        for ``writer: templates``, or a product under a running experiment)."""
        key = (index, loop)
        if not self.uses_model or key in self._ahead or self._closed.is_set():
            return
        item = self.show.rundown[index]
        assert isinstance(item, ProductSegment)
        if self._experiment(item.product, index, loop) is not None:
            return  # the experiment's variant airs: nothing to write
        self._ahead[key] = self._pool.submit(lambda: self._draft(item, index, loop))

    def get(self, index: int, loop: int) -> SegmentScript:
        """The script for segment ``index`` of loop ``loop``, now: never waits for the model."""
        ready = self._ready.pop((index, loop), None)
        if ready is not None:
            return ready
        item = self.show.rundown[index]
        assert isinstance(item, ProductSegment)
        return self._write(item, index, loop)

    def _write(self, item: ProductSegment, index: int, loop: int) -> SegmentScript:
        """A running experiment's variant; else the model's script if it is ready; else the
        composed one (a model script still being written is kept for the segment's next
        turn)."""
        variant = self._experiment(item.product, index, loop)
        future = self._ahead.pop((index, loop), None)
        if variant is not None:
            if future is not None and not future.cancel():
                self._keep_for_later(future, index, loop)
            return SegmentScript(
                variant.script, "experiment", variant.experiment_id, variant.variant_id
            )
        if future is not None and future.done() and not future.cancelled():
            try:
                script = future.result()
            except Exception as exc:  # the model's failure is recorded; the show goes on
                self.failures.append(f"{item.product}: {exc}")
                log.warning("script for %s failed, composed instead: %s", item.product, exc)
            else:
                if script is not None:
                    return SegmentScript(script, "model")
        elif future is not None:
            self._keep_for_later(future, index, loop)
            self.composed_when_due += 1
            log.info(
                "show %s: %s's script not ready when due: composed", self.show.show, item.product
            )
        product = self.products[item.product]
        script = template_script(product, self.persona, self.market, variant=loop + index)
        return SegmentScript(script, "composed")

    def _keep_for_later(self, future: Future[Script | None], index: int, loop: int) -> None:
        """A model script still being written when its segment aired composed lines: it airs
        at the segment's next turn instead (unless that one is written already)."""
        self._ahead.setdefault((index, loop + 1), future)

    def _experiment(self, sku: str, index: int, loop: int) -> LiveVariant | None:
        if self.experiments is None:
            return None
        try:
            return self.experiments.live_variant(
                show_id=self.show.show,
                product_sku=sku,
                market=self.market.code,
                turn=product_turn(self._skus, index, loop),
            )
        except ShopcastError as exc:  # the show goes on with its own script
            log.warning("experiment lookup for %s failed: %s", sku, exc)
            return None

    def _draft(self, item: ProductSegment, index: int, loop: int) -> Script | None:
        """The model's script for a later segment, within ``deadline_s`` (None: the show is
        stopping or the model failed; the segment then airs composed lines)."""
        if self._closed.is_set():
            return None
        product = self.products[item.product]
        seed = self.show.seed + 7919 * loop + 104729 * index
        length = float(min(MAX_LENGTH_S, max(MIN_LENGTH_S, item.seconds)))
        try:
            script = write_scripts(
                product,
                self.persona,
                self.market,
                length_s=length,
                llm=self.llm,
                seed=seed,
                deadline_s=self.deadline_s,
            )[0]
        except ShopcastError as exc:  # the show goes on with the catalog's own lines
            self.failures.append(f"{item.product}: {exc.message}")
            log.warning("script for %s failed, composed instead: %s", item.product, exc)
            return None
        if self._closed.is_set():
            return None  # cancelled part way: what it wrote is not worth airing
        self.written += 1
        return script

    def close(self) -> None:
        """Stop writing: the model stops mid-generation, queued drafts are dropped."""
        self._closed.set()
        self._pool.shutdown()


def template_script(product: Product, persona: Persona, market: Market, *, variant: int) -> Script:
    """A script composed from the catalog's words in the market's language (no model; every
    line checked like a model's), for ``writer: templates`` and when the model fails."""
    return write_scripts(
        product, persona, market, length_s=30.0, llm=None, variants=variant % MAX_VARIANTS + 1
    )[-1]


@dataclass
class ShowHooks:
    """What the planner asks of the runner when a cue goes on air."""

    pin: Callable[[str], None]
    set_segment: Callable[[str], None]
    deal_opened: Callable[[int], None]
    deal_closed: Callable[[], None]
    # a deal started from the operator console is running: the rundown's own deal then
    # gives way (one flash deal at a time; whoever claims the slot first keeps it)
    console_deal_running: Callable[[], bool] = lambda: False
    deal_skipped: Callable[[str], None] = lambda reason: None
    # the segment's script goes on air (None: a Q&A break): the experiment's variant, if any,
    # is put in the viewers' state
    set_variant: Callable[[SegmentScript | None], None] = lambda aired: None


class RundownPlanner:
    def __init__(
        self,
        show: ShowFile,
        products: dict[str, Product],
        market: Market,
        scripts: ScriptSource,
        commerce: CommerceService,
        hooks: ShowHooks,
        repeat: RepeatGuard,
        *,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.show, self.products, self.market = show, products, market
        self.scripts, self.commerce, self.hooks, self.repeat = scripts, commerce, hooks, repeat
        self.now = now
        self.language = market.language
        self.loop = 0
        self._turn = 0
        # the rundown's deal from its creation (lines are planned ahead of air time) until
        # its closing line is on air: the console cannot start another one meanwhile
        self.claimed_deal_id: int | None = None

    # -- the walk -------------------------------------------------------------------------
    def cues(self) -> Iterator[Cue]:
        """The show's cues, forever. The first product segment airs composed lines at once
        (the model has written nothing yet); each item prefetches the next product segment's
        script, so the model writes one segment ahead."""
        while True:
            for index, item in enumerate(self.show.rundown):
                self._prefetch_next(index)
                if isinstance(item, QaBreak):
                    yield from self._qa(item)
                else:
                    yield from self._product(index, item)
            self.loop += 1

    def _prefetch_next(self, index: int) -> None:
        n = len(self.show.rundown)
        for step in range(1, n + 1):
            j = (index + step) % n
            if isinstance(self.show.rundown[j], ProductSegment):
                self.scripts.prefetch(j, self.loop + (1 if j <= index else 0))
                return

    def _fixed(self, key: str, segment: str, **values: object) -> Cue | None:
        """A fixed line, rotating through its variants; None when every variant was said
        within the repeat window."""
        count = live_lines.variants(self.language, key)
        for k in range(count):
            text = live_lines.spoken(self.language, key, self._turn + k, **values)
            if not self.repeat.recent(text):
                self._turn += 1
                return Cue("state", text, segment=segment, beat=key)
        return None

    def _qa(self, item: QaBreak) -> Iterator[Cue]:
        def on_air() -> None:
            self.hooks.set_segment("qa")
            self.hooks.set_variant(None)  # no experiment's script on air

        cue = self._fixed("qa_open", "qa")
        if cue is not None:
            cue.on_air = on_air
            cue.expression, cue.gesture = Expression.SMILE, Gesture.OPEN_PALMS
            yield cue
        else:
            yield Cue("pause", seconds=0.1, segment="qa", on_air=on_air)
        remaining = float(item.qa.seconds)
        while remaining > 0:
            step = min(remaining, 20.0)
            yield pause(step, "qa")
            remaining -= step
            if remaining > 0 and (idle := self._fixed("qa_idle", "qa")) is not None:
                yield idle

    def _product(self, index: int, item: ProductSegment) -> Iterator[Cue]:
        product = self.products[item.product]
        sku = product.sku
        aired = self.scripts.get(index, self.loop)
        script = aired.script
        intro = self._fixed("next_product", "hook", title=product.spoken_name_in(self.language))

        def on_air() -> None:
            self.hooks.pin(sku)
            self.hooks.set_segment("hook")
            self.hooks.set_variant(aired)

        if intro is not None:
            intro.on_air, intro.sku = on_air, sku
            intro.expression, intro.gesture, intro.gaze = (
                Expression.SMILE,
                Gesture.PRESENT,
                GazeTarget.CARD,
            )
            yield intro
        else:
            yield Cue("pause", seconds=0.1, segment="hook", on_air=on_air, sku=sku)
        beats = [b for b in script.beats if b.kind in item.segments]
        deal_at = self._deal_position(beats) if item.deal else None
        for n, beat in enumerate(beats):
            if deal_at is not None and n == deal_at:
                yield from self._deal(item, product, beats[n:])
                return
            yield from self._beat_cues(beat, sku)
        if item.deal and deal_at is None:
            yield from self._deal(item, product, [])

    @staticmethod
    def _deal_position(beats: list[Beat]) -> int | None:
        """The deal replaces the script's offer beat (or comes after the proof)."""
        for n, beat in enumerate(beats):
            if beat.kind == "offer":
                return n
        for n, beat in enumerate(beats):
            if beat.kind == "cta":
                return n
        return None

    def _beat_cues(self, beat: Beat, sku: str) -> Iterator[Cue]:
        for text in phrases(beat.text):
            if self.repeat.recent(text):
                continue  # said within the hour, or just planned: skip rather than repeat
            self.repeat.planned(text)
            segment = beat.kind

            def on_air(segment: str = segment) -> None:
                self.hooks.set_segment(segment)

            yield Cue(
                "line",
                text,
                segment=segment,
                beat=beat.kind,
                expression=beat.expression,
                gesture=beat.gesture,
                gaze=beat.gaze,
                sku=sku,
                on_air=on_air,
            )

    # -- flash deal, from the true state --------------------------------------------------
    def _deal(self, item: ProductSegment, product: Product, rest: list[Beat]) -> Iterator[Cue]:
        spec = item.deal
        assert spec is not None
        variant_sku = spec.sku or product.variants[0].sku
        regular = _regular_price(product, variant_sku, self.market)
        if self.hooks.console_deal_running():
            self.hooks.deal_skipped(
                f"The rundown's flash deal on {product.title} was skipped: "
                "a deal started from the console is running."
            )
            for beat in rest:
                yield from self._beat_cues(beat, product.sku)
            return
        try:
            deal = self.commerce.create_deal(
                DealCreate(
                    sku=variant_sku,
                    currency=self.market.currency,
                    deal_price=spec.price,
                    starts_at=self.now() + timedelta(seconds=spec.countdown_s),
                    countdown_seconds=spec.countdown_s,
                    window_seconds=spec.window_s,
                    total_quantity=spec.quantity,
                    per_customer_limit=spec.per_customer,
                    show_id=self.show.show,
                )
            )
        except ShopcastError as exc:
            log.warning("flash deal for %s not opened: %s", variant_sku, exc)
            for beat in rest:
                yield from self._beat_cues(beat, product.sku)
            return
        price = format_price(spec.price, self.market.currency, self.market)
        regular_text = (
            format_price(regular, self.market.currency, self.market) if regular else price
        )
        title = product.spoken_name_in(self.language)  # as said aloud, not the SEO title
        deal_id = self.claimed_deal_id = deal.id

        def closed() -> None:
            self.claimed_deal_id = None
            self.hooks.deal_closed()

        def opened() -> None:
            self.hooks.set_segment("deal")
            self.hooks.deal_opened(deal_id)

        left = max(0.0, (deal.starts_at - self.now()).total_seconds())
        cue = self._fixed("deal_countdown", "deal", title=title, seconds=round(left))
        if cue is None:
            cue = Cue("pause", seconds=0.1, segment="deal")
        cue.on_air, cue.sku, cue.expression = opened, product.sku, Expression.EXCITED
        cue.gaze, cue.gesture = GazeTarget.CARD, Gesture.PRESENT
        if cue.kind == "state":
            cue.again = self._soon_again(product.sku, deal_id)
        yield cue
        pitch = [c for beat in rest for c in self._beat_cues(beat, product.sku)]
        prices = price_keys(product, self.market)

        def next_pitch() -> Cue | None:  # the script's price lines must not contradict the deal
            while pitch:
                cue = self.price_line_during_deal(
                    pitch.pop(0), deal_id, prices, regular_text, price
                )
                if cue is not None:
                    return cue
            return None

        announced = False
        talk = _DealTalk()
        while True:
            view = self.commerce.get_deal(deal_id)
            if view.state in ("scheduled", "countdown"):
                yield next_pitch() or pause(min(2.0, max(0.2, view.seconds_to_start)))
                continue
            if view.state == "live":
                now = self.now().timestamp()
                if not announced:
                    announced, talk.last_line = True, now
                    cue = self._fixed(
                        "deal_open", "deal", title=title, price=price, regular=regular_text
                    )
                    if cue is not None:
                        cue.expression, cue.gesture = Expression.EXCITED, Gesture.POINT_DOWN
                        cue.still_true = self._deal_is(deal_id, "live")
                        cue.again = self._still_on_again(cue, price, regular_text)
                        yield cue
                    continue
                cue = self._live_deal_line(talk, deal_id, view, price, now, next_pitch)
                if cue is None:
                    yield pause(2.0, "deal")
                    continue
                talk.last_line = now
                yield cue
                continue
            key = "deal_sold_out" if view.state == "sold_out" else "deal_ended"
            cue = self._fixed(key, "deal", title=title)
            if cue is None:
                cue = Cue("pause", seconds=0.1, segment="deal")
            cue.expression = Expression.SMILE
            if cue.kind == "state":
                cue.again = self._closed_again(cue, f"{key}_short")
            cue.on_air = closed
            yield cue
            return

    def _live_deal_line(
        self,
        talk: _DealTalk,
        deal_id: int,
        view: DealPublic,
        price: str,
        now: float,
        next_pitch: Callable[[], Cue | None],
    ) -> Cue | None:
        """The next line while the deal is live, or None (a short pause). News first: the
        deal's clock crossing a minute mark or into its last seconds, then a changed stock
        number (at most every ``DEAL_STOCK_EVERY_S``); then the script's pitch; once the pitch
        is said, reminders in the quiet: "less than N minutes left" past the half minute, the
        stock in other words. So a quiet deal hears a line about every half minute, a busy one
        its news, and nothing is said twice (the repeat guard)."""
        cue = self._time_left_line(deal_id, view, price, talk.marks)
        if cue is not None:
            return cue
        if view.remaining != talk.said_stock and now - talk.last_stock >= DEAL_STOCK_EVERY_S:
            talk.said_stock, talk.last_stock = view.remaining, now  # said this hour: so be it
            cue = self._stock_line(deal_id, view.remaining, price)
            if cue is not None:
                return cue
        cue = next_pitch()
        quiet = now - talk.last_line
        if cue is None and quiet >= DEAL_REMIND_S:
            cue = self._under_minutes_line(deal_id, view.seconds_left, price, talk.marks)
        if cue is None and quiet >= DEAL_QUIET_S:
            cue = self._stock_line(deal_id, view.remaining, price)
            if cue is not None:
                talk.last_stock = now
        return cue

    def _stock_line(self, deal_id: int, remaining: int, price: str) -> Cue | None:
        """ "3 left at $19", dropped if the stock changed before it is said."""
        cue = self._fixed("deal_left", "deal", remaining=remaining, price=price)
        if cue is not None:
            cue.still_true = self._remaining_is(deal_id, remaining)
            cue.gesture = Gesture.POINT_DOWN
        return cue

    def _time_left_line(
        self, deal_id: int, view: DealPublic, price: str, marks: set[int]
    ) -> Cue | None:
        """The deal's clock as news, once each: "N minutes left" just after the clock crosses
        N whole minutes (N = the minutes left rounded up, so it is true when heard: the line is
        said within ``MINUTE_FRESH_S`` of the mark or dropped), "one minute left", and in the
        last ``LAST_SECONDS_S`` "last seconds". No mark within ``MINUTE_FRESH_S`` of the
        opening: the "deal is on" line has just been said."""
        left = view.seconds_left
        if left <= LAST_SECONDS_S:
            if 0 in marks or left <= LAST_SECONDS_MIN_S:
                return None
            marks.add(0)
            return self._clock_line("deal_last_seconds", deal_id, LAST_SECONDS_MIN_S, left, price)
        minutes = math.ceil(left / 60)
        mark = minutes * 60.0
        window = (view.ends_at - view.starts_at).total_seconds()
        if minutes in marks or left <= mark - MINUTE_FRESH_S or mark > window - MINUTE_FRESH_S:
            return None
        marks.add(minutes)
        key = "deal_one_minute_left" if minutes == 1 else "deal_minutes_left"
        return self._clock_line(key, deal_id, mark - MINUTE_FRESH_S, mark, price, minutes=minutes)

    def _under_minutes_line(
        self, deal_id: int, left: float, price: str, marks: set[int]
    ) -> Cue | None:
        """A reminder for a quiet spell: "less than N minutes left at $19" (N ≥ 2: the whole
        minutes left plus one), once per N, between the half minute and 15 s before the next
        minute mark (half way between two "N minutes left" lines)."""
        minutes = math.floor(left / 60) + 1
        if minutes < 2 or -minutes in marks or not 15 < left - (minutes - 1) * 60 <= 30:
            return None
        marks.add(-minutes)
        low = (minutes - 1) * 60.0
        return self._clock_line("deal_under_minutes", deal_id, low, left, price, minutes=minutes)

    def _clock_line(
        self, key: str, deal_id: int, low: float, high: float, price: str, **values: object
    ) -> Cue | None:
        """A line about the deal's clock, said only while between ``low`` and ``high`` seconds
        are left (the clock only runs down: ``high`` is now). An answer may cut it
        (``runner.CUTTABLE_STATE_BEATS``); it is then dropped, not said again: the clock's next
        line is news soon enough, and a short line said twice around an answer sounds stuck."""
        cue = self._fixed(key, "deal", price=price, **values)
        if cue is None:
            return None
        cue.expression, cue.gesture = Expression.EXCITED, Gesture.POINT_DOWN
        cue.still_true = self._seconds_left_in(deal_id, low, high)
        return cue

    def _still_on_again(self, cue: Cue, price: str, regular: str) -> Cue:
        """What a cut "deal is on" line becomes after the answer: the short "still on: $19
        instead of $24" (the card shows the product; the long title would not fit between
        two questions and be cut again), or the line itself if that was said this hour."""
        short = self._fixed("deal_still_on", "deal", price=price, regular=regular)
        if short is None:
            return again_as_is(cue)
        short.expression, short.gesture = cue.expression, cue.gesture
        short.still_true = cue.still_true
        short.again = short
        return short

    def _closed_again(self, cue: Cue, key: str) -> Cue:
        """What a cut "sold out" or "deal has ended" line becomes after the answer: the short
        "all sold out, thank you!" (the news without the title, so it is over before the next
        question), or the line itself if that was said this hour. Closed stays closed: no
        ``still_true`` is needed."""
        short = self._fixed(key, "deal")
        if short is None:
            return again_as_is(cue)
        short.expression = cue.expression
        short.again = short
        return short

    def _soon_again(self, sku: str, deal_id: int) -> Cue | None:
        """What a cut countdown becomes after the answer: "starts any second" (its seconds
        would be out of date, and the card shows the product), while the deal has not
        opened."""
        soon = self._fixed("deal_soon", "deal")
        if soon is None:
            return None
        soon.sku, soon.expression = sku, Expression.EXCITED
        soon.gaze, soon.gesture = GazeTarget.CARD, Gesture.PRESENT
        soon.still_true = self._deal_not_open(deal_id)
        soon.again = soon
        return soon

    def price_line_during_deal(
        self, cue: Cue, deal_id: int, prices: set[str], regular: str, deal_price: str
    ) -> Cue | None:
        """A script line during a flash deal. One that quotes no catalog price is kept. One that
        quotes the regular price is said before the deal opens (dropped if it opens first);
        while the deal is live it says the deal price instead ("Get it for $24" → "$19"), or
        is skipped when it quotes some other price."""
        if not prices & _numbers(cue.text):
            return cue
        view = self._safe_view(deal_id)
        if view is None:
            return None
        if view.state in ("scheduled", "countdown"):
            cue.still_true = self._deal_not_open(deal_id)
            return cue
        if view.state != "live" or regular not in cue.text:
            return None
        # whole prices only: "$28" but not "$28.50" or "$280"
        rewritten = re.sub(re.escape(regular) + r"(?![\d]|[.,]\d)", deal_price, cue.text)
        if prices & _numbers(rewritten.replace(deal_price, " ")):
            return None
        cue.text = rewritten
        cue.still_true = self._deal_is(deal_id, "live")
        return cue

    def _deal_not_open(self, deal_id: int) -> Callable[[], bool]:
        def check() -> bool:
            view = self._safe_view(deal_id)
            return view is not None and view.state in ("scheduled", "countdown")

        return check

    def _deal_is(self, deal_id: int, state: str) -> Callable[[], bool]:
        def check() -> bool:  # one read of the deal, not two
            view = self._safe_view(deal_id)
            return view is not None and view.state == state

        return check

    def _remaining_is(self, deal_id: int, remaining: int) -> Callable[[], bool]:
        def check() -> bool:
            view = self._safe_view(deal_id)
            return view is not None and view.state == "live" and view.remaining == remaining

        return check

    def _seconds_left_in(self, deal_id: int, low: float, high: float) -> Callable[[], bool]:
        def check() -> bool:
            view = self._safe_view(deal_id)
            return view is not None and view.state == "live" and low < view.seconds_left <= high

        return check

    def _safe_view(self, deal_id: int) -> DealPublic | None:
        try:
            return self.commerce.get_deal(deal_id)
        except ShopcastError:
            return None


@dataclass
class _DealTalk:
    """What the host has said of a live deal so far (times on the planner's clock)."""

    said_stock: int | None = None  # the stock number last said (or found said this hour)
    last_stock: float = -math.inf  # when a stock line was last planned
    last_line: float = -math.inf  # when any line was last planned
    # clock lines planned already: minute marks N, -N for "less than N minutes", 0 for the
    # last seconds
    marks: set[int] = field(default_factory=set)


def again_as_is(cue: Cue) -> Cue:
    """The same deal line, said again in full after an answer that cut it (while still true);
    its on-air hook (open or close the deal) has run already."""
    again = replace(cue, on_air=None, again=None)
    again.again = again
    return again


def _numbers(text: str) -> set[str]:
    """The digits of every number in ``text`` ("$1,299.00" → "129900"), to compare prices
    however they are written."""
    return {re.sub(r"\D", "", n) for n in _NUMBER.findall(text)}


def price_keys(product: Product, market: Market) -> set[str]:
    """Every way a catalog price of ``product`` may be written in ``market`` (as digits)."""
    keys: set[str] = set()
    for variant in product.variants:
        price = variant.price_in(market.currency, product.currency)
        if price is None:
            continue
        keys |= _numbers(format_price(price, market.currency, market))
        keys |= {re.sub(r"\D", "", f"{price:.2f}")}
        if price == price.to_integral_value():
            keys.add(str(int(price)))
    return keys


def _regular_price(product: Product, variant_sku: str, market: Market) -> Decimal | None:
    for v in product.variants:
        if v.sku == variant_sku:
            return v.price_in(market.currency, product.currency)
    return None
