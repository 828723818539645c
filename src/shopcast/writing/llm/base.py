"""The one interface every language-model provider implements."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

Message = dict[str, str]  # {"role": "system" | "user" | "assistant", "content": "..."}


@runtime_checkable
class LLM(Protocol):
    """A chat model. ``complete`` returns the assistant's text.

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
    ) -> str: ...
