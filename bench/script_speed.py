"""How long a 30 s script takes with the bundled LLM on N threads (model load included once).

    SHOPCAST_MODELS=/root/.shopcast-models .venv/bin/python bench/script_speed.py \
        --markets en-US ko-KR --runs 2 --threads 2

Prints load time, per-script wall time, beats replaced/regenerated and estimated duration.
Budget: a 30 s script in <= 8 s wall on 2 threads, model load included once.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

from shopcast.catalog.models import FAQ, Product, Variant
from shopcast.config import Settings
from shopcast.markets.types import Market
from shopcast.modelfiles.registry import model_path
from shopcast.persona.types import LookChoice, Persona, PersonaMarket, VoiceChoice
from shopcast.writing.generator import write_scripts
from shopcast.writing.llm.llama_cpp import LlamaCppLLM

MARKETS = {
    "en-US": ("en", "en_US", "USD"),
    "ko-KR": ("ko", "ko_KR", "KRW"),
    "ja-JP": ("ja", "ja_JP", "JPY"),
    "zh-CN": ("zh", "zh_CN", "CNY"),
    "es-ES": ("es", "es_ES", "EUR"),
    "pt-BR": ("pt-BR", "pt_BR", "BRL"),
    "id-ID": ("id", "id_ID", "IDR"),
    "hi-IN": ("hi", "hi_IN", "INR"),
    "fr-FR": ("fr", "fr_FR", "EUR"),
    "it-IT": ("it", "it_IT", "EUR"),
}
PRICES = {
    "KRW": 39000,
    "JPY": 4200,
    "CNY": 199,
    "EUR": "36.90",
    "BRL": "199.90",
    "INR": 2999,
    "IDR": 399000,
}


def sample_product() -> Product:
    prices = {k: Decimal(str(v)) for k, v in PRICES.items()}
    return Product(
        sku="linen-shirt",
        title="Breezy Linen Shirt",
        brand="Breezy",
        description="A relaxed shirt in 100% linen that stays cool on hot days.",
        attributes={"material": "100% linen", "fit": "relaxed"},
        selling_points=["breathable linen", "relaxed fit", "coconut-shell buttons"],
        faqs=[FAQ(question="Does it shrink?", answer="Wash cold; it keeps its shape.")],
        variants=[
            Variant(
                sku=f"L-{c}-{s}",
                options={"Color": c, "Size": s},
                price=Decimal("39"),
                compare_at_price=Decimal("59"),
                stock=10,
                market_prices=prices,
            )
            for c in ("Sage", "White")
            for s in ("S", "M", "L")
        ],
    )


def market(code: str) -> Market:
    language, locale, currency = MARKETS[code]
    return Market(
        code=code,
        name=code,
        language=language,
        locale=locale,
        currency=currency,
        ai_label="AI",
        ai_disclosure_line="AI host.",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markets", nargs="+", default=["en-US", "ko-KR"], choices=MARKETS)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--length", type=float, default=30.0)
    args = parser.parse_args()

    path: Path = model_path("qwen-1.5b", Settings().models_dir)
    pm = PersonaMarket(voice=VoiceChoice(voice="af_heart"), look=LookChoice(pack="default"))
    persona = Persona(
        name="mina",
        display_name="Mina",
        personality="warm, upbeat",
        speaking_style="short sentences",
        markets={c: pm for c in MARKETS},
    )
    llm = LlamaCppLLM(path, n_threads=args.threads)
    t0 = time.perf_counter()
    llm.load()
    load_s = time.perf_counter() - t0
    print(f"model load: {load_s:.2f} s ({args.threads} threads)")
    walls = []
    for code in args.markets:
        for run in range(args.runs):
            t = time.perf_counter()
            [script] = write_scripts(
                sample_product(), persona, market(code), length_s=args.length, llm=llm, seed=run
            )
            wall = time.perf_counter() - t
            walls.append(wall)
            fixed = sum("regenerated" in c for c in script.checks)
            replaced = sum("template" in c for c in script.checks)
            print(
                f"{code} run {run}: {wall:.2f} s wall, {len(script.beats)} beats, "
                f"est {script.total_seconds:.1f} s speech, {fixed} regenerated, "
                f"{replaced} replaced"
            )
    first = walls[0] + load_s
    print(
        f"first script incl. load: {first:.2f} s; median script: "
        f"{statistics.median(walls):.2f} s; max: {max(walls):.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
