"""Reply latency of a real live show, both ways a viewer feels it: a comment arriving → the first
audio sample pushed to the encoder of its *acknowledgement* (the first thing said to the viewer:
"Good question, Jun!", "A few of you asked this —", or the answer itself when it is voiced
already) and of its *answer proper* (the first word of substance) — per answer path (price,
faq, options, llm, safe, …), from the show's own question log (``runner.questions``), with
what became of every question: voiced, answered in chat text, refused, dropped.

    .venv/bin/python bench/live_reply.py                      # en-US, templates and llm shows
    .venv/bin/python bench/live_reply.py --writer templates --runs 3
    .venv/bin/python bench/live_reply.py --market ko-KR
    .venv/bin/python bench/live_reply.py --phrasing old 48    # before/after, same session
    .venv/bin/python bench/live_reply.py --phrasing old 48 --boundary-only

A real show (720x1280 at 30 fps, ``--writer`` templates and/or llm — the bundled model writing
the rundown and the answers the catalog cannot give, as the example show does —, persona mina,
the sample catalog, Kokoro, avatar, scene, x264 → HLS) is started and left to settle, then
viewer questions (product, price, shipping, material, "are you an AI", some in another
language) are posted through ``runner.post_chat`` one every ``--spacing`` seconds (random in
the range; 10–14 s by default, the issue's pace), each by another viewer. With ``--phrasing``
the whole run is repeated once per phrasing, in the same process, one after the other: a number
is the longest live phrase in characters (``live.show.phrasing.MAX_CHARS``); ``old`` is the
phrasing before this bench (90 characters, long clauses never cut before a conjunction).

Where the time goes, per answered question (traced on the runner's own methods, nothing
changed): *pick-up* = arrival → the chat thread starts voicing it (moderation, question queue);
*voice* = synthesising the acknowledgement, including waiting for the voice thread to finish the
rundown phrase it is synthesising (the TTS engine runs one text at a time); *boundary* = ready →
put on the timeline at the next phrase boundary, split into waiting for a rundown phrase to end
and waiting behind earlier answers still being spoken; *on air* = the breath before it and the
frames up to its first sample. Late frames = frames the renderer started late (``WallClock``)
while the questions ran.
"""

from __future__ import annotations

import argparse
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from live_common import (
    LoadMeter,
    bench_settings,
    bench_show,
    exit_now,
    percentile,
    running_show,
    spread,
)
from shopcast.live.show import phrasing
from shopcast.live.show.cues import Cue
from shopcast.live.show.question_log import QuestionSummary, Spread
from shopcast.live.show.runner import ShowRunner
from shopcast.speech import registry as speech_registry

SETTLE_S = 8.0  # after the first playlist: the first phrases are on air, caches warming
SLOWEST = 6  # the slowest questions are listed with what was on air when they came
# one name per viewer, as in a real chat: a new name is a new acknowledgement to voice
# (until 2026-11-26 11:30 UTC the bench named viewers "Viewer<n>", which the name filter
# turned into "Viewer" for all: every acknowledgement after the first came from the cache)
NAMES = [
    "Jun",
    "Ana",
    "Mia",
    "Leo",
    "Sofia",
    "Kenji",
    "Priya",
    "Omar",
    "Lucas",
    "Emma",
    "Noah",
    "Yuna",
    "Mateo",
    "Chloe",
    "Arjun",
    "Lina",
    "Hugo",
    "Zoe",
    "Ravi",
    "Elena",
    "Kai",
    "Nora",
    "Diego",
    "Maya",
    "Felix",
    "Aisha",
    "Theo",
    "Ines",
    "Sami",
    "Hana",
    "Marco",
    "Lea",
    "Ivan",
    "Rosa",
    "Tomas",
    "Ayla",
    "Luca",
    "Nina",
    "Oscar",
    "Sara",
    "Dev",
    "Alma",
    "Rafael",
    "Mei",
    "Jonas",
    "Clara",
    "Amir",
    "Julia",
    "Paulo",
    "Eva",
    "Minho",
    "Lara",
    "Ken",
    "Ella",
]
DRAIN_S = 120.0  # at most this long after the last question for the last answers to go on air

QUESTIONS: dict[str, list[str]] = {
    "en-US": [
        "How much is the sun fluid?",
        "What's the price of the serum?",
        "Is the hoodie expensive?",
        "How much is shipping to Texas?",
        "Do you ship to Canada?",
        "How long does delivery take?",
        "Is shipping free?",
        "What is the hoodie made of?",
        "Is the hoodie cotton or polyester?",
        "What's in the serum?",
        "Is the serum vegan?",
        "Are you an AI?",
        "Are you a real person?",
        "Is this a bot talking?",
        "Can I use the serum with vitamin C?",
        "Is it safe for sensitive skin?",
        "How long does a 30 ml bottle last?",
        "Is the sunscreen water resistant?",
        "Does the sun fluid leave a white cast?",
        "How much sunscreen should I apply?",
        "Does the hoodie run big?",
        "Will the hoodie shrink in the wash?",
        "Is the hoodie unisex?",
        "What size should I get, I'm 175 cm?",
        "Where is the serum made?",
        "Does the serum have fragrance?",
        "How many are left in the deal?",
        "When does the flash deal end?",
        "Can I return it if it doesn't fit?",
        "What colors does the hoodie come in?",
        "Is the SPF 50 good for daily use?",
        "Can I wear the sun fluid under makeup?",
        "What's the texture of the serum like?",
        "Does the serum help with dark spots?",
        "How do I wash the hoodie?",
        "Is the fleece heavy or light?",
        "Do you have a 50 ml serum?",
        "How much is the big bottle?",
        "Can I buy two at the deal price?",
        "Is the sun fluid good for oily skin?",
        "Does it sting the eyes?",
        "¿Cuánto cuesta el sérum?",
        "¿Hacen envíos a México?",
        "이 세럼 얼마예요?",
        "Est-ce que le hoodie taille grand?",
        "Do you take PayPal?",
        "Is the hoodie heavyweight enough for winter?",
        "How thick is the hoodie fabric?",
        "Can teens use the serum?",
        "Does the sunscreen have a scent?",
        "What does PA++++ mean?",
        "Is the packaging recyclable?",
        "Hi Mina, love the show! What do you use every morning?",
        "Any discount code today?",
    ],
    "ko-KR": [
        "선크림 얼마예요?",
        "세럼 가격이 어떻게 돼요?",
        "후드티 가격 알려주세요",
        "배송비 얼마예요?",
        "배송은 며칠 걸려요?",
        "제주도도 배송 되나요?",
        "무료배송인가요?",
        "후드티 소재가 뭐예요?",
        "후드티 면 100%예요?",
        "세럼 성분이 뭐예요?",
        "비건 제품인가요?",
        "AI예요?",
        "진짜 사람이에요?",
        "혹시 로봇이에요?",
        "비타민C랑 같이 써도 돼요?",
        "민감한 피부에도 괜찮아요?",
        "30ml 한 병 얼마나 써요?",
        "선크림 워터프루프예요?",
        "백탁 있어요?",
        "선크림 얼마나 발라야 해요?",
        "후드티 크게 나와요?",
        "세탁하면 줄어들어요?",
        "남녀공용이에요?",
        "키 175인데 사이즈 뭐 사야 돼요?",
        "세럼 어디서 만들었어요?",
        "향 있어요?",
        "특가 몇 개 남았어요?",
        "특가 언제 끝나요?",
        "사이즈 안 맞으면 반품 되나요?",
        "후드티 색깔 뭐 있어요?",
        "매일 발라도 되나요?",
        "화장 전에 발라도 돼요?",
        "세럼 제형이 어때요?",
        "잡티에도 효과 있어요?",
        "후드티 세탁 어떻게 해요?",
        "후드티 두꺼워요?",
        "50ml도 있어요?",
        "큰 용량은 얼마예요?",
        "특가로 두 개 살 수 있어요?",
        "지성 피부에도 좋아요?",
        "눈 따가워요?",
        "How much is the serum?",
        "Do you ship to the US?",
        "Are you an AI?",
        "Is the hoodie unisex?",
        "카드 할부 되나요?",
        "겨울에 입기 좋아요?",
        "원단 두께가 어때요?",
        "10대도 써도 돼요?",
        "선크림 향 있어요?",
        "PA++++가 뭐예요?",
        "용기 재활용 되나요?",
        "미나님 방송 너무 좋아요! 아침에 뭐 발라요?",
        "할인 코드 있어요?",
    ],
}


@dataclass
class Traced:
    """One answered question, times on the monotonic clock."""

    arrived: float
    text: str = ""
    on_air: str = ""  # what the host was saying when the question arrived (cue kind / beat)
    picked: float | None = None
    ready: float | None = None
    synth_s: float = 0.0
    behind_answers: bool = False
    scheduled: float | None = None
    first_sample: float | None = None

    def parts(self) -> dict[str, float] | None:
        if None in (self.picked, self.ready, self.scheduled, self.first_sample):
            return None
        assert self.picked and self.ready and self.scheduled and self.first_sample
        voice = self.ready - self.picked
        wait = self.scheduled - self.ready
        return {
            "total": self.first_sample - self.arrived,
            "pick-up": self.picked - self.arrived,
            "voice: TTS": self.synth_s,
            "voice: waiting for the voice thread": max(0.0, voice - self.synth_s),
            "boundary: rundown phrase": 0.0 if self.behind_answers else wait,
            "boundary: behind earlier answers": wait if self.behind_answers else 0.0,
            "on air: breath + frames": self.first_sample - self.scheduled,
        }


@dataclass
class ReplyTrace:
    """Wraps a runner's chat, cue and latency steps (on the instance) to time each part."""

    runner: ShowRunner
    questions: dict[float, Traced] = field(default_factory=dict)
    line_s: list[float] = field(default_factory=list)  # rundown phrases put on air: seconds
    answer_s: list[float] = field(default_factory=list)  # acknowledgements and answers: seconds
    _local: threading.local = field(default_factory=threading.local)
    _air_kind: str = ""
    _air_beat: str = ""

    _posting: dict[str, tuple[str, str]] = field(default_factory=dict)  # viewer → (text, on air)

    def posting(self, viewer_id: str, text: str) -> None:
        """Note what is on air as a viewer posts (for the slowest-questions table)."""
        speaking = self.runner.timeline.end > self.runner._t
        on_air = f"{self._air_kind}/{self._air_beat}" if speaking else "silence"
        self._posting[viewer_id] = (text, on_air)

    def install(self) -> None:
        runner = self.runner
        queue_answer = runner._queue_answer
        next_cue = runner._next_cue
        record_latency = runner._record_latency
        answer = runner._answer

        def traced_answer(question: Any) -> None:
            msg = question.message
            received = runner._received.get(msg.id)
            note = self._posting.pop(msg.user_id, None)
            if received is not None and note is not None:
                item = self.questions.setdefault(received, Traced(received))
                item.text, item.on_air = note
            answer(question)

        synthesize = speech_registry.synthesize

        def timed_synthesize(*args: Any, **kwargs: Any) -> Any:
            t0 = time.monotonic()
            try:
                return synthesize(*args, **kwargs)
            finally:
                self._local.synth = getattr(self._local, "synth", 0.0) + time.monotonic() - t0

        def traced_queue_answer(cue: Cue, **kwargs: Any) -> None:
            started = time.monotonic()
            self._local.synth = 0.0
            busy = bool(runner._answers) or self._air_kind in ("ack", "answer")
            queue_answer(cue, **kwargs)
            if cue.received is not None:
                item = self.questions.setdefault(cue.received, Traced(cue.received))
                item.picked, item.ready = started, time.monotonic()
                item.synth_s = self._local.synth
                item.behind_answers = busy and runner.timeline.end > runner._t

        def traced_next_cue(t: float) -> Cue | None:
            cue = next_cue(t)
            if cue is not None and cue.kind != "pause":
                self._air_kind = cue.kind
                self._air_beat = cue.beat + (" (due: not cut)" if runner._due_line else "")
                if cue.kind in ("ack", "answer") and cue.speech is not None:
                    self.answer_s.append(cue.speech.duration)
                if cue.kind in ("line", "state") and cue.speech is not None:
                    self.line_s.append(cue.speech.duration)
                if cue.received is not None and cue.received in self.questions:
                    self.questions[cue.received].scheduled = time.monotonic()
            return cue

        def traced_record_latency(pushed_until: int) -> None:
            waiting = list(runner._waiting_latency)
            record_latency(pushed_until)
            now = time.monotonic()
            still = set(runner._waiting_latency)
            for entry in waiting:
                if entry not in still and entry[1] in self.questions:
                    self.questions[entry[1]].first_sample = now

        speech_registry.synthesize = timed_synthesize  # type: ignore[assignment]
        runner._queue_answer = traced_queue_answer  # type: ignore[method-assign]
        runner._next_cue = traced_next_cue  # type: ignore[method-assign]
        runner._record_latency = traced_record_latency  # type: ignore[method-assign]
        runner._answer = traced_answer  # type: ignore[method-assign]
        self._restore: Callable[[], None] = lambda: setattr(
            speech_registry, "synthesize", synthesize
        )

    def uninstall(self) -> None:
        self._restore()


@dataclass
class ReplyRun:
    label: str
    posted: int
    accepted: int
    latencies: list[float]
    parts: list[dict[str, float]]
    late_frames: int
    frames: int
    behind_max: float
    phrase_s: list[float]
    load: str
    slowest: list[Traced] = field(default_factory=list)
    answer_s: list[float] = field(default_factory=list)
    started: float = 0.0  # monotonic time of the first question
    # syntheses that held the TTS engine ≥ 1 s during the run (seconds, background, text)
    slow_synth: list[tuple[float, bool, str]] = field(default_factory=list)
    yielded: int = 0  # background phrases that let an acknowledgement or answer go first
    name_waits: list[float] = field(default_factory=list)  # "Good question," … "Jun!" pauses
    summary: QuestionSummary | None = None  # the show's question log over the run


def use_phrasing(setting: str) -> str:
    """Set the live phrasing for the next show; its label."""
    if setting == "old":
        phrasing.MAX_CHARS = 90
        phrasing._halves = lambda piece, *_: [piece]  # type: ignore[assignment]
        return "phrases ≤ 90 chars (before)"
    if not setting.isdigit() or int(setting) < 20:
        raise SystemExit(f"--phrasing: 'old' or a number of characters ≥ 20, not {setting!r}")
    phrasing.MAX_CHARS = int(setting)
    phrasing._halves = HALVES  # type: ignore[assignment]
    return f"phrases ≤ {setting} chars"


HALVES = phrasing._halves


def run_once(
    market: str,
    n: int,
    spacing: tuple[float, float],
    setting: str,
    seed: int,
    writer: str = "templates",
    speech_cache: Path | None = None,
) -> ReplyRun:
    label = use_phrasing(setting)
    rng = random.Random(seed)
    questions = QUESTIONS[market]
    picked = [questions[i % len(questions)] for i in range(n)]
    rng.shuffle(picked)
    with bench_settings(speech_cache=speech_cache) as settings:
        show = bench_show("bench-reply", market=market, writer=writer)
        trace: ReplyTrace | None = None

        def install(runner: ShowRunner) -> None:
            nonlocal trace
            trace = ReplyTrace(runner)
            trace.install()

        with running_show(settings, show, prepare=install) as runner:
            assert trace is not None
            time.sleep(SETTLE_S)
            meter = LoadMeter().start()
            late0, frames0 = runner.status().late_frames, runner.frames
            started, yielded0 = time.monotonic(), runner.speaker.yielded
            runner.speaker.slow.clear()
            runner.name_waits.clear()
            before = len(runner.latencies)
            accepted, behind = 0, 0.0
            trace.line_s.clear()
            trace.answer_s.clear()
            for i, text in enumerate(picked):
                viewer = f"viewer-{seed}-{i}"
                trace.posting(viewer, text)
                receipt = runner.post_chat(viewer, NAMES[i % len(NAMES)], text)
                accepted += receipt.accepted
                deadline = time.monotonic() + rng.uniform(*spacing)
                while time.monotonic() < deadline:
                    behind = max(behind, runner.behind_s)
                    time.sleep(0.1)
            # let the last answers reach the encoder
            deadline = time.monotonic() + DRAIN_S
            while time.monotonic() < deadline and _busy(runner, started):
                time.sleep(0.2)
            status = runner.status()
            summary = runner.questions.summary(since=started)
            load = meter.note()
            latencies = list(runner.latencies)[before:]
            parts = [p for q in trace.questions.values() if (p := q.parts()) is not None]
            slowest = sorted(
                (q for q in trace.questions.values() if q.parts() is not None),
                key=lambda q: -(q.parts() or {})["total"],
            )[:SLOWEST]
            phrase_s = list(trace.line_s)
            slow_synth = list(runner.speaker.slow)
            name_waits = list(runner.name_waits)
            yielded = runner.speaker.yielded - yielded0
            answer_s = list(trace.answer_s)
            trace.uninstall()
    return ReplyRun(
        label=f"{market}, writer {writer}, {label}" + (", speech cache" if speech_cache else ""),
        summary=summary,
        posted=n,
        accepted=accepted,
        latencies=latencies,
        parts=parts,
        late_frames=status.late_frames - late0,
        frames=status.frames - frames0,
        behind_max=behind,
        phrase_s=phrase_s,
        load=load,
        slowest=slowest,
        answer_s=answer_s,
        started=started,
        slow_synth=slow_synth,
        yielded=yielded,
        name_waits=name_waits,
    )


def _busy(runner: ShowRunner, since: float) -> bool:
    """Questions of the run not ended yet (waiting, being composed or voiced, on their way)."""
    return runner.questions.summary(since=since).waiting > 0 or runner._chat_busy.is_set()


def boundary_waits(market: str, settings_list: list[str], console: Console) -> None:
    """Load-independent part: the wait for the next phrase boundary depends only on how long
    the phrases sound. The rundown's own lines (template scripts of the bench show's products,
    three variants each) are cut with each phrasing, spoken by the show's voice, and a question
    arriving at a uniformly random moment waits for the end of the phrase on air (none in the
    breath between phrases)."""
    from shopcast.commerce import CommerceService
    from shopcast.live.show.registry import ShowRegistry
    from shopcast.live.show.rundown import template_script
    from shopcast.live.show.speaker import Speaker
    from shopcast.store import open_database

    table = Table(title=f"Phrase-boundary wait from phrase lengths alone ({market})")
    for column in ("phrasing", "phrases", "phrase s p50 / p95 / max", "wait p50 / p95 / mean"):
        table.add_column(column, justify="left" if column == "phrasing" else "right")
    with bench_settings() as settings:
        db = open_database(settings)
        registry = ShowRegistry(settings, db, CommerceService(db))
        show = bench_show("bench-phrases", market=market)
        persona, market_info, products = registry.check(show)
        db.close()
        speaker = Speaker(persona, market_info, settings.models_dir)
        texts = [
            beat.text
            for product in products.values()
            for variant in range(3)
            for beat in template_script(product, persona, market_info, variant=variant).beats
        ]
        for setting in settings_list:
            label = use_phrasing(setting)
            spoken = [phrase for text in texts for phrase in phrasing.phrases(text)]
            durations = [speaker.say(phrase, keep=True).duration for phrase in spoken]
            waits = _uniform_waits(durations, gap=0.35)
            table.add_row(
                label,
                str(len(spoken)),
                spread(durations),
                f"{percentile(waits, 50):.2f} / {percentile(waits, 95):.2f} / "
                f"{sum(waits) / len(waits):.2f} s",
            )
    console.print(table)


def _uniform_waits(durations: list[float], gap: float, samples: int = 20_000) -> list[float]:
    """Time to the end of the phrase on air for arrivals spread evenly over the phrases (each
    followed by ``gap`` s of breath, where the wait is 0)."""
    total = sum(d + gap for d in durations)
    waits = []
    step = total / samples
    at, index, start = step / 2, 0, 0.0
    for _ in range(samples):
        while at >= start + durations[index] + gap:
            start += durations[index] + gap
            index += 1
        waits.append(max(0.0, start + durations[index] - at))
        at += step
    return waits


def _cell(s: Spread) -> str:
    if not s.count or s.p50_s is None or s.p95_s is None or s.max_s is None:
        return "–"
    return f"{s.p50_s:.2f} / {s.p95_s:.2f} / {s.max_s:.2f} s"


def print_questions(console: Console, runs: list[ReplyRun]) -> None:
    """Per run: what became of the questions, and acknowledgement beside answer proper per
    answer path (p50 / p95 / max)."""
    counts = Table(title="Questions: received → voiced / answered in text / refused / dropped")
    for column in ("run", "received", "voiced (grouped)", "text", "refused", "dropped", "why"):
        counts.add_column(column, justify="left" if column in ("run", "why") else "right")
    for r in runs:
        q = r.summary
        if q is None:
            continue
        counts.add_row(
            r.label,
            str(q.received),
            f"{q.voiced} ({q.grouped})",
            str(q.text),
            str(q.refused),
            str(q.dropped + q.waiting),
            "; ".join(f"{k} ×{v}" for k, v in q.why.items()) or "–",
        )
    console.print(counts)
    for r in runs:
        if r.summary is None or not r.summary.latency:
            continue
        table = Table(
            title=f"Comment → first sample on air, p50 / p95 / max — {r.label}",
            caption="acknowledgement: the first thing said to the viewer; answer proper: the "
            "first word of substance",
        )
        for column in ("path", "voiced", "acknowledgement", "answer proper"):
            table.add_column(column, justify="left" if column == "path" else "right")
        for row in r.summary.latency:
            table.add_row(row.path, str(row.substance.count), _cell(row.ack), _cell(row.substance))
        console.print(table)


def print_runs(console: Console, runs: list[ReplyRun]) -> None:
    print_questions(console, runs)
    table = Table(title="First reply (runner.latencies): comment → first sample at the encoder")
    for column in ("run", "answered / posted", "p50", "p95", "max", "≤1 s / ≤2 s", "late frames"):
        table.add_column(column, justify="left" if column == "run" else "right")
    for r in runs:
        lat = r.latencies
        if not lat:
            table.add_row(r.label, f"0 / {r.posted}", "–", "–", "–", "–", "–")
            continue
        table.add_row(
            r.label,
            f"{len(lat)} / {r.posted} ({r.accepted} accepted)",
            f"{percentile(lat, 50):.2f} s",
            f"{percentile(lat, 95):.2f} s",
            f"{max(lat):.2f} s",
            f"{sum(v <= 1 for v in lat) / len(lat):.0%} / "
            f"{sum(v <= 2 for v in lat) / len(lat):.0%}",
            f"{r.late_frames} of {r.frames} ({100 * r.late_frames / max(1, r.frames):.2f}%), "
            f"behind ≤ {r.behind_max:.2f} s",
        )
    console.print(table)
    for r in runs:
        if not r.parts:
            continue
        parts = Table(title=f"Where the time goes — {r.label} ({len(r.parts)} traced)")
        for column in ("part", "p50 / p95 / max", "mean", "share of the mean total"):
            parts.add_column(column, justify="left" if column == "part" else "right")
        total = sum(p["total"] for p in r.parts) / len(r.parts)
        for key in r.parts[0]:
            values = [p[key] for p in r.parts]
            mean = sum(values) / len(values)
            share = "" if key == "total" else f"{mean / total:.0%}"
            parts.add_row(key, spread(values), f"{mean:.2f} s", share)
        console.print(parts)
        console.print(f"  rundown phrases on air: {spread(r.phrase_s)} (p50 / p95 / max)")
        if r.answer_s:
            console.print(
                f"  acknowledgements and answers on air: {spread(r.answer_s)} (p50 / p95 / max)"
            )
        slow = Table(title=f"The {len(r.slowest)} slowest questions — {r.label}")
        for column in ("question", "asked at", "on air when it came", "total", "largest parts"):
            slow.add_column(column, justify="right" if column in ("total", "asked at") else "left")
        for q in r.slowest:
            p = q.parts() or {}
            top = sorted(((v, k) for k, v in p.items() if k != "total"), reverse=True)[:2]
            slow.add_row(
                q.text[:40],
                f"{q.arrived - r.started:.0f} s",
                q.on_air,
                f"{p.get('total', 0):.2f} s",
                ", ".join(f"{k} {v:.2f} s" for v, k in top),
            )
        console.print(slow)
        longest = sorted(r.slow_synth, reverse=True)[:3]
        console.print(
            f"  TTS engine held ≥ 1 s: {len(r.slow_synth)} times "
            f"({sum(b for _, b, _ in r.slow_synth)} in the background); background phrases "
            f"that let a reply go first: {r.yielded}"
            + "".join(
                f"\n    {sec:.2f} s {'background' if bg else 'urgent'}: {text[:60]!r}"
                for sec, bg, text in longest
            )
        )
        if r.name_waits:
            console.print(
                f"  the name after an acknowledgement's fixed words waited "
                f"{spread(r.name_waits)} (p50 / p95 / max; under a frame: no pause)"
            )
        console.print(f"  load during the run: {r.load}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--market", default="en-US", choices=sorted(QUESTIONS))
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument(
        "--spacing", type=float, nargs=2, default=(10.0, 14.0), metavar=("MIN", "MAX")
    )
    parser.add_argument(
        "--writer",
        nargs="+",
        default=["templates", "llm"],
        choices=["templates", "llm"],
        help="the show's writer; one run per writer (and per --runs)",
    )
    parser.add_argument("--runs", type=int, default=1, help="repeat each show this many times")
    parser.add_argument(
        "--phrasing",
        nargs="*",
        default=[str(phrasing.MAX_CHARS)],
        help="'old' or the longest live phrase in characters; one full run per value",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--speech-cache",
        type=Path,
        help="the voice's disk cache, kept across runs: every run after the first is a show "
        "that has aired its lines before (default: each run starts with nothing voiced)",
    )
    parser.add_argument(
        "--boundary-only",
        action="store_true",
        help="only the phrase-boundary wait from the phrases' spoken lengths (no show)",
    )
    args = parser.parse_args()
    if args.questions < 1 or args.spacing[0] < 0 or args.spacing[1] < args.spacing[0]:
        raise SystemExit("--questions must be ≥ 1 and --spacing MIN MAX with 0 ≤ MIN ≤ MAX")
    console = Console(width=140)
    if args.boundary_only:
        boundary_waits(args.market, args.phrasing, console)
        return
    runs = []
    for writer in args.writer:
        for setting in args.phrasing:
            for n in range(args.runs):
                console.print(
                    f"[dim]running {args.market}, writer {writer}, phrasing {setting}, "
                    f"run {n + 1} of {args.runs} …[/dim]"
                )
                run = run_once(
                    args.market,
                    args.questions,
                    tuple(args.spacing),
                    setting,
                    args.seed + n,
                    writer,
                    speech_cache=args.speech_cache,
                )
                runs.append(run)
                print_questions(console, [run])  # as it goes: a long bench shows progress
    print_runs(console, runs)


if __name__ == "__main__":
    main()
    exit_now()
