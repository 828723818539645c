"""The model's own lane: answers that need the language model are written on one thread of
their own, each with a deadline, so a slow model (minutes, when the rundown writer holds it or
the machine is loaded) never holds the chat thread — the price, FAQ and stock answers and the
other viewers go on.

    lane = ModelLane(write, deliver, deadline_s=6.0).start()
    lane.submit(job, fallback)   # fallback: the answer said if the model misses its deadline
    lane.expire()                # from the chat thread: jobs past their deadline get their
                                 # fallback now (the model's late answer is dropped, counted)

Each job is delivered exactly once: the model's answer if it came in time, else its fallback.
At most ``capacity`` jobs wait; one more is refused (the caller uses its fallback at once).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

J = TypeVar("J")  # what to answer
A = TypeVar("A")  # an answer


@dataclass(eq=False)
class LaneJob(Generic[J, A]):
    job: J
    fallback: A
    deadline: float  # on the lane's clock
    _done: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def claim(self) -> bool:
        """True once: whoever claims the job delivers it."""
        with self._lock:
            if self._done:
                return False
            self._done = True
            return True


class ModelLane(Generic[J, A]):
    def __init__(
        self,
        write: Callable[[J, float], A],
        deliver: Callable[[J, A, bool], None],
        *,
        deadline_s: float = 6.0,
        capacity: int = 3,
        clock: Callable[[], float] = time.monotonic,
        name: str = "model-lane",
    ) -> None:
        """``write(job, seconds_left)`` → the model's answer; ``deliver(job, answer, in_time)``
        is called once per job (``in_time`` False: the fallback)."""
        self._write, self._deliver = write, deliver
        self.deadline_s, self.capacity = deadline_s, capacity
        self._clock = clock
        self._name = name
        self._jobs: deque[LaneJob[J, A]] = deque()
        self._cv = threading.Condition()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._current: LaneJob[J, A] | None = None
        self.counts = {"in_time": 0, "late": 0, "refused": 0, "failed": 0}
        self.errors: deque[str] = deque(maxlen=20)

    def start(self) -> ModelLane[J, A]:
        self._thread = threading.Thread(target=self._run, daemon=True, name=self._name)
        self._thread.start()
        return self

    def stop(self, timeout: float = 1.0) -> None:
        """Stop taking jobs; waiting ones get their fallback. A model call under way is left
        to end on its own (its answer is dropped)."""
        self._stop.set()
        with self._cv:
            waiting = list(self._jobs)
            self._jobs.clear()
            self._cv.notify_all()
        for job in waiting:
            self._give(job, job.fallback, in_time=False)
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def submit(self, job: J, fallback: A) -> bool:
        """Queue ``job``; False when the lane is full or stopped (nothing is queued)."""
        if self._stop.is_set():
            return False
        with self._cv:
            busy = len(self._jobs) + (self._current is not None)
            if busy >= self.capacity:
                self.counts["refused"] += 1
                return False
            self._jobs.append(LaneJob(job, fallback, self._clock() + self.deadline_s))
            self._cv.notify_all()
        return True

    @property
    def pending(self) -> int:
        with self._cv:
            return len(self._jobs) + (self._current is not None)

    def expire(self) -> int:
        """Deliver the fallback of every job past its deadline (waiting or being written);
        returns how many."""
        now = self._clock()
        with self._cv:
            jobs = [*self._jobs, *([self._current] if self._current is not None else [])]
        late = [job for job in jobs if now >= job.deadline]
        given = sum(self._give(job, job.fallback, in_time=False) for job in late)
        if late:
            with self._cv:
                gone = {id(job) for job in late}
                self._jobs = deque(job for job in self._jobs if id(job) not in gone)
        return given

    def _give(self, job: LaneJob[J, A], answer: A, *, in_time: bool) -> bool:
        if not job.claim():
            return False
        self.counts["in_time" if in_time else "late"] += 1
        try:
            self._deliver(job.job, answer, in_time)
        except Exception as exc:  # a delivery that fails must not end the lane
            self.errors.append(f"{type(exc).__name__}: {exc}")
        return True

    def _run(self) -> None:
        while not self._stop.is_set():
            with self._cv:
                while not self._jobs and not self._stop.is_set():
                    self._cv.wait(0.5)
                if self._stop.is_set():
                    return
                job = self._current = self._jobs.popleft()
            try:
                left = job.deadline - self._clock()
                if left <= 0 or job._done:
                    continue  # expired while waiting (its fallback is given by ``expire``)
                try:
                    answer = self._write(job.job, left)
                except Exception as exc:
                    self.counts["failed"] += 1
                    self.errors.append(f"{type(exc).__name__}: {exc}")
                    self._give(job, job.fallback, in_time=False)
                    continue
                in_time = self._clock() <= job.deadline
                self._give(job, answer if in_time else job.fallback, in_time=in_time)
            finally:
                with self._cv:
                    self._current = None
