"""The render queue: studio render jobs run one at a time on a background thread through the
real video job (``video.job.render_video``: speech, frames, H.264/AAC, C2PA credentials,
captions, thumbnail). Jobs live in the database; the running job's stage and percent are kept
in memory as well, so progress can be read many times a second without touching the database
(which gets a write per stage change and per 5 %)."""

from __future__ import annotations

import builtins
import logging
import queue
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select, update

from shopcast.catalog.readiness import check_market
from shopcast.catalog.service import CatalogService
from shopcast.config import Settings
from shopcast.consent.registry import ConsentRegistry
from shopcast.errors import ConsentError, InvalidInputError, NotFoundError, ShopcastError
from shopcast.markets.registry import get_market
from shopcast.persona.service import PersonaService
from shopcast.provenance.signer import VideoSigner
from shopcast.store import Database
from shopcast.studio.schemas import RenderJob, RenderRequest
from shopcast.studio.scripts import StudioScripts
from shopcast.studio.tables import RenderJobRow
from shopcast.studio.writers import template_variants
from shopcast.video.job import VideoOutputs, render_video
from shopcast.writing.script import Script

log = logging.getLogger(__name__)

LIST_LIMIT = 100
# Where each stage's progress lands on the job's 0-100 bar (speech and frames overlap: the
# video job speaks beat n+1 while it renders the frames of beat n, so the bar takes the max).
STAGE_SPAN = {"script": (0.0, 5.0), "speech": (5.0, 20.0), "render": (20.0, 97.0)}
FINISHING = 97.0


def _now() -> datetime:
    return datetime.now(UTC)


class RenderQueue:
    """Accepts render jobs and runs them, oldest first, on one worker thread."""

    def __init__(
        self,
        db: Database,
        settings: Settings,
        scripts: StudioScripts,
        *,
        consents: ConsentRegistry | None = None,
        signer: Callable[[], VideoSigner] | None = None,
    ) -> None:
        self.db, self.settings, self.scripts = db, settings, scripts
        self.catalog: CatalogService = scripts.catalog
        self.personas: PersonaService = scripts.personas
        self.consents = consents or ConsentRegistry(db, settings)
        self._signer_factory = signer or (lambda: VideoSigner.from_settings(settings))
        self._signer: VideoSigner | None = None
        self.root = settings.home / "studio" / "renders"
        self._jobs: queue.Queue[int | None] = queue.Queue()
        self._live: dict[int, tuple[str, float]] = {}  # job id → (stage, percent) while running
        self._lock = threading.Lock()
        self._worker: threading.Thread | None = None
        self._closed = False
        self._recover()

    # -- submitting and reading ------------------------------------------------------------
    def submit(self, request: RenderRequest, *, actor: str) -> RenderJob:
        """Check the job can run (approved script or known product, persona and market; consent
        for a real likeness or voice), store it as queued and hand it to the worker."""
        script_id = request.script_id
        if script_id is not None:
            stored = self.scripts.get(script_id)
            if stored.status != "approved":
                raise InvalidInputError(
                    f"field 'script_id': script {script_id} is a draft; approve it first.",
                    hint=f"POST /studio/api/scripts/{script_id}/approve",
                )
            sku, persona_name, market_code = stored.product_sku, stored.persona, stored.market
            length = stored.script.length_target_s
        else:
            missing = [f for f in ("product", "persona", "market") if not getattr(request, f)]
            if missing:
                raise InvalidInputError(
                    f"field '{missing[0]}': give script_id, or product, persona and market."
                )
            sku, persona_name, market_code = request.product, request.persona, request.market
            length = request.length_s
        assert sku and persona_name and market_code
        product = self.catalog.get(sku)
        persona = self.personas.get(persona_name)
        market = get_market(market_code)
        if market.code not in persona.markets:
            raise InvalidInputError(
                f"field 'market': persona {persona.name!r} has no look and voice for "
                f"{market.code}; it has: {', '.join(sorted(persona.markets))}"
            )
        check_market([product], market).raise_if_blocked(f"no video of {product.sku} can be made")
        try:
            self.consents.require(persona, market.code, "video")
        except ConsentError as error:
            raise InvalidInputError(error.message, hint=error.hint) from None
        with self.db.session() as session:
            row = RenderJobRow(
                script_id=script_id,
                product_sku=product.sku,
                persona=persona.name,
                market=market.code,
                aspect=request.aspect,
                length_s=length,
                status="queued",
                stage="queued",
                percent=0.0,
                created_by=actor,
                created_at=_now(),
            )
            session.add(row)
            session.flush()
            job = self._public(row)
        self._enqueue(job.id)
        return job

    def get(self, job_id: int) -> RenderJob:
        with self.db.session() as session:
            row = session.get(RenderJobRow, job_id)
            if row is None:
                raise NotFoundError(f"No render job {job_id}.")
            return self._public(row)

    def list(self) -> builtins.list[RenderJob]:
        query = select(RenderJobRow).order_by(RenderJobRow.id.desc()).limit(LIST_LIMIT)
        with self.db.session() as session:
            return [self._public(row) for row in session.scalars(query)]

    def video_path(self, job_id: int) -> Path:
        job = self.get(job_id)
        path = self._outputs(job_id).video
        if job.status != "done" or not path.is_file():
            raise NotFoundError(f"Render job {job_id} has no video (it is {job.status}).")
        return path

    def thumbnail_path(self, job_id: int) -> Path:
        job = self.get(job_id)
        path = self._outputs(job_id).thumbnail
        if job.status != "done" or not path.is_file():
            raise NotFoundError(f"Render job {job_id} has no thumbnail (it is {job.status}).")
        return path

    def wait(self, job_id: int, timeout: float) -> RenderJob:
        """Block until the job is done or failed (tests and scripts); the job as it ended."""
        deadline = time.monotonic() + timeout
        while True:
            job = self.get(job_id)
            if job.status in ("done", "failed") or time.monotonic() > deadline:
                return job
            time.sleep(0.1)

    def close(self) -> None:
        """Stop taking jobs; the running one finishes, queued ones stay queued for next time."""
        self._closed = True
        self._jobs.put(None)
        worker = self._worker
        if worker is not None and worker is not threading.current_thread():
            worker.join(timeout=120)

    # -- the worker --------------------------------------------------------------------------
    def _enqueue(self, job_id: int) -> None:
        if self._closed:
            raise ShopcastError("The render queue is shut down; restart the server.")
        self._jobs.put(job_id)
        with self._lock:
            if self._worker is None:
                self._worker = threading.Thread(
                    target=self._work, name="studio-render", daemon=True
                )
                self._worker.start()

    def _work(self) -> None:
        while True:
            job_id = self._jobs.get()
            if job_id is None:
                return
            try:
                self._run(job_id)
            except Exception:  # never let one job stop the queue
                log.exception("render job %s failed unexpectedly", job_id)
                self._finish(job_id, error="internal error while rendering (see the server log)")

    def _run(self, job_id: int) -> None:
        with self.db.session() as session:
            row = session.get(RenderJobRow, job_id)
            if row is None or row.status != "queued":
                return
            row.status, row.stage, row.started_at = "running", "script", _now()
            job = self._public(row)
        self._live[job_id] = ("script", 0.0)
        try:
            product = self.catalog.get(job.product_sku)
            persona = self.personas.get(job.persona)
            market = get_market(job.market)
            self.consents.require(persona, market.code, "video")  # it may have been revoked
            script = self._script(job, product, persona, market)
            if self._signer is None:
                self._signer = self._signer_factory()
            outputs = self._outputs(job_id)
            result = render_video(
                script,
                product=product,
                persona=persona,
                market=market,
                out=outputs.video,
                models_dir=self.settings.models_dir,
                media_dir=self.settings.media_dir,
                provenance=self._signer,
                aspect=job.aspect,
                on_progress=lambda stage, done, total: self._progress(job_id, stage, done, total),
            )
        except ShopcastError as error:
            self._finish(job_id, error=error.message)
            return
        self._finish(job_id, duration=result.duration)

    def _script(self, job: RenderJob, product, persona, market) -> Script:  # noqa: ANN001
        if job.script_id is not None:
            return self.scripts.get(job.script_id).script
        self._progress(job.id, "script", 0, 1)
        length = self._length(job.id)
        script = template_variants(
            product, persona, market, length_s=length, variants=1, brief=None
        )[0]
        self._progress(job.id, "script", 1, 1)
        return script

    def _length(self, job_id: int) -> float:
        with self.db.session() as session:
            row = session.get(RenderJobRow, job_id)
            return row.length_s if row is not None else 30.0

    def _progress(self, job_id: int, stage: str, done: int, total: int) -> None:
        low, high = STAGE_SPAN.get(stage, (0.0, FINISHING))
        fraction = min(1.0, done / total) if total > 0 else 1.0
        previous_stage, previous = self._live.get(job_id, ("queued", 0.0))
        percent = max(previous, round(low + (high - low) * fraction, 1))
        # After the last frame the job signs and writes the side files.
        shown = "finishing" if stage == "render" and percent >= FINISHING else stage
        if stage == "speech" and previous_stage == "render":
            shown = "render"  # speech of later beats runs under the frames; the bar says render
        self._live[job_id] = (shown, percent)
        if shown != previous_stage or int(percent // 5) != int(previous // 5):
            with self.db.session() as session:
                session.execute(
                    update(RenderJobRow)
                    .where(RenderJobRow.id == job_id)
                    .values(stage=shown, percent=percent)
                )

    def _finish(self, job_id: int, *, error: str | None = None, duration: float = 0.0) -> None:
        values: dict[str, object] = {"finished_at": _now()}
        if error is None:
            video = str(self._outputs(job_id).video)
            values |= {"status": "done", "stage": "done", "percent": 100.0}
            values |= {"video": video, "duration_s": duration}
        else:
            values |= {"status": "failed", "stage": "failed", "error": error[:2000]}
        with self.db.session() as session:
            session.execute(update(RenderJobRow).where(RenderJobRow.id == job_id).values(**values))
        self._live.pop(job_id, None)

    def _recover(self) -> None:
        """Jobs a stopped server left behind: a running one failed with it; queued ones run."""
        with self.db.session() as session:
            session.execute(
                update(RenderJobRow)
                .where(RenderJobRow.status == "running")
                .values(
                    status="failed",
                    stage="failed",
                    error="interrupted: the server stopped while this job was rendering",
                    finished_at=_now(),
                )
            )
            queued = list(
                session.scalars(
                    select(RenderJobRow.id)
                    .where(RenderJobRow.status == "queued")
                    .order_by(RenderJobRow.id)
                )
            )
        for job_id in queued:
            self._enqueue(job_id)

    def _outputs(self, job_id: int) -> VideoOutputs:
        return VideoOutputs.beside(self.root / f"job-{job_id}" / "video.mp4")

    def _public(self, row: RenderJobRow) -> RenderJob:
        stage, percent = self._live.get(row.id, (row.stage, row.percent))
        done = row.status == "done"
        base = f"/studio/api/renders/{row.id}"
        return RenderJob(
            id=row.id,
            script_id=row.script_id,
            product_sku=row.product_sku,
            persona=row.persona,
            market=row.market,
            aspect=row.aspect,
            status=row.status,  # type: ignore[arg-type]
            stage=stage if row.status == "running" else row.stage,
            percent=percent if row.status == "running" else row.percent,
            error=row.error,
            duration_s=row.duration_s,
            created_by=row.created_by,
            created_at=row.created_at,
            started_at=row.started_at,
            finished_at=row.finished_at,
            video_url=f"{base}/video" if done else None,
            thumbnail_url=f"{base}/thumbnail" if done else None,
        )
