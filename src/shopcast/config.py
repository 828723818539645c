"""Typed settings, read from the environment (``SHOPCAST_*``) and injected where needed."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Where shopcast keeps its state and which engines it uses.

    All state lives under ``home`` (``SHOPCAST_HOME``, default ``~/.shopcast``), so two
    installations or test runs never collide. Models live under ``models_dir``
    (``SHOPCAST_MODELS``, default ``<home>/models``).
    """

    model_config = SettingsConfigDict(env_prefix="SHOPCAST_", extra="ignore")

    home: Path = Field(default_factory=lambda: Path.home() / ".shopcast")
    database_url: str | None = None
    models: Path | None = None

    # Writing: "llama-cpp" (the bundled GGUF) or "openai" (any OpenAI-compatible server).
    llm_provider: str = "llama-cpp"
    llm_base_url: str | None = None
    llm_api_key: str | None = None
    llm_model: str | None = None
    llm_threads: int = 2

    # HTTP API: a bootstrap key with the owner role, for automation before any account exists
    # (unset: only accounts and API keys; docs/accounts.md). Sent as X-Shopcast-Key or Bearer.
    api_key: str | None = None

    # Catalog import: fetch product pictures given as URLs (Shopify's Image Src). Off: every URL
    # image is reported per product and the product imports without it.
    fetch_images: bool = True

    # Browser libraries (hls.js) for the watch page; default: the repository's node_modules.
    node_modules: Path | None = None

    @field_validator("home", "models", "node_modules", mode="after")
    @classmethod
    def _expand(cls, value: Path | None) -> Path | None:
        return value.expanduser().resolve() if value is not None else None

    @field_validator("llm_provider")
    @classmethod
    def _known_provider(cls, value: str) -> str:
        if value not in {"llama-cpp", "openai"}:
            raise ValueError("SHOPCAST_LLM_PROVIDER must be 'llama-cpp' or 'openai'")
        return value

    @cached_property
    def models_dir(self) -> Path:
        """Where the bundled models are: the one location setup assembles them in
        (``shopcast models install``), the CLI and server load them from, and the tests use."""
        return self.models or self.home / "models"

    @property
    def models_dir_source(self) -> str:
        """Why ``models_dir`` is where it is, for ``shopcast doctor``."""
        if self.models is not None:
            return "SHOPCAST_MODELS"
        if "home" in self.model_fields_set:
            return "$SHOPCAST_HOME/models"
        return "the default, ~/.shopcast/models (neither SHOPCAST_MODELS nor SHOPCAST_HOME set)"

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.home / 'shopcast.db'}"

    @property
    def media_dir(self) -> Path:
        """Catalog images and other media the data directory owns."""
        return self.home / "media"

    @property
    def image_cache_dir(self) -> Path:
        """Product pictures fetched from URLs, by URL (a second import fetches nothing)."""
        return self.home / "cache" / "images"

    @property
    def speech_cache_dir(self) -> Path:
        """Speech a voice has said once, kept for the next time (``speech.disk_cache``)."""
        return self.home / "cache" / "speech"

    def ensure_dirs(self) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        self.media_dir.mkdir(parents=True, exist_ok=True)


def load_settings() -> Settings:
    return Settings()
