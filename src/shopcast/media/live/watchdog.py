"""Supervision for the live pipeline's threads: run a session, and when it fails, start it again.

``Supervised`` owns one named thread. The thread runs ``session(stop)`` in a loop; a session that
raises is recorded (``last_error``, ``restarts``), then started again after an exponential
``Backoff`` (1, 2, 4 ... 30 s by default; reset once a session has been healthy for
``stable_after`` seconds). A session that raises ``Restart`` is started again at once.
``stop`` is an ``Event`` the session must watch; backoff waits wake up at once when it is set,
so ``close()`` never waits out a 30 s delay.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)

Session = Callable[[threading.Event], None]


@dataclass
class Backoff:
    initial: float = 1.0
    factor: float = 2.0
    maximum: float = 30.0
    _next: float | None = None

    def next_delay(self) -> float:
        delay = self.initial if self._next is None else self._next
        self._next = min(self.maximum, delay * self.factor)
        return delay

    def reset(self) -> None:
        self._next = None


class Restart(Exception):
    """Raised by a session to be started again at once (a deliberate restart, not a fault)."""


class Supervised:
    """A named thread that keeps ``session`` running until ``stop()``."""

    def __init__(
        self,
        name: str,
        session: Session,
        *,
        backoff: Backoff | None = None,
        stable_after: float = 10.0,
        on_failure: Callable[[BaseException, float], None] | None = None,
        describe: Callable[[BaseException], str] | None = None,
    ) -> None:
        self.name = name
        self._session = session
        self.backoff = backoff or Backoff()
        self.stable_after = stable_after
        self._on_failure = on_failure
        self._describe = describe or (lambda exc: f"{type(exc).__name__}: {exc}")
        self.stop_event = threading.Event()
        self.restarts = 0
        self.last_error: str | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        with self._lock:
            if self._thread is not None:
                return
            self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self.stop_event.set()

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the thread; True when it ended (always True from the thread itself)."""
        thread = self._thread
        if thread is None or thread is threading.current_thread():
            return True
        thread.join(timeout)
        return not thread.is_alive()

    @property
    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        while not self.stop_event.is_set():
            started = time.monotonic()
            try:
                self._session(self.stop_event)
            except Exception as exc:  # any failure of one session: record, back off, restart
                if time.monotonic() - started >= self.stable_after:
                    self.backoff.reset()
                delay = 0.0 if isinstance(exc, Restart) else self.backoff.next_delay()
                self.restarts += 1
                self.last_error = self._describe(exc)
                level = logging.INFO if isinstance(exc, Restart) else logging.WARNING
                log.log(level, "%s: %s; restarting in %.1f s", self.name, self.last_error, delay)
                if self._on_failure is not None:
                    self._on_failure(exc, delay)
                self.stop_event.wait(delay)
            else:
                return  # a session returns only when asked to stop
