"""Answer quality: viewer questions over the sample catalog, judged by the facts they must state.

Each question in ``bench/data/answer_quality.yaml`` goes through a chat desk (one per market,
as a show has): the desk finds which products it is about (named, else the same viewer's last
ones, else the one on screen), retrieves facts and composes the answer. The answer is judged
by the facts it states, not by string equality:

- numbers: every expected number must be in it ("99000" matches "₩99,000", "479.90" matches
  "R$ 479,90"), and every money amount it says must be a catalog price (or shipping term) of
  the products the question is about;
- words: one alternative of each expected group must be in it (case and accents folded);
- yes/no: the answer must open with the expected verdict ("partly": with neither);
- nothing in the entry's ``none`` list may be in it, and it must be about the right product.

Categories. Answerable questions: ``correct`` (all expected facts, nothing false), ``partial``
(answered, nothing false, but an expected fact missing), ``unknown`` (the honest "the details
don't say" answer), ``wrong`` (a false fact: a wrong verdict, a number or price not in the
catalog, a forbidden claim, the wrong product). Unanswerable ones: ``honest`` or ``wrong``.
Targets: unknown ≤ 10% of answerable questions; 0 wrong.

    .venv/bin/python bench/answer_quality.py                  # with the bundled LLM
    .venv/bin/python bench/answer_quality.py --no-llm         # catalog paths only (fast)
    .venv/bin/python bench/answer_quality.py --catalog other.json --show
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

from shopcast.assistant.retrieval import Retriever
from shopcast.assistant.shipping import ShippingTerms, load_shipping_policy
from shopcast.catalog.models import Product, base_language
from shopcast.catalog.sample import SAMPLE_JSON
from shopcast.live.chat.answers import Answer
from shopcast.live.chat.desk import ChatDesk
from shopcast.live.chat.intent import classify_intent
from shopcast.live.chat.messages import ChatMessage
from shopcast.live.chat.questions import RankedQuestion, dedup_key
from shopcast.live.chat.shelf import ViewerContext
from shopcast.live.chat.textmatch import fold
from shopcast.markets.registry import get_market
from shopcast.markets.types import Market
from shopcast.persona.types import LookChoice, Persona, PersonaMarket, VoiceChoice
from shopcast.writing.amounts import find_amounts

DATA = Path(__file__).with_name("data") / "answer_quality.yaml"
UNKNOWN_TARGET = 0.10
_NUMBER = re.compile(r"\d(?:[\d.,\u00a0\u202f]*\d)?")
_YES = re.compile(
    r"^\W*(yes|yep|yeah|sure|네|예|はい|是的|是|可以|能|有的|有|sí|si\b|sim|oui|sì)", re.IGNORECASE
)
_NO = re.compile(r"^\W*(no\b|nope|아니요|아뇨|いいえ|不|没有|não|nao|non\b|tidak)", re.IGNORECASE)


@dataclass(frozen=True)
class Item:
    id: str
    market: str
    on_screen: str
    viewer: str
    text: str
    about: tuple[str, ...]
    answerable: bool
    expect_all: tuple[tuple[str, ...], ...] = ()
    expect_none: tuple[str, ...] = ()
    verdict: str | None = None

    @property
    def language(self) -> str:
        return self.id.split("-")[0]


@dataclass
class Judged:
    item: Item
    answer: Answer
    category: str  # correct | partial | unknown | wrong | honest
    reasons: list[str] = field(default_factory=list)
    seconds: float = 0.0


def load_items(path: Path) -> list[Item]:
    raw = yaml.safe_load(path.read_text("utf-8"))
    items = []
    for e in raw:
        items.append(
            Item(
                id=e["id"],
                market=e["m"],
                on_screen=e["pin"],
                viewer=e.get("v", e["id"]),
                text=e["q"],
                about=tuple(e["about"]),
                answerable=bool(e["ok"]),
                expect_all=tuple(tuple(str(a) for a in group) for group in e.get("all", [])),
                expect_none=tuple(e.get("none", [])),
                verdict=e.get("verdict"),
            )
        )
    ids = [i.id for i in items]
    if len(ids) != len(set(ids)):
        raise SystemExit(f"{path}: duplicate ids")
    return items


def load_products(path: Path) -> list[Product]:
    data = json.loads(path.read_text("utf-8"))
    return [Product.model_validate(p) for p in data["products"]]


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def numbers_in(text: str) -> set[str]:
    return {_digits(m.group(0)) for m in _NUMBER.finditer(text)}


def has_fact(answer: str, alternative: str) -> bool:
    if re.fullmatch(r"[\d.,]+", alternative):
        return _digits(alternative) in numbers_in(answer)
    return fold(alternative) in fold(answer)


def opening_verdict(text: str) -> str | None:
    if _NO.search(text):
        return "no"
    if _YES.search(text):
        return "yes"
    return None


def allowed_money(products: list[Product], market: Market, terms: ShippingTerms | None) -> set:
    allowed: set[Decimal] = set()
    for p in products:
        for v in p.variants:
            price = v.price_in(market.currency, p.currency)
            if price is not None:
                allowed.add(price)
            if v.compare_at_price is not None and market.currency == p.currency:
                allowed.add(v.compare_at_price)
    if terms is not None:
        allowed |= {terms.fee} | ({terms.free_over} if terms.free_over is not None else set())
    return {a.normalize() for a in allowed}


def judge(item: Item, answer: Answer, products: dict[str, Product], policy: dict) -> Judged:
    text = answer.text
    market = get_market(item.market)
    reasons: list[str] = []
    for pattern in item.expect_none:
        if re.search(pattern, text, re.IGNORECASE):
            reasons.append(f"says {pattern!r}")
    safe = answer.path == "safe"
    if not safe and answer.products and answer.products[0] != item.about[0]:
        reasons.append(f"about {answer.products[0]}, not {item.about[0]}")
    about = [products[s] for s in item.about if s in products]
    allowed = allowed_money(about, market, policy.get(market.code))
    for amount in find_amounts(text):
        if amount.kind == "money" and not {v.normalize() for v in amount.values} & allowed:
            reasons.append(f"money {amount.text!r} is not a catalog price of {item.about}")
    said = opening_verdict(text)
    if item.verdict and not safe:
        if item.verdict == "partly" and said is not None:
            reasons.append(f"opens with {said!r}, the catalog says partly")
        elif item.verdict in ("yes", "no") and said is not None and said != item.verdict:
            reasons.append(f"opens with {said!r}, the catalog says {item.verdict}")
    if reasons:
        return Judged(item, answer, "wrong", reasons)
    if not item.answerable:
        return Judged(item, answer, "honest")
    if safe:
        return Judged(item, answer, "unknown")
    missing = [g for g in item.expect_all if not any(has_fact(text, a) for a in g)]
    if item.verdict in ("yes", "no") and said != item.verdict:
        missing.append((f"opens with {item.verdict}",))
    if missing:
        return Judged(item, answer, "partial", [f"missing {'/'.join(g)}" for g in missing])
    return Judged(item, answer, "correct")


def make_persona(markets: list[str]) -> Persona:
    look = LookChoice(pack="seoul-glow")
    return Persona(
        name="mia",
        display_name="Mia",
        personality="warm, upbeat, practical",
        speaking_style="short sentences, one idea each",
        markets={m: PersonaMarket(voice=VoiceChoice(voice="af_heart"), look=look) for m in markets},
    )


def run(items: list[Item], products: list[Product], llm) -> list[Judged]:  # noqa: ANN001
    by_sku = {p.sku: p for p in products}
    languages = sorted({base_language(get_market(i.market).language) for i in items})
    retriever = Retriever(products, languages=languages)
    policy = load_shipping_policy()  # the sample shop's terms (bundled shipping.yaml)
    persona = make_persona(sorted({i.market for i in items}))
    viewers = ViewerContext()
    desks: dict[str, ChatDesk] = {}
    out = []
    for item in items:
        market = get_market(item.market)
        desk = desks.get(item.market)
        if desk is None:
            desk = ChatDesk(market, persona, None, retriever, llm, shipping=policy, viewers=viewers)
            desks[item.market] = desk
        msg = ChatMessage.create(item.text, user_name="Jun", user_id=item.viewer, platform="bench")
        question = RankedQuestion(
            msg,
            classify_intent(msg.text),
            dedup_key(msg.text),
            msg.received_at,
            msg.received_at,
            {msg.user_id: msg.user_name},
        )
        started = time.perf_counter()
        answer = desk.answer(question, on_screen=by_sku[item.on_screen])
        judged = judge(item, answer, by_sku, policy)
        judged.seconds = time.perf_counter() - started
        out.append(judged)
    return out


def report(results: list[Judged], *, show: bool) -> dict:
    if show:
        for r in results:
            mark = {"correct": "ok", "honest": "ok", "unknown": "??", "partial": "~~"}.get(
                r.category, "XX"
            )
            print(f"{mark} {r.item.id:<6} [{r.answer.path:<9}] {r.item.text}")
            print(f"         -> {r.answer.text}")
            for reason in r.reasons:
                print(f"         !! {reason}")
    by_lang: dict[str, Counter] = defaultdict(Counter)
    by_path: dict[str, Counter] = defaultdict(Counter)
    for r in results:
        by_lang[r.item.language][r.category] += 1
        by_path[f"{r.item.language}:{r.answer.path}"][r.category] += 1
    cats = ("correct", "partial", "unknown", "wrong", "honest")
    print(f"\n{'lang':<5} {'n':>4} " + " ".join(f"{c:>8}" for c in cats) + "  unknown/answerable")
    totals: Counter = Counter()
    for lang in sorted(by_lang):
        c = by_lang[lang]
        totals.update(c)
        answerable = c["correct"] + c["partial"] + c["unknown"] + _wrong(results, lang, True)
        share = c["unknown"] / answerable if answerable else 0.0
        print(
            f"{lang:<5} {sum(c.values()):>4} "
            + " ".join(f"{c[k]:>8}" for k in cats)
            + f"  {share:>6.0%}"
        )
    answerable_n = sum(1 for r in results if r.item.answerable)
    unknown_share = totals["unknown"] / answerable_n if answerable_n else 0.0
    print(
        f"{'all':<5} {sum(totals.values()):>4} "
        + " ".join(f"{totals[k]:>8}" for k in cats)
        + f"  {unknown_share:>6.0%}"
    )
    print("\nper language and path (correct/partial/unknown/wrong/honest):")
    for key in sorted(by_path):
        c = by_path[key]
        print(f"  {key:<16} " + "/".join(str(c[k]) for k in cats))
    wrong = [r for r in results if r.category == "wrong"]
    for r in wrong:
        print(f"WRONG {r.item.id} {r.item.text!r} -> {r.answer.text!r}: {'; '.join(r.reasons)}")
    times = defaultdict(list)
    for r in results:
        times["llm" if r.answer.path == "llm" or r.answer.problems else "code"].append(r.seconds)
    for kind, values in sorted(times.items()):
        print(
            f"seconds per answer ({kind}, n={len(values)}): p50 {statistics.median(values):.3f}"
            f"  max {max(values):.3f}"
        )
    print(
        f"\nanswerable: {answerable_n}; got the honest 'details don't say' answer: "
        f"{totals['unknown']} ({unknown_share:.0%}, target ≤ {UNKNOWN_TARGET:.0%}); "
        f"wrong: {totals['wrong']} (target 0)"
    )
    return {"totals": dict(totals), "unknown_share": unknown_share, "wrong": len(wrong)}


def _wrong(results: list[Judged], lang: str, answerable: bool) -> int:
    return sum(
        1
        for r in results
        if r.item.language == lang and r.category == "wrong" and r.item.answerable == answerable
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--catalog", type=Path, default=SAMPLE_JSON, help="a catalog JSON file")
    parser.add_argument("--no-llm", action="store_true", help="catalog paths only, no model")
    parser.add_argument("--lang", action="append", help="only these languages (en, ko, ...)")
    parser.add_argument("--show", action="store_true", help="print every question and answer")
    args = parser.parse_args()
    items = load_items(args.data)
    if args.lang:
        items = [i for i in items if i.language in args.lang]
    llm = None
    if not args.no_llm:
        from shopcast.config import load_settings
        from shopcast.writing.llm import get_llm

        llm = get_llm(load_settings())
    products = load_products(args.catalog)
    print(f"{len(items)} questions, catalog {args.catalog}, llm={getattr(llm, 'name', None)}")
    results = run(items, products, llm)
    summary = report(results, show=args.show)
    return 1 if summary["wrong"] else 0


if __name__ == "__main__":
    sys.exit(main())
