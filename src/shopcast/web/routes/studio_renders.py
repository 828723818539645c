"""Studio render jobs: start one (an approved script, or product + persona + market), follow its
progress (``GET`` for the state, Server-Sent Events for a live stream), then play the MP4 (with
its C2PA Content Credentials) and show its thumbnail."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, StreamingResponse

from shopcast.studio.schemas import RenderJob, RenderRequest
from shopcast.web.auth import add_audit_details
from shopcast.web.deps import EditorDep, OperatorDep
from shopcast.web.routes.studio_deps import StudioDep

router = APIRouter(prefix="/studio/api/renders", tags=["studio"])

POLL_S = 0.25  # how often the event stream looks at the job
HEARTBEAT_S = 15.0  # a comment line keeps proxies from closing a quiet stream
FINAL = ("done", "failed")


@router.post("", status_code=202)
def start_render(
    body: RenderRequest, actor: EditorDep, studio: StudioDep, request: Request
) -> RenderJob:
    """Queue a render; jobs run one at a time. Refused up front (422) for a draft script, an
    unknown product, persona or market, or a real likeness without valid consent."""
    job = studio.renders.submit(body, actor=actor)
    add_audit_details(request, job=job.id, script=job.script_id, aspect=job.aspect)
    return job


@router.get("")
def list_renders(_actor: OperatorDep, studio: StudioDep) -> list[RenderJob]:
    """The latest jobs, newest first."""
    return studio.renders.list()


@router.get("/{job_id}")
def get_render(job_id: int, _actor: OperatorDep, studio: StudioDep) -> RenderJob:
    """The job's status, stage (queued, script, speech, render, finishing, done, failed) and
    percent."""
    return studio.renders.get(job_id)


@router.get(
    "/{job_id}/events",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}}},
)
async def render_events(
    job_id: int, _actor: OperatorDep, studio: StudioDep, request: Request
) -> StreamingResponse:
    """Server-Sent Events: a ``progress`` event with the job (as ``GET``) whenever its stage or
    percent changes, ending with the event for ``done`` or ``failed``."""
    first = await asyncio.to_thread(studio.renders.get, job_id)  # 404 before any stream

    async def events() -> AsyncIterator[str]:
        job, last, quiet = first, "", 0.0
        while True:
            payload = job.model_dump_json()
            if payload != last:
                yield f"event: progress\ndata: {payload}\n\n"
                last, quiet = payload, 0.0
            if job.status in FINAL or await request.is_disconnected():
                return
            if quiet >= HEARTBEAT_S:
                yield ": still rendering\n\n"
                quiet = 0.0
            await asyncio.sleep(POLL_S)
            quiet += POLL_S
            job = await asyncio.to_thread(studio.renders.get, job_id)

    headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    return StreamingResponse(events(), media_type="text/event-stream", headers=headers)


@router.get("/{job_id}/video", response_class=FileResponse)
def render_video_file(job_id: int, _actor: OperatorDep, studio: StudioDep) -> FileResponse:
    """The finished MP4 (H.264/AAC, C2PA-signed), with range requests for the player."""
    path = studio.renders.video_path(job_id)
    return FileResponse(
        path,
        media_type="video/mp4",
        filename=f"render-{job_id}.mp4",
        content_disposition_type="inline",
        headers={"Cache-Control": "private, max-age=600"},
    )


@router.get("/{job_id}/thumbnail", response_class=FileResponse)
def render_thumbnail(job_id: int, _actor: OperatorDep, studio: StudioDep) -> FileResponse:
    path = studio.renders.thumbnail_path(job_id)
    return FileResponse(path, media_type="image/jpeg", headers={"Cache-Control": "private"})
