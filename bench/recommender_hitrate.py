"""Offline hit-rate@k of the assistant's recommenders against a popularity baseline.

Draws a realistic interaction log (``shopcast.assistant.recommend.synthetic``: viewer segments
with category affinities, view → click → cart → buy funnels, co-purchases, popularity skew,
noise), holds out each viewer's last new product, and counts how often it is among the k
recommended from the rest. Prints hit-rate@k for popularity, implicit ALS and implicit BPR,
each model's ratio to popularity, and train times (measured in the same run).

    .venv/bin/python bench/recommender_hitrate.py                  # 4,000 viewers, 300 products
    .venv/bin/python bench/recommender_hitrate.py --viewers 20000 --products 1000 --seeds 7 11
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as implicit recommends; set before numpy

import argparse  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402

from shopcast.assistant.recommend.evaluate import HitRate, hit_rate, leave_last_out  # noqa: E402
from shopcast.assistant.recommend.models import (  # noqa: E402
    ALSRecommender,
    BPRRecommender,
    PopularityRecommender,
)
from shopcast.assistant.recommend.synthetic import SyntheticConfig, generate  # noqa: E402


def run(viewers: int, products: int, seed: int, k: int, threads: int) -> dict[str, object]:
    started = time.perf_counter()
    log = generate(SyntheticConfig(n_viewers=viewers, n_products=products, seed=seed))
    generated = time.perf_counter() - started
    split = leave_last_out(log.interactions)
    results: list[HitRate] = [
        hit_rate(PopularityRecommender(), split, k),
        hit_rate(ALSRecommender(num_threads=threads), split, k),
        hit_rate(BPRRecommender(num_threads=threads), split, k),
    ]
    base = results[0].rate
    summary = log.summary()
    print(
        f"seed {seed}: {summary['viewers']:.0f} viewers, {summary['products']:.0f} products, "
        f"{summary['events']:.0f} events (views {summary['views']:.0f}, clicks "
        f"{summary['clicks']:.0f}, asks {summary['asks']:.0f}, carts {summary['carts']:.0f}, "
        f"buys {summary['buys']:.0f}; view→buy {summary['view_to_buy']:.1%}), generated in "
        f"{generated:.1f} s; {len(split.test_users)} viewers evaluated"
    )
    print(
        f"  {'model':<11}{'hit-rate@' + str(k):>12}{'hits':>7}{'× popularity':>14}"
        f"{'train s':>9}{'recommend s':>13}"
    )
    for r in results:
        ratio = r.rate / base if base else float("nan")
        print(
            f"  {r.name:<11}{r.rate:>12.4f}{r.hits:>7}{ratio:>14.2f}"
            f"{r.train_seconds:>9.2f}{r.recommend_seconds:>13.2f}"
        )
    return {
        "seed": seed,
        "viewers_evaluated": len(split.test_users),
        **{
            r.name: {
                "hit_rate": round(r.rate, 4),
                "ratio_to_popularity": round(r.rate / base, 3) if base else None,
                "train_s": round(r.train_seconds, 3),
            }
            for r in results
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--viewers", type=int, default=4000)
    parser.add_argument("--products", type=int, default=300)
    parser.add_argument("--seeds", type=int, nargs="+", default=[7, 11, 13])
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2, help="implicit's threads")
    parser.add_argument("--json", action="store_true", help="also print the results as JSON")
    args = parser.parse_args()
    rows = [run(args.viewers, args.products, s, args.k, args.threads) for s in args.seeds]
    if args.json:
        print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
