"""The seller studio's API: personas (list, read, replace from YAML or JSON, a preview still and
a voice sample per market), the catalog at a glance, and scripts (brief → variants, edit a
beat, approve, compare two). Reading needs an operator, changing anything an editor."""

from __future__ import annotations

import json
from typing import Annotated, Any

import yaml
from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse

from shopcast.errors import InvalidInputError
from shopcast.persona.loader import parse_persona
from shopcast.studio.schemas import (
    BeatEdit,
    CatalogItem,
    Comparison,
    PersonaSummary,
    ScriptRequest,
    ScriptStatus,
    StudioScript,
)
from shopcast.studio.services import Studio
from shopcast.studio.views import catalog_item, persona_summary
from shopcast.web.auth import add_audit_details
from shopcast.web.deps import EditorDep, OperatorDep
from shopcast.web.routes.studio_deps import StudioDep

router = APIRouter(prefix="/studio/api", tags=["studio"])

MAX_PERSONA_BYTES = 64_000
YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")
PERSONA_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "The persona as JSON, or as YAML (Content-Type: application/yaml).",
        "content": {
            "application/json": {"schema": {"type": "object"}},
            "application/yaml": {"schema": {"type": "string"}},
        },
    }
}
MEDIA_CACHE = {"Cache-Control": "private, max-age=3600"}


class PersonaDetail(PersonaSummary):
    document: dict[str, Any]
    yaml: str


def _detail(studio: Studio, name: str) -> PersonaDetail:
    persona = studio.personas.get(name)
    return PersonaDetail(
        **persona_summary(persona).model_dump(),
        document=persona.model_dump(mode="json", exclude_none=True),
        yaml=studio.personas.to_yaml(persona),
    )


@router.get("/personas")
def list_personas(_actor: OperatorDep, studio: StudioDep) -> list[PersonaSummary]:
    return [persona_summary(p) for p in studio.personas.list()]


@router.get("/personas/{name}")
def get_persona(name: str, _actor: OperatorDep, studio: StudioDep) -> PersonaDetail:
    return _detail(studio, name)


@router.put("/personas/{name}", openapi_extra=PERSONA_BODY)
async def replace_persona(
    name: str, _actor: EditorDep, studio: StudioDep, request: Request
) -> PersonaDetail:
    """Replace (or create) the persona ``name`` from a JSON or YAML document. A bad document
    is refused with 422 naming the field (``markets.en-US.voice.voice``)."""
    body = await request.body()
    document = _parse_document(body, request.headers.get("content-type", ""))
    if isinstance(document, dict):
        document.setdefault("name", name)
        if document["name"] != name:
            raise InvalidInputError(
                f"field 'name': the document names {document['name']!r} but the URL {name!r}"
            )
    persona = parse_persona(document, f"persona {name!r}")
    studio.personas.save(persona, replace=True)
    add_audit_details(request, persona=name, markets=sorted(persona.markets))
    return _detail(studio, name)


def _parse_document(body: bytes, content_type: str) -> Any:
    if not body.strip():
        raise InvalidInputError("The request has no persona document.")
    if len(body) > MAX_PERSONA_BYTES:
        raise InvalidInputError(f"The persona document is over {MAX_PERSONA_BYTES} bytes.")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInputError("The persona document is not UTF-8 text.") from None
    kind = content_type.split(";")[0].strip().lower()
    try:
        if kind in YAML_TYPES:
            return yaml.safe_load(text)
        return json.loads(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise InvalidInputError(f"The persona YAML cannot be read{where}.") from None
    except json.JSONDecodeError as error:
        raise InvalidInputError(
            f"The persona JSON cannot be read at line {error.lineno}, column {error.colno}: "
            f"{error.msg}.",
            hint="Send YAML with Content-Type: application/yaml.",
        ) from None


@router.get("/personas/{name}/look/{market}.png", response_class=FileResponse)
def persona_look(name: str, market: str, _actor: OperatorDep, studio: StudioDep) -> FileResponse:
    """One frame of the host in ``market``'s look and set (360x640 PNG), cached."""
    path = studio.previews.look_png(studio.personas.get(name), market)
    return FileResponse(path, media_type="image/png", headers=MEDIA_CACHE)


@router.get("/personas/{name}/voice/{market}.wav", response_class=FileResponse)
def persona_voice(name: str, market: str, _actor: OperatorDep, studio: StudioDep) -> FileResponse:
    """The market's voice saying the persona's greeting (WAV), cached."""
    path = studio.previews.voice_wav(studio.personas.get(name), market)
    return FileResponse(path, media_type="audio/wav", headers=MEDIA_CACHE)


@router.get("/catalog")
def studio_catalog(_actor: OperatorDep, studio: StudioDep) -> list[CatalogItem]:
    """Every product with its image and a price per market the catalog prices it for."""
    return [catalog_item(p) for p in studio.catalog.list_products()]


@router.post("/scripts", status_code=201)
def generate_scripts(
    body: ScriptRequest, actor: EditorDep, studio: StudioDep, request: Request
) -> list[StudioScript]:
    """A brief → ``variants`` draft scripts (one batch), written with ``writer``: ``templates``
    (catalog lines, instant) or ``llm`` (the configured model; every line grounded)."""
    scripts = studio.scripts.generate(body, actor=actor)
    add_audit_details(request, batch=scripts[0].batch, ids=[s.id for s in scripts])
    return scripts


@router.get("/scripts")
def list_scripts(
    _actor: OperatorDep,
    studio: StudioDep,
    batch: Annotated[str | None, Query(max_length=32)] = None,
    status: ScriptStatus | None = None,
) -> list[StudioScript]:
    return studio.scripts.list(batch=batch, status=status)


@router.get("/scripts/compare")
def compare_scripts(
    a: Annotated[int, Query(ge=1)],
    b: Annotated[int, Query(ge=1)],
    _actor: OperatorDep,
    studio: StudioDep,
) -> Comparison:
    """Two variants side by side, beat kind by beat kind, with their estimated seconds."""
    return studio.scripts.compare(a, b)


@router.get("/scripts/{script_id}")
def get_script(script_id: int, _actor: OperatorDep, studio: StudioDep) -> StudioScript:
    return studio.scripts.get(script_id)


@router.patch("/scripts/{script_id}/beats/{index}")
def edit_beat(
    script_id: int, index: int, body: BeatEdit, actor: EditorDep, studio: StudioDep
) -> StudioScript:
    """Rewrite one beat's line; it is checked against the catalog and the market's claims
    policy. An approved script returns to draft."""
    return studio.scripts.edit_beat(script_id, index, body.text, actor=actor)


@router.post("/scripts/{script_id}/approve")
def approve_script(script_id: int, actor: EditorDep, studio: StudioDep) -> StudioScript:
    return studio.scripts.approve(script_id, actor=actor)
