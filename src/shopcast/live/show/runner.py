"""The show runner: one live channel, on the same timeline, motion director and scene renderer as
the video job, paced by the wall clock into the live encoder (HLS + RTMP).

Threads (each with one job):

- ``frames``: frame *n* is rendered at ``start + n/fps`` and pushed with its audio slot; at a
  phrase boundary it puts the next ready cue on the timeline — an answer first, else the next
  rundown line — so a viewer's question is answered at the next boundary, never mid-phrase;
- ``voice``: walks the rundown (``RundownPlanner``) and synthesises its cues a phrase or two
  ahead (state lines like "3 left" are written seconds before they are said);
- ``chat``: takes the best waiting question and composes its answer from the catalog (price,
  stock, options, shipping, FAQ, honest line: milliseconds); an answer already voiced (the
  recall cache: the likely answers about the products on screen, voiced ahead by ``warm``) is
  said at once, one still to voice gets a personal acknowledgement first ("Good question,
  Jun!"), several viewers asking the same thing get one answer ("A few of you asked this —");
  a question that waits too long is answered in chat text (``backlog``), and every comment's
  fate and latency is recorded (``question_log``);
- ``model`` (``model_lane``): a question only the language model can answer is written there,
  with a deadline (then the honest line goes), so a slow model never holds the chat thread;
- ``warm``: voices the likely answers about the pinned product (then the rest of the shelf, the
  FAQ answers and the fixed lines) into the speaker's cache before anyone asks;
- ``state``: once a second reads the deal, delivers purchase events, keeps the overlay and the
  viewers' state current, and writes ``status.json`` for ``shopcast live status``.

Nothing a thread does can stop the frames: a failed line is skipped, a failed answer becomes
the safe line, a failed sink is restarted by ``media.live`` while the others carry on.
"""

from __future__ import annotations

import json
import logging
import queue
import re
import resource
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from shopcast.assistant.retrieval import Hit, Retriever
from shopcast.avatar.motion import MotionDirector
from shopcast.avatar.pack import load_pack
from shopcast.avatar.rig import MAX_ROLL, AvatarRig
from shopcast.catalog.models import Product
from shopcast.commerce import CommerceService
from shopcast.commerce.errors import ConflictError
from shopcast.consent import ConsentWatch
from shopcast.errors import InvalidInputError, NotFoundError, ShopcastError
from shopcast.experiments.service import ExperimentService
from shopcast.live.chat.answers import Answer
from shopcast.live.chat.desk import ChatDesk
from shopcast.live.chat.facts import likely_answers
from shopcast.live.chat.facts.asks import read_question
from shopcast.live.chat.facts.fixed import LIKELY_TOPICS
from shopcast.live.chat.facts.product import product_facts
from shopcast.live.chat.intent import deserves_ack
from shopcast.live.chat.messages import ChatMessage
from shopcast.live.chat.phrases import named_pieces, phrase, sanitize_name
from shopcast.live.chat.questions import RankedQuestion
from shopcast.live.chat.scripts import readable
from shopcast.live.chat.shelf import kinds_off_shelf
from shopcast.live.show import live_lines, waiting_lines
from shopcast.live.show.airtime import AirTime, air_time
from shopcast.live.show.backlog import Backlog, Waiting
from shopcast.live.show.cues import Cue, RepeatGuard
from shopcast.live.show.events import EventBus
from shopcast.live.show.model_lane import ModelLane
from shopcast.live.show.operator import OperatorDesk, OperatorView, ProposalView, Reply
from shopcast.live.show.operator_deal import OperatorDeal, open_operator_deal
from shopcast.live.show.operator_guard import hint_fact, operator_text_problems
from shopcast.live.show.overlay import LiveOverlay
from shopcast.live.show.phrasing import spoken_part
from shopcast.live.show.question_log import QuestionLog
from shopcast.live.show.rundown import RundownPlanner, ScriptSource, SegmentScript, ShowHooks
from shopcast.live.show.showfile import DealSpec, Mode, ProductSegment, ShowFile
from shopcast.live.show.speaker import Speaker
from shopcast.live.show.state import (
    ChatLine,
    ChatReceipt,
    DealView,
    OutputView,
    PurchaseNote,
    ShowPhase,
    ShowState,
    ShowStatus,
)
from shopcast.live.show.takeover import VoiceTakeover, silent_speech
from shopcast.markets.registry import format_price
from shopcast.markets.types import Market
from shopcast.media.live.codec import LiveEncoderConfig
from shopcast.media.live.hls import HlsSink
from shopcast.media.live.output import LiveOutput
from shopcast.media.live.rtmp import RtmpSink
from shopcast.media.live.sink import PacketSink
from shopcast.persona.types import Persona
from shopcast.provenance.disclosure import DisclosureTracker
from shopcast.scene.compositor import ProductCard, SceneRenderer
from shopcast.scene.layout import Layout
from shopcast.speech.disk_cache import SpeechDiskCache
from shopcast.timeline.clock import WallClock
from shopcast.timeline.performance import Timeline, Utterance
from shopcast.timeline.program import Program
from shopcast.video.product_card import product_card_for
from shopcast.writing.llm.base import LLM, with_cancel

log = logging.getLogger(__name__)

GAP_S = 0.35  # breath between phrases
ACK_GAP_S = 0.12  # between an acknowledgement and its answer
CUT_GAP_S = 0.15  # between a phrase cut for an answer and the acknowledgement
NAME_BEAT = "ack_name"  # the viewer's name, said right after the acknowledgement's fixed words
DISCLOSE_ALOUD_EVERY_S = 120.0  # "I'm an AI host" said aloud at most this often
ANSWER_LEAD_S = 1.5  # take the next question this long before the answer on air ends
CUT_MIN_SAVED_S = 0.6  # cut a rundown phrase for an answer only if this much or more is saved
CUT_FADE_S = 0.04  # fade-out where a rundown phrase is cut
# a phrase is cut at the end of a word, unless that is further off than this (one long token:
# "PA++++" is read "P A plus plus plus plus", 1.6 s): then at the end of the next sound
CUT_WORD_WAIT_S = 0.5
# a line that comes back in full after the answer (Cue.again is the same line) is cut only if
# more than this is left: nearly said, it is let finish rather than said again. One that comes
# back as a short form ("the deal is still on: $19", "that deal is over") is cut like any line
AGAIN_CUT_MIN_S = 1.5
# state lines an answer may cut too: they come back soon (a stock reminder every few seconds)
# or invite the very questions that cut them
# (deal countdown, open, sold out and ended may be cut too: they carry a line said after the
# answer, ``Cue.again``)
CUTTABLE_STATE_BEATS = frozenset(
    {
        "deal_countdown",  # without a short form left this hour: dropped (the card counts down)
        "deal_left",
        "deal_minutes_left",
        "deal_one_minute_left",
        "deal_under_minutes",
        "deal_last_seconds",
        "next_product",
        "qa_open",
        "qa_idle",
        "disclosure",
    }
)
RUNDOWN_DUE_S = 30.0  # after this long of answers only, one rundown line goes first
NOTICE_SHOWN_S = 120.0  # how long the console shows a notice
KEEP_AUDIO_S = 20.0  # timeline audio kept behind the play head
# ``stop()``: how long in all to wait for the show's threads (each checks the stop flag at
# least every frame, phrase or token; one still busy after this is a daemon, left behind)
STOP_JOIN_S = 5.0
# answers kept in the speaker's cache once voiced: fixed lines and the catalog's own answers
CACHED_PATHS = {
    "faq",
    "disclosure",
    "safe",
    "price",
    "redirect",
    "deal",
    "stock",
    "options",
    "shipping",
    "property",
    "attribute",
    "fit",
    "about",
    "unavailable",
    "greeting",
    "language",
    "not_on_shelf",
}
MODEL_DEADLINE_S = 8.0  # a model answer not written by then: the honest line is said instead
REVIEW_EVERY_S = 0.25  # how often the chat thread looks over the waiting questions


@dataclass
class _Asked:
    """One question being answered: what the chat thread knows when the answer is written."""

    question: RankedQuestion
    reply: Reply
    hint: str | None  # the operator's whisper
    hint_text: str | None  # the catalog fact the whisper points to (fixed paths)
    context: tuple[list[Product], list[Hit]]
    opened: bool = False  # its acknowledgement is already queued (model lane)


class ShowRunner:
    def __init__(
        self,
        show: ShowFile,
        *,
        persona: Persona,
        market: Market,
        products: dict[str, Product],
        commerce: CommerceService,
        models_dir: Path,
        media_dir: Path,
        out_dir: Path,
        llm: LLM | None = None,
        retriever: Retriever | None = None,
        shipping: Mapping | None = None,
        extra_sinks: list[PacketSink] | None = None,
        consent: ConsentWatch | None = None,
        now: Callable[[], datetime] | None = None,
        speech_cache: SpeechDiskCache | None = None,
    ) -> None:
        if market.code not in persona.markets:
            raise InvalidInputError(
                f"show {show.show}: persona {persona.name!r} has no look and voice for "
                f"{market.code}; it has: {', '.join(sorted(persona.markets))}"
            )
        self.show, self.persona, self.market, self.products = show, persona, market, products
        self.show_id = show.show
        self.commerce = commerce
        self._stop = threading.Event()
        # the model stops part way when the show stops (an answer or script being generated)
        llm = with_cancel(llm, self._stop) if llm is not None else None
        self.out_dir = out_dir
        self.hls_dir = out_dir / "hls"
        self.events = EventBus()
        self.repeat = RepeatGuard()
        self.llm = llm
        self.speaker = Speaker(persona, market, models_dir, disk=speech_cache)
        self.speaker.say(market.ai_disclosure_line, fixed=True)  # a missing voice fails here
        self._aloud_disclosure = first_sentence(market.ai_disclosure_line)
        self.speaker.say(self._aloud_disclosure, fixed=True)
        before, _, after = named_pieces(market.language, "ack", "")
        self.speaker.prerender([before, after])  # a new viewer's ack: only the name to voice
        self._cards = {sku: product_card_for(p, market, media_dir) for sku, p in products.items()}
        shelf = list(products.values())
        self.retriever = retriever or Retriever(shelf, languages=[market.language])
        first = products[show.products[0]]
        self.desk = ChatDesk(
            market, persona, first, self.retriever, llm, shelf=shelf, shipping=shipping
        )
        self._desk_lock = threading.Lock()
        self.questions = QuestionLog()  # every comment: path, latency, outcome
        self.backlog = Backlog()
        self.lane: ModelLane[_Asked, Answer] | None = (
            ModelLane(
                self._write_with_model,
                self._model_answered,
                deadline_s=MODEL_DEADLINE_S,
                name=f"show-{show.show}-model",
            )
            if llm is not None
            else None
        )
        self._next_review = 0.0
        self._busy_due = threading.Event()  # the busy line is due (said by the chat thread)
        # one reply queued at a time (the chat thread and the model lane both queue): nothing
        # gets between an acknowledgement's pieces, or between it and its answer
        self._reply_lock = threading.RLock()
        self._compose_lock = threading.Lock()  # the desk's viewer memory: one writer at a time
        self._ack_s = 0.0  # seconds of acknowledgement before the answer being put on air
        self._last_opened: str | None = None  # the message last acknowledged or answered
        self.operator = OperatorDesk(
            show.copilot,
            mode=show.mode,
            safe_line=phrase(market.language, "no_detail"),
            check_text=self._check_operator_text,
        )
        self.disclosure = DisclosureTracker(market)  # each viewer who chats is told once
        self._operator_cues: deque[Cue] = deque()  # deal lines the console asked for
        self._operator_deal: OperatorDeal | None = None

        # Scene, as in the video job.
        width, height = show.frame_size
        choice = persona.markets[market.code]
        base = Layout.for_aspect(show.aspect).scaled_to_width(width)
        pack = load_pack(choice.look.pack)
        self.rig = AvatarRig(pack, choice.look.options, height=base.host_height)
        self.rig.prewarm(MAX_ROLL)  # every head angle now, before frames: none mid-stream
        layout = base.with_rig(self.rig.size)
        self.scene = SceneRenderer(layout, self.rig, pack.theme, language=market.language)
        separator = market.word_separator
        self.overlay = LiveOverlay(market.ai_label, layout.caption_max_chars(separator), separator)
        self.director = MotionDirector(seed=show.seed, fps=show.fps, card_side=self.rig.card_side)
        self.timeline = Timeline(sample_rate=24_000)
        self.program = Program(self.timeline, self.scene, self.director, self.overlay, fps=show.fps)

        sinks: list[PacketSink] = []
        if show.outputs.hls:
            sinks.append(HlsSink(self.hls_dir, segment_seconds=1.0, playlist_size=6))
        sinks += [RtmpSink(url, name=f"rtmp-{i + 1}") for i, url in enumerate(show.outputs.rtmp)]
        sinks += extra_sinks or []
        self.output = LiveOutput(
            LiveEncoderConfig(width, height, fps=show.fps, sample_rate=self.timeline.sample_rate),
            sinks,
            name=self.show_id,
        )

        self.scripts = ScriptSource(
            show, products, persona, market, llm, experiments=ExperimentService(commerce.db)
        )
        hooks = ShowHooks(
            self._pin,
            self._set_segment,
            self._deal_opened,
            self._deal_closed,
            console_deal_running=lambda: self._operator_deal is not None,
            deal_skipped=self._rundown_deal_skipped,
            set_variant=self._set_variant,
        )
        self.planner = RundownPlanner(
            show, products, market, self.scripts, commerce, hooks, self.repeat
        )

        # Shared state (each field replaced whole; read without locks).
        self.phase: ShowPhase = "starting"
        self.segment = "starting"
        self.pinned_sku: str | None = None
        self.experiment: tuple[str, str] | None = None  # (experiment, variant) on air
        self.deal_id: int | None = None
        self.deal_view: DealView | None = None
        self.speaking: str | None = None
        self.recent_chat: deque[ChatLine] = deque(maxlen=30)
        self.purchases: deque[PurchaseNote] = deque(maxlen=10)
        self.errors: deque[str] = deque(maxlen=20)
        self.latencies: deque[float] = deque(maxlen=2000)  # seconds, question → first sample
        self.counts = {"lines": 0, "answers": 0, "chat": 0, "rejected": 0, "lines_cut": 0}
        self._cuttable: Utterance | None = None  # a rundown phrase on air an answer may cut
        self._cuttable_again: Cue | None = None  # what follows it if cut (deal lines)
        self._again_in_full = False  # ... and that is the same line again
        self._comes_back_short = False  # ... or a short form of it
        self._after_ack = False  # the cue on air is an acknowledgement (its answer follows)
        self._cuttable_rundown = False  # it is a rundown line (cutting it restores the hold)
        # lines that wait for the floor to be free of answers, then go before the rundown:
        # deal lines an answer cut (``Cue.again``), the periodic spoken AI disclosure
        self._held: deque[Cue] = deque()
        self._held_lock = threading.Lock()  # the chat thread adds, the frame loop takes
        self.cuts: deque[tuple[Utterance, float]] = deque(maxlen=50)  # (phrase as planned, cut at)
        self._cut_end: float | None = None  # where the last cut phrase now ends
        self.frames = 0
        self.behind_s = 0.0
        self._clock: WallClock | None = None
        self._started_at = 0.0
        self._lines: queue.Queue[Cue] = queue.Queue(maxsize=2)
        self._answers: deque[Cue] = deque()
        self._chat_busy = threading.Event()
        self._name_coming = threading.Event()  # an ack's fixed words queued, its name not yet
        # seconds from the end of an ack's fixed words to its name being scheduled (benches)
        self.name_waits: deque[float] = deque(maxlen=1000)
        self._received: dict[str, float] = {}
        self._waiting_latency: list[tuple[int, float]] = []  # (first sample, arrival)
        # (first sample, messages, "ack" | "substance" | "both") for the question log
        self._waiting_asked: list[tuple[int, tuple[str, ...], str]] = []
        self._idle_until = 0.0
        # since when answers have held the floor without a rundown line said in full (None:
        # they do not); the rundown's due line goes first after ``RUNDOWN_DUE_S`` of it
        self._chat_since: float | None = None
        self._chat_since_before: float | None = None  # restored when the rundown line is cut
        self._due_line = False  # the cue just taken is a rundown line the chat held back
        self._answer_until = 0.0  # end of the last acknowledgement or answer on the timeline
        self._disclosed_aloud_at = -DISCLOSE_ALOUD_EVERY_S  # monotonic time it was last said
        self._question_until = 0.0
        self._threads: list[threading.Thread] = []
        self._last_state: str = ""
        self._t = 0.0
        self._prompter: str | None = None  # human mode: the line the operator should say
        self._notice: tuple[str, float] | None = None  # for the console, until a deadline
        self.takeover: VoiceTakeover | None = None  # the operator's voice (begin_takeover)
        # Governance: consent polled by the state loop; the schedule read by the frame loop.
        self.consent = consent
        self.now = now or _now  # wall clock for the schedule (tests move it)
        self.stop_reason: str | None = None
        self.air = AirTime(on_air=True)
        self._off_air_text: str | None = None
        self._resume: Cue | None = None
        self._back_line = (
            self.speaker.say(live_lines.spoken(market.language, "back_on_air"), fixed=True)
            if show.schedule is not None
            else None
        )
        commerce.outbox.subscribe(self._on_outbox)

    # -- lifecycle ------------------------------------------------------------------------
    def start(self) -> ShowRunner:
        self.output.start()
        self._started_at = time.monotonic()
        if self.lane is not None:
            self.lane.start()
        for name, target in (
            ("frames", self._frame_loop),
            ("voice", self._voice_loop),
            ("chat", self._chat_loop),
            ("review", self._review_loop),
            ("warm", self._warm_loop),
            ("state", self._state_loop),
        ):
            thread = threading.Thread(
                target=self._guard(name, target), daemon=True, name=f"show-{self.show_id}-{name}"
            )
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self, timeout: float = STOP_JOIN_S) -> None:
        """Stop every thread and close the outputs (HLS playlist ended, recordings finalised),
        within seconds: the model stops at its next token (script writing and answers), and
        the threads are waited for ``timeout`` seconds in all; one still running after that
        (a phrase being synthesised) is named in the log and left to end on its own (they are
        daemons). The outputs are closed either way."""
        if self._stop.is_set():
            return
        self._stop.set()
        self.scripts.close()
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            if thread is not threading.current_thread():
                thread.join(max(0.1, deadline - time.monotonic()))
                if thread.is_alive():
                    log.warning("show %s: thread %s still running", self.show_id, thread.name)
                    self.errors.append(f"stop: thread {thread.name} still busy after {timeout:g} s")
        if self.lane is not None:
            self.lane.stop(0.1)
        waiting = [a.message_id for a in self.questions.waiting()]
        self.questions.ended(waiting, "dropped", "show stopped")
        self.output.close()
        self.phase = "stopped"
        self._publish_state(force=True)
        self._write_status()

    @property
    def running(self) -> bool:
        return not self._stop.is_set()

    def wait_until_live(self, timeout: float = 60.0) -> bool:
        """Block until the first HLS playlist is written (or the show has no HLS)."""
        deadline = time.monotonic() + timeout
        playlist = self.hls_dir / "index.m3u8"
        while time.monotonic() < deadline and not self._stop.is_set():
            on = self.phase in ("live", "off_air")
            if on and (not self.show.outputs.hls or playlist.exists()):
                return True
            time.sleep(0.1)
        return False

    def _guard(self, name: str, target: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            try:
                target()
            except Exception as exc:  # a thread that dies must say so; the show stops cleanly
                log.exception("show %s: %s thread failed", self.show_id, name)
                self.errors.append(f"{name}: {exc}")
                if name == "frames":
                    self.phase = "failed"
                    self._stop.set()

        return run

    # -- frames ---------------------------------------------------------------------------
    def _frame_loop(self) -> None:
        fps = self.show.fps
        clock = self._clock = WallClock(fps)
        sr = self.timeline.sample_rate
        n = 0
        self._check_air(0.0)
        while not self._stop.is_set():
            self.behind_s = clock.wait_for(n)
            t = self._t = n / fps
            if n % fps == 0:
                self._check_air(t)
            self._schedule(t)
            frame = self.program.render(n)
            self.output.push_video(frame.rgba, n)
            self.output.push_audio(frame.audio)
            if self.takeover is not None:
                self.takeover.pushed(round((n + 1) * sr / fps))
            if self._waiting_latency:
                self._record_latency(round((n + 1) * sr / fps))
            if self._waiting_asked:
                self._record_asked(round((n + 1) * sr / fps))
            if n % (fps * 10) == 0:
                self.timeline.forget_before(t - KEEP_AUDIO_S)
            n += 1
            self.frames = n

    def _record_latency(self, pushed_until: int) -> None:
        now = time.monotonic()
        keep = []
        for first, arrived in self._waiting_latency:
            if first < pushed_until:
                self.latencies.append(now - arrived)
            else:
                keep.append((first, arrived))
        self._waiting_latency = keep

    def _record_asked(self, pushed_until: int) -> None:
        """First samples of acknowledgements and answers pushed: into the question log."""
        now = time.monotonic()
        keep = []
        for first, asked, stage in self._waiting_asked:
            if first >= pushed_until:
                keep.append((first, asked, stage))
            elif stage == "ack":
                self.questions.ack_on_air(asked, now)
            else:
                self.questions.substance_on_air(asked, now)
        self._waiting_asked = keep

    def _schedule(self, t: float) -> None:
        """At a phrase boundary, put the next cue on the timeline (answers first)."""
        if t >= self._question_until and self.overlay.question:
            self.overlay.question = None
        end = self.timeline.end
        if self.phase == "off_air":
            self._hold_off_air(t, end)
            return
        if self.takeover is not None and self.takeover.schedule(t):
            return  # the operator's voice holds the floor
        if t < end:
            if self._answers and self._cuttable is not None:
                self._cut_for_answer(t)
            return  # mid-phrase
        self._due_line = False
        cue = self._resume or self._next_cue(t)  # back on air: the welcome first
        self._resume = None
        if cue is None:
            if not self._name_coming.is_set():  # (waiting for an ack's name is not a pause)
                self._chat_since = None  # a free floor: the chat is not holding it
            if self.speaking and t > end + 0.5:
                self.speaking = None
            return
        if cue.on_air is not None:
            try:
                cue.on_air()
            except Exception as exc:
                self.errors.append(f"cue: {exc}")
        if cue.kind == "pause":
            self._idle_until = t + cue.seconds
            self._chat_since = None
            return
        if cue.kind in ("line", "state") and self._operator_voices_the_host():
            self._prompt(cue, t)
            return
        assert cue.speech is not None
        gap = ACK_GAP_S if cue.kind == "answer" else GAP_S
        if cue.kind in ("ack", "answer") and self._cut_end == end:
            gap = min(gap, CUT_GAP_S)  # the host broke off for this viewer: no full breath
        if cue.beat == NAME_BEAT:
            gap = 0.0  # "Good question," | "Jun!": one line, voiced in two pieces
            self.name_waits.append(max(0.0, t - end))  # > a frame: the name was late
        start = max(end + gap if end else 0.0, t + 2.0 / self.show.fps)
        utterance = Utterance(
            start=start,
            speech=cue.speech,
            beat=cue.beat,
            expression=cue.expression,
            gesture=cue.gesture,
            gaze=cue.gaze,
            product_sku=cue.sku,
            caption=cue.text,
        )
        self.timeline.append(utterance)
        self.overlay.speak(utterance)
        self.speaking = cue.text
        self._after_ack = cue.kind == "ack"  # its answer comes next, nothing in between
        cuttable = cue.kind == "line" or cue.beat in CUTTABLE_STATE_BEATS or cue.again is not None
        self._cuttable_again = cue.again
        self._again_in_full = cue.again is not None and cue.again.text == cue.text
        # a line that comes back short after the answer ("the deal is still on: $19") may be
        # cut even when the chat has held the floor too long: its news is said, in full, as
        # the next line after the answer (see ``_next_cue``)
        self._comes_back_short = cue.again is not None and not self._again_in_full
        self._cuttable = (
            utterance if cuttable and (not self._due_line or self._comes_back_short) else None
        )
        self._cuttable_rundown = cue.kind in ("line", "state") and cue.beat != "disclosure"
        if cue.kind in ("line", "state") and cue.beat != "disclosure":
            self._chat_since_before, self._chat_since = self._chat_since, None
        elif cue.kind in ("ack", "answer", "operator") and self._chat_since is None:
            self._chat_since = t
        if cue.kind in ("line", "state"):
            self.repeat.said(cue.text)
            self.counts["lines"] += 1
        if cue.question:
            self.overlay.question = cue.question
            self._question_until = utterance.end + 0.5
        if cue.kind == "answer":
            self.counts["answers"] += 1
        if cue.kind in ("ack", "answer"):
            self._answer_until = utterance.end
        if cue.received is not None:
            first = round(start * self.timeline.sample_rate)
            self._waiting_latency.append((first, cue.received))
        if cue.asked and cue.stage:
            first = round(start * self.timeline.sample_rate)
            self._waiting_asked.append((first, cue.asked, cue.stage))
        if cue.kind == "ack" and cue.speech is not None:
            self._ack_s += cue.speech.duration + ACK_GAP_S
        elif cue.kind == "answer" and cue.speech is not None:
            self.backlog.spoke(self._ack_s + cue.speech.duration + GAP_S)  # the pace told
            self._ack_s = 0.0

    def _cut_for_answer(self, t: float) -> None:
        """An answer is ready while a rundown phrase is on air: the phrase stops at the next
        word boundary (faded, captions cut with it) and the acknowledgement follows, so a
        viewer never waits out a long sales line. Of the ``state`` lines only those in
        ``CUTTABLE_STATE_BEATS`` (stock reminders, "next up", Q&A invitations) and the deal
        lines that carry an ``again`` are cut: deal countdown, open, sold out and ended come
        back right after the answer (``_take_held``), so no deal news is lost; back-on-air
        lines and answers are said in full."""
        utterance = self._cuttable
        self._cuttable = None
        if utterance is None or self.timeline.end != utterance.end:
            return
        held = self._chat_since_before  # the chat's hold of the floor before this line
        if (
            self._cuttable_rundown
            and held is not None
            and t - held >= RUNDOWN_DUE_S
            and not self._comes_back_short
        ):
            return  # the chat has had the floor long enough: this rundown line is said in full
        lead = t + 2.0 / self.show.fps  # audio up to here is already on its way out
        at = self._cut_point(utterance, lead)
        if utterance.end - at < (AGAIN_CUT_MIN_S if self._again_in_full else CUT_MIN_SAVED_S):
            return  # nearly over: let it finish
        cut = self.timeline.cut(at, fade_s=CUT_FADE_S)
        self._cut_end = self.timeline.end
        self.overlay.speak(cut or utterance)
        self.counts["lines_cut"] += 1
        self.cuts.append((utterance, at))
        if self._cuttable_rundown:
            self._chat_since = self._chat_since_before  # a cut line does not end the hold
        if self._cuttable_again is not None and self._cuttable_again.speech is not None:
            with self._held_lock:  # said after the answer, if still true
                self._held.appendleft(self._cuttable_again)

    @staticmethod
    def _cut_point(utterance: Utterance, lead: float) -> float:
        """Where a phrase on air breaks off for an answer, at ``lead`` or after: right there
        in a pause between words; else at the end of the word being said; or, when that is
        more than ``CUT_WORD_WAIT_S`` off (one long token: "PA++++", a long number), at the end
        of the next sound inside it."""
        start = utterance.start
        word = next((w for w in utterance.speech.words if start + w.end >= lead), None)
        if word is None or lead <= start + word.start:
            # in a pause (or past the last word): nothing is broken off; a phrase not begun
            # keeps 10 ms of its lead-in silence, so it stays on the timeline as a cut phrase
            return max(lead, start + 0.01)
        if start + word.end - lead <= CUT_WORD_WAIT_S:
            return start + word.end
        return next(
            (start + p.end for p in utterance.speech.phonemes if start + p.end >= lead),
            start + word.end,
        )

    # -- schedule: on air / off air (checked once a second by the frame loop) ---------------
    def _check_air(self, t: float) -> None:
        """Inside a schedule window the show is on air; outside it the frames go on, the host
        idles in silence and a "back at HH:MM" card is shown; at the next window it resumes."""
        if self.phase not in ("starting", "live", "off_air"):
            return
        air = self.air = air_time(self.show.schedule, self.now())
        if not air.on_air:
            text = (
                live_lines.shown(self.market.language, "off_air_until", time=air.back_at_text)
                if air.back_at_text
                else live_lines.shown(self.market.language, "off_air")
            )
            if text != self._off_air_text:  # a new card only when its text changes
                self._off_air_text = text
                title = self.show.title or self.show_id
                self.overlay.show_card(ProductCard(title=title, price_text=text, badge="⏸"), t)
            self.phase = "off_air"
            return
        if self.phase == "off_air":  # back on air: welcome back, then the rundown resumes
            self._off_air_text = None
            if self.deal_view is not None:
                self._deal_card()
            else:
                self.overlay.show_card(self._cards.get(self.pinned_sku or ""), t)
            if self._back_line is not None:
                text = live_lines.spoken(self.market.language, "back_on_air")
                self._resume = Cue(
                    "state", text, segment=self.segment, beat="back", speech=self._back_line
                )
        self.phase = "live"

    def _hold_off_air(self, t: float, end: float) -> None:
        """Off air: nothing new is said. Answers were shown on the watch page as text; their
        voice is dropped rather than spoken hours later."""
        if self._answers:
            asked = [m for cue in self._answers for m in cue.asked]
            self.questions.ended(asked, "text", "show off air")
        self._answers.clear()
        if self.speaking and t > end + 0.5:
            self.speaking = None

    def _next_cue(self, t: float) -> Cue | None:
        """Answers go first, but not forever: when answers have held the floor for
        ``RUNDOWN_DUE_S`` without a rundown line said in full (cut ones do not count), one
        rundown line goes before the next answer (and is not cut, unless it comes back short:
        then its short form is that line), so a busy chat never silences the deal and the
        stock. It never goes between an acknowledgement and its answer."""
        self._due_line = False
        if not self._answers and self._name_coming.is_set():
            return None  # "Good question," is on air and the name is being voiced: it follows
        if self._answers:
            held_for = t - self._chat_since if self._chat_since is not None else 0.0
            just_cut = self._cut_end == self.timeline.end  # a line was cut for this answer
            if held_for < RUNDOWN_DUE_S or t < self._idle_until or self._after_ack or just_cut:
                return self._answers.popleft()
            line = self._take_held(due=True) or self._next_line()
            if line is None:
                return self._answers.popleft()
            self._due_line = True
            return line
        held = self._take_held()
        if held is not None:
            return held
        if t < self._idle_until:
            return None
        return self._next_line()

    def _take_held(self, *, due: bool = False) -> Cue | None:
        """The first held line still true (a deal line an answer cut, the spoken disclosure),
        once the answers are said — not between an acknowledgement and the answer still being
        composed."""
        if not self._held or (self._chat_busy.is_set() and not due):
            return None  # (called every frame of a silence: nothing to do is the usual case)
        with self._held_lock:
            waiting = [c for c in self._held if not (due and c.beat == "disclosure")]
            for cue in waiting:  # the floor the chat gives back (due) is the rundown's
                self._held.remove(cue)
        for n, cue in enumerate(waiting):
            if cue.still_true is None or _safe(cue.still_true):
                with self._held_lock:
                    self._held.extendleft(reversed(waiting[n + 1 :]))
                return cue
        return None

    def _next_line(self) -> Cue | None:
        """The next rundown cue still true (stale ones are dropped: the next is queued)."""
        while True:
            try:
                cue = self._lines.get_nowait()
            except queue.Empty:
                return None
            if cue.still_true is None or _safe(cue.still_true):
                return cue

    def _operator_voices_the_host(self) -> bool:
        """Human-driven mode: the host's voice is the operator's (microphone or typed lines),
        unless the microphone dropped out under an ``autonomous`` fallback."""
        if self.operator.mode != "human":
            return False
        takeover = self.takeover
        return not (
            takeover is not None
            and takeover.state == "dropout"
            and self.show.takeover.on_dropout == "autonomous"
        )

    def _prompt(self, cue: Cue, t: float) -> None:
        """A rundown line in human-driven mode: shown to the operators as a teleprompter line
        instead of being spoken; the rundown keeps its pace (pins and deals still run)."""
        seconds = cue.speech.duration if cue.speech is not None else 2.0
        self._idle_until = t + seconds + GAP_S
        self._prompter = cue.text
        self.operator.events.publish(
            {"type": "prompter", "text": cue.text, "segment": cue.segment, "seconds": seconds}
        )

    # -- voice takeover (docs/voice-takeover.md) ------------------------------------------
    def begin_takeover(self, operator: str, sample_rate: int = 24_000) -> VoiceTakeover:
        """The operator's microphone drives the host from the next frame (the current phrase
        is cut); feed it with ``takeover.push_pcm``."""
        if self.takeover is None:
            self.takeover = VoiceTakeover(
                self.timeline,
                fps=self.show.fps,
                policy=self.show.takeover,
                on_state=self._takeover_state,
                on_cut=self._takeover_cut,
            )
        self.takeover.begin(operator, sample_rate)
        return self.takeover

    def end_takeover(self, operator: str | None = None) -> bool:
        """The host speaks for itself again from the next phrase boundary."""
        return self.takeover is not None and self.takeover.end(operator)

    def _takeover_state(self, state: str) -> None:
        if state in ("waiting", "live"):
            self.speaking = None
        self.events.publish({"type": "takeover", "state": state})

    def _takeover_cut(self, cut: Utterance | None, at: float) -> None:
        silent = Utterance(start=at, speech=silent_speech(self.timeline.sample_rate))
        self.overlay.speak(cut or silent)  # captions stop where the voice was cut

    # -- voice ----------------------------------------------------------------------------
    def _voice_loop(self) -> None:
        for cue in self.planner.cues():
            if self._stop.is_set():
                return
            if cue.kind != "pause":
                while self._chat_busy.is_set() and not self._stop.is_set():
                    time.sleep(0.01)  # an answer is being voiced: it goes first
                try:
                    cue.speech = self.speaker.say(
                        cue.text, keep=cue.kind == "state", background=True
                    )
                    self._voice_again(cue)
                except ShopcastError as exc:
                    self.errors.append(f"voice: {exc.message}")
                    continue
                except Exception as exc:  # one line the voice cannot say must not end the show
                    log.exception("show %s: could not voice %r", self.show_id, cue.text)
                    self.errors.append(f"voice: {type(exc).__name__}: {exc} (line skipped)")
                    continue
            while not self._stop.is_set():
                try:
                    self._lines.put(cue, timeout=0.2)
                    break
                except queue.Full:
                    pass

    def _voice_again(self, cue: Cue) -> None:
        """Voice what follows ``cue`` if an answer cuts it, now, so a cut never waits for the
        voice (the same words reuse the same audio)."""
        again = cue.again
        if again is None or again.speech is not None:
            return
        if again.text == cue.text:
            again.speech = cue.speech
        else:
            again.speech = self.speaker.say(again.text, keep=True, background=True)

    # -- warm: the recall cache ------------------------------------------------------------
    def _warm_loop(self) -> None:
        """Voice what viewers are likely to ask about before they ask: the likely answers about
        the pinned product first (price, deal, sizes, colours, stock, shipping — the very text
        the catalog answer will have), then the lines that tell viewers where they stand, the
        safe line, the FAQ answers and the rest of the shelf. Background voice: an answer
        being voiced always goes first; nothing is warmed while a viewer's answer is voiced."""
        done: set[str] = set()
        texts: tuple[str | None, list[str]] = ("", [])
        while not self._stop.wait(0.3):
            if self._chat_busy.is_set() or not (self.counts["lines"] or self._lines.full()):
                continue  # the show's first lines go first
            if texts[0] != self.pinned_sku:  # the pinned product's answers go first
                texts = (self.pinned_sku, self._warm_texts())
            text = next((t for t in texts[1] if t not in done), None)
            if text is None:
                continue
            done.add(text)
            self._warm(text)

    def _warm_texts(self) -> list[str]:
        lang = self.market.language
        pinned = self.products.get(self.pinned_sku or "")
        texts = self._likely(pinned) if pinned is not None else []
        texts += [waiting_lines.line(lang, k) for k in ("grouped", "busy", "other_language")]
        texts.append(phrase(lang, "no_detail"))
        for product in self.products.values():
            texts += [f.answer for f in product.faqs if f.answer and _same_script(f.answer, lang)]
        for product in self.products.values():
            texts += self._likely(product)
        return texts

    def _likely(self, product: Product) -> list[str]:
        try:
            return likely_answers(product_facts(product, self.market), shipping=self.desk.shipping)
        except Exception as exc:  # a catalog oddity must not stop the warming
            self.errors.append(f"likely answers for {product.sku}: {exc}")
            return []

    def _warm(self, text: str) -> None:
        try:
            self.speaker.prerender([spoken_part(text, self.market.language)])
        except ShopcastError as exc:
            self.errors.append(f"prerender: {exc.message}")
        except Exception as exc:  # a text the voice cannot say is not warmed; the rest are
            log.exception("show %s: could not warm %r", self.show_id, text)
            self.errors.append(f"prerender: {type(exc).__name__}: {exc}")

    # -- chat -----------------------------------------------------------------------------
    def post_chat(self, user_id: str, name: str, text: str, platform: str = "web") -> ChatReceipt:
        msg = ChatMessage.create(text, user_name=name, user_id=user_id, platform=platform)
        with self._desk_lock:
            decision = self.desk.ingest(msg)
        self.questions.received(msg.id, msg.user_name, msg.text)
        if not decision.allowed:
            self.counts["rejected"] += 1
            self.questions.ended([msg.id], "refused", str(decision.reason))
            return ChatReceipt(accepted=False, reason=str(decision.reason), message_id=None)
        self.counts["chat"] += 1
        self._received[msg.id] = time.monotonic()
        if len(self._received) > 2000:
            for key in list(self._received)[:1000]:
                self._received.pop(key, None)
        line = ChatLine(message_id=msg.id, name=msg.user_name, text=msg.text, at=_now())
        self.recent_chat.append(line)
        self.overlay.add_chat(f"{msg.user_name}: {msg.text}")
        self.events.publish({"type": "chat", "line": line.model_dump(mode="json")})
        return ChatReceipt(accepted=True, message_id=msg.id)

    def _chat_loop(self) -> None:
        while not self._stop.is_set():
            self._serve_operator()
            if self._busy_due.is_set() and not self._answers:  # between answers, not inside one
                self._busy_due.clear()
                text = waiting_lines.line(self.market.language, "busy")
                with self._reply_lock:
                    self._queue_answer(Cue("ack", text, segment=self.segment, beat="busy"))
            if self.operator.mode == "autonomous" and not self._host_free_soon():
                time.sleep(0.02)  # one answer at a time: the desk keeps ranking the rest
                continue
            with self._desk_lock:
                question = self.desk.next_question()
            if question is None:
                time.sleep(0.02)
                continue
            self._chat_busy.set()
            try:
                self._answer(question)
            except ShopcastError as exc:
                self.errors.append(f"chat: {exc.message}")
                self.questions.ended(question.message_ids, "dropped", f"error: {exc.message}")
            except Exception as exc:  # one question that fails must not end the chat
                log.exception("show %s: could not answer %r", self.show_id, question.message.text)
                self.errors.append(f"chat: {type(exc).__name__}: {exc} (question skipped)")
                self.questions.ended(question.message_ids, "dropped", type(exc).__name__)
            finally:
                self._chat_busy.clear()

    def _host_free_soon(self) -> bool:
        """Whether to take the next question now: no answer waits to go on air and the one
        being spoken ends within ``ANSWER_LEAD_S``. Taking questions one at a time, just in
        time, keeps the answers from piling up behind each other (each is several seconds of
        speech): the waiting questions stay in the desk, which merges repeats, puts product
        and purchase questions first — and those that wait too long are answered in chat text
        (``_review_questions``)."""
        return not self._answers and self._t >= self._answer_until - ANSWER_LEAD_S

    def _review_loop(self) -> None:
        """The waiting questions, looked over on a thread of their own: the chat thread may be
        voicing an answer for seconds on a busy machine, and a question's bound keeps running."""
        while not self._stop.wait(REVIEW_EVERY_S / 2):
            try:
                self._review_questions()
            except Exception as exc:  # the review must go on
                log.exception("show %s: reviewing the questions failed", self.show_id)
                self.errors.append(f"review: {type(exc).__name__}: {exc}")

    def _review_questions(self) -> None:
        """Every ``REVIEW_EVERY_S``: model answers past their deadline get the honest line;
        comments the desk refused or lost are recorded; questions waiting past the bound (or
        evicted, or stale) are answered in chat text; viewers behind others are told where
        they stand; a long queue is said aloud now and then (queued by the chat thread, between
        answers)."""
        now = time.monotonic()
        if now < self._next_review:
            return
        self._next_review = now + REVIEW_EVERY_S
        if self.lane is not None:
            self.lane.expire()
        with self._desk_lock:
            outcomes = self.desk.take_outcomes()
            waiting = self.desk.waiting()
            clock = self.desk.queue.clock()
            entries = [Waiting(id(q), q.first_at, tuple(q.askers)) for q in waiting]
            overdue = {w.key for w in self.backlog.overdue(entries, clock)}
            bound = f"not voiced within {self.backlog.rules.voice_within_s:.0f} s"
            late = [(q, bound) for q in waiting if id(q) in overdue and self.desk.take(q)]
        for item in outcomes:
            if item.kind == "refused" and item.message is not None:
                self.questions.ended([item.message.id], "refused", item.reason)
            elif item.entry is not None:
                late.append((item.entry, item.reason))
            elif item.message is not None:
                self.questions.ended([item.message.id], "dropped", item.reason)
        for question, why in late:
            self._answer_in_text(question, why)
        lang = self.market.language
        for told in self.backlog.positions([e for e in entries if e.key not in overdue], clock):
            name = next((q.askers.get(told.viewer) for q in waiting if told.viewer in q.askers), "")
            text = waiting_lines.line(
                lang, "queued_ui", name=name, position=told.position, seconds=told.seconds
            )
            self.events.publish(
                {
                    "type": "queued",
                    "to_viewer": told.viewer,
                    "position": told.position,
                    "seconds": told.seconds,
                    "text": text,
                }
            )
        left = [e for e in entries if e.key not in overdue]
        if self.operator.mode == "autonomous" and self.backlog.busy_line_due(left, clock):
            self._busy_due.set()

    def _answer_in_text(self, question: RankedQuestion, reason: str) -> None:
        """Answer ``question`` in chat text now (catalog, FAQ or the honest line: no model),
        to every viewer who asked it; counted as answered in text, with why."""
        asked = question.message_ids or [question.message.id]
        try:
            fixed = self._not_answerable(question)  # (an air fryer is not priced as the hoodie)
            with self._compose_lock:
                answer = fixed or self.desk.answer(
                    question, on_screen=self._on_screen(), model=False
                )
        except Exception as exc:
            self.errors.append(f"chat: {type(exc).__name__}: {exc} (text answer)")
            self.questions.ended(asked, "dropped", f"error: {type(exc).__name__}")
            return
        self.questions.composed(asked, answer.path)
        self.questions.ended(asked, "text", reason)
        for message_id in asked:
            self._received.pop(message_id, None)
        names = ", ".join(question.askers.values()) or question.message.user_name
        text = waiting_lines.line(
            self.market.language, "in_chat_ui", name=names, answer=answer.text
        )
        self.overlay.add_chat(f"{self.persona.display_name}: {text}")
        self.events.publish(
            {
                "type": "answer_text",
                "question": question.text,
                "answer": answer.text,
                "path": answer.path,
                "names": names,
                "text": text,
            }
        )

    def _on_screen(self) -> Product | None:
        return self.products.get(self.pinned_sku or "") or self.desk.product

    def _answer(self, question: RankedQuestion) -> None:
        """Compose the answer to one question: from the catalog at once (milliseconds); when
        only the model can answer it, the acknowledgement goes on air now and the model writes
        in its own lane (``_model_answered`` delivers it, or the honest line at the deadline).
        Autonomous → spoken; copilot / human → proposed to the operators."""
        msg = question.message
        asked = tuple(question.message_ids or [msg.id])
        received = self._received.pop(msg.id, None)
        for other in asked:
            self._received.pop(other, None)
        item = self.questions.get(msg.id)
        reply = Reply(
            viewer_id=msg.user_id,
            viewer=msg.user_name,
            question=msg.text,
            shown=f"{msg.user_name}: {msg.text}",
            acked=deserves_ack(question.intent),
            received=received or (item.arrived if item else time.monotonic()),
            asked=asked,
            grouped=question.ask_count > 1,
        )
        fixed = self._not_answerable(question)
        if fixed is not None:  # an unreadable script, a product not on the shelf: said so
            reply.acked = False  # (nobody thanks a question they could not read)
            self._deliver(_Asked(question, reply, None, None, ([], [])), fixed)
            return
        whisper = self.operator.take_whisper()
        hint = whisper.text if whisper else None
        on_screen = self._on_screen()
        with self._compose_lock:
            context = self.desk.context(question, on_screen)
            answer = self.desk.answer(question, guidance=hint, model=False, context=context)
        hint_text = None
        if hint:  # a whisper picks a catalog fact when no model phrases the answer
            about = context[0]
            found = self.retriever.search(hint, 4, sku=about[0].sku if about else None)
            hint_text = hint_fact(found, self.market.language)
        job = _Asked(question, reply, hint, hint_text, context)
        if self.lane is not None and answer.path == "safe" and reply.acked:
            if self.operator.mode == "autonomous":
                with self._reply_lock:
                    self._queue_opening(reply, ready=False)  # while the model writes
                job.opened = True
            if self.lane.submit(job, answer):
                return
        self._deliver(job, answer)

    def _not_answerable(self, question: RankedQuestion) -> Answer | None:
        """The fixed answer to a question the catalog cannot be asked: written in a script no
        supported language uses ("I can't read that language yet — ask me in English"), or
        about buying a kind of product nothing on the shelf is ("how much is the air fryer?":
        "That one isn't in today's show — today I have …"; "can I use it with a moisturizer?"
        is about the product on screen). Nothing of the viewer's text is said."""
        lang = self.market.language
        if not readable(question.text):
            text = waiting_lines.line(lang, "other_language")
            return Answer(text, "", path="language", intent=question.intent)
        shelf = list(self.products.values())
        buying = read_question(question.text).topics & set(LIKELY_TOPICS)  # price, stock, …
        if buying and kinds_off_shelf(question.text, shelf, self._on_screen()):
            names = ", ".join(p.spoken_name_in(lang) for p in shelf)
            text = waiting_lines.line(lang, "not_on_shelf", shelf=names)
            return Answer(text, "", path="not_on_shelf", intent=question.intent)
        return None

    def _write_with_model(self, job: _Asked, seconds_left: float) -> Answer:
        """In the model lane: the answer with the model, in the time left."""
        return self.desk.answer(
            job.question, guidance=job.hint, context=job.context, timeout_s=seconds_left
        )

    def _model_answered(self, job: _Asked, answer: Answer, in_time: bool) -> None:
        if not in_time:
            self.errors.append(
                f"chat: the model missed its {MODEL_DEADLINE_S:.0f} s deadline for "
                f"{job.question.text[:40]!r}: the honest line instead"
            )
        self._deliver(job, answer)

    def _deliver(self, job: _Asked, answer: Answer) -> None:
        reply = job.reply
        reply.text, reply.path = answer.text, answer.path
        if job.hint and answer.path in ("safe", "faq") and job.hint_text:
            fact = job.hint_text
            reply.text = fact if answer.path == "safe" else f"{answer.text} {fact}"
            reply.path = "whisper"
        self.questions.composed(reply.asked, reply.path)
        if self.operator.mode == "autonomous":
            self._speak_reply(reply, reply.text, ack=not job.opened, measure=True)
        else:
            self.operator.propose(
                question=reply.question,
                viewer=reply.viewer,
                text=reply.text,
                path=reply.path,
                whisper=job.hint,
                context=reply,
            )

    def _queue_opening(self, reply: Reply, *, ready: bool, measure: bool = True) -> bool:
        """What goes before the answer proper: "A few of you asked this —" when several
        viewers asked; "Good question, Jun!" while the answer is still to voice (it covers the
        synthesis); nothing when the answer is voiced already (the recall cache) — then the
        answer itself is the first thing the viewer hears. True when something was queued."""
        if reply.grouped:
            text = waiting_lines.line(self.market.language, "grouped")
            cue = self._ack_cue(text, reply, reply.received if measure else None, keep=True)
            self._queue_answer(cue)
            self._queue_disclosure(reply)
        elif reply.acked and not ready:
            self._queue_ack(reply, measure=measure)
        else:
            return False
        self._last_opened = reply.asked[0] if reply.asked else None
        return True

    def _queue_ack(self, reply: Reply, *, measure: bool) -> None:
        """The personal acknowledgement, then (first time for this viewer) the disclosure."""
        lang = self.market.language
        name = sanitize_name(reply.viewer, lang, self.market.code)
        received = reply.received if measure else None
        before, named, after = named_pieces(lang, "ack", name)
        if before and named and not after:
            # "Good question," goes on air at once (kept audio) and the name follows it
            # without a pause, voiced while the fixed words play: a new viewer's name no longer
            # holds the acknowledgement back by its synthesis (~0.8-1.2 s on this CPU)
            self._name_coming.set()
            try:
                self._queue_answer(self._ack_cue(before, reply, received, keep=True))
                self._queue_answer(
                    self._ack_cue(named, reply, None, keep=True, beat=NAME_BEAT, stage="")
                )
            finally:
                self._name_coming.clear()
        else:
            text = phrase(lang, "ack", name=name)
            self._queue_answer(self._ack_cue(text, reply, received))
        self._queue_disclosure(reply)

    def _ack_cue(
        self,
        text: str,
        reply: Reply,
        received: float | None,
        *,
        keep: bool = False,
        beat: str = "answer",
        stage: str = "ack",
    ) -> Cue:
        return Cue(
            "ack",
            text,
            segment=self.segment,
            beat=beat,
            question=reply.shown,
            received=received,
            keep_audio=keep,
            asked=reply.asked if stage else (),
            stage=stage,
        )

    def _queue_disclosure(self, reply: Reply) -> None:
        """Each viewer who chats is told once per show that the host is an AI: at once, in
        their own chat (an event for them only; the label is on every frame too). It is also
        said aloud at most once per ``DISCLOSE_ALOUD_EVERY_S``, when no answer waits (voiced
        once at start; an answer may cut it, then it is said again after): said before an
        answer, its ~9 s held back that viewer's answer and every question behind it."""
        line = self.disclosure.disclose_once(reply.viewer_id)
        if line is None:
            return
        self.events.publish({"type": "disclosure", "to_viewer": reply.viewer_id, "text": line})
        now = time.monotonic()
        if now - self._disclosed_aloud_at < DISCLOSE_ALOUD_EVERY_S:
            return
        self._disclosed_aloud_at = now
        with self._held_lock:
            if any(cue.beat == "disclosure" for cue in self._held):
                return
        text = self._aloud_disclosure
        aloud = Cue("state", text, segment=self.segment, beat="disclosure", keep_audio=True)
        aloud.speech = self.speaker.say(text, keep=True)  # cached at start: no synthesis
        aloud.again = replace(aloud)  # cut once: said again; cut twice: told in writing only
        with self._held_lock:
            self._held.append(aloud)

    def _speak_reply(self, reply: Reply, text: str, *, ack: bool, measure: bool) -> None:
        with self._reply_lock:
            self._speak_reply_now(reply, text, ack=ack, measure=measure)

    def _speak_reply_now(self, reply: Reply, text: str, *, ack: bool, measure: bool) -> None:
        """Queue the answer: after its opening when ``ack`` (``_queue_opening``: none when the
        answer is voiced already), after the viewer's name when other viewers' answers went
        between its acknowledgement and it (a model answer), after the disclosure when this
        viewer has not been told yet that the host is an AI."""
        # an answer voiced already goes without filler; one an operator approved keeps the
        # viewer's name (they waited for the approval)
        # what is voiced of a long answer: its first sentences (the chat has all of it); a text
        # an operator approved or edited is said as approved
        spoken = spoken_part(text, self.market.language) if measure else text
        ready = measure and text == reply.text and self.speaker.cached(spoken)
        opened = False
        if ack:
            opened = self._queue_opening(reply, ready=ready, measure=measure)
        elif reply.asked and self._last_opened not in (None, reply.asked[0]):
            # its acknowledgement was said, then other answers: say whom this one is for
            name = sanitize_name(reply.viewer, self.market.language, self.market.code)
            _, named, _ = named_pieces(self.market.language, "ack", name)
            if named:
                self._queue_answer(self._ack_cue(named, reply, None, keep=True, stage=""))
        opened = opened or not ack  # (an acknowledgement went on air before)
        if reply.path == "disclosure":  # "are you an AI?" answered: told
            self.disclosure.mark_told(reply.viewer_id)
        elif not opened:
            self._queue_disclosure(reply)
        # in the chat first, the voice following: a viewer reads the answer while it is voiced
        # (seconds on a busy machine)
        self.events.publish(
            {
                "type": "answer",
                "question": reply.question,
                "answer": text,
                "path": reply.path,
                "name": reply.viewer,
            }
        )
        self._queue_answer(
            Cue(
                "answer",
                spoken,
                segment=self.segment,
                beat="answer",
                question=reply.shown,
                received=reply.received if measure and not opened else None,
                keep_audio=text == reply.text and reply.path in CACHED_PATHS,
                asked=reply.asked,
                stage="substance" if opened else "both",
            )
        )
        self._last_opened = reply.asked[0] if reply.asked else None

    def _queue_answer(self, cue: Cue, *, first: bool = False) -> None:
        """Voice ``cue`` and queue it for the next phrase boundary (``first``: before every
        other waiting answer, as typed operator lines are)."""
        from shopcast.avatar.state import Expression, GazeTarget

        cue.expression = Expression.SMILE
        cue.gaze = GazeTarget.CAMERA
        cue.speech = self.speaker.say(cue.text, keep=cue.keep_audio)
        if first:
            self._answers.appendleft(cue)
        else:
            self._answers.append(cue)

    # -- the operator's desk: served by the chat thread, commanded from the API ---------
    def _serve_operator(self) -> None:
        """Time-outs, typed lines (spoken before anything else), decided answers, and the
        lines of a deal the console started."""
        try:
            self.operator.expire()
            lines = [*self._operator_cues]
            self._operator_cues.clear()
            for typed in self.operator.take_lines():
                lines.append(self._typed_cue(typed.text, typed.operator))
            ready = self.operator.take_ready()
            if not lines and not ready:
                self._watch_operator_deal()
                return
            self._chat_busy.set()
            for cue in reversed(lines):
                self._queue_answer(cue, first=True)
            for proposal in ready:
                if isinstance(proposal.context, Reply) and proposal.spoken_text:
                    self._speak_reply(
                        proposal.context, proposal.spoken_text, ack=True, measure=False
                    )
        except ShopcastError as exc:
            self.errors.append(f"operator: {exc.message}")
        finally:
            self._chat_busy.clear()

    def _typed_cue(self, text: str, operator: str) -> Cue:
        def on_air() -> None:
            said = {"type": "said", "text": text}
            self.events.publish(said)
            self.operator.events.publish({**said, "by": operator})

        return Cue("operator", text, segment=self.segment, beat="operator", on_air=on_air)

    def _check_operator_text(self, text: str) -> list[str]:
        deal = self.deal_view
        return operator_text_problems(
            text,
            self.products.get(self.pinned_sku or "") or self.desk.product,
            self.market,
            deal_price_text=deal.price_text if deal and deal.state != "ended" else None,
        )

    def operator_view(self) -> OperatorView:
        prompter = self._prompter if self._operator_voices_the_host() else None
        notice = self._notice[0] if self._notice and time.monotonic() < self._notice[1] else None
        return self.operator.view().model_copy(update={"prompter": prompter, "notice": notice})

    def operator_decide(
        self, proposal_id: int, action: str, *, operator: str, version: int, text: str | None
    ) -> ProposalView:
        if action not in ("approve", "edit", "reject"):
            raise InvalidInputError(f"action {action!r}: use approve, edit or reject")
        proposal = self.operator.decide(
            proposal_id,
            action,  # type: ignore[arg-type]
            operator=operator,
            version=version,
            text=text,
        )
        return self.operator.view_of(proposal)

    def set_mode(self, mode: Mode, *, operator: str, version: int | None = None) -> int:
        """Switch autonomous / copilot / human at once; the frames never stop (what is already
        on the timeline is finished, waiting answers keep their place)."""
        new_version = self.operator.set_mode(mode, operator=operator, version=version)
        self.show.mode = mode  # status and state report the mode in force
        return new_version

    def operator_pin(self, sku: str | None) -> str | None:
        """Pin a product of this show now (None: unpin); the rundown pins its next product
        when its segment starts."""
        if sku is None:
            self.pinned_sku = None
            if self.deal_view is None:
                self.overlay.show_card(None, self._t)
            return None
        product = self._shelf_product(sku)
        self._pin(product.sku)
        return product.sku

    def operator_start_deal(self, spec: DealSpec, product_sku: str | None) -> OperatorDeal:
        """A flash deal from the console, through the same commerce deal as the rundown's:
        the countdown line is spoken next, the overlay follows the true deal state, and its
        end (sold out or over) is said and closes the card."""
        running = (
            self.deal_id
            or self.planner.claimed_deal_id
            or (self._operator_deal.deal_id if self._operator_deal is not None else None)
        )
        if running is not None:
            raise ConflictError(
                f"A flash deal is already running or about to start on {self.show_id} "
                f"(deal {running}).",
                hint="Wait for it to end, then start the next one.",
            )
        if product_sku is None and self.pinned_sku is None:
            raise InvalidInputError("product: pin a product first or name one for the deal")
        product = self._shelf_product(product_sku or self.pinned_sku or "")
        deal = open_operator_deal(self.commerce, spec, product, self.market, self.show_id)
        self._operator_deal = deal

        def on_air() -> None:
            self._pin(product.sku)
            self._set_segment("deal")
            self._deal_opened(deal.deal_id)

        on_air()  # the card and countdown show at once; the line follows at the boundary
        text = live_lines.spoken(
            self.market.language,
            "deal_countdown",
            title=product.spoken_name_in(self.market.language),
            seconds=spec.countdown_s,
        )
        self._operator_cues.append(Cue("state", text, segment="deal", beat="deal_countdown"))
        return deal

    def _rundown_deal_skipped(self, reason: str) -> None:
        log.info("%s: %s", self.show_id, reason)
        self._notice = (reason, time.monotonic() + NOTICE_SHOWN_S)
        self.operator.events.publish({"type": "notice", "text": reason})

    def _watch_operator_deal(self) -> None:
        deal = self._operator_deal
        if deal is None or time.monotonic() < deal.next_check:
            return
        deal.next_check = time.monotonic() + 1.0
        line = deal.next_line(self.commerce, self.market)
        if line is None:
            return
        cue = Cue("state", line, segment="deal", beat="deal")
        if deal.over:
            self._operator_deal = None
            cue.on_air = self._deal_closed
        self._operator_cues.append(cue)

    def _shelf_product(self, sku: str) -> Product:
        for product in self.products.values():
            if sku == product.sku or any(v.sku == sku for v in product.variants):
                return product
        raise NotFoundError(
            f"product {sku!r} is not on this show's shelf; it has: {', '.join(self.products)}"
        )

    # -- hooks from the rundown (run on air, in the frame loop) ---------------------------
    def _pin(self, sku: str) -> None:
        self.pinned_sku = sku
        self.desk.product = self.products[sku]
        card = self._cards.get(sku)
        if self.deal_view is None:
            self.overlay.show_card(card, self._t)

    def _set_segment(self, segment: str) -> None:
        self.segment = segment

    def _set_variant(self, aired: SegmentScript | None) -> None:
        """The experiment's variant whose script is on air (None: the show's own lines)."""
        if aired is None or aired.experiment_id is None or aired.variant_id is None:
            self.experiment = None
        else:
            self.experiment = (aired.experiment_id, aired.variant_id)

    def _deal_opened(self, deal_id: int) -> None:
        self.deal_id = deal_id
        self._refresh_deal()
        self._deal_card()

    def _deal_closed(self) -> None:
        self.deal_id = None
        self.deal_view = None
        self.overlay.countdown_text = self.overlay.stock_text = None
        if self.pinned_sku:
            self.overlay.show_card(self._cards.get(self.pinned_sku), self._t)

    def _deal_card(self) -> None:
        view, sku = self.deal_view, self.pinned_sku
        base = self._cards.get(sku or "")
        if view is None or base is None:
            return
        self.overlay.show_card(
            replace(
                base,
                price_text=view.price_text,
                compare_at_text=view.regular_price_text,
                badge="⚡",
            ),
            self._t,
        )

    # -- state ----------------------------------------------------------------------------
    def _state_loop(self) -> None:
        while not self._stop.wait(1.0):
            if self._consent_lost():
                return
            try:
                self.commerce.outbox.publish_pending(_now())
            except Exception as exc:
                self.errors.append(f"outbox: {exc}")
            self._refresh_deal()
            self._publish_state()
            self._write_status()

    def _consent_lost(self) -> bool:
        """Revoked or expired consent (or consent that can no longer be confirmed) stops the
        show; ``ConsentWatch`` reads the database at most every 2 s."""
        error = self.consent.still_valid() if self.consent is not None else None
        if error is None:
            return False
        self.stop_for(f"consent is no longer valid: {error.message}")
        return True

    def stop_for(self, reason: str) -> None:
        """Stop the show because of ``reason``: kept in the status errors, told to viewers."""
        self.stop_reason = reason
        self.errors.append(f"stopped: {reason}")
        self.phase = "stopped"  # said at once; stop() ends the frames, then closes the outputs
        self.events.publish({"type": "stopped", "reason": reason})
        self._publish_state(force=True)
        self.stop()

    def _refresh_deal(self) -> None:
        if self.deal_id is None:
            return
        try:
            deal = self.commerce.get_deal(self.deal_id)
        except ShopcastError as exc:
            self.errors.append(f"deal: {exc.message}")
            return
        lang, market = self.market.language, self.market
        product = self.products.get(self.pinned_sku or "")
        regular = None
        if product is not None:
            for v in product.variants:
                if v.sku == deal.sku:
                    price = v.price_in(market.currency, product.currency)
                    regular = format_price(price, market.currency, market) if price else None
        view = DealView(
            deal_id=deal.id,
            sku=deal.sku,
            state=deal.state,
            price_text=format_price(deal.deal_price, deal.currency, market),
            regular_price_text=regular,
            starts_at=deal.starts_at,
            ends_at=deal.ends_at,
            remaining=deal.remaining,
            total=deal.total_quantity,
            per_customer_limit=deal.per_customer_limit,
        )
        self.deal_view = view
        if deal.state in ("scheduled", "countdown"):
            self.overlay.countdown_text = live_lines.shown(
                lang, "countdown", seconds=max(0, round(deal.seconds_to_start))
            )
            self.overlay.stock_text = live_lines.shown(lang, "stock", remaining=deal.remaining)
        elif deal.state == "live":
            left = max(0, round(deal.seconds_left))
            self.overlay.countdown_text = live_lines.shown(
                lang, "deal_live", price=view.price_text, time=f"{left // 60}:{left % 60:02d}"
            )
            self.overlay.stock_text = live_lines.shown(lang, "stock", remaining=deal.remaining)
        elif deal.state == "sold_out":
            self.overlay.countdown_text = None
            self.overlay.stock_text = live_lines.shown(lang, "sold_out")
        else:
            self.overlay.countdown_text = self.overlay.stock_text = None

    def _on_outbox(
        self, _session: Any, _event_id: int, topic: str, payload: dict[str, Any]
    ) -> None:
        if topic != "order.placed" or payload.get("show_id") != self.show_id:
            return
        skus = payload.get("skus") or []
        product = next(
            (
                p
                for s in skus
                for p in self.products.values()
                if s == p.sku or any(v.sku == s for v in p.variants)
            ),
            None,
        )
        if product is None:
            return
        city = str(payload.get("city") or "").strip()[:40]
        lang = self.market.language
        text = (
            live_lines.shown(lang, "purchase", city=city, title=product.title)
            if city
            else live_lines.shown(lang, "purchase_anon", title=product.title)
        )
        note = PurchaseNote(text=text, at=_now())
        self.purchases.append(note)
        self.overlay.add_chat(f"🛍 {text}")
        self.events.publish({"type": "purchase", "text": text})

    def state(self) -> ShowState:
        return ShowState(
            show_id=self.show_id,
            title=self.show.title or self.show_id,
            market=self.market.code,
            language=self.market.language,
            currency=self.market.currency,
            ai_label=self.market.ai_label,
            status=self.phase,
            mode=self.show.mode,
            segment=self.segment,
            pinned_sku=self.pinned_sku,
            experiment_id=self.experiment[0] if self.experiment else None,
            variant_id=self.experiment[1] if self.experiment else None,
            shelf=self.show.products,
            deal=self.deal_view,
            on_screen_question=self.overlay.question,
            recent_chat=list(self.recent_chat)[-20:],
            purchases=list(self.purchases),
            speaking=self.speaking,
        )

    def _publish_state(self, *, force: bool = False) -> None:
        state = self.state().model_dump(mode="json")
        key = json.dumps({k: v for k, v in state.items() if k != "recent_chat"}, sort_keys=True)
        if force or key != self._last_state:
            self._last_state = key
            self.events.publish({"type": "state", "state": state})

    def status(self) -> ShowStatus:
        live = self.output.status()
        outputs = [
            OutputView(
                name="encoder",
                kind="encoder",
                state=live.encoder.state,
                detail=live.encoder.last_error or "",
            )
        ]
        outputs += [
            OutputView(name=s.name, kind=s.kind, state=s.state, detail=s.last_error or "")
            for s in live.sinks
        ]
        return ShowStatus(
            show_id=self.show_id,
            status=self.phase,
            mode=self.show.mode,
            persona=self.persona.name,
            market=self.market.code,
            size=self.show.size,
            uptime_s=round(time.monotonic() - self._started_at, 1) if self._started_at else 0.0,
            frames=self.frames,
            late_frames=self._clock.late_frames if self._clock else 0,
            behind_s=round(self.behind_s, 3),
            segment=self.segment,
            pinned_sku=self.pinned_sku,
            lines_spoken=self.counts["lines"],
            lines_cut=self.counts["lines_cut"],
            answers_spoken=self.counts["answers"],
            chat_received=self.counts["chat"],
            chat_rejected=self.counts["rejected"],
            questions_waiting=len(self.desk.queue) + len(self.desk.intake),
            questions=self.questions.summary(),
            buffered_lines=self._lines.qsize(),
            writing_script=self.scripts.writing,
            outputs=outputs,
            errors=list(self.errors),
            rss_mb=round(current_rss_mb(), 1),
        )

    def _write_status(self) -> None:
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            tmp = self.out_dir / "status.json.partial"
            tmp.write_text(self.status().model_dump_json(indent=2), encoding="utf-8")
            tmp.replace(self.out_dir / "status.json")
        except OSError as exc:
            self.errors.append(f"status file: {exc}")


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (Latin, CJK and Devanagari full stops): what is said
    aloud of the disclosure line ("I'm an AI-generated virtual host, not a real person.")."""
    match = re.match(r"\s*(.+?(?:[.!?।](?=\s|$)|[。！？]))", text)
    return match.group(1) if match else text


def current_rss_mb() -> float:
    """Resident memory of this process now (not the peak), from /proc."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * resource.getpagesize() / 2**20
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _now() -> datetime:
    return datetime.now(UTC)


def _safe(check: Callable[[], bool]) -> bool:
    try:
        return bool(check())
    except Exception:
        return False


def _same_script(text: str, language: str) -> bool:
    from shopcast.live.chat.output_guard import wrong_script

    return not wrong_script(text, language)


__all__ = ["ProductSegment", "ShowRunner"]
