"""What a viewer asks about: price, a deal, stock, sizes, colours, shipping, an attribute...

``read_question(text)`` returns the :class:`Asked` topics of one comment in any of the chat's
languages; the words are data (``asks.yaml``). Latin-script keywords of six letters or more
also match with one typo ("coulors", "shiping"), through the ``regex`` module's fuzzy matching;
common typos of shorter words are listed there ("pirce"). The answer step decides which topics
the catalog answers in code (:mod:`shopcast.live.chat.facts.fixed`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from importlib import resources

import regex
import yaml

from shopcast.errors import InvalidInputError
from shopcast.live.chat.textmatch import fold


class Topic(StrEnum):
    PRICE = "price"
    DEAL = "deal"  # a price cut, sale, coupon
    HOW_LONG = "how_long"  # how long a price or deal lasts
    STOCK = "stock"
    RESTOCK = "restock"
    SIZES = "sizes"  # which sizes exist
    FIT = "fit"  # which size to take, runs big/small
    COLOURS = "colours"
    OPTIONS = "options"  # which versions exist (capacity, volume...)
    SHIPPING = "shipping"
    RETURNS = "returns"
    ABOUT = "about"  # "tell me about it", "what's special", "is it good?"
    ATTRIBUTE = "attribute"  # material, origin, weight... (see ``Asked.attributes``)


# Questions about the product's sizes that mean its dimensions, not size options.
_SIZE_MEANS_DIMENSIONS = ("how big", "크기", "大きさ", "多大")

_WORD_CHARS = r"[\p{Latin}\p{N}]"  # Latin words may touch CJK: "hoodieのsize"


def _is_latin(term: str) -> bool:
    return all(ord(c) < 0x0250 or not c.isalpha() for c in term)


def _pattern(terms: list[str]) -> regex.Pattern[str]:
    parts = []
    for term in sorted({fold(t) for t in terms}, key=len, reverse=True):
        if term.startswith("re:"):  # a pattern of its own ("re:where.{0,30}made")
            parts.append(term[3:])
            continue
        body = regex.escape(term).replace(r"\ ", r"\s+")
        if _is_latin(term):
            letters = sum(c.isalpha() for c in term)
            fuzzy = "{e<=1}" if letters >= 6 else ""
            parts.append(rf"(?<!{_WORD_CHARS})(?:{body}){fuzzy}(?!{_WORD_CHARS})")
        else:
            parts.append(body)
    return regex.compile("|".join(parts))


@cache
def _data() -> dict:
    text = resources.files("shopcast.live.chat.facts").joinpath("asks.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not {"topics", "attributes"} <= set(data):
        raise InvalidInputError("live/chat/facts/asks.yaml: expected `topics` and `attributes`")
    return data


@cache
def attribute_keys(topic: str) -> tuple[str, ...]:
    """The attribute keys that answer an attribute topic ("material" → material, fabric...)."""
    spec = _data()["attributes"].get(topic)
    return tuple(str(k) for k in spec["keys"]) if spec else ()


@cache
def _topic_patterns() -> dict[Topic, regex.Pattern[str]]:
    return {Topic(name): _pattern(list(words)) for name, words in _data()["topics"].items()}


@cache
def _attribute_patterns() -> dict[str, regex.Pattern[str]]:
    return {name: _pattern(list(spec["ask"])) for name, spec in _data()["attributes"].items()}


_NOT_PRICE = regex.compile(
    r"weigh|heavy|hold|capacity|volume|how long|how big|large|무게|용량|크기|얼마나|重さ|容量|多重|"
    r"多大|peso|pesa|poids|berat|वजन|ship|deliver|postage|배송|送料|配送|运费|邮费|envio|entrega|"
    r"frete|livraison|spedizione|ongkir|pengiriman|शिपिंग|डिलीवरी",
)


@dataclass(frozen=True)
class Asked:
    topics: frozenset[Topic]
    attributes: tuple[str, ...] = ()  # attribute topics asked ("material", "care")
    yes_no: bool = False  # a question that expects yes or no
    words: tuple[str, ...] = field(default_factory=tuple)  # folded words, for later matching

    def __contains__(self, topic: Topic) -> bool:
        return topic in self.topics


_YES_NO = regex.compile(
    r"^(is|are|does|do|did|can|could|will|would|has|have|should|isn't|doesn't|aren't|es|está|esta|"
    r"tiene|puedo|se puede|sirve|é|e|tem|pode|posso|serve|dá|da|est-ce|peut|c'est|è|ha|si può|"
    r"apakah|bisa)\b"
    r"|(나요|까요|가요|인가요|어요\?|되나요|돼요\?|있어요\?|없어요\?|죠\?|맞아요\?|ですか|ますか|ませんか|"
    r"でしょうか|吗|嗎|能不能|可不可以|是不是|有没有|會不會|会不会|verdad|¿no\?|né\??|não é|"
    r"right\??|isn't it|correct\??)\s*[?？]?\s*$",
    regex.IGNORECASE,
)


def read_question(text: str) -> Asked:
    folded = fold(text)
    topics = {t for t, p in _topic_patterns().items() if p.search(folded)}
    if Topic.PRICE in topics and _NOT_PRICE.search(folded):
        topics.discard(Topic.PRICE)
    # the topic a longer phrase asks for first: "能烧多久" (burn time) before "蜡" (wax)
    scored = []
    for name, pattern in _attribute_patterns().items():
        longest = max((len(m.group(0)) for m in pattern.finditer(folded)), default=0)
        if longest:
            scored.append((-longest, name))
    attributes = tuple(name for _, name in sorted(scored))
    if Topic.SIZES in topics and any(w in folded for w in _SIZE_MEANS_DIMENSIONS):
        topics.discard(Topic.SIZES)
        attributes = (*attributes, "dimensions") if "dimensions" not in attributes else attributes
    if attributes:
        topics.add(Topic.ATTRIBUTE)
    yes_no = bool(_YES_NO.search(folded.strip()))
    return Asked(frozenset(topics), attributes, yes_no, tuple(regex.findall(r"\w+", folded)))
