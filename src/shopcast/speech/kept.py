"""Speech kept for the whole process: the fixed lines a show says in a persona's voice (the AI
disclosure, the acknowledgement's fixed words, the FAQ answers warmed at start) are voiced
once per process, not again when a show restarts or a second channel starts with the same
voice. Kept audio is read-only: whoever shapes it (a cut, a fade) works on a copy."""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path

from shopcast.speech.types import Speech

KEEP_SECONDS = 900.0  # of audio (~86 MB at 24 kHz float32), the least recently used go first

# (engine, voice, language, speed, models dir, text)
Key = tuple[str, str, str, float, str, str]


def speech_key(
    text: str, *, engine: str, voice: str, language: str, speed: float, models_dir: Path
) -> Key:
    return (engine, voice, language, float(speed), str(Path(models_dir).resolve()), text.strip())


class KeptSpeech:
    def __init__(self, max_seconds: float = KEEP_SECONDS) -> None:
        self.max_seconds = max_seconds
        self._lock = threading.Lock()
        self._items: OrderedDict[Key, Speech] = OrderedDict()
        self._seconds = 0.0

    def get(self, key: Key) -> Speech | None:
        with self._lock:
            speech = self._items.get(key)
            if speech is not None:
                self._items.move_to_end(key)
            return speech

    def put(self, key: Key, speech: Speech) -> None:
        """Keep ``speech`` (its samples become read-only), dropping the least recently used
        once more than ``max_seconds`` of audio is kept."""
        speech.samples.setflags(write=False)
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._seconds -= old.duration
            self._items[key] = speech
            self._seconds += speech.duration
            while self._seconds > self.max_seconds and len(self._items) > 1:
                _, dropped = self._items.popitem(last=False)
                self._seconds -= dropped.duration

    @property
    def seconds(self) -> float:
        with self._lock:
            return self._seconds

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)


_KEPT = KeptSpeech()


def kept_speech() -> KeptSpeech:
    """The process-wide store."""
    return _KEPT
