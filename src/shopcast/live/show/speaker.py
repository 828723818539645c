"""The live host's voice: the persona's TTS for the market, with a cache of pre-rendered
audio for what is said again and again (FAQ answers, acknowledgements, the AI disclosure,
live-state lines).

Two kinds of callers share the engine. The chat's acknowledgements and answers are urgent: a
viewer is waiting. The rundown's lines and the cache warming are voiced ahead, in the
background. An urgent text never waits for a background one: it is synthesised beside it
(Kokoro runs its network outside its own lock; Piper and espeak-ng serialise inside). A
background text is synthesised phrase by phrase and starts no phrase while an urgent text is
being synthesised or waits. So at most two syntheses run at once, and an acknowledgement
costs its own synthesis, slowed by the one beside it, instead of waiting out a 5–8 s deal
line (measured in docs/benchmarks.md)."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from shopcast.live.show.phrasing import phrases
from shopcast.markets.types import Market
from shopcast.persona.types import Persona
from shopcast.speech import registry as speech_registry
from shopcast.speech.disk_cache import SpeechDiskCache
from shopcast.speech.joined import join_speech
from shopcast.speech.kept import Key, kept_speech, speech_key
from shopcast.speech.types import Speech

SLOW_S = 1.0  # a synthesis this long is recorded (what an urgent text may have waited for)


class Speaker:
    def __init__(
        self,
        persona: Persona,
        market: Market,
        models_dir: Path,
        *,
        cache_size: int = 256,
        disk: SpeechDiskCache | None = None,
    ) -> None:
        """``disk``: speech kept across loops, restarts and shows (``speech.disk_cache``);
        everything voiced is kept there, and looked up before synthesising."""
        self.disk = disk
        choice = persona.markets[market.code]
        self.engine, self.voice, self.speed = (
            choice.voice.engine,
            choice.voice.voice,
            choice.voice.speed,
        )
        self.language = market.language
        self.models_dir = models_dir
        # what makes the sound: passed to the engine, and the key of kept fixed lines
        self._voice_args = {
            "engine": self.engine,
            "voice": self.voice,
            "language": self.language,
            "speed": self.speed,
            "models_dir": self.models_dir,
        }
        # one urgent and one background synthesis at most (two share 2 cores with the frame
        # loop); a background phrase starts only while no urgent text is being voiced or waits
        self._turn = threading.Condition()
        self._urgent_busy = False
        self._background_busy = False
        self._urgent_waiting = 0
        self._cache: OrderedDict[str, Speech] = OrderedDict()
        self._cache_size = cache_size
        self.hits = 0
        self.misses = 0
        self.seconds = 0.0  # total synthesis wall time
        self.yielded = 0  # background pieces that let an urgent text go first
        # syntheses that held the engine for SLOW_S or more: (seconds, background, text)
        self.slow: deque[tuple[float, bool, str]] = deque(maxlen=20)

    def say(
        self, text: str, *, keep: bool = False, background: bool = False, fixed: bool = False
    ) -> Speech:
        """Speech for ``text``; ``keep`` stores it in the cache (and a cached text is reused).
        ``background``: voiced ahead (rundown lines, cache warming), phrase by phrase, giving
        way to urgent texts between phrases; otherwise urgent (a viewer waits). ``fixed``: a
        line every show in this voice says (the disclosure, the acknowledgement's words, FAQ
        answers), kept for the whole process (``speech.kept``) so a restarted show or a second
        channel does not voice it again."""
        key = text.strip()
        cached = self._cached(key)
        if cached is not None:
            return cached
        voice_key = self._shared_key(key) if fixed or self.disk is not None else None
        shared = voice_key if fixed else None
        if shared is not None and (speech := kept_speech().get(shared)) is not None:
            self._keep(key, speech, hit=True)
            return speech
        disk = self.disk
        if disk is not None and voice_key is not None and (speech := disk.get(voice_key)):
            if shared is not None:
                kept_speech().put(shared, speech)
            if keep or fixed:
                self._keep(key, speech, hit=True)
            return speech
        pieces = phrases(key) if background else [key]
        parts: list[Speech] = []
        took = 0.0
        for piece in pieces or [key]:
            with self._engine(urgent=not background):
                t0 = time.perf_counter()
                parts.append(speech_registry.synthesize(piece, **self._voice_args))
                piece_s = time.perf_counter() - t0
            took += piece_s
            if piece_s >= SLOW_S:
                self.slow.append((piece_s, background, piece))
        speech = parts[0] if len(parts) == 1 else join_speech(parts, key)
        if shared is not None:
            kept_speech().put(shared, speech)
        if disk is not None and voice_key is not None:
            disk.put(voice_key, speech)
        with self._turn:
            self.seconds += took  # (an urgent and a background one may overlap)
            self.misses += 1
        if keep or fixed:
            self._keep(key, speech)
        return speech

    def _keep(self, key: str, speech: Speech, *, hit: bool = False) -> None:
        with self._turn:
            self.hits += hit
            self._cache[key] = speech
            self._cache.move_to_end(key)
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)

    def _shared_key(self, text: str) -> Key:
        return speech_key(text, **self._voice_args)

    def _cached(self, key: str) -> Speech | None:
        with self._turn:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                self.hits += 1
            return cached

    @contextmanager
    def _engine(self, *, urgent: bool) -> Iterator[None]:
        """A turn at the engine: an urgent caller waits only for another urgent one; a
        background caller also waits while an urgent one is being voiced or waiting."""
        with self._turn:
            if urgent:
                self._urgent_waiting += 1
                try:
                    self._turn.wait_for(lambda: not self._urgent_busy)
                finally:
                    self._urgent_waiting -= 1
                self._urgent_busy = True
            else:
                if self._urgent_busy or self._urgent_waiting:
                    self.yielded += 1
                self._turn.wait_for(
                    lambda: not (self._background_busy or self._urgent_busy or self._urgent_waiting)
                )
                self._background_busy = True
        try:
            yield
        finally:
            with self._turn:
                if urgent:
                    self._urgent_busy = False
                else:
                    self._background_busy = False
                self._turn.notify_all()

    @property
    def busy(self) -> bool:
        """Whether a synthesis is running."""
        return self._urgent_busy or self._background_busy

    def prerender(self, texts: Iterable[str]) -> int:
        """Render ``texts`` into the cache ahead of time (in the background, as fixed lines:
        kept for the process); returns how many were not in this show's cache."""
        new = 0
        for text in texts:
            if text.strip() and not self.cached(text):
                self.say(text, background=True, fixed=True)
                new += 1
        return new

    def cached(self, text: str) -> bool:
        """Whether ``text`` is voiced already (in this show, or kept on disk)."""
        with self._turn:
            if text.strip() in self._cache:
                return True
        return self.disk is not None and self.disk.contains(self._shared_key(text.strip()))
