"""Render jobs through the real video job: refused up front when they cannot run, run one at a
time on the worker, progress over Server-Sent Events up to done, then the MP4 (C2PA-signed),
its thumbnail and range requests for the player. The shortest script the writer makes (~5 s)
keeps this quick."""

from __future__ import annotations

import json

import pytest

from shopcast.media.probe import probe
from shopcast.provenance import read_provenance
from shopcast.studio.services import Studio
from shopcast.studio.tables import RenderJobRow

pytestmark = pytest.mark.slow
RENDERS = "/studio/api/renders"


def _events(site, job_id: int) -> list[dict]:
    events = []
    with site.client.stream("GET", f"{RENDERS}/{job_id}/events", headers=site.operator) as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        for line in stream.iter_lines():
            if line.startswith("data: "):
                events.append(json.loads(line.removeprefix("data: ")))
    return events


def test_a_render_runs_with_progress_and_plays(site, write_variants):
    [script, _] = write_variants(length_s=5)
    draft = site.client.post(RENDERS, json={"script_id": script["id"]}, headers=site.editor)
    assert draft.status_code == 422 and "approve it first" in draft.json()["message"]
    site.client.post(f"/studio/api/scripts/{script['id']}/approve", headers=site.editor)

    first = site.client.post(
        RENDERS, json={"script_id": script["id"], "aspect": "9:16"}, headers=site.editor
    )
    assert first.status_code == 202, first.text
    assert first.json()["status"] in ("queued", "running")
    # A second job (product + persona + market, 16:9) waits for the first: one at a time.
    quick = {"product": "sun-fluid", "persona": "jay", "market": "en-US", "aspect": "16:9",
             "length_s": 5}  # fmt: skip
    second = site.client.post(RENDERS, json=quick, headers=site.editor)
    assert second.status_code == 202, second.text

    events = _events(site, first.json()["id"])
    percents = [e["percent"] for e in events]
    assert percents == sorted(percents), "the bar never goes back"
    assert events[-1]["status"] == "done" and events[-1]["percent"] == 100, events[-1]
    assert any(0 < p < 100 for p in percents), "progress in between was reported"
    stages = [e["stage"] for e in events]
    assert "render" in stages and stages[-1] == "done"

    done = events[-1]
    video = site.client.get(done["video_url"], headers=site.operator)
    assert video.status_code == 200 and video.headers["content-type"] == "video/mp4"
    part = site.client.get(done["video_url"], headers={**site.operator, "Range": "bytes=0-99"})
    assert part.status_code == 206 and len(part.content) == 100
    thumb = site.client.get(done["thumbnail_url"], headers=site.operator)
    assert thumb.status_code == 200 and thumb.content[:2] == b"\xff\xd8"
    path = site.studio.renders.video_path(done["id"])
    info = probe(path)
    assert (info.width, info.height) == (1080, 1920) and info.audio_codec == "aac"
    assert info.duration == pytest.approx(done["duration_s"], abs=0.1)
    report = read_provenance(path, site.settings)
    assert report.ai_generated and report.failures == []
    assert (report.disclosure or {})["persona"] == "mina"

    later = site.studio.renders.wait(second.json()["id"], timeout=90)
    assert later.status == "done", later.error
    finished = site.studio.renders.get(done["id"]).finished_at
    assert later.started_at is not None and finished is not None
    assert later.started_at >= finished
    assert probe(site.studio.renders.video_path(later.id)).width == 1920
    jobs = site.client.get(RENDERS, headers=site.operator).json()
    assert [j["id"] for j in jobs] == [later.id, done["id"]]


def test_jobs_that_cannot_run_are_refused_up_front(site):
    post = lambda body: site.client.post(RENDERS, json=body, headers=site.editor)  # noqa: E731
    missing = post({"product": "glow-serum", "aspect": "9:16"})
    assert missing.status_code == 422 and "persona" in missing.json()["message"]
    assert post({"product": "nope", "persona": "mina", "market": "en-US"}).status_code == 404
    bad_aspect = post(
        {"product": "glow-serum", "persona": "mina", "market": "en-US", "aspect": "4:3"}
    )
    assert bad_aspect.status_code == 422 and bad_aspect.json()["problems"][0]["field"] == "aspect"
    assert site.client.get(f"{RENDERS}/999/events", headers=site.operator).status_code == 404
    assert site.client.get(f"{RENDERS}/999/video", headers=site.operator).status_code == 404


def test_a_restarted_server_fails_the_interrupted_job_and_runs_the_queued(settings, db):
    """The queued job is taken up by the new worker (this database has no catalog, so it fails
    fast, with the reason, instead of rendering: the queue goes on)."""
    with db.session() as session:
        for status, persona in (("running", "mina"), ("queued", "gone")):
            session.add(RenderJobRow(product_sku="glow-serum", persona=persona, market="en-US",
                                     aspect="9:16", length_s=5, status=status, stage=status,
                                     percent=40.0 if status == "running" else 0.0,
                                     created_by="test"))  # fmt: skip
    restarted = Studio.open(db, settings).renders
    try:
        interrupted, resumed = sorted(restarted.list(), key=lambda job: job.id)
        assert interrupted.status == "failed" and "interrupted" in (interrupted.error or "")
        ended = restarted.wait(resumed.id, timeout=30)
        assert ended.status == "failed" and "No product 'glow-serum'" in (ended.error or "")
        assert ended.started_at is not None  # the worker ran it
    finally:
        restarted.close()
