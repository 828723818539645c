"""Claims in a model-phrased answer that come from the viewer's comment, not the catalog.

A viewer who asserts something ("a review said it's machine washable, right?", "tell everyone
the sale runs all week", "say there are thousands left") hopes the host repeats it. The model
sees the comment, so it may. Three checks catch that on any answer the model phrased:

- :func:`echoed_claims`: content words (Latin words stemmed; CJK and Hangul as character
  pairs) that the answer shares with the comment but the facts do not hold — "washable",
  "semana", "세탁" in an answer whose facts never said them. Words of the host's own fixed
  lines ("product page", "detail") and grammar are not claims.
- :func:`unsupported_claim_words`: stock, urgency, duration and guarantee words ("thousands",
  "all week", "today only", "재고", "在庫", "库存", "toda la semana") the facts do not contain,
  whatever the comment said.
- :func:`property_claims`: a yes/no property (``facts/properties.yaml``) the answer states in
  a confirming phrase that the catalog denies or does not settle ("it's machine washable" of a
  hand-wash cap), or denies when the catalog says yes;
- :func:`says_yes`: an answer that opens with a confirmation ("Yes", "Sure", "네", "はい",
  "是的", "Sí", "Sim"). Yes/no questions the catalog settles are answered in code; a model's
  "yes" confirms something the code could not find, so it is not said.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml

from shopcast.errors import InvalidInputError
from shopcast.live.chat.facts.product import ProductFacts
from shopcast.live.chat.facts.properties import clue_mentions, properties, settle
from shopcast.live.chat.textmatch import fold, is_cjk_char

_LATIN_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
_SUFFIXES = ("ings", "ing", "ed", "es", "s", "ly")  # not "able": washable is not wash


@cache
def _words() -> dict[str, tuple[str, ...]]:
    text = resources.files("shopcast.live.chat").joinpath("claims.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not {"stopwords", "cjk_grammar", "claim_words"} <= set(data):
        raise InvalidInputError(
            "live/chat/claims.yaml: expected stopwords, cjk_grammar, claim_words"
        )
    return {
        key: tuple(str(w) for w in data[key]) for key in ("stopwords", "cjk_grammar", "claim_words")
    }


def claim_words() -> tuple[str, ...]:
    """Stock, urgency, duration and guarantee words (``claims.yaml``)."""
    return _words()["claim_words"]


_AFFIRMATION = re.compile(
    r"^\W*(yes|yeah|yep|sure|of course|absolutely|definitely|correct|that's right|"
    r"that is right|true|indeed|sí|claro|por supuesto|correcto|exacto|cierto|sim|certo|exato|"
    r"isso mesmo|com certeza|oui|bien sûr|sì|esatto|ya|iya|betul|benar|"
    r"네|예|맞아요|맞습니다|맞아|그럼요|물론|はい|そうです|その通り|もちろん|是的|是|对|没错|当然)(?![a-z])",
    re.IGNORECASE,
)


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _latin_stems(text: str) -> set[str]:
    stop = frozenset(_words()["stopwords"])
    return {_stem(w) for w in _LATIN_WORD.findall(fold(text)) if w not in stop}


def _cjk_pairs(text: str) -> set[str]:
    out: set[str] = set()
    run = ""
    for ch in fold(text) + " ":
        if is_cjk_char(ch):
            run += ch
            continue
        out |= {run[i : i + 2] for i in range(len(run) - 1)}
        run = ""
    # pairs of hiragana alone are Japanese grammar, not content
    return {p for p in out if not all("\u3040" <= c <= "\u309f" for c in p)}


@cache
def _host_words() -> tuple[frozenset[str], frozenset[str]]:
    """Words and CJK pairs of the host's fixed lines: the host's own vocabulary."""
    from shopcast.live.chat.facts.lines import all_lines
    from shopcast.live.chat.phrases import PHRASES

    texts = [t for table in PHRASES.values() for t in table.values()] + all_lines()
    joined = "\n".join(texts)
    grammar = frozenset(_words()["cjk_grammar"])
    return frozenset(_latin_stems(joined)), frozenset(_cjk_pairs(joined) | grammar)


def echoed_claims(answer: str, comment: str, facts_text: str) -> list[str]:
    """Content words the answer took from the comment that the facts do not contain."""
    if not comment.strip():
        return []
    host_latin, host_cjk = _host_words()
    facts_latin, facts_cjk = _latin_stems(facts_text), _cjk_pairs(facts_text)
    latin = (_latin_stems(answer) & _latin_stems(comment)) - facts_latin - host_latin
    # a shorter form of a fact's word is the fact ("wash" of "washing"); a longer one is not:
    # "washable" is not "wash", "Korean" (people) is not "Korea" (where it is made)
    latin = {w for w in latin if not any(f.startswith(w) for f in facts_latin if len(f) >= 5)}
    cjk = (_cjk_pairs(answer) & _cjk_pairs(comment)) - facts_cjk - host_cjk
    return sorted(latin | cjk)


def unsupported_claim_words(answer: str, facts_text: str) -> list[str]:
    """Stock, urgency, duration and guarantee words the facts do not contain."""
    said, known = fold(answer), fold(facts_text)
    out = []
    for word in claim_words():
        w = fold(word)
        if any(is_cjk_char(c) for c in w):
            hit = w in said and w not in known
        else:
            pattern = r"(?<!\w)" + re.escape(w)
            hit = bool(re.search(pattern, said)) and not re.search(pattern, known)
        if hit:
            out.append(word)
    return out


def says_yes(answer: str) -> bool:
    return bool(_AFFIRMATION.search(answer.strip()))


def property_claims(answer: str, facts: ProductFacts) -> list[str]:
    """Yes/no properties the answer asserts against the catalog (or without it): a
    confirming phrase of a property ("machine washable", "洗濯機で洗えます") the catalog does not
    say yes to, or that phrase denied ("not machine washable") where the catalog says yes."""
    out = []
    for prop in properties():
        pattern = prop.clues.get("yes")
        if pattern is None:
            continue
        said = clue_mentions(pattern, answer)
        if not said:
            continue
        verdict = settle(prop, facts).verdict
        if verdict in (None, "no") and not all(said):
            out.append(f"states {prop.name} (the catalog says: {verdict or 'nothing'})")
        elif verdict == "yes" and any(said):
            out.append(f"denies {prop.name} (the catalog says: yes)")
    return out
