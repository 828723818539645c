"""The checks that may refuse a show before anything is sent: consent for a persona with a real
person's likeness or voice, the platform policies of every destination, the chat sources'
credentials, and the market readiness of every rundown product (on sale, priced in the market's
currency, words in its language). ``default_preflight`` is what every way of starting a show
runs (API and CLI).

Destinations come from the show's outputs: HLS is the own watch page; an RTMP URL is classified
by its host (``*.tiktok*`` → tiktok, ``*.youtube.com`` → youtube, ``*.douyin*`` → douyin, …) and
anything else is a custom RTMP destination.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from urllib.parse import urlsplit

from shopcast.catalog.readiness import check_market
from shopcast.catalog.service import CatalogService
from shopcast.config import Settings
from shopcast.consent import ConsentRegistry, ConsentWatch
from shopcast.errors import InvalidInputError
from shopcast.live.show.showfile import ShowFile
from shopcast.markets.registry import get_market
from shopcast.persona.service import PersonaService
from shopcast.platforms import Destination, PolicyGuard
from shopcast.store import Database

PreflightCheck = Callable[[ShowFile], None]

# Ingest hosts of the platforms the policies know, by the end of the host name.
_RTMP_HOSTS: tuple[tuple[str, str], ...] = (
    (r"(^|\.)(tiktok|tiktokcdn|tiktokv|tiktokcdn-us)\.(com|net)$", "tiktok"),
    (r"(^|\.)(youtube|youtube-nocookie)\.com$", "youtube"),
    (r"(^|\.)(douyin|douyincdn|douyinliving|bytedance)\.(com|net)$", "douyin"),
)


def rtmp_destination_kind(url: str) -> str:
    """The policy name of the platform behind an RTMP ``url`` (``rtmp`` when unknown)."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    for pattern, kind in _RTMP_HOSTS:
        if re.search(pattern, host):
            return kind
    return "rtmp"


def show_destinations(show: ShowFile) -> list[Destination]:
    """Where ``show`` goes: its own watch page (HLS) and each RTMP destination."""
    found = [Destination(kind="own_page", url=f"/watch/{show.show}")] if show.outputs.hls else []
    found += [
        Destination(kind=rtmp_destination_kind(u), url=_redacted(u)) for u in show.outputs.rtmp
    ]
    return found


def _redacted(url: str) -> str:
    """The URL without its stream key (the last path part), for messages and logs."""
    head, _, _key = url.rpartition("/")
    return f"{head}/…"


def policy_check(settings: Settings) -> PreflightCheck:
    def check(show: ShowFile) -> None:
        guard = PolicyGuard.load(settings.home)  # re-read: an edited rule applies at once
        guard.check(show_destinations(show), show.mode, show.market).raise_if_refused()

    return check


def check_mode_switch(settings: Settings, show: ShowFile, mode: str) -> None:
    """Switching a running show to ``mode`` is held to the same policies as going live in it
    (e.g. TikTok Shop LIVE en-US refuses autonomous); raises ``GoLiveRefusedError``."""
    policy_check(settings)(show.model_copy(update={"mode": mode}))


def consent_check(consent: ConsentRegistry, db: Database) -> PreflightCheck:
    def check(show: ShowFile) -> None:
        persona = PersonaService(db).get(show.persona)
        ConsentWatch(consent, persona, show.market).require()

    return check


def chat_credentials_check(environ: Callable[[str], str | None] = os.environ.get) -> PreflightCheck:
    def check(show: ShowFile) -> None:
        for n, source in enumerate(show.chat):
            if source.token_env and not environ(source.token_env):
                raise InvalidInputError(
                    f"show {show.show}: field 'chat.{n}.token_env': the environment variable "
                    f"{source.token_env} is not set, so {source.platform} chat cannot log in",
                    hint=f"export {source.token_env}=oauth:… before starting the show",
                )

    return check


def market_readiness_check(settings: Settings, db: Database) -> PreflightCheck:
    """Every rundown product on sale, priced in the market's currency and with words in its
    language (``catalog.readiness``): else the show is refused, naming products and fixes.
    A product the catalog does not have is left to the registry's own check (NotFound)."""

    def check(show: ShowFile) -> None:
        catalog = CatalogService(db, settings)
        known = {p.sku.lower(): p for p in catalog.list_products()}
        known |= {v.sku.lower(): p for p in known.values() for v in p.variants}
        products = [known[s.strip().lower()] for s in show.products if s.strip().lower() in known]
        check_market(products, get_market(show.market)).raise_if_blocked(
            f"show {show.show} cannot go live"
        )

    return check


def default_preflight(
    settings: Settings, db: Database, consent: ConsentRegistry
) -> list[PreflightCheck]:
    return [
        consent_check(consent, db),
        policy_check(settings),
        chat_credentials_check(),
        market_readiness_check(settings, db),
    ]
