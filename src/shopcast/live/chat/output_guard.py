"""Checks on what the host would SAY, after the language model and before the voice.

Instructions in a prompt are not enough against a viewer who tries to steer the host, so every
generated answer passes these checks; any problem means the safe template is spoken instead.

- blocked words (the market's blocklist, every language's insults),
- prompt leak: long word or character runs shared with the system prompt, or talk about
  "instructions"/"system prompt"/the prompt's delimiters,
- money and offers: the writing room's grounding checker (prices, % off, numbers, claims
  policy) plus offer words ("coupon", "free", 할인, 無料...) the catalog does not contain,
- persona: speaking as anyone but the persona ("I'm Mia", role labels like "Bob:"),
- parroting: repeating what the viewer told the host to say (quoted, SHOUTED or after
  "say"/"diga"/"bilang"...) when the facts do not contain it,
- language: the answer must be written in the market's script,
- the viewer's claims (:mod:`claims`): content words taken from the comment that the facts do
  not hold, stock/urgency/duration words the facts do not hold, a yes/no property stated
  against the catalog (or without it), an opening "yes" the catalog did not give,
- availability: nothing but "not for sale" is said of an archived or draft product.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shopcast.catalog.models import Product
from shopcast.live.chat.blocklist import Blocklist
from shopcast.live.chat.textmatch import fold, is_cjk_char
from shopcast.markets.types import Market

OFFER_WORDS = (
    "discount",
    "coupon",
    "promo code",
    "voucher",
    "free",
    "sale",
    "clearance",
    "bogo",
    "할인",
    "쿠폰",
    "무료",
    "공짜",
    "세일",
    "割引",
    "クーポン",
    "無料",
    "値引き",
    "セール",
    "折扣",
    "打折",
    "优惠",
    "免费",
    "包邮",
    "降价",
    "descuento",
    "cupón",
    "cupon",
    "gratis",
    "oferta",
    "desconto",
    "cupom",
    "grátis",
    "promoção",
    "remise",
    "réduction",
    "gratuit",
    "soldes",
    "sconto",
    "gratuito",
    "saldi",
    "diskon",
    "kupon",
    "gratis",
    "potongan",
    "promo",
    "छूट",
    "मुफ्त",
    "कूपन",
    "ऑफर",
)
LEAK_MARKERS = (
    "system prompt",
    "my instructions",
    "i was instructed",
    "i was told to",
    "my prompt",
    "facts:",
    "<comment",
    "</comment",
    "<data",
    "[system",
    "시스템 프롬프트",
    "システムプロンプト",
    "系统提示",
    "提示词",
    "prompt del sistema",
    "prompt do sistema",
    "prompt système",
    "prompt di sistema",
    "prompt sistem",
)
_ROLE_LABEL = re.compile(r"^\s*[\w .'-]{1,24}:\s", re.UNICODE)
_SELF_NAME = [
    re.compile(r"\b(?:I am|I'm|Im|my name is|this is|call me|it's me,?)\s+([A-Z][\w-]+)"),
    re.compile(r"저는\s*([^\s,.!?]+?)(?:이에요|예요|입니다|이라고|라고)"),
    re.compile(r"私は([^\s、。！？]+?)(?:です|と申します|だよ)"),
    re.compile(r"我(?:是|叫)([^\s，。！？]+)"),
    re.compile(r"\b(?:soy|sou|je suis|sono|aku|saya)\s+([A-Z][\w-]+)"),
]
_SELF_OK = {
    "ai",
    "an",
    "a",
    "the",
    "here",
    "happy",
    "glad",
    "sorry",
    "not",
    "so",
    "afraid",
    "sure",
    "excited",
    "just",
    "only",
    "virtual",
    "your",
    "host",
}
_WORDS = re.compile(r"\w+", re.UNICODE)

SCRIPT_OF_LANGUAGE = {"ko": "hangul", "ja": "japanese", "zh": "han", "hi": "devanagari"}


@dataclass(frozen=True)
class GuardContext:
    market: Market
    persona_name: str
    system_prompt: str
    blocklist: Blocklist
    facts_text: str  # everything the answer may state (catalog facts given to the model)
    product: Product | None = None
    comment: str = ""  # the viewer's comment (to catch the host parroting what it was told)


def _shingles(text: str, n_words: int = 6, n_chars: int = 12) -> set[str]:
    folded = fold(text)
    words = _WORDS.findall(folded)
    out = {" ".join(words[i : i + n_words]) for i in range(len(words) - n_words + 1)}
    cjk = "".join(c for c in folded if is_cjk_char(c))
    out |= {cjk[i : i + n_chars] for i in range(len(cjk) - n_chars + 1)}
    return out


_PROMPT_WORDS = re.compile(
    r"\bFACTS\b|\b(the|these|those|my|provided|given|numbered) facts\b|\bDATA block\b|"
    r"\bcomment tags?\b",
)


def leaks_prompt(text: str, system_prompt: str, facts_text: str = "") -> bool:
    folded = fold(text)
    if any(marker in folded for marker in LEAK_MARKERS) or _PROMPT_WORDS.search(text):
        return True
    secret = _shingles(system_prompt) - _shingles(facts_text)
    return bool(secret & _shingles(text))


def speaks_as_other(text: str, persona_name: str) -> bool:
    if _ROLE_LABEL.match(text):
        return True
    allowed = {fold(part) for part in re.split(r"\s+", persona_name) if part}
    for pattern in _SELF_NAME:
        for m in pattern.finditer(text):
            said = fold(m.group(1))
            if said not in allowed and said not in _SELF_OK and not said.startswith("ai"):
                return True
    return False


_QUOTED = re.compile(r"[\"“«「『'‘]([^\"”»」』'’]{1,60})[\"”»」』'’]")
_CAPS_WORD = re.compile(r"\b[A-Z][A-Z0-9]{3,}\b")
_SAY_VERB = re.compile(
    r"\b(say|says|type|write|repeat|shout|diga|fala|fale|di|dis|dites|dì|bilang|katakan|"
    r"ucapkan|sag|sagen)\b\s*[:,]?\s*((?:[\w'!%$-]+\s*){1,3})",
    re.IGNORECASE,
)


# dictated confirmations are refused even though "yes" may appear in the facts
AFFIRMATIONS = frozenset(
    {
        "yes",
        "yeah",
        "yep",
        "confirmed",
        "네",
        "예",
        "맞아요",
        "はい",
        "是的",
        "是",
        "对",
        "si",
        "sí",
        "sim",
        "oui",
        "sì",
        "हाँ",
        "हां",
        "ya",
        "iya",
    }
)


def parroted_phrases(comment: str, text: str, facts_text: str) -> list[str]:
    """Phrases the viewer asked the host to say (quoted, SHOUTED, or after "say"/"diga"/...)
    that the answer repeats although the facts do not contain them."""
    candidates = {m.group(1) for m in _QUOTED.finditer(comment)}
    candidates |= set(_CAPS_WORD.findall(comment))
    for m in _SAY_VERB.finditer(comment):
        words = m.group(2).split()
        candidates |= {" ".join(words[:n]).strip("!.,?") for n in range(1, len(words) + 1)}
    said, known = fold(text), fold(facts_text)
    out = []
    for phrase in candidates:
        p = fold(phrase).strip()
        if not p or (p not in AFFIRMATIONS and (len(p) < 2 or p in known)):
            continue
        cjk = any(is_cjk_char(c) for c in p)
        pattern = re.escape(p) if cjk else r"(?<!\w)" + re.escape(p) + r"(?!\w)"
        if re.search(pattern, said):
            out.append(phrase)
    return sorted(out)


def offer_words_not_in_catalog(text: str, facts_text: str) -> list[str]:
    said, known = fold(text), fold(facts_text)
    out = []
    for word in OFFER_WORDS:
        w = fold(word)
        pattern = w if any(is_cjk_char(c) for c in w) else r"(?<!\w)" + re.escape(w) + r"(?!\w)"
        if re.search(pattern, said) and not re.search(pattern, known):
            out.append(word)
    return out


def wrong_script(text: str, language: str) -> bool:
    want = SCRIPT_OF_LANGUAGE.get(language.split("-")[0].lower(), "latin")
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return True

    def is_kana(c: str) -> bool:
        return "\u3040" <= c <= "\u30ff"

    counts = {
        "hangul": sum("\uac00" <= c <= "\ud7af" for c in letters),
        "han": sum("\u4e00" <= c <= "\u9fff" for c in letters),
        "kana": sum(is_kana(c) for c in letters),
        "devanagari": sum("\u0900" <= c <= "\u097f" for c in letters),
        "latin": sum(c.isascii() or "\u00c0" <= c <= "\u024f" for c in letters),
    }
    if want == "japanese":
        return counts["kana"] == 0 or (counts["kana"] + counts["han"]) / len(letters) < 0.4
    if want == "han":
        return counts["kana"] > 0 or counts["hangul"] > 0 or counts["han"] / len(letters) < 0.4
    return counts[want] / len(letters) < 0.4


def check_spoken_answer(text: str, ctx: GuardContext) -> list[str]:
    """Every reason ``text`` must not be spoken (empty list: it may be)."""
    problems: list[str] = []
    if not text.strip():
        return ["empty answer"]
    hit = ctx.blocklist.find(text)
    if hit is not None:
        problems.append(f"blocked word ({hit.category}: {hit.term})")
    if leaks_prompt(text, ctx.system_prompt, ctx.facts_text):
        problems.append("prompt leak")
    if speaks_as_other(text, ctx.persona_name):
        problems.append("speaks as another persona")
    for word in offer_words_not_in_catalog(text, ctx.facts_text):
        problems.append(f"offer word {word!r} not in the catalog")
    for phrase in parroted_phrases(ctx.comment, text, ctx.facts_text):
        problems.append(f"repeats the viewer's words {phrase!r}")
    if wrong_script(text, ctx.market.language):
        problems.append(f"not written in the market's language ({ctx.market.language})")
    problems += _claims(text, ctx)
    if ctx.product is not None:
        problems += [f"grounding: {v}" for v in _grounding(text, ctx.product, ctx.market)]
    return problems


def _claims(text: str, ctx: GuardContext) -> list[str]:
    """The viewer's words, stock/urgency claims and properties not taken from the catalog."""
    from shopcast.live.chat.claims import (
        echoed_claims,
        property_claims,
        says_yes,
        unsupported_claim_words,
    )
    from shopcast.live.chat.facts.product import product_facts

    problems = [
        f"the viewer's claim {w!r} is not in the facts"
        for w in echoed_claims(text, ctx.comment, ctx.facts_text)
    ]
    problems += [
        f"claim word {w!r} not in the facts" for w in unsupported_claim_words(text, ctx.facts_text)
    ]
    if says_yes(text):
        problems.append("opens with a yes the catalog did not give")
    if ctx.product is not None:
        if not ctx.product.on_sale:
            problems.append(f"{ctx.product.sku} is not for sale ({ctx.product.status})")
        facts = product_facts(ctx.product, ctx.market)
        problems += [f"property: {p}" for p in property_claims(text, facts)]
    return problems


def _grounding(text: str, product: Product, market: Market) -> list[str]:
    """The writing room's grounding + claims-policy check (prices, discounts, numbers...)."""
    from shopcast.writing.grounding import check_line
    from shopcast.writing.policy import load_policy

    return [str(v) for v in check_line(text, product, market, load_policy(market.code))]
