"""The consent registry: record, list and revoke consents, and ``require`` one before a persona
that uses a real person's likeness or voice is rendered or streamed."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from shopcast.config import Settings
from shopcast.consent.documents import keep_document, sha256_of
from shopcast.consent.tables import ConsentRow
from shopcast.consent.types import (
    RIGHTS,
    USE_WORDS,
    USES,
    ConsentRecord,
    as_utc,
    parse_expiry,
    parse_scope,
)
from shopcast.errors import ConsentError, InvalidInputError, NotFoundError
from shopcast.markets.registry import list_markets
from shopcast.persona.service import PersonaService
from shopcast.persona.types import Persona
from shopcast.store import Database
from shopcast.store.tables import utcnow

Clock = Callable[[], datetime]
RIGHT_WORDS = {"likeness": "a real person's likeness", "voice": "a real person's voice"}


def rights_needed(persona: Persona) -> list[str]:
    """The real parts of a person the persona uses: ``likeness``, ``voice``, or none."""
    return [
        r
        for r, flag in zip(RIGHTS, (persona.real_likeness, persona.real_voice), strict=True)
        if flag
    ]


class ConsentRegistry:
    def __init__(self, db: Database, settings: Settings, *, clock: Clock = utcnow) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock

    # -- recording -------------------------------------------------------------------------
    def add(
        self,
        *,
        persona: str,
        subject: str,
        scope: Iterable[str],
        markets: Iterable[str],
        expires: str | date | datetime,
        document: Path,
        created_by: str,
    ) -> ConsentRecord:
        PersonaService(self.db).get(persona)  # an unknown persona is a NotFoundError here
        subject = subject.strip()
        if not subject:
            raise InvalidInputError("consent needs the subject: the person who signed it")
        scopes = parse_scope(list(scope))
        codes = _parse_markets(markets)
        expires_at = parse_expiry(expires)
        if expires_at <= self.clock():
            raise InvalidInputError(
                f"consent expiry {expires_at:%Y-%m-%d} is in the past: a new signed "
                "authorisation with a future expiry is needed"
            )
        relative, digest = keep_document(document, self.settings.home)
        with self.db.session() as session:
            row = ConsentRow(
                persona=persona,
                subject=subject[:200],
                scope=scopes,
                markets=codes,
                expires_at=expires_at,
                document_path=str(relative),
                document_sha256=digest,
                created_by=created_by[:64],
                created_at=self.clock(),
            )
            session.add(row)
            session.flush()
            return self._record(row)

    def revoke(self, consent_id: int, *, reason: str, by: str) -> ConsentRecord:
        reason = reason.strip()
        if not reason:
            raise InvalidInputError("say why consent is revoked (--reason)")
        with self.db.session() as session:
            row = session.get(ConsentRow, consent_id, with_for_update=True)
            if row is None:
                raise NotFoundError(
                    f"no consent #{consent_id}", hint="List them with `shopcast consent list`."
                )
            if row.revoked_at is not None:
                raise InvalidInputError(
                    f"consent #{consent_id} was already revoked on "
                    f"{as_utc(row.revoked_at):%Y-%m-%d %H:%M} UTC"
                )
            row.revoked_at, row.revoked_by, row.revoked_reason = self.clock(), by[:64], reason[:500]
            session.flush()
            return self._record(row)

    # -- reading ---------------------------------------------------------------------------
    def get(self, consent_id: int) -> ConsentRecord:
        with self.db.session() as session:
            row = session.get(ConsentRow, consent_id)
            if row is None:
                raise NotFoundError(
                    f"no consent #{consent_id}", hint="List them with `shopcast consent list`."
                )
            return self._record(row)

    def list(self, *, persona: str | None = None) -> builtins.list[ConsentRecord]:
        query = select(ConsentRow).order_by(ConsentRow.id)
        if persona is not None:
            query = query.where(ConsentRow.persona == persona)
        with self.db.session() as session:
            return [self._record(row) for row in session.scalars(query)]

    # -- the check -------------------------------------------------------------------------
    def require(
        self, persona: Persona, market: str, use: str, *, verify_documents: bool = True
    ) -> builtins.list[ConsentRecord]:
        """The records that let ``persona`` be used for ``use`` (video, live) in ``market``:
        one per real part it uses (likeness, voice); empty for a synthetic persona.

        Raises ``ConsentError`` naming what is missing, expired or revoked and the command that
        fixes it. ``verify_documents`` also re-hashes each signed document kept for it."""
        if use not in USES:
            raise InvalidInputError(f"unknown use {use!r}: use one of {', '.join(USES)}")
        needed = rights_needed(persona)
        if not needed:
            return []
        now = self.clock()
        records = self.list(persona=persona.name)
        granted = []
        for right in needed:
            record = _best(records, right, use, market, now)
            if record is None:
                raise self._refusal(persona, right, use, market, records, now)
            if verify_documents:
                self._verify_document(persona, record)
            granted.append(record)
        return granted

    def _refusal(
        self,
        persona: Persona,
        right: str,
        use: str,
        market: str,
        records: builtins.list[ConsentRecord],
        now: datetime,
    ) -> ConsentError:
        head = (
            f"Persona {persona.name!r} uses {RIGHT_WORDS[right]}"
            f"{_subject(persona)}, so {USE_WORDS[use]} in {market} needs a valid consent "
            "record, and"
        )
        for_right = [r for r in records if r.grants_right(right)]
        for_use = [r for r in for_right if use in r.scope]
        for_market = [r for r in for_use if market in r.markets]
        if not for_right:
            why = f" none covers its {right}."
        elif not for_use:
            why = (
                " "
                + "; ".join(f"{r.describe()} covers {', '.join(r.scope)}" for r in for_right)
                + f", not {use}."
            )
        elif not for_market:
            why = (
                " "
                + "; ".join(
                    f"{r.describe()} covers markets {', '.join(r.markets)}" for r in for_use
                )
                + f", not {market}."
            )
        else:
            why = " " + "; ".join(r.why_not(now) for r in for_market) + "."
        return ConsentError(
            f"{head}{why} Refused: nothing was rendered or sent.",
            hint=_add_command(persona, right, use, market),
        )

    def _verify_document(self, persona: Persona, record: ConsentRecord) -> None:
        fix = _add_command(persona, None, None, None)
        if not record.document.is_file():
            raise ConsentError(
                f"the signed document of {record.describe()} is missing from {record.document}",
                hint=f"Record the consent again with its document: {fix}",
            )
        if sha256_of(record.document) != record.document_sha256:
            raise ConsentError(
                f"the signed document of {record.describe()} at {record.document} has changed "
                "since it was recorded (SHA-256 differs)",
                hint=f"Record the consent again with the signed original: {fix}",
            )

    def _record(self, row: ConsentRow) -> ConsentRecord:
        return ConsentRecord(
            id=row.id,
            persona=row.persona,
            subject=row.subject,
            scope=list(row.scope),
            markets=list(row.markets),
            expires_at=as_utc(row.expires_at),
            document=self.settings.home / row.document_path,
            document_sha256=row.document_sha256,
            created_by=row.created_by,
            created_at=as_utc(row.created_at),
            revoked_at=as_utc(row.revoked_at) if row.revoked_at else None,
            revoked_by=row.revoked_by,
            revoked_reason=row.revoked_reason,
        )


def _best(
    records: list[ConsentRecord], right: str, use: str, market: str, now: datetime
) -> ConsentRecord | None:
    """The active record granting ``right`` for ``use`` in ``market`` that runs longest."""
    holding = [
        r
        for r in records
        if r.grants_right(right)
        and use in r.scope
        and market in r.markets
        and r.status(now) == "active"
    ]
    return max(holding, key=lambda r: r.expires_at, default=None)


def _parse_markets(markets: Iterable[str]) -> list[str]:
    codes = sorted({m.strip() for m in markets if m.strip()})
    known = {m.code for m in list_markets()}
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise InvalidInputError(
            f"unknown market {', '.join(map(repr, unknown))} in consent markets; "
            f"supported markets: {', '.join(sorted(known))}"
        )
    if not codes:
        raise InvalidInputError("consent needs at least one market (e.g. --markets en-US,ko-KR)")
    return codes


def _subject(persona: Persona) -> str:
    return f" ({persona.consent.subject})" if persona.consent else ""


def _add_command(persona: Persona, right: str | None, use: str | None, market: str | None) -> str:
    subject = persona.consent.subject if persona.consent else "Full Name"
    scope = ",".join(x for x in (use or "video", right) if x)
    return (
        f'shopcast consent add --persona {persona.name} --subject "{subject}" '
        f"--scope {scope} --markets {market or 'MARKET'} --expires YYYY-MM-DD "
        "--document signed.pdf"
    )
