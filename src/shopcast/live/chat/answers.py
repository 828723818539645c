"""Compose the host's answer to one chat question: acknowledgement + grounded answer text.

Paths, fastest first:

- ``disclosure``: "are you an AI?" → the market's ``ai_disclosure_line`` (always, verbatim);
- ``greeting`` / ``redirect`` / ``refusal``: fixed localised lines (greetings, off-topic
  questions, detected manipulation attempts, abuse — "let's keep the chat kind");
- the catalog, in code (:mod:`shopcast.live.chat.facts`): ``unavailable`` (an archived or draft
  product is never offered), ``price``, ``deal``, ``stock``, ``options`` (sizes, colours,
  "does it come in XL?"), ``shipping``, ``property`` (yes/no questions the seller's words
  settle: "is it machine washable?"), ``attribute``, ``fit``, ``about`` — each stated from the
  catalog in the market's language, for every product the question names;
- ``faq``: the seller's FAQ answer, in the market's language, when the viewer's question
  matches the FAQ question closely (``FAQ_MATCH``);
- ``llm``: otherwise the language model phrases an answer from the retrieved facts only, with
  the comment in a delimited DATA block; the result must pass :mod:`output_guard`, which also
  refuses claims taken from the comment rather than the facts (:mod:`claims`);
- ``safe``: the honest answer when nothing above answers — the details don't say, what IS
  known (the nearest catalog fact), and where to look (:mod:`facts.unknown`). A yes/no
  property the catalog does not settle goes here directly, never to the model.

The acknowledgement ("Good question, {name}!") is a fixed phrase with a sanitised name, given
only to product and purchase questions (:func:`intent.deserves_ack`).
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from shopcast.assistant.retrieval import Hit
from shopcast.catalog.models import Product
from shopcast.errors import ProviderError
from shopcast.live.chat.answer_prompt import system_prompt, user_prompt
from shopcast.live.chat.blocklist import load_blocklist
from shopcast.live.chat.facts.asks import Asked, read_question
from shopcast.live.chat.facts.fixed import catalog_answer
from shopcast.live.chat.facts.product import ProductFacts, product_facts
from shopcast.live.chat.facts.unknown import honest_unknown
from shopcast.live.chat.intent import Intent, classify_intent, deserves_ack
from shopcast.live.chat.messages import ChatMessage
from shopcast.live.chat.output_guard import GuardContext, check_spoken_answer
from shopcast.live.chat.phrases import phrase, sanitize_name
from shopcast.live.chat.questions import RankedQuestion
from shopcast.live.chat.shelf import named_products
from shopcast.markets.types import Market
from shopcast.persona.types import Persona
from shopcast.writing.llm.base import LLM

FAQ_MATCH = 0.93  # question-to-question cosine for reading an FAQ answer as written (e5
#                   puts "what is the lid made of?" at 0.90 from "is the lid leakproof?")
MIN_RELEVANCE = 0.80  # below this best-hit score nothing retrieved is about the question
MAX_ANSWER_CHARS = 280
MAX_LLM_FACTS = 4
_FAQ_FIRST = ("attribute", "about")  # catalog paths a closely matching FAQ answers better


@dataclass(frozen=True)
class Answer:
    text: str  # the answer proper
    ack: str  # the personal acknowledgement spoken first ("" when none)
    sources: list[str] = field(default_factory=list)  # "sku:kind" of the facts used
    grounded: bool = True  # False only when a model answer failed a check and was replaced
    # disclosure | greeting | redirect | refusal | unavailable | price | deal | stock | options |
    # shipping | property | attribute | fit | about | faq | llm | safe
    path: str = "safe"
    intent: Intent = Intent.PRODUCT
    problems: list[str] = field(default_factory=list)  # why a model answer was rejected
    products: list[str] = field(default_factory=list)  # SKUs the answer is about

    @property
    def spoken(self) -> str:
        return f"{self.ack} {self.text}".strip()


def compose_answer(
    question: RankedQuestion | ChatMessage,
    hits: list[Hit],
    product_context: Product | None,
    market: Market,
    persona: Persona,
    llm: LLM | None,
    *,
    max_tokens: int = 80,
    seed: int | None = 7,
    guidance: str | None = None,
    about: Sequence[Product] = (),
    shelf: Sequence[Product] = (),
    shipping: Mapping | None = None,
    force_llm: bool = False,
    timeout_s: float | None = None,
) -> Answer:
    """``guidance``: an operator's whisper, given to the LLM on the system side (see
    ``answer_prompt.system_prompt``); the fixed paths (disclosure, price, FAQ...) ignore it.

    Which products: ``about`` (the products the question is about, main first — the desk
    resolves follow-ups per viewer), else those the question names among ``shelf``, else
    ``product_context`` (the product on screen). ``shipping``: the seller's terms per market
    code (:func:`shopcast.assistant.shipping.load_shipping_policy`); None → checkout shows
    them. ``force_llm`` (benches): every question goes to the model and its checks, as if no
    fixed path applied — the measure of the checks alone. ``timeout_s``: the model's time to
    write; an answer it cuts short keeps its whole sentences (none: the honest answer)."""
    msg = question.message if isinstance(question, RankedQuestion) else question
    intent = question.intent if isinstance(question, RankedQuestion) else classify_intent(msg.text)
    lang = market.language
    name = sanitize_name(msg.user_name, lang, market.code)
    ack = phrase(lang, "ack", name=name) if deserves_ack(intent) else ""
    targets = _targets(msg.text, about, shelf, product_context)
    facts = [product_facts(p, market) for p in targets]
    skus = [p.sku for p in targets]
    asked = read_question(msg.text)

    if not force_llm:
        fixed = _fixed_line(intent, lang, name, facts, market)
        if fixed is not None:
            return fixed
        found = catalog_answer(msg.text, facts, shipping=shipping, asked=asked)
        faq = _faq_answer(hits, facts)
        # the seller's own answer to this very question beats an attribute read out
        if found is not None and found.path != "safe" and not (faq and found.path in _FAQ_FIRST):
            return Answer(
                found.text, ack, found.sources, path=found.path, intent=intent, products=skus
            )
        if faq is not None:
            text, source = faq
            return Answer(text, ack, [source], path="faq", intent=intent, products=skus)
        if found is not None and any(u.startswith("property:") for u in found.unsettled):
            # a yes/no the catalog does not settle: never the model's guess (nor the comment's)
            return _honest(facts, hits, asked, lang, ack, intent, skus)

    relevant = _relevant(hits, facts, min_score=-1.0 if force_llm else MIN_RELEVANCE)
    if llm is None or not relevant or (len(facts) > 1 and not force_llm):
        return _honest(facts, hits, asked, lang, ack, intent, skus)
    return _llm_answer(
        msg,
        name,
        ack,
        relevant,
        facts[0] if facts else None,
        market,
        persona,
        llm,
        intent,
        max_tokens,
        seed,
        guidance,
        asked,
        hits,
        skus,
        timeout_s,
    )


def _targets(
    text: str, about: Sequence[Product], shelf: Sequence[Product], context: Product | None
) -> list[Product]:
    if about:
        return list({p.sku: p for p in about}.values())
    named = named_products(text, shelf, context) if shelf else []
    if named:
        return named
    return [context] if context is not None else []


def _fixed_line(
    intent: Intent, lang: str, name: str, facts: list[ProductFacts], market: Market
) -> Answer | None:
    if intent == Intent.AI_IDENTITY:
        return Answer(market.ai_disclosure_line, "", path="disclosure", intent=intent)
    if intent == Intent.INJECTION:
        return Answer(phrase(lang, "refusal", name=name), "", path="refusal", intent=intent)
    if intent == Intent.HOSTILE:
        return Answer(phrase(lang, "keep_kind"), "", path="refusal", intent=intent)
    if intent == Intent.GREETING:
        return Answer(phrase(lang, "welcome", name=name), "", path="greeting", intent=intent)
    if intent in (Intent.OFF_TOPIC, Intent.SMALL_TALK) and facts:
        return Answer(
            phrase(lang, "redirect", title=facts[0].name), "", path="redirect", intent=intent
        )
    return None


def _faq_answer(hits: list[Hit], facts: list[ProductFacts]) -> tuple[str, str] | None:
    """The seller's FAQ answer in the market's language for a closely matching question."""
    by_sku = {f.sku: f for f in facts}
    for hit in hits:
        target = by_sku.get(hit.sku)
        if hit.kind != "faq" or hit.match < FAQ_MATCH or target is None or not hit.key:
            continue
        fact = target.fact(hit.key)
        if fact is not None and fact.local:
            return fact.local, f"{hit.sku}:faq"
    return None


def _relevant(
    hits: list[Hit], facts: list[ProductFacts], *, min_score: float = MIN_RELEVANCE
) -> list[Hit]:
    """Retrieved facts about the main product, in the market's language where it has them."""
    relevant = [h for h in hits if h.score >= min_score]
    if facts:
        main = facts[0]
        relevant = [h for h in relevant if h.sku == main.sku]
        out = []
        for hit in relevant:
            fact = main.fact(hit.key) if hit.key else None
            if fact is not None and fact.local and fact.local != fact.source:
                label = fact.local_label or fact.label
                text = (
                    f"{label}\n{fact.local}"
                    if fact.kind == "faq"
                    else (
                        f"{main.name} — {label}: {fact.local}"
                        if label
                        else f"{main.name}: {fact.local}"
                    )
                )
                hit = replace(hit, text=text)
            if all(o.text != hit.text for o in out):
                out.append(hit)
        relevant = out
    return relevant[:MAX_LLM_FACTS]


def _honest(
    facts: list[ProductFacts],
    hits: list[Hit],
    asked: Asked,
    lang: str,
    ack: str,
    intent: Intent,
    skus: list[str],
    *,
    grounded: bool = True,
    problems: list[str] | None = None,
) -> Answer:
    text, sources = honest_unknown(facts, hits, asked, lang)
    return Answer(
        text,
        ack,
        sources,
        grounded=grounded,
        path="safe",
        intent=intent,
        problems=problems or [],
        products=skus,
    )


def _llm_answer(
    msg: ChatMessage,
    name: str,
    ack: str,
    hits: list[Hit],
    facts: ProductFacts | None,
    market: Market,
    persona: Persona,
    llm: LLM,
    intent: Intent,
    max_tokens: int,
    seed: int | None,
    guidance: str | None,
    asked: Asked,
    all_hits: list[Hit],
    skus: list[str],
    timeout_s: float | None = None,
) -> Answer:
    system = system_prompt(persona, market, guidance)
    messages = [
        {"role": "system", "content": system},
        {"role": "user", "content": user_prompt(msg.text, name, hits)},
    ]
    targets = [facts] if facts else []
    lang = market.language
    try:
        started = time.monotonic()
        raw = llm.complete(
            messages, max_tokens=max_tokens, temperature=0.2, seed=seed, timeout_s=timeout_s
        )
        if timeout_s is not None and time.monotonic() - started >= timeout_s:
            raw = _whole_sentences(raw)  # cut short by the deadline: no half sentence
    except ProviderError as exc:
        return _honest(
            targets,
            all_hits,
            asked,
            lang,
            ack,
            intent,
            skus,
            problems=[f"llm failed: {exc.message}"],
        )
    text = _tidy(raw)
    if not text:
        return _honest(
            targets, all_hits, asked, lang, ack, intent, skus, problems=["llm: no whole sentence"]
        )
    facts_text = "\n".join(h.text for h in hits)
    if facts is not None:
        facts_text += "\n" + facts.text()
    ctx = GuardContext(  # the rules, not the whisper: echoing the producer's hint is fine
        market,
        persona.display_name,
        system_prompt(persona, market),
        load_blocklist(market.code),
        facts_text,
        facts.product if facts else None,
        comment=msg.text,
    )
    problems = check_spoken_answer(text, ctx)
    if problems:
        return _honest(
            targets, all_hits, asked, lang, ack, intent, skus, grounded=False, problems=problems
        )
    sources = [f"{h.sku}:{h.kind}" for h in hits]
    return Answer(text, ack, sources, path="llm", intent=intent, products=skus)


def _whole_sentences(text: str) -> str:
    """``text`` up to its last sentence end ("" when it has none)."""
    ends = [m.end() for m in re.finditer(r"[.!?。！？।](?=\s|$)|[。！？]", text.strip())]
    return text.strip()[: ends[-1]] if ends else ""


def _tidy(raw: str) -> str:
    """One or two sentences, no quotes or markdown, at most MAX_ANSWER_CHARS."""
    text = re.sub(r"[*_`#]+", "", raw).strip().strip('"“”「」')
    text = re.sub(r"\s+", " ", text)
    if len(text) <= MAX_ANSWER_CHARS:
        return text
    sentences = re.split(r"(?<=[.!?。！？])\s*", text)
    out = ""
    for s in sentences:
        if len(out) + len(s) > MAX_ANSWER_CHARS:
            break
        out = f"{out} {s}".strip()
    return out or text[:MAX_ANSWER_CHARS]
