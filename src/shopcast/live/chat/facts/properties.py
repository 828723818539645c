"""Yes/no properties ("is it machine washable?") settled by the catalog, never by the viewer.

The table is data (``properties.yaml``). :func:`asked_properties` finds the properties a
question asks about; :func:`settle` reads the product's own words for a verdict — ``yes``,
``no``, ``partly`` or ``None`` (the catalog does not say) — with the fact that decided it. A
comment that asserts a property ("a review said it's machine washable, right?") gets the
catalog's verdict, or "the details don't say", never a confirmation of its own words.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

import regex
import yaml

from shopcast.errors import InvalidInputError
from shopcast.live.chat.facts.lines import lines_language
from shopcast.live.chat.facts.product import Fact, ProductFacts
from shopcast.live.chat.textmatch import fold

Verdict = Literal["yes", "no", "partly"]
VERDICTS: tuple[Verdict, ...] = ("partly", "no", "yes")  # the order the catalog is read in
_WORD = r"[\p{Latin}\p{N}]"  # a Latin word may touch CJK text: "IH対応", "water proof에요"
# a confirming phrase right after one of these does not confirm ("not tested on animals")
_NEGATED = regex.compile(
    r"(?:\bnot|\bnever|\bno|\bnon|\bwithout|n't|\bsin|\bsem|\bsans|\bnao|\bni)[\s-]*$"
    r"|(?:안|못|不|没|別|非)\s*$"
)
# verbs come last in Korean and Japanese: "洗濯機で洗えません", "세탁기 사용은 안 돼요"
_NEGATED_AFTER = regex.compile(r"^[^.!?。！？,、]{0,6}?(ません|ない|なく|ず|않|안 |못|없|불가)")
_YES_FIRST = regex.compile(
    r"^\W*(yes|yeah|yep|sí|sim|oui|sì|ya|iya|네|예|はい|是的|是|可以|能|会|有的)(?![a-z])"
)
_NO_FIRST = regex.compile(
    r"^\W*(no|nope|não|non|tidak|아니요|아뇨|아니|いいえ|不是|不能|不可以|不会|不行|没有|不)(?![a-z])"
)


@dataclass(frozen=True)
class Property:
    name: str
    ask: regex.Pattern[str]
    clues: dict[Verdict, regex.Pattern[str]]
    say: dict[Verdict, dict[str, str]]

    def line(self, verdict: Verdict, language: str) -> str | None:
        return self.say.get(verdict, {}).get(lines_language(language))


@dataclass(frozen=True)
class Settled:
    prop: Property
    verdict: Verdict | None  # None: the catalog does not say
    evidence: Fact | None  # the fact that decided it
    by_faq: bool = False  # an FAQ asking exactly this answered it (its answer says it all)


def _is_latin(term: str) -> bool:
    return all(ord(c) < 0x0250 or not c.isalpha() for c in term)


def _compile(terms: list[str]) -> regex.Pattern[str]:
    parts = []
    for term in sorted({fold(str(t)) for t in terms}, key=len, reverse=True):
        body = regex.escape(term).replace(r"\ ", r"[\s-]+")
        latin = rf"(?<!{_WORD}){body}(?:s|es)?(?!{_WORD})"  # plurals too: "impermeables"
        parts.append(latin if _is_latin(term) else body)
    return regex.compile("|".join(parts))


def _verdict_keys(spec: dict) -> dict:
    """YAML reads the keys ``yes`` and ``no`` as booleans: give them their names back."""
    names = {True: "yes", False: "no"}
    return {names.get(k, k) if isinstance(k, bool) else k: v for k, v in spec.items()}


@cache
def properties() -> tuple[Property, ...]:
    path = resources.files("shopcast.live.chat.facts").joinpath("properties.yaml")
    data = yaml.safe_load(path.read_text("utf-8"))
    if not isinstance(data, dict):
        raise InvalidInputError("live/chat/facts/properties.yaml: expected a mapping")
    out = []
    for name, raw in data.items():
        spec = _verdict_keys(raw)
        try:
            clues = {v: _compile(spec[v]) for v in VERDICTS if spec.get(v)}
            say = _verdict_keys(spec.get("say", {}))
            out.append(Property(name, _compile(spec["ask"]), clues, say))
        except (KeyError, TypeError) as exc:
            raise InvalidInputError(f"properties.yaml: {name}: {exc}") from exc
    return tuple(out)


def asked_properties(text: str) -> list[Property]:
    folded = fold(text)
    return [p for p in properties() if p.ask.search(folded)]


def clue_mentions(pattern: regex.Pattern[str], text: str) -> list[bool]:
    """Each place ``pattern`` occurs in ``text``: whether it is negated there ("not tested on
    animals", "洗濯機で洗えません")."""
    folded = fold(text)
    return [
        bool(_NEGATED.search(folded[: m.start()]) or _NEGATED_AFTER.search(folded[m.end() :]))
        for m in pattern.finditer(folded)
    ]


def _found(pattern: regex.Pattern[str], text: str) -> bool:
    return any(not negated for negated in clue_mentions(pattern, text))


def _faq_verdict(prop: Property, fact: Fact) -> tuple[bool, Verdict | None]:
    """Whether this FAQ asks about ``prop``, and its answer's first word as a verdict (None:
    the seller answered with a qualification, "The bottle is; hand wash the lid")."""
    for question, answer in ((fact.label, fact.source), (fact.local_label, fact.local or "")):
        if question and answer and prop.ask.search(fold(question)):
            said = answer.strip().lower()  # accents kept: Spanish "si" is "if", "sí" is yes
            if _NO_FIRST.search(said):
                return True, "no"
            if _YES_FIRST.search(said):
                return True, "yes"
            return True, None
    return False, None


def settle(prop: Property, facts: ProductFacts) -> Settled:
    """The catalog's verdict on ``prop`` for one product: an FAQ asking exactly this that
    answers yes or no; else the clues in the seller's words (``no`` before ``yes``); else
    ``partly`` when such an FAQ answered with a qualification (its answer is the evidence)."""
    asked_by: Fact | None = None
    for fact in facts.facts:
        if fact.kind != "faq":
            continue
        matched, verdict = _faq_verdict(prop, fact)
        if verdict is not None:
            return Settled(prop, verdict, fact, by_faq=True)
        if matched and asked_by is None:
            asked_by = fact
    texts = [(f, t) for f in facts.facts for t in (f.source, f.local or "") if t]
    found: dict[Verdict, Fact] = {}
    for verdict in VERDICTS:
        pattern = prop.clues.get(verdict)
        if pattern is not None:
            hit = next((fact for fact, text in texts if _found(pattern, text)), None)
            if hit is not None:
                found[verdict] = hit
    if found:
        # both a yes and a no ("the body is dishwasher safe; hand-wash the lid"): partly
        verdict = "partly" if {"yes", "no"} <= set(found) else next(iter(found))
        if asked_by is not None:
            return Settled(prop, verdict, asked_by, by_faq=True)
        return Settled(prop, verdict, found.get(verdict) or next(iter(found.values())))
    if asked_by is not None:
        return Settled(prop, "partly", asked_by, by_faq=True)
    return Settled(prop, None, None)
