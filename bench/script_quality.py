"""What the host says: script quality per market, over products and briefs the writer never saw.

    .venv/bin/python bench/script_quality.py                  # 12 products x 6 markets x 2 briefs
    .venv/bin/python bench/script_quality.py --products 3 --cer 2  # quicker; CER on 2 per market
    .venv/bin/python bench/script_quality.py --samples docs/script-samples.md

Data (``bench/data``): ``script_products.json`` (12 products with their words in en, ko, ja,
zh, es, pt; none of them in the sample catalog), ``script_briefs.json`` (two briefs per product
and market, in the market's language) and ``adversarial_claims.json`` (per language, lines the
checker must flag and grounded lines it must pass).

Per market it prints:
- letters in the market's script (brand and product names excepted; target >= 95% of letters);
- scripts within ±15% of the target length (target >= 90%);
- beats the model wrote / the composer wrote by design / fell back to the composer after a
  failed check (target <= 10% fallbacks);
- grounding violations in the final scripts, re-checked independently (target 0);
- repeated sentences and symbols or brackets in spoken text (target 0);
- seconds per script, p50 and p95 (quiet machine);
- with ``--cer N``: the Whisper round trip (TTS → Whisper base → CER, normalised as in
  bench/tts_intelligibility.py) of the first N scripts per market.
Then per language, for each claim set: invented claims the checker caught (target 100%) and
grounded lines it flagged (false alarms). ``adversarial_claims.json`` is the set the claims rules
were written against; ``adversarial_claims_heldout.json`` was written afterwards by someone who
did not see the rules, so only it measures how well they generalise.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

from shopcast.catalog.models import Product
from shopcast.config import load_settings
from shopcast.markets.registry import get_market
from shopcast.persona.loader import builtin_personas
from shopcast.writing.checks import _SYMBOLS, check_line
from shopcast.writing.facts import build_facts
from shopcast.writing.generator import LENGTH_TOLERANCE, line_context, write_scripts
from shopcast.writing.grounding import check_with_facts
from shopcast.writing.language import foreign_share
from shopcast.writing.llm import get_llm
from shopcast.writing.policy import load_policy
from shopcast.writing.script import Script
from shopcast.writing.tidy import sentences

sys.path.insert(0, str(Path(__file__).parent))
from tts_intelligibility import _reading, edit_distance  # noqa: E402

DATA = Path(__file__).with_name("data")
MARKETS = ("en-US", "ko-KR", "ja-JP", "zh-CN", "es-ES", "pt-BR")


@dataclass
class MarketResult:
    scripts: list[Script] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    letter_shares: list[float] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    repeats: int = 0
    symbols: int = 0
    cer_pairs: list[tuple[list[str], list[str]]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def load_products(path: Path) -> list[Product]:
    data = json.loads(path.read_text(encoding="utf-8"))
    items = data["products"] if isinstance(data, dict) else data
    return [Product.model_validate(item) for item in items]


def names_of(product: Product, language: str) -> tuple[str, ...]:
    text = product.text_in(language)
    found = {product.brand, product.title, product.spoken_name}
    if text is not None:
        found |= {text.title, text.spoken_name}
    # Latin words inside a localised title are brand or model names ("Trailmark 레인 재킷")
    for title in list(found):
        found |= set(re.findall(r"[A-Za-z][A-Za-z0-9'’&.-]+", title or ""))
    return tuple(n for n in found if n)


def measure(script: Script, product: Product, market_code: str, result: MarketResult) -> None:
    market = get_market(market_code)
    lang = market.language
    text = script.text
    share = 1 - foreign_share(text, lang, names_of(product, lang))
    result.letter_shares.append(share)
    facts, policy = build_facts(product, market), load_policy(market_code)
    for beat in script.beats:
        for v in check_with_facts(beat.text, facts, policy):
            result.violations.append(f"{product.sku} {beat.kind}: {v} — {beat.text}")
        if _SYMBOLS.search(beat.text.replace(product.title, "")):
            result.symbols += 1
    said = [re.sub(r"\W+", "", s.casefold()) for s in sentences(text)]
    result.repeats += len(said) - len(set(said))


def round_trip(script: Script, models_dir: Path) -> tuple[list[str], list[str]]:
    from shopcast.speech.registry import default_voice, get_engine
    from shopcast.speech.transcribe import transcribe

    lang = script.language
    engine_name, voice = default_voice(lang)
    engine = get_engine(engine_name, models_dir)
    speech = engine.synthesize(" ".join(b.text for b in script.beats), voice=voice, language=lang)
    heard = transcribe(speech.samples, speech.sample_rate, lang, models_dir).text
    key = "pt-BR" if lang.startswith("pt") else lang.split("-")[0]
    return _reading(script.text, key), _reading(heard, key)


def adversarial(products: dict[str, Product], path: Path, console: Console) -> None:
    """Each line checked two ways: the facts and claims rules every line passes (composed lines
    too), and the whole check a model-written line passes (adding unsupported words)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    market_of = {m.split("-")[0]: m for m in MARKETS}
    persona = next(p for p in builtin_personas() if p.name == "mina")
    table = Table(title="The checker on invented claims (must flag) and grounded lines (must pass)")
    for col in ("language", "rules: caught", "rules: false alarms", "model line: caught",
                "model line: false alarms"):  # fmt: skip
        table.add_column(col)
    for lang, items in data.items():
        if lang not in market_of:
            continue
        market = get_market(market_of[lang])
        policy = load_policy(market.code)
        counts = {"rules": [0, 0, 0, 0], "model": [0, 0, 0, 0]}  # caught, flag n, alarms, pass n
        for item in items:
            product = products[item["product"]]
            rules = check_with_facts(item["text"], build_facts(product, market), policy)
            ctx = line_context(product, persona, market)
            whole = check_line(item["text"], ctx, model_written=True)
            for name, problems in (("rules", rules), ("model", whole)):
                c = counts[name]
                if item["expect"] == "flag":
                    c[1] += 1
                    c[0] += bool(problems)
                    if not problems and name == "model":
                        console.print(f"[red]missed[/red] {lang}: {item['text']}")
                else:
                    c[3] += 1
                    c[2] += bool(problems)
                    if problems and name == "model":
                        console.print(f"[yellow]false alarm[/yellow] {lang}: {item['text']} "
                                      f"({problems[0]})")  # fmt: skip
        r, m = counts["rules"], counts["model"]
        table.add_row(lang, f"{r[0]}/{r[1]}", f"{r[2]}/{r[3]}", f"{m[0]}/{m[1]}", f"{m[2]}/{m[3]}")
    console.print(table)


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--products", type=int, default=12, help="first N products")
    parser.add_argument("--markets", default=",".join(MARKETS))
    parser.add_argument("--length", type=float, default=30.0)
    parser.add_argument("--cer", type=int, default=0, help="Whisper round trip, N per market")
    parser.add_argument("--no-llm", action="store_true", help="compose every script")
    parser.add_argument("--samples", type=Path, help="write some scripts here (markdown)")
    parser.add_argument("--json", type=Path, help="write every script and number here")
    parser.add_argument(
        "--claims",
        nargs="*",
        default=["adversarial_claims.json", "adversarial_claims_heldout.json"],
        help="claim sets in --data to run the checker on (the held-out one was written "
        "without seeing the rules)",
    )
    args = parser.parse_args()
    console = Console()
    settings = load_settings()
    products = load_products(args.data / "script_products.json")
    by_sku = {p.sku: p for p in products}
    briefs = json.loads((args.data / "script_briefs.json").read_text(encoding="utf-8"))["briefs"]
    persona = next(p for p in builtin_personas() if p.name == "mina")
    llm = None if args.no_llm else get_llm(settings)
    from shopcast.assistant.retrieval.embedder import shared_embedder

    embedder = shared_embedder()
    results: dict[str, MarketResult] = defaultdict(MarketResult)
    markets = [m for m in args.markets.split(",") if m]
    started = time.monotonic()
    for product in products[: args.products]:
        for code in markets:
            for brief in briefs[product.sku][code]:
                result = results[code]
                t0 = time.monotonic()
                try:
                    [script] = write_scripts(
                        product, persona, get_market(code), length_s=args.length,
                        brief=brief, llm=llm, embedder=embedder,
                    )  # fmt: skip
                except Exception as exc:  # the bench reports, it does not stop
                    result.errors.append(f"{product.sku} {code}: {type(exc).__name__}: {exc}")
                    continue
                result.seconds.append(time.monotonic() - t0)
                result.scripts.append(script)
                measure(script, product, code, result)
            console.print(
                f"[dim]{product.sku} {code}: {len(results[code].scripts)} scripts, "
                f"{time.monotonic() - started:.0f} s, load {os.getloadavg()[0]:.1f}[/dim]"
            )
    if args.cer:
        for code in markets:
            for script in results[code].scripts[: args.cer]:
                results[code].cer_pairs.append(round_trip(script, settings.models_dir))
    if args.products > 0:
        print_markets(results, markets, args.length, console)
    for code in markets:
        for line in results[code].violations + results[code].errors:
            console.print(f"[red]{code}[/red] {line}")
    for name in args.claims:
        if (args.data / name).is_file():
            console.print(f"[bold]{name}[/bold]")
            adversarial(by_sku, args.data / name, console)
    console.print(
        f"model: {llm.name if llm else 'none (composed)'}; load average at the end "
        f"{os.getloadavg()[0]:.1f} (2 cores); {time.monotonic() - started:.0f} s in all"
    )
    if args.samples:
        write_samples(args.samples, results, markets)
    if args.json:
        dump = {c: [s.model_dump(mode="json") for s in results[c].scripts] for c in markets}
        args.json.write_text(json.dumps(dump, ensure_ascii=False, indent=1), encoding="utf-8")


def print_markets(
    results: dict[str, MarketResult], markets: list[str], length: float, console: Console
) -> None:
    table = Table(title=f"Scripts of {length:g} s, per market")
    for col in ("market", "scripts", "letters in market script (mean / ≥95%)", "length ±15%",
                "beats llm / composed / fallback", "violations", "repeats", "symbols", "CER",
                "s/script p50 / p95"):  # fmt: skip
        table.add_column(col)
    for code in markets:
        r = results[code]
        n = len(r.scripts)
        beats = [b for s in r.scripts for b in s.beats]
        origin = {o: sum(b.origin == o for b in beats) for o in ("llm", "composed", "fallback")}
        within = sum(abs(s.total_seconds / length - 1) <= LENGTH_TOLERANCE for s in r.scripts)
        cer = (
            sum(edit_distance(a, b) for a, b in r.cer_pairs)
            / max(1, sum(len(a) for a, _ in r.cer_pairs))
            if r.cer_pairs
            else None
        )
        nb = max(1, len(beats))
        table.add_row(
            code,
            f"{n}" + (f" ({len(r.errors)} failed)" if r.errors else ""),
            f"{statistics.fmean(r.letter_shares):.1%} / "
            f"{sum(s >= 0.95 for s in r.letter_shares) / max(1, n):.0%}",
            f"{within / max(1, n):.0%}",
            f"{origin['llm'] / nb:.0%} / {origin['composed'] / nb:.0%} / "
            f"{origin['fallback'] / nb:.0%}",
            str(len(r.violations)),
            str(r.repeats),
            str(r.symbols),
            "—" if cer is None else f"{cer:.1%} ({len(r.cer_pairs)})",
            f"{pct(r.seconds, 0.5):.1f} / {pct(r.seconds, 0.95):.1f}",
        )
    console.print(table)


def write_samples(path: Path, results: dict[str, MarketResult], markets: list[str]) -> None:
    lines = [
        "# Script samples",
        "",
        "Written by `bench/script_quality.py` for products and briefs in `bench/data` (none of",
        "them in the sample catalog). Each beat says who wrote it: the model (`llm`), the",
        "composer by design (`composed`: Korean and Japanese with the bundled model) or the",
        "composer after the model's line failed a check (`fallback`).",
        "",
    ]
    for code in markets:
        for script in results[code].scripts[:2]:
            lines += [
                f"## {script.product_sku} · {code} · angle {script.angle} · "
                f"~{script.total_seconds:.0f} s of {script.length_target_s:g} s",
                "",
                f"> brief: {script.brief}",
                "",
            ]
            lines += [f"- **{b.kind}** ({b.origin}): {b.text}" for b in script.beats]
            lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
