"""Error types shared by every room of shopcast.

Each error carries a message a person can act on and, where there is one, a hint with the
command or change that fixes it. The CLI prints both; the API returns both.
"""

from __future__ import annotations


class ShopcastError(Exception):
    """Base class: a failure a user can understand and act on."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\nHint: {self.hint}"


class NotFoundError(ShopcastError):
    """A product, persona, market, voice or file that does not exist."""


class InvalidInputError(ShopcastError):
    """Input that cannot be used as given (bad row, bad YAML, unsupported language...)."""


class ModelMissingError(ShopcastError):
    """A bundled model is absent or fails its checksum: setup must be re-run."""


class GroundingError(ShopcastError):
    """Generated text could not be made to agree with the catalog and the market's rules."""


class ProviderError(ShopcastError):
    """An engine (LLM, TTS) failed. ``retryable`` says whether trying again may help."""

    def __init__(self, message: str, *, retryable: bool = False, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.retryable = retryable


class OutputError(ShopcastError):
    """Output could not be written (disk full, unwritable path); partial files are removed."""


class ConsentError(ShopcastError):
    """A persona that uses a real person's likeness or voice lacks a valid consent record
    (missing, expired, revoked, wrong market or scope): nothing is rendered or streamed."""
