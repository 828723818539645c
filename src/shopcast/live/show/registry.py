"""The shows running in this process: start one from a show file (everything it needs is
loaded and checked before any output opens), find it, stop it.

Every show passes the preflight first (``live/show/preflight.py``: consent for a real person's
likeness or voice, the platform policies of its destinations, its chat credentials); while it
runs, its consent is watched (revoked or expired → the show stops) and its ``chat:`` sources
feed the runner's chat (``chatplatforms.ChatBridge``), closed when the show stops."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal

from shopcast.assistant.shipping import load_shipping_policy
from shopcast.catalog.models import Product
from shopcast.catalog.service import CatalogService
from shopcast.chatplatforms import Backoff, ChatBridge, adapter_for
from shopcast.commerce import CommerceService
from shopcast.config import Settings
from shopcast.consent import ConsentRegistry, ConsentWatch
from shopcast.errors import InvalidInputError, NotFoundError
from shopcast.live.show.preflight import PreflightCheck, default_preflight
from shopcast.live.show.runner import ShowRunner
from shopcast.live.show.showfile import Mode, ProductSegment, ShowFile
from shopcast.markets.registry import format_price, get_market
from shopcast.markets.types import Market
from shopcast.persona.service import PersonaService
from shopcast.persona.types import Persona
from shopcast.speech.disk_cache import SpeechDiskCache
from shopcast.store import Database
from shopcast.writing.llm.base import LLM

log = logging.getLogger(__name__)


class ShowRegistry:
    def __init__(
        self,
        settings: Settings,
        db: Database,
        commerce: CommerceService,
        *,
        llm_factory: Callable[[], LLM] | None = None,
        preflight: list[PreflightCheck] | None = None,
        consent: ConsentRegistry | None = None,
        now: Callable[[], datetime] | None = None,
        chat_backoff: Callable[[], Backoff] = Backoff,
    ) -> None:
        """``preflight``: the checks before a show starts (None: consent, platform policies and
        chat credentials). ``now``: the wall clock the shows' schedules read (tests move it)."""
        self.settings, self.db, self.commerce = settings, db, commerce
        self._llm_factory = llm_factory
        self.consent = consent or ConsentRegistry(db, settings)
        self.preflight = (
            default_preflight(settings, db, self.consent) if preflight is None else list(preflight)
        )
        self.now = now
        self._chat_backoff = chat_backoff
        self._shows: dict[str, ShowRunner] = {}
        self._bridges: dict[str, list[ChatBridge]] = {}
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
        bridges = [self._bridge(runner, n) for n in range(len(show.chat))]
        with self._lock:
            self._bridges[show.show] = bridges
        return runner

    def _bridge(self, runner: ShowRunner, index: int) -> ChatBridge:
        """Platform chat ``index`` of the show, feeding its runner until the show stops."""
        source = runner.show.chat[index]
        token = os.environ.get(source.token_env) if source.token_env else None
        adapter = adapter_for(source, token, self._chat_backoff())

        def deliver(user_id: str, name: str, text: str, platform: str) -> None:
            runner.post_chat(user_id, name, text, platform=platform)

        name = f"chat-{index + 1}-{source.platform}"
        return ChatBridge(
            adapter,
            deliver,
            running=lambda: runner.running,
            on_error=runner.errors.append,
            name=name,
        ).start()

    def bridges(self, show_id: str) -> list[ChatBridge]:
        with self._lock:
            return list(self._bridges.get(show_id, []))

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
            consent=ConsentWatch(self.consent, persona, market.code),
            now=self.now,
            persona=persona,
            market=market,
            products=products,
            commerce=self.commerce,
            models_dir=self.settings.models_dir,
            media_dir=self.settings.media_dir,
            out_dir=self.settings.home / "live" / show.show,
            llm=llm,
            shipping=load_shipping_policy(self.settings.home),
            speech_cache=SpeechDiskCache(self.settings.speech_cache_dir),
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

    def set_mode(
        self, show_id: str, mode: Mode, *, operator: str, version: int | None = None
    ) -> int:
        """Switch a running show's mode after the same checks as going live in that mode
        (platform rules such as "no autonomous AI host on TikTok Shop US", consent): a refused
        switch raises with the reason and the show keeps its mode."""
        runner = self.get(show_id)
        switched = runner.show.model_copy(update={"mode": mode})
        for check in self.preflight:
            check(switched)
        return runner.set_mode(mode, operator=operator, version=version)

    def list(self) -> list[ShowRunner]:
        with self._lock:
            return list(self._shows.values())

    def stop(self, show_id: str) -> ShowRunner:
        runner = self.get(show_id)
        runner.stop()
        self._close_bridges(show_id)
        return runner

    def _close_bridges(self, show_id: str) -> None:
        with self._lock:
            bridges = self._bridges.pop(show_id, [])
        for bridge in bridges:
            bridge.stop()

    def stop_all(self) -> None:
        for runner in self.list():
            try:
                runner.stop()
            except Exception:
                log.exception("stopping show %s", runner.show_id)
            self._close_bridges(runner.show_id)


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
