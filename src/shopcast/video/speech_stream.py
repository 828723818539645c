"""Speak lines in order on a background thread, handing each speech over as soon as it is done.

The video job renders and encodes the beats already spoken while the next one is synthesized
(the TTS model runs without the GIL), instead of waiting for the whole script's audio.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Sequence

from shopcast.speech.types import Speech

Speak = Callable[[str], Speech]


class SpeechStream:
    """``next()`` returns the speech of each line in order; an error raised by ``speak`` is
    raised by the ``next()`` that would have returned that line. Use as a context manager (or
    call ``close``) so an abandoned stream stops after the line it is speaking."""

    def __init__(self, lines: Sequence[str], speak: Speak) -> None:
        self._lines = list(lines)
        self._speak = speak
        self._results: queue.Queue[tuple[Speech | None, BaseException | None]] = queue.Queue()
        self._stop = threading.Event()
        self._taken = 0
        self._thread = threading.Thread(target=self._run, name="speech-stream", daemon=True)
        self._thread.start()

    def __enter__(self) -> SpeechStream:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __len__(self) -> int:
        return len(self._lines)

    def _run(self) -> None:
        for line in self._lines:
            if self._stop.is_set():
                return
            try:
                speech = self._speak(line)
            except BaseException as exc:  # handed to the consumer, which raises it
                self._results.put((None, exc))
                return
            self._results.put((speech, None))

    def next(self) -> Speech:
        """The next line's speech (blocks until it is synthesized)."""
        if self._taken >= len(self._lines):
            raise IndexError("every line of the stream was already taken")
        speech, error = self._results.get()
        if error is not None:
            self._taken = len(self._lines)
            raise error
        assert speech is not None
        self._taken += 1
        return speech

    def close(self) -> None:
        """Stop after the line being spoken and wait for the thread."""
        self._stop.set()
        self._thread.join()
