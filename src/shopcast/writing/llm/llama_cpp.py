"""The bundled GGUF model, run in-process through llama-cpp-python.

The model is loaded once per process (per path and thread count) and cached; loading takes
~1 s and ~1.9 GB of memory. JSON-schema output is enforced with llama.cpp's grammar sampler
(``response_format={"type": "json_object", "schema": ...}``).
"""

from __future__ import annotations

import atexit
import threading
import time
from pathlib import Path
from typing import Any

from shopcast.errors import ModelMissingError, ProviderError
from shopcast.writing.llm.base import BUNDLED_SCRIPT_LANGUAGES, Message

DEFAULT_CONTEXT = 2048
LOCK_POLL_S = 0.1  # how often a caller waiting for the model checks that it is still wanted
_CACHE: dict[tuple[str, int, int], Any] = {}
_CACHE_LOCK = threading.Lock()
# One lock per loaded model: a llama context cannot decode two prompts at once, and every
# LlamaCppLLM wrapper for the same file shares the same cached model (live show, assistant,
# studio writers in one process).
_MODEL_LOCKS: dict[tuple[str, int, int], threading.Lock] = {}


def _model_lock(key: tuple[str, int, int]) -> threading.Lock:
    with _CACHE_LOCK:
        return _MODEL_LOCKS.setdefault(key, threading.Lock())


# Set at interpreter exit: every generation in progress stops at its next token.
_EXITING = threading.Event()
CLOSE_WAIT_S = 2.0  # at exit, how long to wait for a generation to stop before leaving it


@atexit.register
def _close_all() -> None:
    """Free the models while the interpreter is still whole (llama-cpp-python's own
    ``__del__`` at shutdown otherwise prints a traceback). A model still decoding (a daemon
    thread in a prompt) is left to the process's end rather than freed under it."""
    _EXITING.set()
    with _CACHE_LOCK:
        for key, llm in _CACHE.items():
            lock = _MODEL_LOCKS.get(key)
            if lock is not None and not lock.acquire(timeout=CLOSE_WAIT_S):
                continue
            try:
                llm.close()
            finally:
                if lock is not None:
                    lock.release()
        _CACHE.clear()


def _load(model_path: Path, n_threads: int, n_ctx: int) -> Any:
    key = (str(model_path), n_threads, n_ctx)
    with _CACHE_LOCK:
        if key in _CACHE:
            return _CACHE[key]
        try:
            from llama_cpp import Llama
        except ImportError as exc:
            raise ProviderError(
                "llama-cpp-python is not installed, so the bundled model cannot run",
                hint="pip install llama-cpp-python==0.3.36, or set SHOPCAST_LLM_PROVIDER=openai",
            ) from exc
        if not model_path.is_file():
            raise ModelMissingError(
                f"LLM file {model_path} is missing", hint="run `shopcast models install`"
            )
        try:
            llm = Llama(
                model_path=str(model_path),
                n_threads=n_threads,
                n_threads_batch=n_threads,
                n_ctx=n_ctx,
                verbose=False,
            )
        except (ValueError, RuntimeError) as exc:
            raise ProviderError(f"could not load the LLM {model_path}: {exc}") from exc
        _CACHE[key] = llm
        return llm


class LlamaCppLLM:
    """A :class:`~shopcast.writing.llm.base.LLM` backed by the bundled GGUF."""

    def __init__(
        self,
        model_path: Path,
        *,
        n_threads: int = 2,
        n_ctx: int = DEFAULT_CONTEXT,
        cancel: threading.Event | None = None,
    ):
        self.model_path = Path(model_path)
        self.n_threads = n_threads
        self.n_ctx = n_ctx
        self.name = f"llama-cpp:{self.model_path.name}"
        self.script_languages = BUNDLED_SCRIPT_LANGUAGES
        # Told what was wrong with a line, the 1.5B model mostly writes it again (measured):
        # failing lines go straight to the composer.
        self.rewrites = False
        self._lock = _model_lock((str(self.model_path), n_threads, n_ctx))
        self.cancel = cancel  # once set, calls stop at the next token (``with_cancel``)

    def with_cancel(self, cancel: threading.Event) -> LlamaCppLLM:
        """The same model (shared, loaded once) for a caller that may stop it part way:
        once ``cancel`` is set a call gives up waiting for the model, or stops decoding at the
        next token, and raises ``ProviderError``."""
        return LlamaCppLLM(
            self.model_path, n_threads=self.n_threads, n_ctx=self.n_ctx, cancel=cancel
        )

    def _cancelled(self) -> bool:
        return _EXITING.is_set() or (self.cancel is not None and self.cancel.is_set())

    def _stopped(self) -> ProviderError:
        return ProviderError("the bundled LLM was stopped part way (its caller is stopping)")

    def load(self) -> None:
        """Load the model now (otherwise the first ``complete`` does)."""
        _load(self.model_path, self.n_threads, self.n_ctx)

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
        """The reply; with ``timeout_s`` generation stops when the time is up (waiting for
        the model counts) and the text so far is returned (a JSON reply may be cut short)."""
        started = time.monotonic()
        llm = _load(self.model_path, self.n_threads, self.n_ctx)
        kwargs: dict[str, Any] = {
            "messages": messages,
            "max_tokens": max_tokens,
            "temperature": temperature,
            "stream": True,
        }
        if seed is not None:
            kwargs["seed"] = seed
        if json_schema is not None:
            kwargs["response_format"] = {"type": "json_object", "schema": json_schema}
        deadline = None if timeout_s is None else started + max(0.0, timeout_s)
        # wait for the model (another caller may be generating), giving up when cancelled
        while not self._lock.acquire(timeout=LOCK_POLL_S):
            if self._cancelled():
                raise self._stopped()
            if deadline is not None and time.monotonic() >= deadline:
                raise ProviderError("the bundled LLM had no time left", retryable=True)
        try:
            if deadline is not None and time.monotonic() >= deadline:
                raise ProviderError("the bundled LLM had no time left", retryable=True)
            if self._cancelled():
                raise self._stopped()
            parts: list[str] = []
            try:
                stream = llm.create_chat_completion(**kwargs)
                for chunk in stream:
                    delta = chunk["choices"][0].get("delta", {})
                    parts.append(delta.get("content") or "")
                    if self._cancelled():
                        stream.close()  # stops decoding; the context is reset by the next call
                        raise self._stopped()
                    if deadline is not None and time.monotonic() >= deadline:
                        stream.close()
                        break
            except ValueError as exc:  # e.g. prompt longer than the context window
                raise ProviderError(f"the bundled LLM rejected the request: {exc}") from exc
            except RuntimeError as exc:
                raise ProviderError(f"the bundled LLM failed: {exc}", retryable=True) from exc
            except (KeyError, IndexError, TypeError) as exc:
                raise ProviderError(f"the bundled LLM returned an odd chunk: {exc}") from exc
        finally:
            self._lock.release()
        return "".join(parts)
