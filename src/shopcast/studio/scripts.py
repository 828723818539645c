"""Scripts in the studio: written as variants of one batch, stored, edited beat by beat (every
edit is checked against the catalog and the market's claims policy), approved, compared."""

from __future__ import annotations

import builtins
import secrets
from datetime import UTC, datetime

from sqlalchemy import select

from shopcast.catalog.service import CatalogService
from shopcast.errors import InvalidInputError, NotFoundError
from shopcast.markets.registry import get_market
from shopcast.persona.service import PersonaService
from shopcast.store import Database
from shopcast.studio.schemas import BeatPair, Comparison, ScriptRequest, StudioScript
from shopcast.studio.tables import StudioScriptRow
from shopcast.studio.writers import ScriptWriter
from shopcast.writing.facts import build_facts
from shopcast.writing.grounding import check_with_facts
from shopcast.writing.policy import load_policy
from shopcast.writing.script import BEAT_ORDER, Beat, Script

LIST_LIMIT = 200


def _now() -> datetime:
    return datetime.now(UTC)


def _public(row: StudioScriptRow) -> StudioScript:
    return StudioScript(
        id=row.id,
        batch=row.batch,
        product_sku=row.product_sku,
        persona=row.persona,
        market=row.market,
        writer=row.writer,
        variant=row.variant,
        status=row.status,  # type: ignore[arg-type]
        script=Script.model_validate(row.document),
        created_by=row.created_by,
        created_at=row.created_at,
        updated_at=row.updated_at,
        approved_by=row.approved_by,
        approved_at=row.approved_at,
    )


class StudioScripts:
    def __init__(
        self,
        db: Database,
        catalog: CatalogService,
        personas: PersonaService,
        writer: ScriptWriter,
    ) -> None:
        self.db, self.catalog, self.personas, self.writer = db, catalog, personas, writer

    def generate(self, request: ScriptRequest, *, actor: str) -> builtins.list[StudioScript]:
        """Write ``request.variants`` scripts and store them as drafts of one new batch."""
        product = self.catalog.get(request.product)
        persona = self.personas.get(request.persona)
        market = get_market(request.market)
        if market.code not in persona.markets:
            raise InvalidInputError(
                f"field 'market': persona {persona.name!r} has no look and voice for "
                f"{market.code}; it has: {', '.join(sorted(persona.markets))}"
            )
        scripts = self.writer.write(
            request.writer,
            product,
            persona,
            market,
            length_s=request.length_s,
            variants=request.variants,
            brief=request.brief,
            seed=request.seed,
        )
        batch = secrets.token_hex(6)
        now = _now()
        with self.db.session() as session:
            rows = [
                StudioScriptRow(
                    batch=batch,
                    product_sku=product.sku,
                    persona=persona.name,
                    market=market.code,
                    writer=request.writer,
                    variant=script.variant,
                    document=script.model_dump(mode="json"),
                    status="draft",
                    created_by=actor,
                    created_at=now,
                    updated_at=now,
                )
                for script in scripts
            ]
            session.add_all(rows)
            session.flush()
            return [_public(row) for row in rows]

    def list(
        self, *, batch: str | None = None, status: str | None = None
    ) -> builtins.list[StudioScript]:
        query = select(StudioScriptRow).order_by(StudioScriptRow.id.desc()).limit(LIST_LIMIT)
        if batch:
            query = query.where(StudioScriptRow.batch == batch)
        if status:
            query = query.where(StudioScriptRow.status == status)
        with self.db.session() as session:
            return [_public(row) for row in session.scalars(query)]

    def get(self, script_id: int) -> StudioScript:
        with self.db.session() as session:
            return _public(self._row(session, script_id))

    def edit_beat(self, script_id: int, index: int, text: str, *, actor: str) -> StudioScript:
        """Replace beat ``index``'s line. The line must agree with the catalog and the market's
        policy (else 422 naming the beat and what is wrong); an approved script goes back to
        draft and needs approving again."""
        text = " ".join(text.split())
        if not text:
            raise InvalidInputError(f"field 'beats.{index}.text': the line is empty")
        with self.db.session() as session:
            row = self._row(session, script_id)
            script = Script.model_validate(row.document)
            if not 0 <= index < len(script.beats):
                raise NotFoundError(
                    f"Script {script_id} has no beat {index}; it has beats 0–"
                    f"{len(script.beats) - 1}."
                )
            product = self.catalog.get(row.product_sku)
            market = get_market(row.market)
            violations = check_with_facts(
                text, build_facts(product, market), load_policy(market.code)
            )
            if violations:
                raise InvalidInputError(
                    f"field 'beats.{index}.text': the line departs from the catalog or the "
                    f"{market.code} claims policy: " + "; ".join(str(v) for v in violations),
                    hint="State only facts the catalog holds; no medical or guaranteed claims.",
                )
            old = script.beats[index]
            beat = Beat.make(old.kind, text, script.language)
            script.beats[index] = beat.model_copy(
                update={"expression": old.expression, "gesture": old.gesture, "gaze": old.gaze}
            )
            script.checks.append(f"beat {index + 1} ({old.kind}) edited by {actor}")
            row.document = script.model_dump(mode="json")
            row.status, row.approved_by, row.approved_at = "draft", None, None
            row.updated_at = _now()
            return _public(row)

    def approve(self, script_id: int, *, actor: str) -> StudioScript:
        with self.db.session() as session:
            row = self._row(session, script_id)
            now = _now()
            row.status, row.approved_by, row.approved_at, row.updated_at = (
                "approved",
                actor,
                now,
                now,
            )
            return _public(row)

    def compare(self, a_id: int, b_id: int) -> Comparison:
        a, b = self.get(a_id), self.get(b_id)
        beats = []
        for kind in BEAT_ORDER:
            left = next((x for x in a.script.beats if x.kind == kind), None)
            right = next((x for x in b.script.beats if x.kind == kind), None)
            if left is None and right is None:
                continue
            beats.append(
                BeatPair(
                    kind=kind,
                    a=left.text if left else None,
                    b=right.text if right else None,
                    a_seconds=left.est_seconds if left else 0.0,
                    b_seconds=right.est_seconds if right else 0.0,
                    same=(left.text if left else None) == (right.text if right else None),
                )
            )
        return Comparison(
            a=a,
            b=b,
            beats=beats,
            a_seconds=a.script.total_seconds,
            b_seconds=b.script.total_seconds,
        )

    @staticmethod
    def _row(session, script_id: int) -> StudioScriptRow:  # noqa: ANN001 - a Session
        row = session.get(StudioScriptRow, script_id)
        if row is None:
            raise NotFoundError(f"No studio script {script_id}.")
        return row
