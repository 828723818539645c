"""The operator console page, ``/console/{show_id}``, and its scripts and styles.

Signed out (or with an ended session) the page is the sign-in form (401); signed in below the
operator role it says so (403); an operator gets the console. The data comes from the
operator API (``routes.operator``), which checks the role again on every call, so the page
itself holds nothing secret.
"""

from __future__ import annotations

import html
import re
from functools import cache
from importlib import resources
from pathlib import Path
from string import Template

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse

from shopcast.accounts.roles import Role, role_allows
from shopcast.accounts.schemas import Actor
from shopcast.errors import NotFoundError, ShopcastError
from shopcast.web import auth
from shopcast.web.deps import PUBLIC, AccountsDep
from shopcast.web.routes.live_api import ShowsDep
from shopcast.web.routes.watch import PAGE_HEADERS

router = APIRouter(tags=["operator console"])

CONSOLE_DIR = Path(str(resources.files("shopcast.web").joinpath("static"))) / "console"
ASSET = re.compile(r"^[a-z][a-z0-9-]{0,40}\.(js|css|svg)$")
ASSET_TYPES = {"js": "text/javascript", "css": "text/css", "svg": "image/svg+xml"}


@cache
def _template(name: str) -> Template:
    return Template((CONSOLE_DIR / name).read_text("utf-8"))


def _attr(value: object) -> str:
    return html.escape(str(value), quote=True)


def _actor(request: Request, accounts: AccountsDep) -> Actor | None:
    """The signed-in person, None when signed out or the session ended (the page then asks
    to sign in instead of answering with an error)."""
    try:
        return auth.resolve_actor(
            request,
            accounts,
            api_key=None,
            session_token=request.cookies.get(auth.SESSION_COOKIE),
        )
    except ShopcastError:
        return None


@router.get(
    "/console/{show_id}", response_class=HTMLResponse, include_in_schema=False, openapi_extra=PUBLIC
)
def console_page(
    show_id: str, request: Request, accounts: AccountsDep, shows: ShowsDep
) -> HTMLResponse:
    """The console of a running show (operator role; the sign-in form otherwise)."""
    actor = _actor(request, accounts)
    if actor is None:
        page = _template("signin.html").substitute(show_id=_attr(show_id), note="")
        return HTMLResponse(page, status_code=401, headers=PAGE_HEADERS)
    if not role_allows(actor.role, Role.OPERATOR):
        note = (
            f"{actor.name} is signed in with the {actor.role} role; the console needs the "
            "operator role or higher. Sign in as an operator, or ask an owner for the role."
        )
        page = _template("signin.html").substitute(show_id=_attr(show_id), note=_attr(note))
        return HTMLResponse(page, status_code=403, headers=PAGE_HEADERS)
    try:
        state = shows.get(show_id).state()
    except NotFoundError:
        page = _template("signin.html").substitute(
            show_id=_attr(show_id), note=_attr(f"There is no running show called {show_id}.")
        )
        return HTMLResponse(page, status_code=404, headers=PAGE_HEADERS)
    page = _template("index.html").substitute(
        show_id=_attr(state.show_id),
        title=_attr(state.title or state.show_id),
        operator=_attr(actor.name),
        role=_attr(actor.role.value),
        ai_label=_attr(state.ai_label),
    )
    return HTMLResponse(page, headers=PAGE_HEADERS)


@router.get("/static/console/{name}", include_in_schema=False, openapi_extra=PUBLIC)
def console_asset(name: str) -> FileResponse:
    """The console's own scripts and styles (no secrets: the API checks every call)."""
    match = ASSET.fullmatch(name)
    path = CONSOLE_DIR / name
    if match is None or not path.is_file():
        raise NotFoundError(f"No console file {name!r}.")
    return FileResponse(
        path, media_type=ASSET_TYPES[match.group(1)], headers={"Cache-Control": "no-cache"}
    )
