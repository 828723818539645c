"""The live host's voice: the persona's TTS for the market, one synthesis at a time, with a
cache of pre-rendered audio for what is said again and again (FAQ answers, acknowledgements,
the AI disclosure, live-state lines)."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path

from shopcast.markets.types import Market
from shopcast.persona.types import Persona
from shopcast.speech import registry as speech_registry
from shopcast.speech.types import Speech


class Speaker:
    def __init__(
        self, persona: Persona, market: Market, models_dir: Path, *, cache_size: int = 256
    ) -> None:
        choice = persona.markets[market.code]
        self.engine, self.voice, self.speed = (
            choice.voice.engine,
            choice.voice.voice,
            choice.voice.speed,
        )
        self.language = market.language
        self.models_dir = models_dir
        self._lock = threading.Lock()  # one synthesis at a time: the engines are not reentrant
        self._cache: OrderedDict[str, Speech] = OrderedDict()
        self._cache_size = cache_size
        self.hits = 0
        self.misses = 0
        self.seconds = 0.0  # total synthesis wall time

    @property
    def sample_rate(self) -> int:
        return self.say("ok").sample_rate

    def say(self, text: str, *, keep: bool = False) -> Speech:
        """Speech for ``text``; ``keep`` stores it in the cache (and a cached text is reused)."""
        key = text.strip()
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                self.hits += 1
                return cached
            t0 = time.perf_counter()
            speech = speech_registry.synthesize(
                key,
                engine=self.engine,
                voice=self.voice,
                language=self.language,
                speed=self.speed,
                models_dir=self.models_dir,
            )
            self.seconds += time.perf_counter() - t0
            self.misses += 1
            if keep:
                self._cache[key] = speech
                if len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
            return speech

    def prerender(self, texts: Iterable[str]) -> int:
        """Render ``texts`` into the cache ahead of time; returns how many were new."""
        new = 0
        for text in texts:
            if text.strip() and text.strip() not in self._cache:
                self.say(text, keep=True)
                new += 1
        return new

    def cached(self, text: str) -> bool:
        return text.strip() in self._cache
