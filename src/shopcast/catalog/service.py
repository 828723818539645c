"""The catalog service: import files, list and find products, upsert one product."""

from __future__ import annotations

import difflib
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, or_, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, selectinload

from shopcast.catalog.copy_guard import guard_copy, title_flag
from shopcast.catalog.image_fetch import FetchLimits, ProgressFn
from shopcast.catalog.images import ImageCopier, fetch_remote_images
from shopcast.catalog.importers import ParsedFile, parse_json_catalog, parse_shopify_csv
from shopcast.catalog.importers.shopify_translations import (
    ParsedTranslations,
    TranslatedResource,
    parse_shopify_translations,
)
from shopcast.catalog.mapping import fill_product_row, row_to_product, sync_variant_rows
from shopcast.catalog.models import Product, ProductText, base_language, language_error
from shopcast.catalog.report import ImportReport, RowError
from shopcast.catalog.translation_import import (
    CatalogIndex,
    describe_resource,
    merge_translations,
)
from shopcast.config import Settings
from shopcast.errors import InvalidInputError, NotFoundError, ShopcastError
from shopcast.store import Database
from shopcast.store.tables import ImportRunRow, ProductRow, VariantRow

__all__ = ["CatalogService", "ImportReport", "RowError"]

_PARSERS = {".csv": parse_shopify_csv, ".json": parse_json_catalog}


def _product_query():  # noqa: ANN202 - a Select
    return select(ProductRow).options(
        selectinload(ProductRow.variants).selectinload(VariantRow.market_prices)
    )


class CatalogService:
    def __init__(
        self, db: Database, settings: Settings, *, image_limits: FetchLimits | None = None
    ) -> None:
        self.db = db
        self.settings = settings
        self.image_limits = image_limits  # None: image_fetch's defaults

    # --- import -------------------------------------------------------------------------
    def import_file(
        self,
        path: Path,
        *,
        source_label: str | None = None,
        on_image_progress: ProgressFn | None = None,
    ) -> ImportReport:
        """Import a Shopify CSV (``.csv``) or shopcast JSON (``.json``) file.

        Refused rows are listed in the report; the good products are written in one
        transaction, so a failure while writing leaves the catalog (and media) as it was.
        Image URLs are fetched first (``on_image_progress(done, total)`` as they finish); an
        image that cannot be fetched is a warning and its product imports without it.
        """
        path = Path(path).expanduser()
        if not path.is_file():
            raise NotFoundError(f"Catalog file not found: {path}")
        parser = _PARSERS.get(path.suffix.lower())
        if parser is None:
            raise InvalidInputError(
                f"{path}: unsupported catalog file type {path.suffix!r}",
                hint="Use a Shopify product CSV (.csv) or a shopcast JSON catalog (.json).",
            )
        parsed = parser(path)
        report = ImportReport(
            source=source_label or str(path), format=parsed.format, errors=list(parsed.errors)
        )
        report.warnings.extend(parsed.warnings)
        report.copy_flags = dict(parsed.copy_flags)
        self.settings.ensure_dirs()
        fetched = fetch_remote_images(
            parsed.products, self.settings, limits=self.image_limits, on_progress=on_image_progress
        )
        copier = ImageCopier(
            media_dir=self.settings.media_dir, source_dir=path.parent, fetched=fetched
        )
        started = datetime.now(UTC)
        try:
            with self.db.session() as session:
                self._refuse_foreign_skus(session, parsed, report)
                for item in parsed.products:
                    product = copier.attach(item)
                    created = self._write(session, product)
                    report.imported += created
                    report.updated += not created
                    report.products.append(product.sku)
                report.warnings.extend(copier.warnings)
                report.errors.sort(key=lambda e: e.row)
                session.add(_run_row(report, started))
        except SQLAlchemyError as exc:
            copier.discard_new()
            raise ShopcastError(
                f"Import of {path} failed while writing to the database; nothing was changed "
                f"({type(exc).__name__}: {exc.args[0] if exc.args else exc})",
                hint="Check the database (SHOPCAST_DATABASE_URL) and run the import again.",
            ) from exc
        except BaseException:
            copier.discard_new()
            raise
        return report

    def import_translations(self, path: Path) -> ImportReport:
        """Import Shopify's translation export (``Type,Identification,Field,Locale,…``) into
        the products' texts per language, in one transaction. Rows for products the catalog
        does not have, and fields or resource types shopcast does not use, are named in the
        report's warnings; a row with a bad locale is refused."""
        path = Path(path).expanduser()
        if not path.is_file():
            raise NotFoundError(f"Translation file not found: {path}")
        if path.suffix.lower() != ".csv":
            raise InvalidInputError(
                f"{path}: unsupported translation file type {path.suffix!r}",
                hint="Use the CSV that Shopify's translation export (Settings → Languages) sends.",
            )
        parsed = parse_shopify_translations(path)
        report = ImportReport(
            source=str(path), format="shopify-translations", errors=list(parsed.errors)
        )
        started = datetime.now(UTC)
        try:
            with self.db.session() as session:
                index = CatalogIndex(row_to_product(r) for r in session.scalars(_product_query()))
                for resource in parsed.products.values():
                    self._import_translated(session, index, resource, report)
                report.warnings.extend(_translation_summary(parsed))
                session.add(_run_row(report, started))
        except SQLAlchemyError as exc:
            raise ShopcastError(
                f"Import of {path} failed while writing to the database; nothing was changed "
                f"({type(exc).__name__}: {exc.args[0] if exc.args else exc})",
                hint="Check the database (SHOPCAST_DATABASE_URL) and run the import again.",
            ) from exc
        return report

    def _import_translated(
        self,
        session: Session,
        index: CatalogIndex,
        resource: TranslatedResource,
        report: ImportReport,
    ) -> None:
        product = index.find(resource)
        if product is None:
            report.warnings.append(
                f"row {resource.first_row}: {describe_resource(resource)} is not in the "
                "catalog; its translations were skipped"
            )
            return
        if not resource.fields:
            return
        merged, notes = merge_translations(product, resource.fields)
        report.warnings.extend(notes)
        if merged.texts == product.texts:
            return
        guarded, flags = guard_copy(merged)
        for flag in flags:
            report.warnings.append(
                f"row {resource.first_row}: product {product.sku!r}: instruction-like text "
                f"taken out of {flag.field} (the host will not use it; kept in copy_flags for "
                f"review): {flag.sentence!r}"
            )
            report.copy_flags.setdefault(product.sku, []).append(str(flag))
        self._write(session, guarded)
        index.replace(guarded)
        report.updated += 1
        report.products.append(product.sku)

    def import_sample(self) -> ImportReport:
        """Draw the sample product images and import the bundled sample catalog."""
        from shopcast.catalog.sample import SAMPLE_JSON
        from shopcast.catalog.sample.draw import draw_sample_images

        with tempfile.TemporaryDirectory(prefix="shopcast-sample-") as tmp:
            folder = Path(tmp)
            shutil.copyfile(SAMPLE_JSON, folder / SAMPLE_JSON.name)
            draw_sample_images(folder / "images")
            return self.import_file(
                folder / SAMPLE_JSON.name, source_label="bundled sample catalog"
            )

    def _refuse_foreign_skus(self, session: Session, parsed: ParsedFile, report: ImportReport):
        """Variant SKUs that already belong to another product in the catalog are refused."""
        wanted = {v.sku: item for item in parsed.products for v in item.product.variants}
        if not wanted:
            return
        rows = session.execute(
            select(VariantRow.sku, ProductRow.sku)
            .join(ProductRow)
            .where(VariantRow.sku.in_(list(wanted)))
        ).all()
        refused = set()
        for variant_sku, owner in rows:
            item = wanted[variant_sku]
            if owner != item.product.sku and item.product.sku not in refused:
                refused.add(item.product.sku)
                index = [v.sku for v in item.product.variants].index(variant_sku)
                report.errors.append(
                    RowError(
                        row=item.row_of_variant(index),
                        reason=f"variant SKU {variant_sku!r} already belongs to product "
                        f"{owner!r} in the catalog; product {item.product.sku!r} not imported",
                    )
                )
        parsed.products = [i for i in parsed.products if i.product.sku not in refused]

    @staticmethod
    def _write(session: Session, product: Product) -> bool:
        """Insert or replace one product; True when it was new. Instruction-like copy is
        taken out first (``copy_guard``), whichever way the product came in."""
        product, flags = guard_copy(product)
        if (title := title_flag(flags)) is not None:
            raise InvalidInputError(
                f"product {product.sku!r}: the title reads as an instruction to the host "
                f"({title.sentence!r})",
                hint="Give the product its real title.",
            )
        row = session.scalars(_product_query().where(ProductRow.sku == product.sku)).first()
        created = row is None
        if row is None:
            row = ProductRow()
            session.add(row)
        fill_product_row(row, product)
        sync_variant_rows(row, product)
        session.flush()
        return created

    # --- texts per language ---------------------------------------------------------------
    def save_text(self, sku: str, language: str, text: ProductText) -> Product:
        """Store ``product``'s words in ``language`` (not its own language), in one
        transaction; instruction-like sentences are taken out as at import."""
        lang = _text_language(language)
        with self.db.session() as session:
            product = self._load_in(session, sku)
            if lang == product.language:
                raise InvalidInputError(
                    f"{lang} is product {product.sku!r}'s own language: its words are the "
                    "product's own fields, not a translation",
                    hint="Edit the product (catalog file) instead.",
                )
            texts = {**product.texts, lang: text}
            changed = product.model_copy(update={"texts": texts})
            self._write(session, changed)
        return self.get(product.sku)

    def approve_text(self, sku: str, language: str) -> Product:
        """Mark a drafted text as read and accepted: videos and shows may use it from now."""
        lang = _text_language(language)
        product = self.get(sku)
        text = product.texts.get(lang)
        if text is None:
            raise NotFoundError(
                f"product {product.sku!r} has no {lang} text to approve",
                hint=f"Draft one: shopcast catalog translate --language {lang} "
                f"--product {product.sku}",
            )
        if text.origin != "drafted":
            raise InvalidInputError(
                f"product {product.sku!r}'s {lang} text is not a draft (it is {text.origin}); "
                "nothing to approve"
            )
        return self.save_text(product.sku, lang, text.model_copy(update={"origin": "approved"}))

    @staticmethod
    def _load_in(session: Session, sku: str) -> Product:
        wanted = sku.strip()
        row = session.scalars(
            _product_query()
            .outerjoin(VariantRow)
            .where(or_(ProductRow.sku == wanted, VariantRow.sku == wanted))
        ).first()
        if row is None:
            raise NotFoundError(
                f"No product {wanted!r}.", hint="List products with `shopcast catalog list`."
            )
        return row_to_product(row)

    # --- queries ------------------------------------------------------------------------
    def upsert(self, product: Product) -> bool:
        """Insert or replace ``product`` (matched by handle); True when it was new."""
        with self.db.session() as session:
            return self._write(session, product)

    def list_products(
        self, category: str | None = None, *, on_sale_only: bool = False
    ) -> list[Product]:
        """Products in catalog order; ``on_sale_only``: only ``active`` ones (what shoppers,
        the assistant and recommendations may see)."""
        query = _product_query().order_by(ProductRow.id)
        if on_sale_only:
            query = query.where(ProductRow.status == "active")
        if category:
            query = query.where(func.lower(ProductRow.category) == category.strip().lower())
        with self.db.session() as session:
            return [row_to_product(row) for row in session.scalars(query)]

    def categories(self) -> list[str]:
        with self.db.session() as session:
            rows = session.scalars(select(ProductRow.category).distinct())
            return sorted(c for c in rows if c)

    def get(self, sku: str) -> Product:
        """The product whose handle or one of whose variant SKUs is ``sku``."""
        wanted = sku.strip()
        with self.db.session() as session:
            row = session.scalars(
                _product_query()
                .outerjoin(VariantRow)
                .where(or_(ProductRow.sku == wanted, VariantRow.sku == wanted))
            ).first()
            if row is None:
                row = session.scalars(
                    _product_query()
                    .outerjoin(VariantRow)
                    .where(
                        or_(
                            func.lower(ProductRow.sku) == wanted.lower(),
                            func.lower(VariantRow.sku) == wanted.lower(),
                        )
                    )
                ).first()
            if row is not None:
                return row_to_product(row)
            known = list(session.scalars(select(ProductRow.sku)))
            known += list(session.scalars(select(VariantRow.sku)))
        raise NotFoundError(
            _not_found_message(wanted, known),
            hint="List products with `shopcast catalog list`, or import some with "
            "`shopcast catalog import`.",
        )


def _text_language(language: str) -> str:
    problem = language_error(language)
    if problem:
        raise InvalidInputError(problem)
    return base_language(language)


def _not_found_message(sku: str, known: list[str]) -> str:
    if not known:
        return f"No product {sku!r}: the catalog is empty."
    close = difflib.get_close_matches(sku.lower(), {k.lower(): k for k in known}, n=3, cutoff=0.5)
    lookup = {k.lower(): k for k in known}
    if close:
        return f"No product {sku!r}. Did you mean: {', '.join(lookup[c] for c in close)}?"
    return f"No product {sku!r}."


def _translation_summary(parsed: ParsedTranslations) -> list[str]:
    notes = []
    if parsed.untranslated:
        notes.append(f"{parsed.untranslated} product rows have no translated content (skipped)")
    for field, row in parsed.unknown_fields.items():
        notes.append(f"row {row}: product field {field!r} is not one shopcast reads (skipped)")
    if parsed.unused_fields:
        counts = ", ".join(f"{name} ×{n}" for name, n in sorted(parsed.unused_fields.items()))
        notes.append(f"product fields a host does not speak were skipped: {counts}")
    if parsed.skipped_types:
        counts = ", ".join(f"{name} ×{n}" for name, n in sorted(parsed.skipped_types.items()))
        notes.append(f"rows for other resources than products were skipped: {counts}")
    return notes


def _run_row(report: ImportReport, started: datetime) -> ImportRunRow:
    return ImportRunRow(
        source=report.source[:1000],
        format=report.format,
        started_at=started,
        finished_at=datetime.now(UTC),
        imported=report.imported,
        updated=report.updated,
        error_count=len(report.errors),
        report=report.model_dump(mode="json"),
    )
