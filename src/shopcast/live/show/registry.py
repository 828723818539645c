"""The shows running in this process: start one from a show file (everything it needs is
loaded and checked before any output opens), find it, stop it."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from decimal import Decimal

from shopcast.catalog.models import Product
from shopcast.catalog.service import CatalogService
from shopcast.commerce import CommerceService
from shopcast.config import Settings
from shopcast.errors import InvalidInputError, NotFoundError
from shopcast.live.show.runner import ShowRunner
from shopcast.live.show.showfile import ProductSegment, ShowFile
from shopcast.markets.registry import format_price, get_market
from shopcast.markets.types import Market
from shopcast.persona.service import PersonaService
from shopcast.persona.types import Persona
from shopcast.store import Database
from shopcast.writing.llm.base import LLM

log = logging.getLogger(__name__)

# Checks that may refuse a show before anything is sent (consent, platform rules): each gets
# the show file and raises a ShopcastError with the reason.
PreflightCheck = Callable[[ShowFile], None]


class ShowRegistry:
    def __init__(
        self,
        settings: Settings,
        db: Database,
        commerce: CommerceService,
        *,
        llm_factory: Callable[[], LLM] | None = None,
        preflight: list[PreflightCheck] | None = None,
    ) -> None:
        self.settings, self.db, self.commerce = settings, db, commerce
        self._llm_factory = llm_factory
        self.preflight = list(preflight or [])
        self._shows: dict[str, ShowRunner] = {}
        self._lock = threading.Lock()

    def start(self, show: ShowFile) -> ShowRunner:
        with self._lock:
            current = self._shows.get(show.show)
            if current is not None and current.running:
                raise InvalidInputError(
                    f"show {show.show!r} is already running",
                    hint=f"stop it first: shopcast live stop {show.show}",
                )
        runner = self.build(show)
        with self._lock:
            self._shows[show.show] = runner
        runner.start()
        return runner

    def check(self, show: ShowFile) -> tuple[Persona, Market, dict[str, Product]]:
        """Everything about ``show`` that can be wrong before it starts: consent and platform
        rules (``preflight``), persona, market, products, deal prices. Raises with the reason."""
        for check in self.preflight:
            check(show)
        persona = PersonaService(self.db).get(show.persona)
        market = get_market(show.market)
        catalog = CatalogService(self.db, self.settings)
        found = {sku: catalog.get(sku) for sku in show.products}
        products = {p.sku: p for p in found.values()}  # a variant SKU names its product
        _check_deals(show, products, market)
        return persona, market, products

    def build(self, show: ShowFile) -> ShowRunner:
        """Load and check everything the show needs; nothing is started."""
        persona, market, products = self.check(show)
        llm = None
        if show.writer == "llm":
            llm = self._llm_factory() if self._llm_factory else _default_llm(self.settings)
        return ShowRunner(
            show,
            persona=persona,
            market=market,
            products=products,
            commerce=self.commerce,
            models_dir=self.settings.models_dir,
            media_dir=self.settings.media_dir,
            out_dir=self.settings.home / "live" / show.show,
            llm=llm,
        )

    def get(self, show_id: str) -> ShowRunner:
        with self._lock:
            runner = self._shows.get(show_id)
        if runner is None:
            raise NotFoundError(
                f"no show {show_id!r} in this server",
                hint="shopcast live status lists the running shows",
            )
        return runner

    def list(self) -> list[ShowRunner]:
        with self._lock:
            return list(self._shows.values())

    def stop(self, show_id: str) -> ShowRunner:
        runner = self.get(show_id)
        runner.stop()
        return runner

    def stop_all(self) -> None:
        for runner in self.list():
            try:
                runner.stop()
            except Exception:
                log.exception("stopping show %s", runner.show_id)


def _default_llm(settings: Settings) -> LLM:
    from shopcast.writing.llm import get_llm

    return get_llm(settings)


def _check_deals(show: ShowFile, products: dict[str, Product], market: Market) -> None:
    for n, item in enumerate(show.rundown):
        if not isinstance(item, ProductSegment) or item.deal is None:
            continue
        where = f"show {show.show}: field 'rundown.{n}.deal'"
        product = next(
            p
            for p in products.values()
            if p.sku == item.product or any(v.sku == item.product for v in p.variants)
        )
        item.product = product.sku
        sku = item.deal.sku or product.variants[0].sku
        variant = next((v for v in product.variants if v.sku == sku), None)
        if variant is None:
            raise InvalidInputError(
                f"{where}.sku: {sku!r} is not a variant of {product.sku!r}; it has: "
                + ", ".join(v.sku for v in product.variants)
            )
        regular: Decimal | None = variant.price_in(market.currency, product.currency)
        if regular is None:
            raise InvalidInputError(
                f"{where}: {product.sku!r} has no {market.currency} price in the catalog, so a "
                f"deal price cannot be checked against it",
                hint=f"add a {market.currency} price for {sku} to the catalog",
            )
        if item.deal.price >= regular:
            deal = format_price(item.deal.price, market.currency, market)
            raise InvalidInputError(
                f"{where}.price: the deal price {deal} is not below the regular price "
                f"{format_price(regular, market.currency, market)}"
            )
