"""What the host does when questions come faster than it can answer them aloud — the rules a
person at a busy live stream follows, with no speech, model or clock of its own (tests drive it
with numbers):

- a viewer whose question waits behind others is told, once, in chat, where it stands and
  about how long it will take (``positions``);
- when several are waiting and some for a while, the host says so aloud now and then ("Lots
  of questions — I'll get to you…"), at most once per ``busy_line_every_s``
  (``busy_line_due``);
- a question not taken up for voice within ``voice_within_s`` of its (first) asking is answered
  in chat text instead, and counted (``overdue``): nobody waits minutes for nothing.

Several viewers asking the same thing are one entry in the desk's question queue already; the
show answers them once ("A few of you asked this —").
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class BacklogRules:
    voice_within_s: float = 25.0  # not begun aloud by then → answered in chat text
    busy_line_waiting: int = 4  # this many questions waiting → the busy line is due …
    busy_line_every_s: float = 60.0  # … at most this often
    tell_from_position: int = 2  # a question this far back (1 = next) is told where it stands
    answer_s: float = 6.0  # what one spoken answer takes, for the wait told (until measured)


@dataclass(frozen=True)
class Waiting:
    """One entry of the question queue as the backlog sees it."""

    key: Hashable  # stable while it waits (the queue entry itself)
    first_at: float  # when it was first asked (the queue's clock)
    viewers: Sequence[str] = ()  # viewer ids that asked it


@dataclass(frozen=True)
class Position:
    viewer: str
    position: int  # 1: answered next
    seconds: int  # about how long until it is answered (aloud, or in chat at the latest)


class Backlog:
    def __init__(self, rules: BacklogRules | None = None) -> None:
        self.rules = rules or BacklogRules()
        self._busy_said_at: float | None = None
        self._told: set[tuple[Hashable, str]] = set()
        self._answer_s: list[float] = []  # recent spoken answers, seconds on air

    def overdue(self, waiting: Sequence[Waiting], now: float) -> list[Waiting]:
        """Entries waiting ``voice_within_s`` or more: to answer in text now."""
        return [w for w in waiting if now - w.first_at >= self.rules.voice_within_s]

    def busy_line_due(self, waiting: Sequence[Waiting], now: float) -> bool:
        """Whether to say the busy line now (and, if so, it counts as said): when
        ``busy_line_waiting`` or more questions wait and the oldest has waited a third of the
        text bound already — a burst the host is about to answer needs no announcement."""
        rules = self.rules
        if len(waiting) < rules.busy_line_waiting:
            return False
        if now - min(w.first_at for w in waiting) < rules.voice_within_s / 3:
            return False
        if self._busy_said_at is not None and now - self._busy_said_at < rules.busy_line_every_s:
            return False
        self._busy_said_at = now
        return True

    def spoke(self, seconds: float) -> None:
        """An answer (acknowledgement included) of ``seconds`` went on air: the wait told to
        viewers follows the show's own pace."""
        self._answer_s = [*self._answer_s[-19:], seconds]

    def positions(self, waiting: Sequence[Waiting], now: float) -> list[Position]:
        """Viewers to tell where they stand, each once per question: those from
        ``tell_from_position`` back, in answer order (``waiting`` is in that order). The wait
        told is the answers ahead at the show's pace, capped by the text bound."""
        rules = self.rules
        per = sum(self._answer_s) / len(self._answer_s) if self._answer_s else rules.answer_s
        out = []
        live = {w.key for w in waiting}
        self._told = {told for told in self._told if told[0] in live}
        for n, entry in enumerate(waiting, start=1):
            if n < rules.tell_from_position:
                continue
            left = max(0.0, rules.voice_within_s - (now - entry.first_at))
            seconds = max(1, round(min(n * per, left)))
            for viewer in entry.viewers:
                if (entry.key, viewer) in self._told:
                    continue
                self._told.add((entry.key, viewer))
                out.append(Position(viewer, n, seconds))
        return out
