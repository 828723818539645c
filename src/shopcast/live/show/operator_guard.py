"""What an operator may make the host say, and the fact a whisper picks when no LLM phrases.

Operators are signed-in staff, so their typed lines and edits are trusted as direction (no
prompt-leak, parroting or persona checks) but not as facts: the market's blocked words, offer
words the catalog doesn't have ("free", "50% off"...), prices and numbers that don't match the
pinned product (the writing room's grounding and claims rules) and text in another script are
refused with every reason, so a typo can't promise a price or stock that doesn't exist. The
live flash deal's own price may be said.
"""

from __future__ import annotations

from shopcast.assistant.retrieval import Hit
from shopcast.assistant.retrieval.passages import product_passages
from shopcast.catalog.models import Product
from shopcast.live.chat.blocklist import load_blocklist
from shopcast.live.chat.output_guard import offer_words_not_in_catalog, wrong_script
from shopcast.markets.types import Market

HINT_KINDS = ("faq", "selling_point", "attribute", "option")
MIN_HINT_SCORE = 0.75


def operator_text_problems(
    text: str, product: Product | None, market: Market, *, deal_price_text: str | None = None
) -> list[str]:
    """Every reason the host must not say ``text`` (empty: it may)."""
    problems: list[str] = []
    hit = load_blocklist(market.code).find(text)
    if hit is not None:
        problems.append(f"blocked word ({hit.category}: {hit.term})")
    if wrong_script(text, market.language):
        problems.append(f"not written in the market's language ({market.language})")
    checked = text.replace(deal_price_text, "") if deal_price_text else text
    facts = "\n".join(p.text for p in product_passages(product)) if product else ""
    for word in offer_words_not_in_catalog(checked, facts):
        problems.append(f"offer word {word!r} not in the catalog")
    if product is not None:
        from shopcast.writing.grounding import check_line
        from shopcast.writing.policy import load_policy

        problems += [
            f"not in the catalog: {v}"
            for v in check_line(checked, product, market, load_policy(market.code))
        ]
    return problems


def hint_fact(hits: list[Hit], language: str) -> str | None:
    """The catalog fact a whisper points at (its best retrieved passage about the product,
    in the market's script), as the host can say it; None when nothing fits."""
    for hit in hits:
        if hit.kind not in HINT_KINDS or hit.score < MIN_HINT_SCORE:
            continue
        text = hit.answer if hit.kind == "faq" and hit.answer else hit.text
        text = text.replace("\n", " ").strip()
        if text and not wrong_script(text, language):
            return text if text[-1] in ".!?。！？" else f"{text}."
    return None
