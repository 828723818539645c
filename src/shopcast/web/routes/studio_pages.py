"""The seller studio's page (``/studio``: personas, catalog, scripts, renders) and its static
files, and ``install_studio``, which adds the studio to the app."""

from __future__ import annotations

from functools import cache

from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from shopcast.studio.services import Studio
from shopcast.web.deps import PUBLIC
from shopcast.web.routes import studio_api, studio_catalog, studio_renders
from shopcast.web.routes.watch import STATIC_DIR
from shopcast.writing.llm.base import LLM

router = APIRouter(tags=["studio"])

PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
        "media-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'self'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-cache",
}


@cache
def _page() -> str:
    return (STATIC_DIR / "studio" / "index.html").read_text("utf-8")


@router.get("/studio", response_class=HTMLResponse, openapi_extra=PUBLIC)
def studio_page() -> HTMLResponse:
    """The studio. Open to anyone: signed out, it shows the sign-in form; its API needs an
    editor to change things (an operator may look)."""
    return HTMLResponse(_page(), headers=PAGE_HEADERS)


def install_studio(app: FastAPI) -> None:
    """Add the studio's services (``app.state.studio``), routes and static files to ``app``."""
    shared = getattr(app.state, "llm", None)  # the app's one language model, where it has one
    app.state.studio = Studio.open(
        app.state.database, app.state.settings, llm=shared if isinstance(shared, LLM) else None
    )
    app.include_router(router)
    app.include_router(studio_api.router)
    app.include_router(studio_renders.router)
    app.include_router(studio_catalog.router)
    app.mount("/static/studio", StaticFiles(directory=STATIC_DIR / "studio"), name="studio-static")
