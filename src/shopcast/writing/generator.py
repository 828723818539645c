"""Briefs → grounded sales scripts.

The LLM drafts five beats (hook, demo, proof, offer, cta) from the catalog facts and the
persona. Every beat is checked against the catalog and the market's policy; failing beats are
rewritten by the LLM (bounded rounds) and otherwise replaced by a template line built only
from catalog facts, or dropped. Nothing is returned unchecked; ``Script.checks`` logs what
happened to each beat.
"""

from __future__ import annotations

import json
import logging
import re

from shopcast.catalog.models import Product
from shopcast.errors import GroundingError, InvalidInputError, ProviderError
from shopcast.markets.types import Market
from shopcast.persona.types import Persona
from shopcast.writing import prompts
from shopcast.writing.facts import CatalogFacts, build_facts
from shopcast.writing.grounding import Violation, check_with_facts
from shopcast.writing.llm.base import LLM
from shopcast.writing.policy import ClaimsPolicy, load_policy
from shopcast.writing.script import (
    BEAT_ORDER,
    CHARS_PER_SECOND,
    WORDS_PER_SECOND,
    Beat,
    BeatKind,
    Script,
    base_language,
)
from shopcast.writing.templates import template_lines
from shopcast.writing.tidy import in_language, tidy_line

log = logging.getLogger(__name__)

MAX_VARIANTS = 5
FIX_ROUNDS = 1  # LLM rewrite rounds for failing beats before falling back to templates
MAX_REWRITES = 2  # beats per round the LLM may rewrite (time budget); others use templates
MIN_LENGTH_S, MAX_LENGTH_S = 5.0, 180.0


def _schema(n: int) -> dict:
    # No minLength/maxLength: llama.cpp expands them into a grammar so large that sampling
    # slows down ~10x; max_tokens bounds the reply instead.
    line = {"type": "string"}
    return {
        "type": "object",
        "properties": {"b": {"type": "array", "items": line, "minItems": n, "maxItems": n}},
        "required": ["b"],
    }


# Share of the script's length per beat (sums to 1); a beat may run 40% over its share.
BEAT_SHARE = {"hook": 0.15, "demo": 0.3, "proof": 0.2, "offer": 0.15, "cta": 0.2}
BEAT_SLACK = 1.4


def _named_schema() -> dict:
    return {
        "type": "object",
        "properties": {kind: {"type": "string"} for kind in BEAT_ORDER},
        "required": list(BEAT_ORDER),
    }


def _parse_named(raw: str) -> dict[int, str]:
    """Beat index → line from the model's ``{"hook": ..., ...}`` reply; tolerant of a
    truncated reply (the beats that came through are kept)."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        data = dict(re.findall(r'"(\w+)"\s*:\s*"((?:[^"\\]|\\.)*)"', raw))
    if not isinstance(data, dict):
        return {}
    return {
        i: str(data[kind]).strip()
        for i, kind in enumerate(BEAT_ORDER)
        if isinstance(data.get(kind), str) and str(data[kind]).strip()
    }


def _budget(length_s: float, language: str) -> tuple[str, int]:
    """(size hint for the prompt, max tokens for the reply)."""
    lang = base_language(language)
    if lang in CHARS_PER_SECOND:
        unit, total = "characters", int(length_s * CHARS_PER_SECOND[lang])
        tokens = int(total * 1.3) + 90
    else:
        unit, total = "words", int(length_s * WORDS_PER_SECOND.get(lang, 2.6))
        tokens = int(total * 2.0) + 90
    # Per-beat limits keep a small model from spending the whole budget on the hook (a reply
    # cut off by max_tokens loses its last beats).
    limits = ", ".join(f"{k} ≤ {max(3, round(total * BEAT_SHARE[k]))}" for k in BEAT_ORDER)
    return f"About {total} {unit} in total ({limits} {unit})", tokens


def _parse_lines(raw: str, n: int) -> list[str]:
    """The ``b`` list from the model's JSON; tolerant of a truncated reply."""
    try:
        data = json.loads(raw)
        items = data.get("b", []) if isinstance(data, dict) else []
    except json.JSONDecodeError:
        items = re.findall(r'"((?:[^"\\]|\\.){2,})"', raw.split("[", 1)[-1])
    lines = [str(x).strip() for x in items if isinstance(x, str) and str(x).strip()]
    return lines[:n]


def _complete(llm: LLM, messages: list[dict[str, str]], **kwargs: object) -> str:
    try:
        return llm.complete(messages, **kwargs)  # type: ignore[arg-type]
    except ProviderError as exc:
        if not exc.retryable:
            raise
        log.warning("LLM call failed (%s); retrying once", exc)
        return llm.complete(messages, **kwargs)  # type: ignore[arg-type]


class _Writer:
    """One script: draft, check, fix, fall back."""

    def __init__(
        self,
        product: Product,
        persona: Persona,
        market: Market,
        llm: LLM,
        facts: CatalogFacts,
        policy: ClaimsPolicy,
        brief: str | None,
        length_s: float,
    ):
        self.product, self.persona, self.market, self.llm = product, persona, market, llm
        self.facts, self.policy, self.brief, self.length_s = facts, policy, brief, length_s
        self.system = {"role": "system", "content": prompts.system_message(persona, market)}

    def check(self, text: str, *, language: bool = True) -> list[Violation]:
        """Grounding and policy problems of a line; ``language`` also checks it is written in
        the market's language (template lines are, by construction, with the seller's own
        words for the facts they quote)."""
        problems = check_with_facts(text, self.facts, self.policy)
        if language and not in_language(text, self.market.language):
            problems.append(Violation("language", f"not written in {self.market.language}"))
        return problems

    def draft(self, variant: int, seed: int) -> dict[int, str]:
        hint, max_tokens = _budget(self.length_s, self.market.language)
        angle = prompts.ANGLES[variant % len(prompts.ANGLES)]
        user = prompts.script_request(
            self.product, self.market, brief=self.brief, size_hint=hint, angle=angle
        )
        raw = _complete(
            self.llm,
            [self.system, {"role": "user", "content": user}],
            max_tokens=max_tokens,
            temperature=0.7,
            seed=seed,
            json_schema=_named_schema(),
        )
        return self.tidy(_parse_named(raw))

    def tidy(self, lines: dict[int, str]) -> dict[int, str]:
        said: set[str] = set()
        out = {}
        for i in sorted(lines):
            budget = self.length_s * BEAT_SHARE[BEAT_ORDER[i]] * BEAT_SLACK
            text = tidy_line(
                lines[i],
                language=self.market.language,
                budget_s=budget,
                said=said,
                brief=self.brief,
            )
            if text:
                out[i] = text
        return out

    def rewrite(self, failing: list[tuple[str, str, list[Violation]]], seed: int) -> list[str]:
        problems = [(k, t, "; ".join(str(v) for v in vs)[:300]) for k, t, vs in failing]
        user = prompts.fix_request(self.product, self.market, problems)
        raw = _complete(
            self.llm,
            [self.system, {"role": "user", "content": user}],
            max_tokens=40 + 50 * len(failing),
            temperature=0.5,
            seed=seed,
            json_schema=_schema(len(failing)),
        )
        return _parse_lines(raw, len(failing))

    def fallback(self, kind: str, variant: int) -> str | None:
        for line in template_lines(kind, self.product, self.market, variant=variant):
            if not self.check(line, language=False):
                return line
        return None

    def write(self, variant: int, seed: int) -> tuple[list[tuple[BeatKind, str]], list[str]]:
        checks: list[str] = []
        texts = self.draft(variant, seed)
        pending = {i: self.check(t) for i, t in texts.items()}
        pending = {i: vs for i, vs in pending.items() if vs}
        for i, vs in pending.items():
            checks.append(f"beat {i + 1} ({BEAT_ORDER[i]}) failed: {'; '.join(map(str, vs))}")
        for round_no in range(FIX_ROUNDS):
            if not pending:
                break
            order = sorted(pending)[:MAX_REWRITES]
            fixed = self.rewrite(
                [(BEAT_ORDER[i], texts[i], pending[i]) for i in order], seed + 1000 + round_no
            )
            for i, new in zip(order, fixed, strict=False):
                problems = self.check(new)
                if problems:
                    pending[i] = problems
                else:
                    texts[i] = new
                    del pending[i]
                    checks.append(f"beat {i + 1} ({BEAT_ORDER[i]}) regenerated")
        beats: list[tuple[BeatKind, str]] = []
        for i, kind in enumerate(BEAT_ORDER):
            if i in texts and i not in pending:
                beats.append((kind, texts[i]))
                continue
            line = self.fallback(kind, variant)
            reason = "missing from the draft" if i not in texts else "still failing"
            if line is None:
                checks.append(f"beat {i + 1} ({kind}) dropped: {reason}, no grounded template")
                continue
            beats.append((kind, line))
            checks.append(f"beat {i + 1} ({kind}) replaced by a catalog template: {reason}")
        return beats, checks


def write_scripts(
    product: Product,
    persona: Persona,
    market: Market,
    *,
    length_s: float,
    brief: str | None = None,
    variants: int = 1,
    llm: LLM,
    seed: int = 0,
) -> list[Script]:
    """``variants`` distinct, grounded scripts of about ``length_s`` seconds in the market's
    language. Raises ``InvalidInputError`` for bad input and ``GroundingError`` when not even
    the catalog templates can produce a usable script."""
    if not MIN_LENGTH_S <= length_s <= MAX_LENGTH_S:
        raise InvalidInputError(
            f"script length {length_s:g} s is out of range; use {MIN_LENGTH_S:g}–{MAX_LENGTH_S:g} s"
        )
    if not 1 <= variants <= MAX_VARIANTS:
        raise InvalidInputError(f"variants must be 1–{MAX_VARIANTS}, got {variants}")
    clean = prompts.clean_brief(brief)
    writer = _Writer(
        product,
        persona,
        market,
        llm,
        build_facts(product, market),
        load_policy(market.code),
        clean,
        length_s,
    )
    scripts: list[Script] = []
    seen: set[str] = set()
    for n in range(variants):
        variant_seed = seed + 7919 * n
        beats, checks = writer.write(n, variant_seed)
        text = "\n".join(t for _, t in beats)
        if text in seen:  # identical to an earlier variant: one more try with a new seed
            beats, checks = writer.write(n + 1, variant_seed + 1)
            text = "\n".join(t for _, t in beats)
            checks.append("redrafted: identical to an earlier variant")
        seen.add(text)
        if not beats:
            raise GroundingError(
                f"no grounded line could be written for {product.sku!r} in {market.code}",
                hint="add selling points and a price for this market's currency to the catalog",
            )
        script = Script(
            product_sku=product.sku,
            persona=persona.name,
            market=market.code,
            language=market.language,
            length_target_s=length_s,
            variant=n,
            brief=clean,
            beats=[Beat.make(k, t, market.language) for k, t in beats],
            checks=checks,
        )
        if abs(script.total_seconds - length_s) > 0.3 * length_s:
            estimate = f"{script.total_seconds:.1f} s"
            script.checks.append(f"length: about {estimate} for a {length_s:g} s target")
        scripts.append(script)
    return scripts
