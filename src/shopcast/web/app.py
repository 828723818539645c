"""The FastAPI application factory. OpenAPI docs are served at ``/docs``.

Run: ``uvicorn --factory shopcast.web.app:create_app_from_env``.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from shopcast.accounts import AccountService, AuditLog
from shopcast.analytics.service import AnalyticsService
from shopcast.commerce import Clock, CommerceService, system_clock
from shopcast.commerce.tasks import maintenance_loop
from shopcast.config import Settings, load_settings
from shopcast.experiments.service import ExperimentService
from shopcast.live.show.registry import ShowRegistry
from shopcast.live.show.showfile import ShowFile
from shopcast.store import Database, open_database
from shopcast.web.auth import install_auth
from shopcast.web.deps import PUBLIC
from shopcast.web.errors import install_error_handlers
from shopcast.web.routes import accounts, analytics, catalog, commerce, live_api, watch
from shopcast.web.routes import assistant as assistant_routes
from shopcast.web.routes import experiments as experiment_routes
from shopcast.web.routes import operator as operator_routes
from shopcast.web.routes import shows as show_routes
from shopcast.web.routes import takeover as takeover_routes
from shopcast.web.routes.studio_pages import install_studio
from shopcast.web.warmup import AssistantWarmUp


def create_app(
    settings: Settings,
    *,
    database: Database | None = None,
    clock: Clock = system_clock,
    maintenance_interval_s: float | None = 60.0,
    shows: list[ShowFile] | None = None,
    warm_assistant: bool = True,
) -> FastAPI:
    """The API over ``settings``' database (opened and migrated here unless given).

    While the app runs, expired reservations are released and pending outbox events delivered
    every ``maintenance_interval_s`` seconds (None: never; run ``commerce.tasks`` yourself).
    ``shows`` start with the app and stop with it (``app.state.shows`` is the registry).
    With ``warm_assistant`` the assistant's retrieval index is built in the background from
    the start (``app.state.assistant_warm_up``), so the first question does not wait for it.
    """
    db = database or open_database(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        upkeep = None
        for show in shows or []:
            await asyncio.to_thread(registry.start, show)
        if warm_assistant:  # a plain thread, cancelled and joined below, never left running
            _app.state.assistant_warm_up = AssistantWarmUp(db, settings)
            _app.state.assistant_warm_up.start()
        if maintenance_interval_s:
            upkeep = asyncio.create_task(maintenance_loop(commerce_service, maintenance_interval_s))
        try:
            yield
        finally:
            # the shows first: their files are closed within seconds, whatever else waits
            await asyncio.to_thread(registry.stop_all)
            if _app.state.assistant_warm_up is not None:
                await asyncio.to_thread(_app.state.assistant_warm_up.stop)
            # The render in progress finishes (queued ones wait for the next start).
            await asyncio.to_thread(_app.state.studio.close)
            if upkeep is not None:
                upkeep.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await upkeep
            if database is None:
                db.close()

    app = FastAPI(
        title="shopcast API",
        version="0.1.0",
        description="Carts, checkout, orders, flash deals, coupons, catalog and show analytics.",
        lifespan=lifespan,
    )
    commerce_service = CommerceService(db, clock=clock)
    analytics_service = AnalyticsService(db)
    commerce_service.outbox.subscribe(analytics_service.record_order)
    app.state.settings = settings
    app.state.database = db
    app.state.commerce = commerce_service
    app.state.analytics = analytics_service
    app.state.experiments = ExperimentService(db, clock=clock)
    app.state.assistant_warm_up = None  # an AssistantWarmUp while the app runs
    # One language model for the assistant and the shows, loaded on first use (None in
    # app.state.llm: the assistant answers from templates only).
    llm = app.state.llm = assistant_routes.shared_llm(settings)
    registry = ShowRegistry(settings, db, commerce_service, llm_factory=lambda: llm)
    app.state.shows = registry
    app.state.audit = AuditLog(db, clock=clock)
    app.state.accounts = AccountService(
        db, audit=app.state.audit, clock=clock, settings_key=settings.api_key
    )
    install_error_handlers(app)
    install_auth(app)
    app.include_router(accounts.router)
    app.include_router(catalog.router)
    app.include_router(commerce.router)
    app.include_router(analytics.router)
    app.include_router(experiment_routes.router)
    app.include_router(live_api.router)
    app.include_router(show_routes.router)
    app.include_router(watch.router)
    app.include_router(assistant_routes.router)
    app.include_router(operator_routes.router)  # operator console: API and page
    watch.mount_static(app)
    app.include_router(takeover_routes.router)
    takeover_routes.mount_static(app)
    install_studio(app)

    @app.get("/health", tags=["meta"], openapi_extra=PUBLIC)
    def health() -> dict[str, str]:
        return {"status": "ok"}

    return app


def create_app_from_env() -> FastAPI:
    return create_app(load_settings())
