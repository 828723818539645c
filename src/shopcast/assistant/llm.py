"""One language model per process for the app: the assistant's answers and the live shows.

``shared_llm(settings)`` returns the same :class:`SharedLLM` for the same model settings, so the
API's assistant and every show the app runs use one model (the bundled GGUF takes ~1.9 GB and
~1 s to load). Nothing is loaded until the first ``complete``; one call decodes at a time (a
llama context cannot decode two prompts at once). A model that cannot be made (files missing,
llama-cpp-python absent, no server URL) turns into a :class:`ProviderError` on each call, which
the answer composer treats as "answer from the templates", and is tried again after
``RETRY_LOAD_S``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from shopcast.config import Settings
from shopcast.errors import ProviderError, ShopcastError
from shopcast.writing.llm import get_llm
from shopcast.writing.llm.base import (
    ALL_SCRIPT_LANGUAGES,
    BUNDLED_SCRIPT_LANGUAGES,
    LLM,
    Message,
)

RETRY_LOAD_S = 60.0

_SHARED: dict[tuple[object, ...], SharedLLM] = {}
_SHARED_LOCK = threading.Lock()


class SharedLLM:
    """An :class:`~shopcast.writing.llm.base.LLM` made by ``factory`` on first use, safe to
    call from many threads (calls are serialised)."""

    def __init__(
        self,
        factory: Callable[[], LLM],
        *,
        clock: Callable[[], float] = time.monotonic,
        script_languages: frozenset[str] = BUNDLED_SCRIPT_LANGUAGES,
    ):
        self._factory = factory
        self.script_languages = script_languages
        self.rewrites = script_languages != BUNDLED_SCRIPT_LANGUAGES
        self._clock = clock
        self._model: LLM | None = None
        self._failure: tuple[float, ShopcastError] | None = None
        self._load_lock = threading.Lock()
        self._call_lock = threading.Lock()

    @property
    def name(self) -> str:
        return self._model.name if self._model is not None else "shared:not-loaded"

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def model(self) -> LLM:
        """The model, made now if it is not yet; raises :class:`ProviderError` if it cannot be."""
        if self._model is not None:
            return self._model
        with self._load_lock:
            if self._model is not None:
                return self._model
            if self._failure is not None and self._clock() - self._failure[0] < RETRY_LOAD_S:
                raise _unavailable(self._failure[1])
            try:
                made = self._factory()
                load = getattr(made, "load", None)  # the bundled model loads eagerly here
                if callable(load):
                    load()
            except ShopcastError as exc:
                self._failure = (self._clock(), exc)
                raise _unavailable(exc) from exc
            self._model, self._failure = made, None
            return made

    def complete(
        self,
        messages: list[Message],
        *,
        max_tokens: int,
        temperature: float = 0.7,
        seed: int | None = None,
        json_schema: dict | None = None,
        timeout_s: float | None = None,
    ) -> str:
        model = self.model()
        with self._call_lock:
            return model.complete(
                messages,
                max_tokens=max_tokens,
                temperature=temperature,
                seed=seed,
                json_schema=json_schema,
                timeout_s=timeout_s,
            )


def _unavailable(cause: ShopcastError) -> ProviderError:
    return ProviderError(f"the language model is unavailable: {cause.message}", hint=cause.hint)


def shared_llm(settings: Settings) -> SharedLLM:
    """The process's model for these settings (made on first use, shared by every caller)."""
    key = (
        settings.llm_provider,
        settings.llm_base_url,
        settings.llm_model,
        str(settings.models_dir),
        settings.llm_threads,
    )
    with _SHARED_LOCK:
        found = _SHARED.get(key)
        if found is None:
            languages = (
                ALL_SCRIPT_LANGUAGES
                if settings.llm_provider == "openai"
                else BUNDLED_SCRIPT_LANGUAGES
            )
            found = _SHARED[key] = SharedLLM(lambda: get_llm(settings), script_languages=languages)
        return found
