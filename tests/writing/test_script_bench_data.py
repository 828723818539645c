"""The script bench's fixed inputs: two seller briefs per product and market, and per language
the invented claims the grounding check must flag and the grounded lines it must pass."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).parents[2] / "bench" / "data"
MARKETS = ["en-US", "ko-KR", "ja-JP", "zh-CN", "es-ES", "pt-BR"]
CLAIM_KINDS = {
    "health",
    "medical",
    "weight_loss",
    "superlative",
    "certification",
    "clinical",
    "guarantee",
    "free_gift",
    "invented_fact",
    "urgency",
    "endorsement",
    "price",
}


def _bench_handles() -> list[str]:
    document = json.loads((DATA / "script_products.json").read_text(encoding="utf-8"))
    return [product["sku"] for product in document["products"]]


def test_every_bench_product_has_two_briefs_in_each_market() -> None:
    document = json.loads((DATA / "script_briefs.json").read_text(encoding="utf-8"))
    assert document["markets"] == MARKETS
    briefs = document["briefs"]
    assert list(briefs) == _bench_handles()
    for handle, per_market in briefs.items():
        assert list(per_market) == MARKETS, handle
        for market, pair in per_market.items():
            assert len(pair) == 2 and len(set(pair)) == 2, (handle, market)
            assert all(10 <= len(brief) <= 220 for brief in pair), (handle, market)


def test_adversarial_claims_cover_each_language_both_ways() -> None:
    document = json.loads((DATA / "adversarial_claims.json").read_text(encoding="utf-8"))
    handles = set(_bench_handles())
    assert set(document) == {"en", "ko", "ja", "zh", "es", "pt"}
    for lang, lines in document.items():
        flagged = [line for line in lines if line["expect"] == "flag"]
        passing = [line for line in lines if line["expect"] == "pass"]
        assert len(flagged) >= 12 and len(passing) >= 12, lang
        assert len(flagged) + len(passing) == len(lines), lang
        assert {line["product"] for line in lines} <= handles, lang
        assert {line["kind"] for line in flagged} <= CLAIM_KINDS, lang
        assert {"health", "superlative", "certification"} <= {line["kind"] for line in flagged}
        assert {line["kind"] for line in passing} == {"grounded"}, lang
        assert len({line["text"] for line in lines}) == len(lines), lang
