"""``shopcast catalog``: import, list and show products."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from shopcast.catalog.models import Product, base_language, language_error
from shopcast.catalog.price_list import PriceLists
from shopcast.catalog.readiness import Readiness, check_market
from shopcast.catalog.report import ImportReport
from shopcast.catalog.service import CatalogService
from shopcast.catalog.translate import DraftOutcome
from shopcast.cli.common import handles_errors, settings_and_db
from shopcast.errors import InvalidInputError
from shopcast.markets.registry import get_market

app = typer.Typer(no_args_is_help=True)
prices_app = typer.Typer(no_args_is_help=True)
app.add_typer(prices_app, name="prices", help="Per-market price lists.")
console = Console()


def _service() -> CatalogService:
    settings, db = settings_and_db()
    return CatalogService(db, settings)


@app.command("import")
@handles_errors
def import_command(
    file: Path | None = typer.Argument(None, help="Shopify product CSV (.csv) or shopcast JSON."),
    sample: bool = typer.Option(False, "--sample", help="Draw and import the sample catalog."),
) -> None:
    """Import products; rows that fail are listed (exit code 1) while good rows are kept."""
    if (file is None) == (not sample):
        raise InvalidInputError(
            "Give a catalog FILE or --sample (not both).",
            hint="shopcast catalog import products.csv   or   shopcast catalog import --sample",
        )
    service = _service()
    what = "the sample catalog" if sample else str(file)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[count]}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        progress.add_task(f"Importing {escape(what)}", total=None, count="")
        images: list[TaskID] = []

        def on_images(done: int, total: int) -> None:
            if not images:
                images.append(progress.add_task("Fetching product pictures", total=total, count=""))
            progress.update(images[0], completed=done, total=total, count=f"{done}/{total}")

        if sample:
            report = service.import_sample()
        else:
            report = service.import_file(file, on_image_progress=on_images)  # type: ignore[arg-type]
    _print_report(report)
    if report.errors:
        raise typer.Exit(1)


@app.command("import-translations")
@handles_errors
def import_translations_command(
    file: Path = typer.Argument(..., help="Shopify's translation export (CSV)."),
) -> None:
    """Import product titles and descriptions per language from Shopify's translation export
    (Settings → Languages → Export, or Translate & Adapt)."""
    service = _service()
    with console.status(f"Importing translations from {escape(str(file))}…"):
        report = service.import_translations(file)
    _print_report(report, title="Translation import")
    if report.errors:
        raise typer.Exit(1)


def _print_report(report: ImportReport, title: str = "Catalog import") -> None:
    summary = Table(title=title, show_header=False)
    summary.add_row("source", escape(report.source))
    summary.add_row("format", report.format)
    summary.add_row("new products", f"[green]{report.imported}[/]")
    summary.add_row("updated products", str(report.updated))
    summary.add_row("rows refused", f"[red]{len(report.errors)}[/]" if report.errors else "0")
    summary.add_row("warnings", f"[yellow]{len(report.warnings)}[/]" if report.warnings else "0")
    console.print(summary)
    if report.errors:
        errors = Table(title="Rows refused", title_style="red")
        errors.add_column("row", justify="right")
        errors.add_column("reason", overflow="fold")
        for error in report.errors:
            errors.add_row(str(error.row), escape(error.reason))
        console.print(errors)
    for warning in report.warnings:
        console.print(f"[yellow]warning:[/] {escape(warning)}")


@app.command("list")
@handles_errors
def list_command(
    category: str | None = typer.Option(None, "--category", help="Only this category."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """List products (handle, title, category, price range, stock)."""
    products = _service().list_products(category)
    if as_json:
        typer.echo(
            json.dumps([p.model_dump(mode="json") for p in products], ensure_ascii=False, indent=2)
        )
        return
    table = Table(title=f"{len(products)} products" + (f" in {category}" if category else ""))
    table.add_column("handle", no_wrap=True)
    for column in ("title", "category", "price", "variants", "stock", "status"):
        table.add_column(column)
    for p in products:
        table.add_row(
            p.sku,
            escape(p.title),
            p.category,
            _price_range(p),
            str(len(p.variants)),
            str(p.total_stock),
            p.status if p.on_sale else f"[red]{p.status}[/]",
        )
    console.print(table)


def _price_range(product: Product) -> str:
    low, high = product.price_range
    return f"{low} {product.currency}" if low == high else f"{low}–{high} {product.currency}"


@app.command("check")
@handles_errors
def check_command(
    market: str = typer.Option(..., "--market", help="Market code, e.g. ko-KR."),
    product: str | None = typer.Option(None, "--product", help="Only this product."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """What stops products being presented in a market (status, price, words), with the fix.
    Exit code 1 when any product checked is not ready."""
    service = _service()
    chosen = get_market(market)
    products = [service.get(product)] if product else service.list_products()
    if not products:
        raise InvalidInputError(
            "The catalog is empty: nothing to check.",
            hint="Import products first: shopcast catalog import products.csv",
        )
    readiness = check_market(products, chosen)
    if as_json:
        document = {
            "market": chosen.code,
            "ready": [p for p in readiness.products if not readiness.blocked(p)],
            "blocked": [
                {"product": b.product, "kind": b.kind, "problem": b.problem, "fix": b.fix}
                for b in readiness.blockers
            ],
        }
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        _print_readiness(readiness)
    if not readiness.ready:
        raise typer.Exit(1)


def _print_readiness(readiness: Readiness) -> None:
    market = readiness.market
    table = Table(title=f"Ready for {market.code} ({market.currency}, {market.language})?")
    table.add_column("product", no_wrap=True)
    table.add_column("state", no_wrap=True)
    table.add_column("what stops it", overflow="fold")
    table.add_column("fix", overflow="fold")
    for handle in readiness.products:
        blockers = readiness.blocked(handle)
        if not blockers:
            table.add_row(handle, "[green]ready[/]", "", "")
        for n, blocker in enumerate(blockers):
            table.add_row(
                handle if n == 0 else "",
                f"[red]{blocker.kind}[/]",
                escape(blocker.problem),
                escape(blocker.fix),
            )
    console.print(table)
    blocked = len({b.product for b in readiness.blockers})
    ready = len(readiness.products) - blocked
    console.print(f"{ready} ready, {blocked} not ready in {market.code}")


@app.command("translate")
@handles_errors
def translate_command(
    language: str = typer.Option(..., "--language", help="Language to draft, e.g. ko."),
    product: str | None = typer.Option(None, "--product", help="Only this product."),
    force: bool = typer.Option(
        False, "--force", help="Draft again over an earlier draft (never over approved words)."
    ),
) -> None:
    """Draft products' words in a language with the configured LLM, marked 'drafted': videos
    and shows use them only once a person approves them (shopcast catalog approve)."""
    from shopcast.catalog.translate import Translator, draft_texts
    from shopcast.writing.llm import get_llm

    problem = language_error(language)
    if problem:
        raise InvalidInputError(problem)
    settings, db = settings_and_db()
    service = CatalogService(db, settings)
    products = [service.get(product)] if product else service.list_products()
    translator = Translator(get_llm(settings))

    def report(outcome: DraftOutcome) -> None:
        colour = {"drafted": "green", "skipped": "dim", "failed": "red"}[outcome.state]
        console.print(f"[{colour}]{outcome.state:8}[/] {outcome.product}: {escape(outcome.note)}")
        for dropped in outcome.draft.dropped if outcome.draft else []:
            console.print(f"         [yellow]left out[/] {escape(dropped)}")

    with console.status(f"Drafting {base_language(language)} words…"):
        outcomes = draft_texts(
            service, translator, language, products, force=force, on_product=report
        )
    drafted = [o.product for o in outcomes if o.state == "drafted"]
    if drafted:
        console.print(
            f"Review, then approve: shopcast catalog approve {drafted[0]} --language "
            f"{base_language(language)} (or in the studio's catalog). Drafts are not used by "
            "videos or shows until approved."
        )
    if any(o.state == "failed" for o in outcomes):
        raise typer.Exit(1)


@app.command("approve")
@handles_errors
def approve_command(
    sku: str = typer.Argument(..., help="Product handle or variant SKU."),
    language: str = typer.Option(..., "--language", help="The drafted language, e.g. ko."),
) -> None:
    """Approve a product's drafted words in a language: videos and shows may use them."""
    product = _service().approve_text(sku, language)
    lang = base_language(language)
    console.print(f"[green]approved[/] {product.sku} ({lang}): {escape(product.title_in(lang))}")


@app.command("show")
@handles_errors
def show_command(
    sku: str = typer.Argument(..., help="Product handle or variant SKU."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Show one product with its variants, market prices and FAQs."""
    product = _service().get(sku)
    if as_json:
        typer.echo(json.dumps(product.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    console.print(
        f"[bold]{escape(product.title)}[/] ({product.sku}) — {escape(product.brand)}, "
        f"{product.category}"
    )
    console.print(escape(product.description))
    for key, value in product.attributes.items():
        console.print(f"  [dim]{key}:[/] {escape(value)}")
    for point in product.selling_points:
        console.print(f"  • {escape(point)}")
    table = Table(title="Variants")
    table.add_column("SKU", no_wrap=True)
    table.add_column("options", overflow="fold")
    table.add_column(f"price {product.currency}", no_wrap=True)
    table.add_column("stock", no_wrap=True)
    table.add_column("market prices", overflow="fold")
    for v in product.variants:
        options = ", ".join(f"{k}: {val}" for k, val in v.options.items()) or "—"
        prices = ", ".join(f"{c} {amount}" for c, amount in sorted(v.market_prices.items()))
        table.add_row(v.sku, escape(options), str(v.price), str(v.stock), prices or "—")
    console.print(table)
    for faq in product.faqs:
        console.print(f"[bold]Q:[/] {escape(faq.question)}\n[bold]A:[/] {escape(faq.answer)}")
    if product.status != "active":
        console.print(f"[red]status: {product.status}[/] (not presented or sold)")
    for lang, text in sorted(product.texts.items()):
        origin = "[yellow]drafted — review[/]" if text.origin == "drafted" else text.origin
        console.print(f"[bold]{lang}[/] ({origin}): {escape(text.title or product.title)}")
    for flag in product.copy_flags:
        console.print(f"[yellow]taken out of the copy:[/] {escape(flag)}")


@prices_app.command("import")
@handles_errors
def prices_import_command(
    file: Path = typer.Argument(
        ..., help="CSV (Variant SKU, Currency, Price, Compare At Price) or JSON price list."
    ),
) -> None:
    """Set the seller's prices per currency; one bad row and nothing is written."""
    _, db = settings_and_db()
    report = PriceLists(db).import_file(file)
    summary = Table(title="Price list", show_header=False)
    summary.add_row("source", escape(report.source))
    summary.add_row("rows", str(report.rows))
    summary.add_row("variants", str(report.variants))
    summary.add_row("currencies", ", ".join(report.currencies))
    summary.add_row("products", escape(", ".join(report.products)))
    console.print(summary)
