"""Briefs → grounded sales scripts a seller would publish.

1. ``speakable.spoken_facts``: the product's facts as a host may say them in the market (its
   words in the market's language only, the offer as a host says it, options in stock).
2. ``plan.make_plan``: the variant's angle and each beat's facts, ranked by the brief.
3. The model writes the beats from those facts (languages it writes well: ``llm_languages``),
   one short call with a one-shot example in the market's language; the composer
   (``composer.Composer``: per-language sentence patterns with real grammar) writes the rest.
4. Every line passes ``checks.check_line`` (facts, claims rules, unsupported words, language,
   symbols, labels, sold-out options). A model line that fails is replaced by the composed
   line for its beat (recorded as a fallback); nothing unchecked is returned.
5. The script is fitted to its length (±15%): more selling points when short, fewer when long.

Writing has a deadline (``deadline_s``): when it passes, the beats the model has not written
are composed, and ``Script.checks`` says so.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from shopcast.catalog.models import Product
from shopcast.errors import GroundingError, InvalidInputError, ProviderError
from shopcast.markets.types import Market
from shopcast.persona.types import Persona
from shopcast.writing import prompts
from shopcast.writing.amounts import find_amounts
from shopcast.writing.checks import LineContext, check_line
from shopcast.writing.composer import Composer
from shopcast.writing.facts import build_facts
from shopcast.writing.faithfulness import Sources
from shopcast.writing.grounding import Violation
from shopcast.writing.language import detect
from shopcast.writing.llm.base import ALL_SCRIPT_LANGUAGES, LLM
from shopcast.writing.plan import ScriptPlan, brief_topic, make_plan, rank_points
from shopcast.writing.policy import load_policy
from shopcast.writing.script import (
    BEAT_ORDER,
    Beat,
    BeatKind,
    BeatOrigin,
    Script,
    base_language,
    estimate_seconds,
)
from shopcast.writing.speakable import SpokenFacts, spoken_facts
from shopcast.writing.tidy import content_tokens, near_repeat, sentences, tidy_line

log = logging.getLogger(__name__)

MAX_VARIANTS = 5
MIN_LENGTH_S, MAX_LENGTH_S = 5.0, 180.0
DEFAULT_DEADLINE_S = 60.0
LENGTH_TOLERANCE = 0.15  # a script within ±15% of its target length
REWRITE_MIN_S = 12.0  # failing model lines get one rewrite when this much time is left
MIN_WORDS = 3  # a spoken line is a sentence, not "$39"


def llm_languages(llm: LLM | None) -> frozenset[str]:
    """The languages ``llm`` writes scripts in (the composer writes the others): what the
    provider declares (``script_languages``), else every language."""
    if llm is None:
        return frozenset()
    declared = getattr(llm, "script_languages", None)
    return frozenset(declared) if declared is not None else ALL_SCRIPT_LANGUAGES


def _schema(kinds: tuple[BeatKind, ...] | list[BeatKind] = BEAT_ORDER) -> dict:
    # No minLength/maxLength: llama.cpp expands them into a grammar so large that sampling
    # slows down ~10x; max_tokens bounds the reply instead.
    return {
        "type": "object",
        "properties": {kind: {"type": "string"} for kind in kinds},
        "required": list(kinds),
    }


def _parse_named(raw: str) -> dict[BeatKind, str]:
    """Beat → line from the model's ``{"hook": ..., ...}`` reply; tolerant of a truncated
    reply (the beats that came through are kept)."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        data = dict(re.findall(r'"(\w+)"\s*:\s*"((?:[^"\\]|\\.)*)"', raw))
    if not isinstance(data, dict):
        return {}
    return {
        kind: str(data[kind]).strip()
        for kind in BEAT_ORDER
        if isinstance(data.get(kind), str) and str(data[kind]).strip()
    }


class Deadline:
    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self.start = clock()
        self.end = self.start + seconds

    def left(self) -> float:
        return max(0.0, self.end - self.clock())

    def elapsed(self) -> float:
        return self.clock() - self.start


@dataclass
class _Line:
    text: str
    origin: BeatOrigin
    facts: list[str]


class _Writer:
    """Scripts for one product in one market."""

    def __init__(
        self,
        product: Product,
        persona: Persona,
        market: Market,
        llm: LLM | None,
        facts: SpokenFacts,
        brief: str | None,
        length_s: float,
        ranked: list,
        topic: str | None,
    ):
        self.product, self.persona, self.market, self.llm = product, persona, market, llm
        self.facts, self.brief, self.length_s = facts, brief, length_s
        self.ranked, self.topic = ranked, topic
        self.lang = facts.language
        self.composer = Composer(facts)
        self.ctx = line_context(product, persona, market, facts=facts, brief=brief)
        self.use_llm = self.lang in llm_languages(llm)

    def check(self, text: str, *, model_written: bool) -> list[Violation]:
        return check_line(text, self.ctx, model_written=model_written)

    # -- the model's draft ---------------------------------------------------------------
    def draft(self, plan: ScriptPlan, seed: int, deadline: Deadline) -> dict[BeatKind, str]:
        assert self.llm is not None
        messages = [
            {"role": "system", "content": prompts.system_message(self.persona, self.lang)},
            *prompts.example_messages(self.lang),
            {"role": "user", "content": prompts.script_request(plan, self.brief)},
        ]
        sizes = prompts.beat_sizes(plan)
        per_unit = 1.4 if self.lang in ("ko", "ja", "zh") else 2.0
        max_tokens = int(sum(sizes.values()) * per_unit) + 60
        raw = self.llm.complete(
            messages,
            max_tokens=max_tokens,
            temperature=0.5,
            seed=seed,
            json_schema=_schema(),
            timeout_s=deadline.left(),
        )
        drafted = _parse_named(raw)
        said: set[str] = set()
        out: dict[BeatKind, str] = {}
        for kind in BEAT_ORDER:
            if kind not in drafted:
                continue
            budget = plan.beats[kind].seconds * 1.4
            text = tidy_line(
                drafted[kind], language=self.lang, budget_s=budget, said=said, brief=self.brief
            )
            if text:
                out[kind] = text
        return out

    def rewrite(
        self,
        plan: ScriptPlan,
        drafted: dict[BeatKind, str],
        failing: dict[BeatKind, list[Violation]],
        seed: int,
        deadline: Deadline,
    ) -> dict[BeatKind, str]:
        """One more try for the beats that failed a check, told what was wrong."""
        assert self.llm is not None
        kinds = [k for k in BEAT_ORDER if k in failing]
        messages = [
            {"role": "system", "content": prompts.system_message(self.persona, self.lang)},
            {"role": "user", "content": prompts.rewrite_request(plan, drafted, failing)},
        ]
        try:
            raw = self.llm.complete(
                messages,
                max_tokens=60 + 40 * len(kinds),
                temperature=0.4,
                seed=seed + 1,
                json_schema=_schema(kinds),
                timeout_s=deadline.left(),
            )
        except ProviderError:
            return {}
        fixed = _parse_named(raw)
        return {k: v for k, v in fixed.items() if k in failing}

    # -- one script ----------------------------------------------------------------------
    def write(self, variant: int, seed: int, deadline: Deadline) -> Script:
        plan = make_plan(
            self.facts,
            length_s=self.length_s,
            variant=variant,
            topic=self.topic,
            ranked=self.ranked,
            brief=self.brief,
        )
        self.composer.reset()
        checks: list[str] = []
        lines: dict[BeatKind, _Line] = {}
        drafted: dict[BeatKind, str] = {}
        if self.use_llm and deadline.left() > 0:
            try:
                drafted = self.draft(plan, seed, deadline)
            except ProviderError as exc:
                checks.append(f"the model could not write: {exc.message}; composed instead")
            if deadline.left() <= 0:
                checks.append(
                    f"deadline reached after {deadline.elapsed():.0f} s: "
                    "unwritten beats composed from the catalog"
                )
        failing: dict[BeatKind, list[Violation]] = {}
        for kind, text in drafted.items():
            problems = self.check(text, model_written=True) + self._requirements(kind, text)
            if problems:
                failing[kind] = problems
        if failing and getattr(self.llm, "rewrites", True) and deadline.left() > REWRITE_MIN_S:
            for kind, text in self.rewrite(plan, drafted, failing, seed, deadline).items():
                if not self.check(text, model_written=True) + self._requirements(kind, text):
                    checks.append(f"beat {kind}: rewritten ({'; '.join(map(str, failing[kind]))})")
                    drafted[kind] = text
                    del failing[kind]
        for kind in BEAT_ORDER:
            facts = self._beat_facts(plan, kind)
            text = drafted.get(kind)
            if text is not None:
                if kind not in failing:
                    lines[kind] = _Line(text, "llm", facts)
                    continue
                why = "; ".join(map(str, failing[kind]))
                checks.append(f"beat {kind}: model line replaced ({why})")
            elif self.use_llm:
                checks.append(f"beat {kind}: missing from the model's draft")
            composed = self._composed(plan, kind, variant)
            if composed is None:
                if kind != "proof" or plan.beats[kind].points or plan.beats[kind].spec:
                    checks.append(f"beat {kind}: nothing grounded to say, left out")
                continue
            origin: BeatOrigin = "fallback" if self.use_llm else "composed"
            lines[kind] = _Line(composed, origin, facts)
        self._fit_length(plan, lines, checks)
        self._drop_repeats(lines)
        if self._drop_near_repeats(lines):  # a fact said twice in other words: say more instead
            self._fit_length(plan, lines, checks)
            self._drop_repeats(lines)
        checks = [  # a beat left out and then filled to reach the length is not "left out"
            c
            for c in checks
            if not (c.endswith("nothing grounded to say, left out") and c.split()[1][:-1] in lines)
        ]
        if not lines:
            raise GroundingError(
                f"no grounded line could be written for {self.product.sku!r} in {self.market.code}",
                hint="add selling points in this market's language and a price in its currency",
            )
        beats = [
            Beat.make(kind, lines[kind].text, self.market.language, origin=lines[kind].origin)
            for kind in BEAT_ORDER
            if kind in lines
        ]
        script = Script(
            product_sku=self.product.sku,
            persona=self.persona.name,
            market=self.market.code,
            language=self.market.language,
            length_target_s=self.length_s,
            variant=variant,
            angle=plan.angle,
            brief=self.brief,
            beats=beats,
            checks=checks,
        )
        off = script.total_seconds / self.length_s - 1
        if abs(off) > LENGTH_TOLERANCE:
            why = " (the catalog has no more to say)" if off < 0 else ""
            script.checks.append(
                f"length: about {script.total_seconds:.1f} s for a {self.length_s:g} s target{why}"
            )
        return script

    def _beat_facts(self, plan: ScriptPlan, kind: BeatKind) -> list[str]:
        bp = plan.beats[kind]
        out = [p.source for p in bp.points]
        if bp.spec:
            out.append(f"attribute:{bp.spec[0]}")
        if bp.options:
            out.append(f"options:{bp.options}")
        if kind == "offer" and plan.facts.price:
            out.append("price")
        return out

    def _requirements(self, kind: BeatKind, text: str) -> list[Violation]:
        """What a beat must be: a sentence (not "$39"), and an offer that says the price."""
        out = []
        says_price = any(a.kind == "money" for a in find_amounts(text))
        if kind == "offer" and self.facts.price and not says_price:
            out.append(Violation("offer", "the offer does not say the price"))
        if kind != "offer" and says_price:
            out.append(Violation("offer", "the price belongs to the offer"))
        words = re.findall(r"[^\W\d_]+", text)
        cjk = len(re.findall(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]", text))
        if len(words) < MIN_WORDS and cjk < 2 * MIN_WORDS:
            out.append(Violation("sentence", "not a spoken sentence"))
        return out

    def _composed(self, plan: ScriptPlan, kind: BeatKind, variant: int) -> str | None:
        def ok(line: str) -> bool:
            problems = self.check(line, model_written=False)
            if problems:
                log.info("composed %s sentence failed its checks (%s): %s", kind, problems, line)
            return not problems

        return self.composer.beat_checked(plan, kind, variant, ok)

    def _fit_length(
        self, plan: ScriptPlan, lines: dict[BeatKind, _Line], checks: list[str]
    ) -> None:
        """Within ±15% of the target: add selling points (then the options in stock) when
        short; drop trailing sentences of the demo and proof when long."""
        target = self.length_s

        def total() -> float:
            return sum(estimate_seconds(v.text, self.lang) for v in lines.values())

        position = len(plan.beats["demo"].points)
        options = [o for o in ("colours", "sizes") if getattr(self.facts, o)]
        if plan.beats["proof"].options in options:
            options.remove(plan.beats["proof"].options)
        used_spec = plan.beats["proof"].spec
        specs = [s for s in self.facts.specs if s != used_spec]
        # more to say, best first: unused selling points, the options in stock, the specs
        extras: list[tuple[BeatKind, Callable[[], str | None]]] = []
        for i, point in enumerate(plan.spare):
            extras.append(
                ("demo", lambda p=point, i=i: self.composer.point_sentence(p, position + i))
            )
        for option in options:
            extras.append(("proof", lambda o=option: self.composer.options_sentence(o, 0)))
        for spec in specs:
            extras.append(("proof", lambda s=spec: self.composer.spec_sentence(s)))
        for faq in self._faqs_for_brief():
            extras.append(("proof", lambda f=faq: self.composer.faq_sentence(f)))
        for where, make in extras:
            if total() >= target * (1 - LENGTH_TOLERANCE / 2):
                break
            sentence = make()
            if not sentence or self.check(sentence, model_written=False):
                continue
            said = " ".join(line.text for line in lines.values())
            numbers = re.findall(r"\d+", sentence)
            if numbers and all(n in re.findall(r"\d+", said) for n in numbers):
                continue  # "30 ml or 50 ml" again after "sizes 30 ml and 50 ml"
            if near_repeat(sentence, sentences(said), self.lang):
                continue
            if total() + estimate_seconds(sentence, self.lang) > target * (1 + LENGTH_TOLERANCE):
                continue  # a long FAQ answer would overshoot: try the next
            if where not in lines:
                where = "proof" if where == "demo" and "proof" in lines else where
            if where not in lines:
                lines[where] = _Line(sentence, "composed", [])
            else:
                lines[where].text = self.composer.join([lines[where].text, sentence])
            lines[where].facts.append("added to reach the length")
        for kind in ("demo", "proof"):
            while total() > target * (1 + LENGTH_TOLERANCE) and kind in lines:
                parts = sentences(lines[kind].text)
                if len(parts) <= 1:
                    break
                lines[kind].text = self.composer.join(parts[:-1])

    def _faqs_for_brief(self) -> list[tuple[str, str]]:
        """The seller's FAQs, those sharing most words with the brief first ("Be upfront that
        it's heavy" → "Is it heavy? Yes. The 26 cm weighs 3.2 kg …"), else in catalog order."""
        faqs = list(self.facts.faqs)
        if not self.brief:
            return faqs
        asked = content_tokens(self.brief, self.lang)
        return sorted(
            faqs, key=lambda qa: -len(asked & content_tokens(f"{qa[0]} {qa[1]}", self.lang))
        )

    def _drop_near_repeats(self, lines: dict[BeatKind, _Line]) -> bool:
        """Drop a demo or proof sentence whose fact another sentence of the script says at
        more length (a beat keeps its last sentence); True when one was dropped."""
        dropped = False
        for kind in ("demo", "proof"):
            if kind not in lines:
                continue
            kept: list[str] = []
            parts = sentences(lines[kind].text)
            for i, sentence in enumerate(parts):
                others = kept + parts[i + 1 :]  # a sentence dropped already proves nothing
                others += [o for k, ln in lines.items() if k != kind for o in sentences(ln.text)]
                last = not kept and i == len(parts) - 1  # a beat is never emptied
                if not last and near_repeat(sentence, others, self.lang):
                    dropped = True
                    continue
                kept.append(sentence)
            lines[kind].text = self.composer.join(kept)
        return dropped

    def _drop_repeats(self, lines: dict[BeatKind, _Line]) -> None:
        said: set[str] = set()
        for kind in BEAT_ORDER:
            if kind not in lines:
                continue
            text = tidy_line(lines[kind].text, language=self.lang, budget_s=1e9, said=said)
            if text:
                lines[kind].text = text
            else:
                del lines[kind]


def line_context(
    product: Product,
    persona: Persona,
    market: Market,
    *,
    facts: SpokenFacts | None = None,
    brief: str | None = None,
) -> LineContext:
    """What every line about ``product`` in ``market`` is checked against."""
    facts = facts or spoken_facts(product, market)
    names = tuple(n for n in {product.title, facts.title, facts.name, product.brand} if n)
    sources = [facts.source_text, brief or "", persona.display_name, facts.name]
    if base_language(market.language) != product.language:
        sources.append(product.title)
    return LineContext(
        facts=build_facts(product, market),
        policy=load_policy(market.code),
        spoken=facts,
        sources=Sources.of(facts.language, sources),
        names=names,
        labels=prompts.PROMPT_LABELS,
    )


def _check_brief_language(brief: str | None, market: Market) -> None:
    if not brief:
        return
    found = detect(brief)
    want = base_language(market.language)
    if found is not None and found != want:
        raise InvalidInputError(
            f"the brief is written in {prompts.language_name(found)}, but {market.code} "
            f"scripts are in {prompts.language_name(want)}",
            hint=f"write the brief in {prompts.language_name(want)} (it names the audience "
            "and the angle; the host's words come from the catalog)",
        )


def write_scripts(
    product: Product,
    persona: Persona,
    market: Market,
    *,
    length_s: float,
    brief: str | None = None,
    variants: int = 1,
    llm: LLM | None,
    seed: int = 0,
    deadline_s: float = DEFAULT_DEADLINE_S,
    embedder: object | None = None,
    drafts: bool = False,
) -> list[Script]:
    """``variants`` distinct, grounded scripts of about ``length_s`` seconds in the market's
    language. Raises ``InvalidInputError`` for bad input (including a product with no words in
    the market's language) and ``GroundingError`` when nothing grounded can be said.
    ``embedder``: an object with ``query`` and ``passages`` (e5) to rank selling points by the
    brief. ``drafts``: also use translations the bundled model drafted and nobody reviewed."""
    if not MIN_LENGTH_S <= length_s <= MAX_LENGTH_S:
        raise InvalidInputError(
            f"script length {length_s:g} s is out of range; use {MIN_LENGTH_S:g}–{MAX_LENGTH_S:g} s"
        )
    if not 1 <= variants <= MAX_VARIANTS:
        raise InvalidInputError(f"variants must be 1–{MAX_VARIANTS}, got {variants}")
    if not product.on_sale:
        raise InvalidInputError(
            f"{product.sku!r} is {product.status} in the catalog: it is not presented or sold",
            hint="set its Status to active in the catalog to present it",
        )
    clean = prompts.clean_brief(brief)
    _check_brief_language(clean, market)
    facts = spoken_facts(product, market, drafts=drafts)
    if not facts.localised:
        lang = prompts.language_name(market.language)
        raise InvalidInputError(
            f"{product.sku!r} has no words in {lang} for {market.code} (title, selling points, "
            "FAQs)",
            hint=f"add its {lang} texts to the catalog (docs/catalog-format.md), or draft them "
            f"with `shopcast catalog translate --language {base_language(market.language)}` "
            "and approve them",
        )
    embed = getattr(embedder, "query", None)
    embed_many = getattr(embedder, "passages", None)
    ranked = rank_points(facts.points, clean, embed=embed, embed_many=embed_many)
    writer = _Writer(product, persona, market, llm, facts, clean, length_s, ranked, None)
    topic = brief_topic(clean, facts.language)
    if topic and not writer.check(topic, model_written=False):
        writer.topic = topic
    scripts: list[Script] = []
    seen: set[str] = set()
    for n in range(variants):
        started = time.monotonic()
        deadline = Deadline(deadline_s)  # each script has its own
        script = writer.write(n, seed + 7919 * n, deadline)
        if script.text in seen:  # identical to an earlier variant: one more try
            script = writer.write(n + 1, seed + 7919 * n + 1, deadline)
            script.checks.append("redrafted: identical to an earlier variant")
        seen.add(script.text)
        script.seconds_taken = round(time.monotonic() - started, 2)
        scripts.append(script)
    return scripts
