"""Latency from chat message arrival to answer text ready, FAQ fast path and LLM path.

Measured per question: ChatMessage creation → moderation → question queue (push, pop) →
hybrid retrieval → compose_answer. The retriever and the LLM are loaded (and warmed with one
question) before timing starts, as they are during a show. Prints p50/p95/max per path.

    .venv/bin/python bench/answer_latency_text.py            # 50 questions per path
    .venv/bin/python bench/answer_latency_text.py --n 20 --path faq
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from shopcast.assistant.retrieval import Retriever
from shopcast.catalog.models import Product
from shopcast.live.chat.answers import compose_answer
from shopcast.live.chat.messages import ChatMessage
from shopcast.live.chat.moderation import ModerationConfig, Moderator
from shopcast.live.chat.questions import QuestionQueue
from shopcast.markets.registry import get_market
from shopcast.persona.types import LookChoice, Persona, PersonaMarket, VoiceChoice

SAMPLE = Path(__file__).resolve().parents[1] / "tests" / "retrieval" / "sample_products.json"
PREFIXES = ["", "hey, ", "quick question: ", "so ", "hi! "]
SUFFIXES = ["?", " ??"]
LLM_QUESTIONS = [
    "How heavy is the bottle?",
    "Does the lid seal well?",
    "What is the bottle made of?",
    "Will it fit in my car's cup holder?",
    "How long does it keep water cold?",
    "Can I take it hiking?",
    "What colors can I pick?",
    "How big is it?",
    "Is the steel food grade?",
    "Does it keep coffee hot?",
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    idx = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[idx]


def faq_questions(product: Product, n: int) -> list[str]:
    out = []
    i = 0
    while len(out) < n:
        faq = product.faqs[i % len(product.faqs)]
        prefix = PREFIXES[(i // len(product.faqs)) % len(PREFIXES)]
        suffix = SUFFIXES[(i // (len(product.faqs) * len(PREFIXES))) % len(SUFFIXES)]
        out.append(prefix + faq.question.rstrip("?") + suffix)
        i += 1
    return out


def llm_questions(n: int) -> list[str]:
    count = len(LLM_QUESTIONS)
    return [PREFIXES[(i // count) % len(PREFIXES)] + LLM_QUESTIONS[i % count] for i in range(n)]


def time_one(
    text: str, i: int, retriever: Retriever, product: Product, persona: Persona, llm
) -> tuple[float, str]:  # noqa: ANN001
    market = get_market("en-US")
    moderator = Moderator(market.code, ModerationConfig(user_burst=1000))
    queue = QuestionQueue()
    arrived = time.perf_counter()
    msg = ChatMessage.create(text, user_name=f"viewer{i}", user_id=f"u{i}", platform="bench")
    if not moderator.check(msg).allowed:
        raise SystemExit(f"moderation refused a bench question: {text!r}")
    queue.push(msg)
    question = queue.pop_next()
    hits = retriever.search(question.text, 4, sku=product.sku)
    answer = compose_answer(question, hits, product, market, persona, llm)
    return time.perf_counter() - arrived, answer.path


def report(label: str, timings: list[tuple[float, str]]) -> None:
    secs = [t for t, _ in timings]
    paths: dict[str, int] = {}
    for _, p in timings:
        paths[p] = paths.get(p, 0) + 1
    print(
        f"{label:<10} n={len(secs):<3} p50={percentile(secs, 50) * 1000:8.1f} ms  "
        f"p95={percentile(secs, 95) * 1000:8.1f} ms  max={max(secs) * 1000:8.1f} ms  "
        f"mean={statistics.fmean(secs) * 1000:8.1f} ms  paths={paths}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50, help="questions per path")
    parser.add_argument("--path", choices=["faq", "llm", "both"], default="both")
    args = parser.parse_args()
    products = [Product.model_validate(p) for p in json.loads(SAMPLE.read_text("utf-8"))]
    product = products[0]
    look = LookChoice(pack="seoul-glow")
    persona = Persona(
        name="mia",
        display_name="Mia",
        personality="warm, upbeat",
        speaking_style="short sentences",
        markets={"en-US": PersonaMarket(voice=VoiceChoice(voice="af_heart"), look=look)},
    )
    retriever = Retriever(products)
    time_one("warm up?", -1, retriever, product, persona, None)
    if args.path in ("faq", "both"):
        timings = [
            time_one(q, i, retriever, product, persona, None)
            for i, q in enumerate(faq_questions(product, args.n))
        ]
        report("faq path", timings)
    if args.path in ("llm", "both"):
        from shopcast.config import load_settings
        from shopcast.writing.llm import get_llm

        llm = get_llm(load_settings())
        time_one("Is it good for the gym?", -2, retriever, product, persona, llm)  # load
        timings = [
            time_one(q, i, retriever, product, persona, llm)
            for i, q in enumerate(llm_questions(args.n))
        ]
        report(f"llm path ({llm.name})", timings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
