"""The one interface every language-model provider implements."""

from __future__ import annotations

import threading
from typing import Protocol, runtime_checkable

Message = dict[str, str]  # {"role": "system" | "user" | "assistant", "content": "..."}

# The languages a provider writes sales scripts in well enough to try (the composer writes the
# others): the bundled 1.5B model wrote Korean in 1 of 9 scripts and invented facts in Japanese
# (/work/shared/docs/models.md); a bigger model behind an OpenAI-compatible server writes all.
BUNDLED_SCRIPT_LANGUAGES = frozenset({"en", "es", "pt", "fr", "it", "zh"})
ALL_SCRIPT_LANGUAGES = frozenset({"en", "es", "pt", "fr", "it", "zh", "ko", "ja", "hi", "id"})


@runtime_checkable
class LLM(Protocol):
    """A chat model. ``complete`` returns the assistant's text.

    ``timeout_s`` bounds the call: a provider stops generating when it runs out (returning what
    it has, which may be cut short) or raises a retryable ``ProviderError``.

    With ``json_schema`` the provider constrains (or at least asks for) JSON matching the schema.
    Failures raise :class:`shopcast.errors.ProviderError` with ``retryable`` set when trying again
    may help (time-outs, overload, a 5xx), and unset for configuration errors.
    """

    name: str

    def complete(
        self,
        messages: list[Message],
        *,
        max_tokens: int,
        temperature: float = 0.7,
        seed: int | None = None,
        json_schema: dict | None = None,
        timeout_s: float | None = None,
    ) -> str: ...


def with_cancel(llm: LLM, cancel: threading.Event) -> LLM:
    """``llm`` for a caller that may have to stop it part way (a live show that is stopping):
    once ``cancel`` is set its calls stop generating and raise a ``ProviderError``. Providers
    offer this with a ``with_cancel(event)`` method (the bundled model stops at the next token
    and gives up waiting for the model's lock); one without it is returned as it is, bounded
    only by the ``timeout_s`` of each call."""
    bind = getattr(llm, "with_cancel", None)
    return bind(cancel) if callable(bind) else llm
