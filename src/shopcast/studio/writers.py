"""Script writers the studio offers: ``templates`` (catalog lines only, instant, grounded by
construction) and ``llm`` (the configured language model through ``writing.generator``)."""

from __future__ import annotations

import threading
from typing import Literal

from shopcast.catalog.models import Product
from shopcast.config import Settings
from shopcast.errors import GroundingError, InvalidInputError
from shopcast.markets.types import Market
from shopcast.persona.types import Persona
from shopcast.writing import prompts
from shopcast.writing.facts import build_facts
from shopcast.writing.generator import MAX_LENGTH_S, MAX_VARIANTS, MIN_LENGTH_S, write_scripts
from shopcast.writing.grounding import check_with_facts
from shopcast.writing.llm.base import LLM
from shopcast.writing.policy import load_policy
from shopcast.writing.script import BEAT_ORDER, Beat, BeatKind, Script
from shopcast.writing.templates import template_lines

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
    """``variants`` scripts built only from the catalog templates: each variant prefers a
    different template per beat; beats are kept by priority while they fit ``length_s``."""
    facts, policy = build_facts(product, market), load_policy(market.code)
    scripts = []
    for n in range(variants):
        lines: dict[BeatKind, str] = {}
        for kind in BEAT_ORDER:
            for line in template_lines(kind, product, market, variant=n):
                if not check_with_facts(line, facts, policy):
                    lines[kind] = line
                    break
        if not lines:
            raise GroundingError(
                f"no catalog template fits {product.sku!r} in {market.code}",
                hint="add selling points and a price for this market's currency to the catalog",
            )
        kept: list[Beat] = []
        total = 0.0
        for kind in TEMPLATE_PRIORITY:
            if kind not in lines:
                continue
            beat = Beat.make(kind, lines[kind], market.language)
            if kept and total + beat.est_seconds > length_s * LENGTH_SLACK:
                continue
            kept.append(beat)
            total += beat.est_seconds
        kept.sort(key=lambda b: BEAT_ORDER.index(b.kind))
        scripts.append(
            Script(
                product_sku=product.sku,
                persona=persona.name,
                market=market.code,
                language=market.language,
                length_target_s=length_s,
                beats=kept,
                variant=n,
                brief=brief,
                checks=["written from catalog templates (the brief is kept, not phrased)"]
                if brief
                else ["written from catalog templates"],
            )
        )
    return scripts


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
            )

    def _model(self) -> LLM:
        if self._llm is None:
            from shopcast.writing.llm import get_llm

            self._llm = get_llm(self.settings)
        return self._llm
