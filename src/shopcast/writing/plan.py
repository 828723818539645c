"""What each beat of a script says, chosen before a word is written.

A plan picks the script's angle (problem → solution, benefit-led, demo-led, proof-led,
price-led), ranks the product's selling points by how well they fit the seller's brief
(multilingual e5 embeddings when available, else catalog order), and hands each beat its facts:
the hook one point (or the brief's topic, or the price), the demo one or two points, the proof
a point with a number (or a spec, or the options in stock), the offer the price, the cta
nothing. Points left over are kept to lengthen a short script. Variants of one product get
different angles and different points first, so they are not rewordings of each other.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from shopcast.writing.script import BEAT_ORDER, BeatKind, estimate_seconds
from shopcast.writing.speakable import Point, SpokenFacts

log = logging.getLogger(__name__)

# The angles a variant may take, in the order variants take them.
ANGLES: dict[str, str] = {
    "problem": "open on the viewer's problem from the brief, then show how the product solves it",
    "benefit": "lead with the product's main benefit",
    "demo": "lead with how it looks, feels or works",
    "proof": "lead with one concrete number or detail",
    "price": "lead with the price",
}
# Share of the script's length per beat (sums to 1).
BEAT_SHARE: dict[BeatKind, float] = {
    "hook": 0.15,
    "demo": 0.3,
    "proof": 0.2,
    "offer": 0.15,
    "cta": 0.2,
}
MAX_TOPIC_CHARS = {"ko": 30, "ja": 30, "zh": 20}
MAX_TOPIC_WORDS = 8

Embed = Callable[[str], np.ndarray]
EmbedMany = Callable[[list[str]], np.ndarray]


@dataclass
class BeatPlan:
    kind: BeatKind
    seconds: float  # the beat's share of the target length
    points: list[Point] = field(default_factory=list)
    spec: tuple[str, str] | None = None  # (attribute key, value) for the proof
    options: str | None = None  # "colours" or "sizes" for the proof


@dataclass
class ScriptPlan:
    angle: str
    facts: SpokenFacts
    length_s: float
    topic: str | None
    beats: dict[BeatKind, BeatPlan]
    spare: list[Point] = field(default_factory=list)  # to lengthen a short script

    @property
    def angle_text(self) -> str:
        return ANGLES[self.angle]


# A brief that asks to open with the price ("it's on sale, so open with the price").
_PRICE_CUES = re.compile(
    r"\b(price|sale|discount|deal|budget|cheap)|가격|할인|세일|특가|価格|値段|セール|割引|"
    r"价格|打折|优惠|折扣|\b(precio|rebaj|oferta|descuento|preço|promo|desconto|prix|promo|"
    r"prezzo|sconto|harga|diskon|promo)|कीमत|दाम|छूट",
    re.IGNORECASE,
)


def angle_for(variant: int, *, has_topic: bool, has_price: bool, brief: str | None = None) -> str:
    """The variant's angle: problem → solution first when the brief names an audience, the
    price first when the brief asks for it, then the others in turn."""
    order = [a for a in ANGLES if (a != "problem" or has_topic) and (a != "price" or has_price)]
    if has_price and brief and _PRICE_CUES.search(brief):
        order.remove("price")
        order.insert(0, "price")
    return order[variant % len(order)]


def brief_topic(brief: str | None, language: str) -> str | None:
    """The brief's first clause when it is short enough to be said in a hook ("dry winter
    skin", "건조한 겨울철 저녁 루틴"); None for a long brief. The caller checks it against
    the catalog and the market's rules like any line."""
    if not brief:
        return None
    first = re.split(r"[.!?;:。！？；：।\n,，、]", brief.strip(), maxsplit=1)[0].strip()
    first = first.strip(" \"'“”‘’「」")
    if language == "ko":  # "… 홈쿡 대상" → "… 홈쿡" (the patterns add their own 위해)
        first = re.sub(r"\s*(대상|대상으로|분들)$", "", first)
    if language == "ja":  # "会社員向け", "料理好きの方へ" → "会社員", "料理好き" (the patterns
        first = re.sub(r"(?:へ|に)$", "", first)  # add their own 向けに)
        first = re.sub(r"(向け|の方|の皆さん)$", "", first)
    if not first:
        return None
    limit = MAX_TOPIC_CHARS.get(language)
    if limit is not None:
        return first if len(first) <= limit else None
    return first if len(first.split()) <= MAX_TOPIC_WORDS else None


def rank_points(
    points: Sequence[Point],
    brief: str | None,
    *,
    embed: Embed | None = None,
    embed_many: EmbedMany | None = None,
) -> list[Point]:
    """Points in the order they fit ``brief`` (catalog order without a brief or embedder)."""
    if not brief or embed is None or embed_many is None or len(points) < 2:
        return list(points)
    try:
        query = embed(brief)
        vectors = embed_many([p.text for p in points])
    except Exception as exc:  # the embedder is an aid: the catalog order still works
        log.warning("could not rank selling points by the brief: %s", exc)
        return list(points)
    scores = vectors @ query
    order = sorted(range(len(points)), key=lambda i: (-float(scores[i]), i))
    return [points[i] for i in order]


def make_plan(
    facts: SpokenFacts,
    *,
    length_s: float,
    variant: int,
    topic: str | None,
    ranked: Sequence[Point],
    brief: str | None = None,
) -> ScriptPlan:
    angle = angle_for(variant, has_topic=bool(topic), has_price=bool(facts.price), brief=brief)
    points = list(ranked)
    if points:  # each variant starts from a different point
        shift = variant % len(points)
        points = points[shift:] + points[:shift]
    numbered = [p for p in points if p.has_number]
    plain = [p for p in points if not p.has_number]
    if angle == "proof":
        points = numbered + plain
    elif angle == "demo":
        points = plain + numbered
    beats = {k: BeatPlan(k, round(length_s * BEAT_SHARE[k], 2)) for k in BEAT_ORDER}
    pool = list(points)

    def take(prefer_number: bool = False) -> Point | None:
        if not pool:
            return None
        pick = next((p for p in pool if p.has_number), None) if prefer_number else None
        pick = pick or pool[0]
        pool.remove(pick)
        return pick

    if angle in ("benefit", "proof") and (hook := take(prefer_number=angle == "proof")):
        beats["hook"].points.append(hook)
    for _ in range(2):
        point = take()
        if point:
            beats["demo"].points.append(point)
    proof = take(prefer_number=True)
    if proof:
        beats["proof"].points.append(proof)
    elif facts.specs:
        beats["proof"].spec = facts.specs[variant % len(facts.specs)]
    elif facts.colours:
        beats["proof"].options = "colours"
    elif facts.sizes:
        beats["proof"].options = "sizes"
    plan = ScriptPlan(angle, facts, length_s, topic, beats, spare=pool)
    return plan


def planned_seconds(lines: dict[BeatKind, str], language: str) -> float:
    return sum(estimate_seconds(t, language) for t in lines.values())
