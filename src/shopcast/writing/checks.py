"""Every check a spoken sales line must pass, in every language: the catalog's facts
(``grounding``), the market's claims rules (``policy``), words the catalog does not support
(``faithfulness``, for model-written lines), the market's language, symbols and fact-sheet labels
that would be read aloud, and options that are sold out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shopcast.writing.facts import CatalogFacts
from shopcast.writing.faithfulness import Sources, is_faithful
from shopcast.writing.grounding import Violation, check_with_facts
from shopcast.writing.language import foreign_share
from shopcast.writing.policy import ClaimsPolicy
from shopcast.writing.speakable import SpokenFacts

# Characters a voice reads out or stumbles on: brackets, slashes, markup, maths.
_SYMBOLS = re.compile(r"[()\[\]{}<>/\\|#*_=+~^@&【】（）「」『』《》]")
# "Price: … Colours: … Sizes: …": a fact sheet read aloud.
_LABEL = re.compile(r"(?:^|[.!?。！？]\s*)([^\W\d_]{2,12})\s*[:：]\s*\S", re.UNICODE)
MAX_FOREIGN_SHARE = 0.05


@dataclass(frozen=True)
class LineContext:
    """What lines of one script are checked against."""

    facts: CatalogFacts
    policy: ClaimsPolicy
    spoken: SpokenFacts
    sources: Sources
    names: tuple[str, ...]  # words allowed in another script: brand and product names
    labels: frozenset[str] = frozenset()  # prompt labels a model might echo ("price", "hook")


def check_line(text: str, ctx: LineContext, *, model_written: bool) -> list[Violation]:
    """Every problem of ``text`` as a spoken line; an empty list means it may be said."""
    problems = check_with_facts(text, ctx.facts, ctx.policy)
    lang = ctx.spoken.language
    share = foreign_share(text, lang, ctx.names)
    if share > MAX_FOREIGN_SHARE:
        problems.append(Violation("language", f"{share:.0%} of its letters are not {lang}"))
    if symbol := _SYMBOLS.search(_without_names(text, ctx.names)):
        problems.append(Violation("symbol", f"{symbol.group(0)!r} would be read aloud"))
    for match in _LABEL.finditer(text):
        if match.group(1).lower() in ctx.labels or _looks_like_sheet(text):
            problems.append(Violation("label", f"reads a label aloud: {match.group(0).strip()!r}"))
            break
    for value in ctx.spoken.sold_out_options:
        if _mentions(text, value):
            problems.append(Violation("sold_out", f"{value!r} is sold out"))
    if model_written:
        ok, extra = is_faithful(text, ctx.sources)
        if not ok:
            problems.append(
                Violation("unsupported", "not in the catalog: " + ", ".join(map(repr, extra)))
            )
    return problems


def _without_names(text: str, names: tuple[str, ...]) -> str:
    for name in names:
        if name:
            text = text.replace(name, " ")
    return text


def _looks_like_sheet(text: str) -> bool:
    return len(re.findall(r"[:：]", text)) >= 2


def _mentions(text: str, value: str) -> bool:
    if not value.strip():
        return False
    if re.fullmatch(r"[\w .'-]+", value):
        return re.search(rf"(?<![\w]){re.escape(value)}(?![\w])", text, re.IGNORECASE) is not None
    return value in text
