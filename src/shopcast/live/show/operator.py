"""The operator's desk of one show: the co-pilot queue, typed lines, whispers and the mode.

desk = OperatorDesk(CopilotPolicy(timeout_s=30, on_timeout="drop"), safe_line="...")
proposal = desk.propose(question="is it waterproof?", ..., text="Yes, ...", path="faq")
desk.decide(proposal.id, "approve", operator="ada", version=proposal.version)
desk.take_ready()      # approved answers, for the runner to speak (ack + answer)
desk.say("Welcome back!", operator="ada"); desk.take_lines()   # spoken before anything else
desk.whisper("mention the travel size", operator="ada"); desk.take_whisper()  # next answer only
desk.set_mode("copilot", operator="ada", version=desk.mode_version)

Modes:

- ``autonomous``: the host answers on its own (nothing waits here);
- ``copilot``: every answer waits here for approve / edit / reject; past ``timeout_s`` the
  show file's ``on_timeout`` applies (``drop``; ``safe_line``: "I don't have that detail";
  ``send``: the proposed answer as it is);
- ``human``: the host never answers on its own: answers are proposed here and only an
  operator's approve or edit sends them; a time-out always drops.

Last-writer rules for several operators: a proposal is decided once; a decision on an item
someone else already decided, or with a version that is not the item's, is refused
(``ConflictError``, HTTP 409) naming who decided it and when. A mode switch that carries a
version is refused when the mode changed since (409, naming who switched it); without a version
the last writer wins. Typed lines and whispers never conflict: lines are spoken in the order
they arrive; a newer unused whisper replaces the older one (the reply says whose it replaced).

The desk only keeps state and time; the runner does the speaking. Thread-safe.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel

from shopcast.commerce.errors import ConflictError
from shopcast.errors import InvalidInputError, NotFoundError
from shopcast.live.show.events import EventBus
from shopcast.live.show.showfile import CopilotPolicy, Mode

Action = Literal["approve", "edit", "reject"]
ProposalState = Literal["pending", "approved", "edited", "rejected", "timed_out"]
MAX_OPERATOR_TEXT = 280  # as an LLM answer (chat.answers.MAX_ANSWER_CHARS)
MAX_WHISPER_TEXT = 300
KEEP_DECIDED = 30

TextCheck = Callable[[str], list[str]]  # reasons a text must not be spoken (empty: fine)


@dataclass
class Proposal:
    id: int
    question: str
    viewer: str
    text: str
    path: str
    mode: Mode  # the mode when it was proposed
    proposed_at: datetime
    deadline: float  # monotonic
    state: ProposalState = "pending"
    version: int = 1
    decided_by: str | None = None
    decided_at: datetime | None = None
    spoken_text: str | None = None  # what goes to the voice (None: nothing)
    whisper: str | None = None  # the operator hint this answer was composed with
    context: Any = field(default=None, repr=False)  # the runner's (question, viewer id...)


@dataclass
class Reply:
    """The runner's side of an answer: who asked, what is shown, the composed text."""

    viewer_id: str
    viewer: str
    question: str
    shown: str  # "name: question", on screen while the answer is spoken
    acked: bool  # spoken after a personal acknowledgement
    received: float  # monotonic arrival time
    text: str = ""
    path: str = "safe"
    asked: tuple[str, ...] = ()  # the chat messages answered (one per viewer who asked it)
    grouped: bool = False  # several viewers asked it: "A few of you asked this —"


@dataclass(frozen=True)
class TypedLine:
    text: str
    operator: str
    at: datetime


class ProposalView(BaseModel):
    id: int
    question: str
    viewer: str
    text: str
    path: str
    mode: Mode
    state: ProposalState
    version: int
    proposed_at: datetime
    expires_in_s: float | None  # pending only
    timeout_s: float
    decided_by: str | None
    decided_at: datetime | None
    spoken_text: str | None
    whisper: str | None


class LineView(BaseModel):
    text: str
    operator: str
    at: datetime


class OperatorView(BaseModel):
    """What the console shows of the desk."""

    mode: Mode
    mode_version: int
    mode_set_by: str | None
    mode_set_at: datetime | None
    on_timeout: str
    timeout_s: float
    pending: list[ProposalView]
    decided: list[ProposalView]  # newest first
    said: list[LineView]  # typed lines, newest first
    whisper: LineView | None  # the hint waiting for the next answer
    prompter: str | None = None  # human mode: the rundown line to say now (teleprompter)
    notice: str | None = None  # what the show decided on its own, e.g. a rundown deal skipped


class OperatorDesk:
    def __init__(
        self,
        policy: CopilotPolicy,
        *,
        mode: Mode = "autonomous",
        safe_line: str,
        check_text: TextCheck | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.policy = policy
        self.safe_line = safe_line
        self.check_text: TextCheck = check_text or (lambda _text: [])
        self.events = EventBus()  # console only: proposals and whispers are never public
        self._clock = clock
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._mode: Mode = mode
        self.mode_version = 1
        self.mode_set_by: str | None = None
        self.mode_set_at: datetime | None = None
        self._pending: dict[int, Proposal] = {}
        self._decided: deque[Proposal] = deque(maxlen=KEEP_DECIDED)
        self._ready: deque[Proposal] = deque()
        self._lines: deque[TypedLine] = deque()
        self._said: deque[TypedLine] = deque(maxlen=KEEP_DECIDED)
        self._whisper: TypedLine | None = None

    # -- mode -----------------------------------------------------------------------------
    @property
    def mode(self) -> Mode:
        return self._mode

    def set_mode(self, mode: Mode, *, operator: str, version: int | None = None) -> int:
        """Switch the mode; returns the new mode version. A ``version`` that is not the current
        one is refused (someone switched in between); ``None``: the last writer wins."""
        with self._lock:
            if version is not None and version != self.mode_version:
                raise ConflictError(
                    f"The mode was switched to {self._mode} by {self.mode_set_by or 'the show'}"
                    f"{_at(self.mode_set_at)} (version {self.mode_version}, you sent {version}).",
                    hint="Reload the console and switch again if you still want to.",
                )
            self._mode = mode
            self.mode_version += 1
            self.mode_set_by, self.mode_set_at = operator, _now()
            version = self.mode_version
        self.events.publish({"type": "mode", "mode": mode, "by": operator, "version": version})
        return version

    # -- the co-pilot queue -----------------------------------------------------------------
    def propose(
        self,
        *,
        question: str,
        viewer: str,
        text: str,
        path: str,
        whisper: str | None = None,
        context: Any = None,
    ) -> Proposal:
        with self._lock:
            proposal = Proposal(
                id=next(self._ids),
                question=question,
                viewer=viewer,
                text=text,
                path=path,
                mode=self._mode,
                proposed_at=_now(),
                deadline=self._clock() + self.policy.timeout_s,
                whisper=whisper,
                context=context,
            )
            self._pending[proposal.id] = proposal
        self.events.publish({"type": "proposed", "proposal": self._view(proposal).model_dump()})
        return proposal

    def decide(
        self,
        proposal_id: int,
        action: Action,
        *,
        operator: str,
        version: int,
        text: str | None = None,
    ) -> Proposal:
        """Approve (speak as proposed), edit (speak ``text``) or reject one pending answer."""
        if action == "edit":
            text = _clean(text or "", "text", MAX_OPERATOR_TEXT)
            problems = self.check_text(text)
            if problems:
                raise OperatorTextError(text, problems)
        with self._lock:
            proposal = self._pending.get(proposal_id)
            if proposal is None:
                done = next((p for p in self._decided if p.id == proposal_id), None)
                if done is None:
                    raise NotFoundError(f"No proposed answer #{proposal_id} on this show.")
                raise ConflictError(
                    f"Answer #{proposal_id} was already {_decided_words(done)}.",
                    hint="Nothing was changed; the console shows the current queue.",
                )
            if version != proposal.version:
                raise ConflictError(
                    f"Answer #{proposal_id} changed (version {proposal.version}, you sent "
                    f"{version}); reload and decide again."
                )
            proposal.version += 1
            proposal.decided_by, proposal.decided_at = operator, _now()
            if action == "reject":
                proposal.state = "rejected"
            else:
                proposal.state = "approved" if action == "approve" else "edited"
                proposal.spoken_text = proposal.text if action == "approve" else text
                self._ready.append(proposal)
            self._finish(proposal)
        self._publish_decided(proposal)
        return proposal

    def expire(self) -> list[Proposal]:
        """Apply the time-out policy to pending answers past their deadline."""
        now = self._clock()
        expired: list[Proposal] = []
        with self._lock:
            for proposal in list(self._pending.values()):
                if proposal.deadline > now:
                    continue
                proposal.state, proposal.version = "timed_out", proposal.version + 1
                proposal.decided_at = _now()
                action = self.policy.on_timeout
                if proposal.mode == "human" or self._mode == "human":
                    action = "drop"  # in human mode the host never answers on its own
                if action != "drop":
                    proposal.spoken_text = proposal.text if action == "send" else self.safe_line
                    self._ready.append(proposal)
                self._finish(proposal)
                expired.append(proposal)
        for proposal in expired:
            self._publish_decided(proposal)
        return expired

    def take_ready(self) -> list[Proposal]:
        """Answers to speak now (approved, edited, or sent by the time-out policy)."""
        with self._lock:
            ready, self._ready = list(self._ready), deque()
        return ready

    # -- typed lines and whispers -------------------------------------------------------
    def say(self, text: str, *, operator: str) -> TypedLine:
        text = _clean(text, "text", MAX_OPERATOR_TEXT)
        problems = self.check_text(text)
        if problems:
            raise OperatorTextError(text, problems)
        line = TypedLine(text, operator, _now())
        with self._lock:
            self._lines.append(line)
        self.events.publish({"type": "say", "text": text, "by": operator})
        return line

    def take_lines(self) -> list[TypedLine]:
        with self._lock:
            lines, self._lines = list(self._lines), deque()
            self._said.extendleft(lines)
        return lines

    def whisper(self, text: str, *, operator: str) -> TypedLine | None:
        """Keep a hint for the next answer; returns the unused hint it replaced, if any."""
        line = TypedLine(_clean(text, "text", MAX_WHISPER_TEXT), operator, _now())
        with self._lock:
            replaced, self._whisper = self._whisper, line
        self.events.publish({"type": "whisper", "text": line.text, "by": operator})
        return replaced

    def take_whisper(self) -> TypedLine | None:
        with self._lock:
            line, self._whisper = self._whisper, None
        return line

    # -- views --------------------------------------------------------------------------
    def view(self) -> OperatorView:
        with self._lock:
            pending = [self._view(p) for p in self._pending.values()]
            decided = [self._view(p) for p in reversed(self._decided)]
            said = [
                LineView(text=s.text, operator=s.operator, at=s.at)
                for s in [*reversed(self._lines), *self._said]
            ]
            whisper = self._whisper
        return OperatorView(
            mode=self._mode,
            mode_version=self.mode_version,
            mode_set_by=self.mode_set_by,
            mode_set_at=self.mode_set_at,
            on_timeout=self.policy.on_timeout,
            timeout_s=self.policy.timeout_s,
            pending=pending,
            decided=decided,
            said=said,
            whisper=(
                LineView(text=whisper.text, operator=whisper.operator, at=whisper.at)
                if whisper
                else None
            ),
        )

    def view_of(self, proposal: Proposal) -> ProposalView:
        return self._view(proposal)

    def _view(self, p: Proposal) -> ProposalView:
        left = max(0.0, p.deadline - self._clock()) if p.state == "pending" else None
        return ProposalView(
            id=p.id,
            question=p.question,
            viewer=p.viewer,
            text=p.text,
            path=p.path,
            mode=p.mode,
            state=p.state,
            version=p.version,
            proposed_at=p.proposed_at,
            expires_in_s=round(left, 1) if left is not None else None,
            timeout_s=self.policy.timeout_s,
            decided_by=p.decided_by,
            decided_at=p.decided_at,
            spoken_text=p.spoken_text,
            whisper=p.whisper,
        )

    def _finish(self, proposal: Proposal) -> None:
        self._pending.pop(proposal.id, None)
        self._decided.append(proposal)

    def _publish_decided(self, proposal: Proposal) -> None:
        self.events.publish({"type": "decided", "proposal": self._view(proposal).model_dump()})


class OperatorTextError(InvalidInputError):
    """Text an operator typed that the host must not say (blocked word, an offer or a price
    the catalog doesn't have...). ``problems`` lists every reason."""

    def __init__(self, text: str, problems: list[str]) -> None:
        super().__init__(
            f"The host won't say {text[:60]!r}: " + "; ".join(problems),
            hint="Rephrase it: only prices, offers and facts from the catalog may be promised.",
        )
        self.problems = problems


def _clean(text: str, what: str, limit: int) -> str:
    text = " ".join(text.split())
    if not text:
        raise InvalidInputError(f"{what}: type something first.")
    if len(text) > limit:
        raise InvalidInputError(f"{what}: at most {limit} characters (got {len(text)}).")
    return text


def _decided_words(p: Proposal) -> str:
    if p.state == "timed_out":
        return f"timed out{_at(p.decided_at)} (nobody decided in time)"
    words = {"edited": "edited and sent"}.get(p.state, p.state)
    return f"{words} by {p.decided_by}{_at(p.decided_at)}"


def _at(when: datetime | None) -> str:
    return f" at {when:%H:%M:%S} UTC" if when else ""


def _now() -> datetime:
    return datetime.now(UTC)
