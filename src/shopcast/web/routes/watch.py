"""The viewer's watch page and the files it loads: the page itself, the show's HLS playlist and
segments, hls.js (from npm) and product images."""

from __future__ import annotations

import html
import re
from functools import cache
from importlib import resources
from pathlib import Path
from string import Template

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from shopcast.errors import NotFoundError
from shopcast.markets import get_market
from shopcast.web.deps import PUBLIC, SettingsDep
from shopcast.web.routes.live_api import ShowsDep
from shopcast.web.vendor import hls_js_path

router = APIRouter(tags=["watch page"])

STATIC_DIR = Path(str(resources.files("shopcast.web").joinpath("static")))
HLS_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}\.(m3u8|ts|m4s|mp4)$")
HLS_TYPES = {
    "m3u8": "application/vnd.apple.mpegurl",
    "ts": "video/mp2t",
    "m4s": "video/iso.segment",
    "mp4": "video/mp4",
}
IMAGE_TYPES = {".png", ".jpg", ".jpeg", ".webp", ".gif"}
RTL_LANGUAGES = {"ar", "he", "fa", "ur"}

# The page runs only its own scripts; media comes from this server (hls.js feeds the video
# element through blob: URLs and may run its demuxer in a blob: worker).
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
        "media-src 'self' blob:; worker-src 'self' blob:; connect-src 'self' ws: wss:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'self'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-cache",
}


@cache
def _page_template() -> Template:
    return Template((STATIC_DIR / "watch" / "index.html").read_text("utf-8"))


def _attr(value: object) -> str:
    return html.escape(str(value), quote=True)


@router.get("/watch/{show_id}", response_class=HTMLResponse, openapi_extra=PUBLIC)
def watch_page(show_id: str, shows: ShowsDep) -> HTMLResponse:
    """The watch page of a show: player, chat, shelf, deal and the shop."""
    try:
        state = shows.get(show_id).state()
    except NotFoundError:
        return HTMLResponse(_not_found_page(show_id), status_code=404, headers=PAGE_HEADERS)
    market = get_market(state.market)
    language = market.code.split("-")[0]
    page = _page_template().substitute(
        lang=_attr(market.code),
        dir="rtl" if language in RTL_LANGUAGES else "ltr",
        title=_attr(state.title or state.show_id),
        show_id=_attr(state.show_id),
        market=_attr(market.code),
        currency=_attr(market.currency),
        country=_attr(market.code.split("-")[-1].upper()),
        ai_label=_attr(state.ai_label),
    )
    return HTMLResponse(page, headers=PAGE_HEADERS)


def _not_found_page(show_id: str) -> str:
    return (
        "<!doctype html><html lang=en><meta charset=utf-8><title>Show not found</title>"
        '<link rel="stylesheet" href="/static/watch/watch.css">'
        '<main class="not-found"><h1>This show is not on</h1>'
        f"<p>There is no live show called <b>{_attr(show_id)}</b> here.</p></main></html>"
    )


@router.get("/live/{show_id}/hls/{name}", include_in_schema=False, openapi_extra=PUBLIC)
def hls_file(show_id: str, name: str, shows: ShowsDep) -> Response:
    """The show's live playlist and segments, read whole (the playlist is replaced atomically
    and old segments are deleted while the show runs, so nothing is streamed from a path)."""
    match = HLS_NAME.fullmatch(name)
    if match is None or ".." in name:
        raise NotFoundError(f"No HLS file {name!r}: only playlist and segment names are served.")
    folder = shows.get(show_id).hls_dir
    try:
        data = (folder / name).read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise NotFoundError(
            f"{name} of show {show_id} is not there (yet): the show may be starting."
        ) from None
    kind = match.group(1)
    cache_control = "no-cache" if kind == "m3u8" else "public, max-age=60"
    return Response(data, media_type=HLS_TYPES[kind], headers={"Cache-Control": cache_control})


@router.get("/static/vendor/hls.min.js", include_in_schema=False, openapi_extra=PUBLIC)
def hls_js(settings: SettingsDep) -> FileResponse:
    """hls.js from ``node_modules`` (installed by ``npm ci``)."""
    return FileResponse(
        hls_js_path(settings),
        media_type="text/javascript",
        headers={"Cache-Control": "public, max-age=86400"},
    )


@router.get("/media/{path:path}", include_in_schema=False, openapi_extra=PUBLIC)
def media_file(path: str, settings: SettingsDep) -> FileResponse:
    """Catalog images from the data directory's media folder (images only, nothing above it)."""
    root = settings.media_dir.resolve()
    target = (root / path).resolve()
    if (
        not target.is_relative_to(root)
        or target.suffix.lower() not in IMAGE_TYPES
        or not target.is_file()
    ):
        raise NotFoundError(f"No image {path!r} in the media folder.")
    return FileResponse(target, headers={"Cache-Control": "public, max-age=3600"})


def mount_static(app: FastAPI) -> None:
    """The page's own scripts and styles at ``/static/watch``."""
    app.mount("/static/watch", StaticFiles(directory=STATIC_DIR / "watch"), name="watch-static")
