"""Script writers the studio offers: ``templates`` (composed from the catalog's words, instant,
no model) and ``llm`` (the configured language model through ``writing.generator``; it composes
the beats and languages the model does not write)."""

from __future__ import annotations

import threading
from typing import Literal

from shopcast.catalog.models import Product
from shopcast.config import Settings
from shopcast.errors import InvalidInputError, ShopcastError
from shopcast.markets.types import Market
from shopcast.persona.types import Persona
from shopcast.writing import prompts
from shopcast.writing.generator import MAX_LENGTH_S, MAX_VARIANTS, MIN_LENGTH_S, write_scripts
from shopcast.writing.llm.base import LLM
from shopcast.writing.script import BeatKind, Script

WriterName = Literal["templates", "llm"]
WRITERS: tuple[WriterName, ...] = ("templates", "llm")
# Which beats a short template script keeps first: open, price, ask; then explain.
TEMPLATE_PRIORITY: tuple[BeatKind, ...] = ("hook", "offer", "cta", "demo", "proof")
LENGTH_SLACK = 1.3


def template_variants(
    product: Product,
    persona: Persona,
    market: Market,
    *,
    length_s: float,
    variants: int,
    brief: str | None,
) -> list[Script]:
    """``variants`` scripts composed from the catalog's own words in the market's language
    (``writing.composer``: per-language sentence patterns with their grammar), each with its
    own angle; instant, no model. The brief picks the angle and the points it ranks first."""
    return write_scripts(
        product,
        persona,
        market,
        length_s=length_s,
        brief=brief,
        variants=variants,
        llm=None,
        embedder=brief_embedder(),
    )


def brief_embedder() -> object | None:
    """The shared e5 embedder, to rank selling points by the brief (None if it is missing)."""
    try:
        from shopcast.assistant.retrieval.embedder import shared_embedder

        return shared_embedder()
    except ShopcastError:
        return None


class ScriptWriter:
    """Writes variants with the chosen writer; the language model is loaded once, on first
    use, and used by one request at a time."""

    def __init__(self, settings: Settings, llm: LLM | None = None) -> None:
        self.settings = settings
        self._llm = llm
        self._lock = threading.Lock()

    def write(
        self,
        writer: WriterName,
        product: Product,
        persona: Persona,
        market: Market,
        *,
        length_s: float,
        variants: int,
        brief: str | None,
        seed: int = 0,
    ) -> list[Script]:
        if writer not in WRITERS:
            raise InvalidInputError(f"field 'writer': use one of {', '.join(WRITERS)}")
        if not MIN_LENGTH_S <= length_s <= MAX_LENGTH_S:
            raise InvalidInputError(
                f"field 'length_s': {length_s:g} s is out of range; "
                f"use {MIN_LENGTH_S:g}–{MAX_LENGTH_S:g} s"
            )
        if not 1 <= variants <= MAX_VARIANTS:
            raise InvalidInputError(f"field 'variants': use 1–{MAX_VARIANTS}, got {variants}")
        clean = prompts.clean_brief(brief)
        if writer == "templates":
            return template_variants(
                product, persona, market, length_s=length_s, variants=variants, brief=clean
            )
        with self._lock:
            return write_scripts(
                product,
                persona,
                market,
                length_s=length_s,
                brief=clean,
                variants=variants,
                llm=self._model(),
                seed=seed,
                embedder=brief_embedder(),
            )

    def _model(self) -> LLM:
        if self._llm is None:
            from shopcast.writing.llm import get_llm

            self._llm = get_llm(self.settings)
        return self._llm
