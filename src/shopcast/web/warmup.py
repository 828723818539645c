"""Warming the shopping assistant at app start, without holding the start up.

Embedding every product fact for the assistant's retrieval index takes seconds to tens of
seconds on a busy machine; built lazily, the first viewer question waited for all of it. The
app's lifespan starts ``AssistantWarmUp`` (a plain, non-daemon thread: it never runs inside the
embedding engine while the interpreter tears down) and stops it at shutdown: ``stop()`` asks
the build to stop (it looks between chunks of passages) and joins the thread.
"""

from __future__ import annotations

import logging
import threading
import time

from shopcast.assistant.retrieval import BuildCancelled
from shopcast.assistant.service import warm_up_retriever
from shopcast.config import Settings
from shopcast.store import Database

log = logging.getLogger(__name__)


class AssistantWarmUp:
    def __init__(self, db: Database, settings: Settings) -> None:
        self._db, self._settings = db, settings
        self.cancel = threading.Event()
        self.finished = threading.Event()
        self.outcome = "not started"  # then: building, warm, empty catalog, cancelled, failed
        self.seconds: float | None = None
        self._thread = threading.Thread(target=self._run, name="assistant-warm-up")

    def start(self) -> None:
        self.outcome = "building"
        self._thread.start()

    def _run(self) -> None:
        started = time.perf_counter()
        try:
            warm = warm_up_retriever(self._db, self._settings, self.cancel)
            self.outcome = "warm" if warm else "empty catalog"
        except BuildCancelled:
            self.outcome = "cancelled"
        except Exception:  # the first question builds it instead; the app runs on
            self.outcome = "failed"
            log.exception("warming the assistant's retrieval index failed")
        finally:
            self.seconds = time.perf_counter() - started
            self.finished.set()
        log.info("assistant warm-up: %s after %.1f s", self.outcome, self.seconds)

    def wait(self, timeout: float | None = None) -> bool:
        """True once the warm-up ended (whatever the outcome)."""
        return self.finished.wait(timeout)

    def stop(self) -> None:
        """Cancel a build in progress and wait for the thread (a chunk of passages at most)."""
        self.cancel.set()
        if self._thread.is_alive():
            self._thread.join()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()
