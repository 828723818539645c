"""Compose the host's answer to one chat question: acknowledgement + grounded answer text.

Paths, fastest first:

- ``disclosure``: "are you an AI?" → the market's ``ai_disclosure_line`` (always, verbatim);
- ``greeting`` / ``redirect`` / ``refusal``: fixed localised lines (greetings, off-topic
  questions, detected manipulation attempts);
- ``price``: price questions answered from the catalog (the market's currency only, formatted
  by the market; no price there → "check the product page");
- ``faq``: the seller's FAQ answer read as written when the viewer's question matches the FAQ
  question closely (``faq_match``) and the FAQ is in the market's script;
- ``llm``: otherwise the language model phrases an answer from the retrieved facts only, with
  the comment in a delimited DATA block; the result must pass :mod:`output_guard`;
- ``safe``: when no LLM is available, or the LLM's answer fails a check, or nothing relevant
  was retrieved: "I don't have that detail — check the product page".

The acknowledgement ("Good question, {name}!") is a fixed phrase with a sanitised name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from shopcast.assistant.retrieval import Hit
from shopcast.catalog.models import Product
from shopcast.errors import ProviderError
from shopcast.live.chat.answer_prompt import system_prompt, user_prompt
from shopcast.live.chat.blocklist import load_blocklist
from shopcast.live.chat.intent import Intent, classify_intent
from shopcast.live.chat.messages import ChatMessage
from shopcast.live.chat.output_guard import GuardContext, check_spoken_answer, wrong_script
from shopcast.live.chat.phrases import phrase, sanitize_name
from shopcast.live.chat.questions import RankedQuestion
from shopcast.live.chat.textmatch import fold
from shopcast.markets.registry import format_price
from shopcast.markets.types import Market
from shopcast.persona.types import Persona
from shopcast.writing.llm.base import LLM

FAQ_MATCH = 0.93  # question-to-question cosine for reading an FAQ answer as written (e5
#                   puts "what is the lid made of?" at 0.90 from "is the lid leakproof?")
MIN_RELEVANCE = 0.80  # below this best-hit score nothing retrieved is about the question
MAX_ANSWER_CHARS = 280
_PRICE_Q = re.compile(
    r"\bprice|\bcost|how much (is|are|for|do|does it cost|would)\b|\$|"
    r"가격|얼마(예요|에요|인가요|죠|야|\?|$)|값|いくら|値段|価格|价格|价钱|多少钱|多少錢|"
    r"precio|cuanto (cuesta|vale|es)|preco|quanto (custa|e)|prix|combien|coute|prezzo|"
    r"quanto costa|harga|berapa\?|कीमत|दाम|kitne ka|kimat",
)
_NOT_PRICE = re.compile(
    r"weigh|heavy|hold|capacity|volume|long|big|large|size|무게|용량|크기|얼마나|重さ|容量|重|多重|"
    r"多大|peso|pesa|poids|berat|वजन|"
    # the price of shipping is not the product's price
    r"ship|deliver|postage|배송|送料|配送|运费|邮费|envio|entrega|frete|livraison|port\b|"
    r"spedizione|ongkir|pengiriman|शिपिंग|डिलीवरी",
)


@dataclass(frozen=True)
class Answer:
    text: str  # the answer proper
    ack: str  # the personal acknowledgement spoken first ("" when none)
    sources: list[str] = field(default_factory=list)  # "sku:kind" of the facts used
    grounded: bool = True  # False only when the safe template replaced a failed answer
    path: str = "safe"  # disclosure | greeting | redirect | refusal | price | faq | llm | safe
    intent: Intent = Intent.PRODUCT
    problems: list[str] = field(default_factory=list)  # why an LLM answer was rejected

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
) -> Answer:
    """``guidance``: an operator's whisper, given to the LLM on the system side (see
    ``answer_prompt.system_prompt``); the fixed paths (disclosure, price, FAQ...) ignore it."""
    msg = question.message if isinstance(question, RankedQuestion) else question
    intent = question.intent if isinstance(question, RankedQuestion) else classify_intent(msg.text)
    lang = market.language
    name = sanitize_name(msg.user_name, lang, market.code)
    ack = phrase(lang, "ack", name=name)
    title = product_context.title if product_context else ""

    if intent == Intent.AI_IDENTITY:
        return Answer(market.ai_disclosure_line, "", path="disclosure", intent=intent)
    if intent == Intent.INJECTION:
        return Answer(phrase(lang, "refusal", name=name), "", path="refusal", intent=intent)
    if intent == Intent.GREETING:
        return Answer(phrase(lang, "welcome", name=name), "", path="greeting", intent=intent)
    if intent in (Intent.OFF_TOPIC, Intent.SMALL_TALK) and title:
        return Answer(phrase(lang, "redirect", title=title), "", path="redirect", intent=intent)
    # "how much is it?" (a purchase question) or "how much is the hoodie?" (names a product)
    priced = intent in (Intent.PURCHASE, Intent.PRODUCT)
    if priced and product_context and _is_price_question(msg.text):
        return Answer(
            _price_line(product_context, market),
            ack,
            [f"{product_context.sku}:price"],
            path="price",
            intent=intent,
        )

    relevant = [h for h in hits if h.score >= MIN_RELEVANCE]
    if product_context is not None:
        relevant = [h for h in relevant if h.sku == product_context.sku] or relevant
    best_faq = next((h for h in relevant if h.kind == "faq" and h.answer), None)
    if best_faq and best_faq.match >= FAQ_MATCH and not wrong_script(best_faq.answer, lang):
        return Answer(best_faq.answer, ack, [f"{best_faq.sku}:faq"], path="faq", intent=intent)
    safe = Answer(phrase(lang, "no_detail"), ack, path="safe", intent=intent)
    if llm is None or not relevant:
        return safe
    return _llm_answer(
        msg,
        name,
        ack,
        relevant[:4],
        product_context,
        market,
        persona,
        llm,
        intent,
        max_tokens,
        seed,
        guidance,
    )


def _llm_answer(
    msg: ChatMessage,
    name: str,
    ack: str,
    hits: list[Hit],
    product: Product | None,
    market: Market,
    persona: Persona,
    llm: LLM,
    intent: Intent,
    max_tokens: int,
    seed: int | None,
    guidance: str | None = None,
) -> Answer:
    system = system_prompt(persona, market, guidance)
    messages = [
        {"role": "system", "content": system},
        {"role": "user", "content": user_prompt(msg.text, name, hits)},
    ]
    safe = Answer(phrase(market.language, "no_detail"), ack, path="safe", intent=intent)
    try:
        raw = llm.complete(messages, max_tokens=max_tokens, temperature=0.2, seed=seed)
    except ProviderError as exc:
        return Answer(
            safe.text,
            ack,
            path="safe",
            intent=intent,
            grounded=True,
            problems=[f"llm failed: {exc.message}"],
        )
    text = _tidy(raw)
    facts_text = "\n".join(h.text for h in hits)
    ctx = GuardContext(  # the rules, not the whisper: echoing the producer's hint is fine
        market,
        persona.display_name,
        system_prompt(persona, market),
        load_blocklist(market.code),
        facts_text,
        product,
        comment=msg.text,
    )
    problems = check_spoken_answer(text, ctx)
    if problems:
        return Answer(safe.text, ack, path="safe", intent=intent, grounded=False, problems=problems)
    return Answer(text, ack, [f"{h.sku}:{h.kind}" for h in hits], path="llm", intent=intent)


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


def _is_price_question(text: str) -> bool:
    folded = fold(text)
    return bool(_PRICE_Q.search(folded)) and not _NOT_PRICE.search(folded)


def _price_line(product: Product, market: Market) -> str:
    prices = [
        p
        for v in product.variants
        if (p := v.price_in(market.currency, product.currency)) is not None
    ]
    if not prices:
        return phrase(market.language, "no_price")
    low, high = min(prices), max(prices)
    shown = format_price(low, market.currency, market)
    key = "price" if low == high else "price_range"
    return phrase(market.language, key, title=product.title, price=shown)
