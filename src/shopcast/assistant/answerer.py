"""Answer one shopper's question in the assistant widget, grounded in the catalog.

The live chat's answer composition (:func:`shopcast.live.chat.answers.compose_answer`) does the
core work: disclosure, refusal of manipulation attempts, greetings, catalog prices in the
market's currency, the seller's FAQ answers, and (with a language model) answers phrased from
retrieved facts only, checked by the output guard. The assistant adds, in this order:

1. ``offer``: requests for discounts, coupons or codes get a fixed line (no promise is ever
   made: the price is the catalog's, and deals show on the product card);
2. ``shipping``: shipping and returns questions answered from the seller's per-market policy
   (:mod:`shopcast.assistant.shipping`), or "no details" for a market without terms;
3. ``compare``: "X or Y?", "difference between the two hoodies" → a side-by-side built from
   catalog attributes plus a summary line that quotes catalog facts
   (:mod:`shopcast.assistant.compare`);
4. the live chat's paths, with the product named in the question (or the one on screen) as
   the context;
5. ``facts``: where the chat path has no answer (no language model, or nothing relevant for
   it), the catalog facts retrieved for the named product(s) are stated as written — a
   compatibility question naming two products gets the best fact of each. A model answer the
   output guard rejected gets the safe line instead.

The viewer's text is untrusted data throughout: it is normalised as chat is, never placed
anywhere but a delimited DATA block, and nothing it says can change a price or create an offer.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from shopcast.assistant.compare import (
    Comparison,
    build_comparison,
    products_to_compare,
    topic_keys,
)
from shopcast.assistant.mentions import mentioned_products
from shopcast.assistant.phrases import line
from shopcast.assistant.retrieval import Hit, Retriever
from shopcast.assistant.shipping import ShippingTerms, shipping_answer
from shopcast.catalog.models import Product
from shopcast.live.chat.answers import MIN_RELEVANCE, compose_answer
from shopcast.live.chat.intent import Intent, classify_intent
from shopcast.live.chat.messages import ChatMessage
from shopcast.live.chat.output_guard import wrong_script
from shopcast.live.chat.phrases import phrase
from shopcast.live.chat.questions import RankedQuestion
from shopcast.live.chat.textmatch import fold
from shopcast.markets.types import Market
from shopcast.persona.types import Persona
from shopcast.writing.llm.base import LLM

FACT_KINDS = ("attribute", "option", "selling_point", "faq")
# the chat's answers stated in code from the catalog: "facts" to the assistant's callers
CATALOG_PATHS = frozenset(
    {"unavailable", "deal", "stock", "options", "property", "attribute", "fit", "about"}
)
UNNAMED_RELEVANCE = 0.93  # a fact about a product the viewer did not name must match closely
MAX_FACT_PRODUCTS = 3
# Output-guard problems (live/chat/output_guard.py) that mean the viewer tried to steer the model.
MANIPULATION_PROBLEMS = (
    "blocked word",
    "prompt leak",
    "speaks as another persona",
    "offer word",
    "repeats the viewer's words",
    "grounding: price",
    "grounding: discount",
)

ASSISTANT_PERSONA = Persona(
    name="shop-assistant",
    display_name="Shop Assistant",
    personality="helpful, precise, friendly",
    speaking_style="one or two short, factual sentences",
    markets={},
)

_OFFER = re.compile(
    r"(?<!\w)(discount|discounts|coupon|coupons|promo|promo code|voucher|code|codes|"
    r"\d{1,3}\s*(%|percent|per cent)\s*(off|discount)|half price|deal|deals|bogo|on sale|promotion|"
    r"descuento|cupon|cupom|desconto|remise|reduction|code promo|sconto|codice|diskon|kupon|"
    r"potongan)(?!\w)|할인|쿠폰|割引|クーポン|値引き|折扣|打折|优惠|优惠券|छूट|कूपन",
)


class AssistantReply(BaseModel):
    answer: str
    # offer | shipping | compare | facts, or a chat path: disclosure | refusal | greeting |
    # redirect | price | faq | llm | safe
    path: str
    products: list[str] = Field(default_factory=list)  # product handles the answer is about
    comparison: Comparison | None = None
    sources: list[str] = Field(default_factory=list)  # "sku:kind" of each fact used
    intent: str = Intent.PRODUCT.value
    problems: list[str] = Field(default_factory=list)  # why a model answer was rejected


def answer_question(
    text: str,
    *,
    market: Market,
    products: list[Product],
    retriever: Retriever,
    shipping: dict[str, ShippingTerms],
    context: Product | None = None,
    llm: LLM | None = None,
    persona: Persona = ASSISTANT_PERSONA,
) -> AssistantReply:
    """The reply to ``text`` in ``market``; ``context`` is the product the viewer is looking at
    (the page's product or the show's pinned one)."""
    lang = market.language
    msg = ChatMessage.create(text, user_name=phrase(lang, "friend"), platform="assistant")
    if not msg.text or msg.is_garbage:
        return AssistantReply(answer=phrase(lang, "no_detail"), path="safe")
    intent = classify_intent(msg.text)
    if intent in (Intent.INJECTION, Intent.AI_IDENTITY, Intent.GREETING):
        fixed = compose_answer(msg, [], None, market, persona, None)
        return AssistantReply(answer=fixed.text, path=fixed.path, intent=intent.value)

    folded = fold(msg.text)
    if _OFFER.search(folded):
        return AssistantReply(answer=line(lang, "no_offer"), path="offer", intent=intent.value)
    shipped = shipping_answer(msg.text, market, shipping)
    if shipped is not None:
        answer, sources = shipped
        return AssistantReply(answer=answer, path="shipping", sources=sources, intent=intent.value)

    compared = products_to_compare(msg.text, products, context)
    if compared:
        comparison = build_comparison(msg.text, compared, market, retriever)
        return AssistantReply(
            answer=comparison.summary or phrase(lang, "no_detail"),
            path="compare",
            products=comparison.skus,
            comparison=comparison,
            sources=comparison.sources,
            intent=intent.value,
        )

    named = mentioned_products(msg.text, products)[:MAX_FACT_PRODUCTS]
    targets = named or ([context] if context is not None else [])
    focus = targets[0] if targets else None
    hits = retriever.search(msg.text, 6, sku=focus.sku if focus else None)
    if focus is None and hits and hits[0].score >= UNNAMED_RELEVANCE:
        focus = retriever.products.get(hits[0].sku)
    # Several products named ("does the power bank charge the earbuds?"): the grounding check
    # knows one product, so no model phrases this one; the facts of each are stated instead.
    model = llm if len(targets) <= 1 else None
    # compose_answer quotes a catalog price only for purchase questions, and decides itself
    # whether the text asks for a price ("how much is the hoodie?" classifies as product)
    asked = RankedQuestion(msg, Intent.PURCHASE if intent == Intent.PRODUCT else intent, "", 0, 0)
    chat = compose_answer(asked, hits, focus, market, persona, model, about=targets)
    about = [p.sku for p in targets] or ([focus.sku] if focus else [])
    if chat.path != "safe":
        return AssistantReply(
            answer=chat.text,
            path="facts" if chat.path in CATALOG_PATHS else chat.path,
            products=about if chat.path not in ("redirect",) else [],
            sources=chat.sources,
            intent=intent.value,
            problems=chat.problems,
        )
    # A model answer the output guard rejected falls back to the grounded template (the
    # catalog facts as written) unless the rejection shows the question was trying something
    # (an offer, a leak, a parroted phrase...): then the safe line, not facts that would look
    # like an answer to it.
    facts = (
        []
        if attempted_manipulation(chat.problems)
        else _facts(msg.text, targets or ([focus] if focus else []), retriever, market)
    )
    if facts:
        lines, sources = zip(*facts, strict=True)
        sep = "" if market.word_separator == "" else " "
        return AssistantReply(
            answer=sep.join(lines),
            path="facts",
            products=list(dict.fromkeys(s.split(":")[0] for s in sources)),
            sources=list(sources),
            intent=intent.value,
            problems=chat.problems,
        )
    return AssistantReply(
        answer=chat.text, path="safe", products=about, intent=intent.value, problems=chat.problems
    )


def attempted_manipulation(problems: list[str]) -> bool:
    """Whether the output guard's reasons for rejecting a model answer show an attempt to steer
    it (offers, prices, leaks, persona swaps, parroting, blocked words), rather than a model
    slip (wrong language, a number or detail not in the catalog, no answer, a failed call)."""
    return any(p.startswith(MANIPULATION_PROBLEMS) for p in problems)


def _fact_key(hit: Hit) -> str:
    """The attribute or option name of a fact passage ("Title — material: ..." → material)."""
    if hit.kind not in ("attribute", "option") or " — " not in hit.text:
        return ""
    name = hit.text.split(" — ", 1)[1].split(":", 1)[0]
    return name.removesuffix(" options").strip().lower()


def _fact_line(hit: Hit, product: Product) -> str:
    if hit.kind == "faq" and hit.answer:
        return f"{product.title}: {hit.answer}"
    text = hit.text.replace("\n", " — ")
    if hit.kind == "attribute":
        title, rest = text.split(" — ", 1)
        name, value = rest.split(":", 1)
        text = f"{title} — {name.replace('_', ' ')}:{value}"
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _facts(
    text: str, targets: list[Product], retriever: Retriever, market: Market
) -> list[tuple[str, str]]:
    """(line, source) for the best catalog fact of each target product; two lines for a
    single product when its second fact is about the same topic."""
    topic = topic_keys(text)
    out: list[tuple[str, str]] = []
    for product in targets:
        hits = [
            h
            for h in retriever.search(text, 8, sku=product.sku)
            if h.kind in FACT_KINDS and h.score >= MIN_RELEVANCE
        ]
        hits.sort(key=lambda h: (_fact_key(h) not in topic, -h.score))
        take = hits[:2] if len(targets) == 1 and topic else hits[:1]
        for hit in take:
            fact = _fact_line(hit, product)
            if not wrong_script(fact, market.language):
                out.append((fact, f"{hit.sku}:{hit.kind}"))
    return out
