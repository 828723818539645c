"""Claims and disclosure policy per market, loaded from ``writing/policies/*.yaml``.

``global.yaml`` applies everywhere; ``<market>.yaml`` adds rules in the market's language and
may ``disable`` global rules by id or override the disclosure flags. The rules are data: legal
and trust & safety staff edit YAML, not code.
"""

from __future__ import annotations

import re
from functools import cache, cached_property
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from shopcast.errors import InvalidInputError, NotFoundError

POLICY_DIR = Path(__file__).with_name("policies")
RuleKind = Literal["claim", "endorsement"]


class Disclosure(BaseModel):
    label_required: bool = True
    persona_label_near_name: bool = False
    disclose_ai_in_chat: bool = True
    synthetic_performer_notice: bool = False


class PolicyRule(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    kind: RuleKind
    reason: str
    patterns: list[str] = Field(min_length=1)
    unless_substantiated: bool = False
    # With ``substantiate_word: true`` the catalog must contain the matched phrase together
    # with the word before it: "유기농 인증" is not substantiated by "비건 인증".
    substantiate_word: bool = False
    # With ``substantiate_phrase: true`` the catalog must contain the matched phrase itself:
    # "100% recycled" is the seller's, "100% waterproof" is not.
    substantiate_phrase: bool = False
    # With ``denial_allowed: true`` a sentence that denies the claim ("not waterproof",
    # "인증은 받지 않았어요") does not break the rule: saying what a product is not is honest.
    denial_allowed: bool = False

    @cached_property
    def compiled(self) -> list[re.Pattern[str]]:
        return [re.compile(p, re.IGNORECASE) for p in self.patterns]


class RuleHit(BaseModel):
    rule: PolicyRule
    phrase: str  # the text that matched


class ClaimsPolicy(BaseModel):
    market: str
    rules: list[PolicyRule]
    disclosure: Disclosure = Field(default_factory=Disclosure)

    def scan(self, text: str, substantiation: str = "") -> list[RuleHit]:
        """Rules ``text`` breaks. A rule marked ``unless_substantiated`` is excused when the
        same pattern also matches the seller's own catalog text ``substantiation``."""
        hits: list[RuleHit] = []
        for rule in self.rules:
            for pattern in rule.compiled:
                match = pattern.search(text)
                if match is None:
                    continue
                if rule.denial_allowed and _denied(text, match):
                    continue
                if (
                    rule.unless_substantiated
                    and substantiation
                    and _substantiated(rule, pattern, match, text, substantiation)
                ):
                    continue
                hits.append(RuleHit(rule=rule, phrase=match.group(0)))
                break
        return hits


def _substantiated(
    rule: PolicyRule, pattern: re.Pattern[str], match: re.Match[str], text: str, catalog: str
) -> bool:
    if rule.substantiate_phrase:
        return _squash(match.group(0)) in _squash(catalog)
    if not rule.substantiate_word:
        return pattern.search(catalog) is not None
    before = re.findall(r"\w+", text[: match.start()])
    phrase = _squash((before[-1] + " " if before else "") + match.group(0))
    # the catalog sentence must say it, not deny it ("not certified gluten-free")
    return any(
        phrase in _squash(sentence) and not _NEGATION.search(sentence)
        for sentence in re.split(r"(?<=[.!?。！？\n])", catalog)
    )


_NEGATION = re.compile(
    r"\b(not|no|never|isn't|aren't|doesn't|sin|pas|non|não|nem|tidak|bukan)\b|n't\b"
    r"|아니|않|없|ではない|ではありません|じゃない|ません|未|没有|并非|不是",
    re.IGNORECASE,
)


def _denied(text: str, match: re.Match[str]) -> bool:
    """Whether the sentence holding ``match`` denies it: a negation right before the claim
    ("isn't certified", "no tiene certificación", "没有获得…认证") or, in Korean and Japanese,
    after it in the same clause ("인증을 받은 제품은 아니에요", "認証は受けていません")."""
    start = max(text.rfind(c, 0, match.start()) for c in ".!?。！？\n") + 1
    ends = [i for c in ".!?。！？\n" if (i := text.find(c, match.end())) >= 0]
    end = min(ends) if ends else len(text)
    sentence = text[start:end]
    if _NOT_ONLY.search(sentence):  # "not only waterproof but…" affirms the claim
        return False
    before, after = text[start : match.start()], text[match.end() : end]
    if re.search(r"[\uac00-\ud7a3\u3040-\u30ff]", sentence):
        clause = re.split(r"[,，、]|[고며]\s|지만|는데|けど|が、", after, maxsplit=1)[0]
        return _NEGATION.search(clause) is not None
    if re.search(r"[\u4e00-\u9fff]", match.group(0)):
        clause = re.split(r"[,，、；;]", before)[-1][-8:]
        return re.search(r"不|没有?|未|并非|无法", clause) is not None
    words = re.findall(r"[\w'’]+", before)[-4:]
    return _NEGATION.search(" ".join(words)) is not None


_NOT_ONLY = re.compile(
    r"\b(not\s+(only|just)|no\s+s[oó]lo|não\s+s[oó]|non\s+solo|pas\s+seulement|tidak\s+hanya)\b"
    r"|뿐만\s*아니라|뿐\s*아니라|だけでなく|だけじゃなく|不仅|不只|不但",
    re.IGNORECASE,
)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


class _PolicyFile(BaseModel):
    market: str
    disclosure: dict[str, bool] = Field(default_factory=dict)
    disable: list[str] = Field(default_factory=list)
    rules: list[PolicyRule] = Field(default_factory=list)


def _read(path: Path) -> _PolicyFile:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        policy = _PolicyFile.model_validate(data)
        for rule in policy.rules:
            _ = rule.compiled  # fail now on a bad regex, naming the file
    except (yaml.YAMLError, ValidationError, re.error) as exc:
        raise InvalidInputError(f"policy file {path} is invalid: {exc}") from exc
    return policy


def available_markets() -> list[str]:
    return sorted(p.stem for p in POLICY_DIR.glob("*.yaml") if p.stem != "global")


@cache
def load_policy(market_code: str) -> ClaimsPolicy:
    """The global policy merged with the market's own file (e.g. ``"ko-KR"``).

    A market without a file of its own gets the global policy alone; a malformed code is an
    error.
    """
    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", market_code):
        raise NotFoundError(
            f"market code {market_code!r} is not a BCP-47 code like 'ko-KR'",
            hint=f"policies exist for: {', '.join(available_markets())}",
        )
    base = _read(POLICY_DIR / "global.yaml")
    disclosure = dict(base.disclosure)
    rules = list(base.rules)
    market_file = POLICY_DIR / f"{market_code}.yaml"
    if market_file.is_file():
        own = _read(market_file)
        disclosure.update(own.disclosure)
        rules = [r for r in rules if r.id not in set(own.disable)] + own.rules
    return ClaimsPolicy(market=market_code, rules=rules, disclosure=Disclosure(**disclosure))
