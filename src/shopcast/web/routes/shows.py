"""Operator routes for live shows: start one from a show file (YAML or JSON body), list the
running shows, read a show's status, stop it. Viewers use ``live_api`` (state, chat, events)."""

from __future__ import annotations

from typing import Annotated, Any

import yaml
from fastapi import APIRouter, Body, Depends, Request

from shopcast.errors import InvalidInputError
from shopcast.live.show.registry import ShowRegistry
from shopcast.live.show.showfile import parse_show
from shopcast.live.show.state import ShowStatus
from shopcast.web.deps import OperatorDep
from shopcast.web.routes.live_api import get_shows

router = APIRouter(prefix="/api/shows", tags=["live shows (operator)"])
ShowsDep = Annotated[ShowRegistry, Depends(get_shows)]


@router.post("", status_code=201)
def start_show(
    request: Request,
    shows: ShowsDep,
    _actor: OperatorDep,
    body: Annotated[
        str, Body(media_type="application/yaml", description="the show file (YAML or JSON)")
    ],
) -> ShowStatus:
    """Start a show from its show file; refused (4xx, nothing sent) when the file is invalid,
    a product, persona or price is wrong, or a consent or platform rule forbids it."""
    try:
        document: Any = yaml.safe_load(body)
    except yaml.YAMLError as exc:
        raise InvalidInputError(f"request body: not valid YAML or JSON: {exc}") from None
    runner = shows.start(parse_show(document, "request body"))
    return runner.status()


@router.get("")
def list_shows(shows: ShowsDep, _actor: OperatorDep) -> list[ShowStatus]:
    return [runner.status() for runner in shows.list()]


@router.get("/{show_id}/status")
def show_status(show_id: str, shows: ShowsDep, _actor: OperatorDep) -> ShowStatus:
    return shows.get(show_id).status()


@router.post("/{show_id}/stop")
def stop_show(show_id: str, shows: ShowsDep, _actor: OperatorDep) -> ShowStatus:
    return shows.stop(show_id).status()
