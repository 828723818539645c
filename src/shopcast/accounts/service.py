"""Users, browser sessions and API keys over the database.

Every check reads the user's current role and state, so a role change or a disabled account
takes effect on the next request. Secrets are hashed before they reach a table.
"""

from __future__ import annotations

import hmac
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shopcast.accounts import credentials
from shopcast.accounts.audit import AuditLog
from shopcast.accounts.errors import (
    ConflictError,
    NotAuthenticatedError,
    PermissionDeniedError,
    TooManyAttemptsError,
)
from shopcast.accounts.roles import Role, parse_role, role_allows
from shopcast.accounts.schemas import (
    Actor,
    ApiKeyCreate,
    ApiKeyCreated,
    ApiKeyPublic,
    UserCreate,
    UserPublic,
    UserUpdate,
)
from shopcast.accounts.tables import ApiKeyRow, AuthSessionRow, UserRow
from shopcast.commerce.clock import Clock, as_utc, system_clock
from shopcast.commerce.locks import is_sqlite, write_transaction
from shopcast.errors import NotFoundError
from shopcast.store import Database

SESSION_TTL = timedelta(hours=12)
FAILED_SIGN_IN_WINDOW = timedelta(minutes=15)
MAX_FAILED_SIGN_INS = 10
SETTINGS_KEY_ACTOR = "env:SHOPCAST_API_KEY"
LOGIN_ACTION = "auth.login"
_KEY_TOUCH_EVERY = timedelta(minutes=1)


class AccountService:
    def __init__(
        self,
        db: Database,
        *,
        audit: AuditLog | None = None,
        clock: Clock = system_clock,
        session_ttl: timedelta = SESSION_TTL,
        settings_key: str | None = None,
        max_failed_sign_ins: int = MAX_FAILED_SIGN_INS,
        password_hasher: PasswordHasher = credentials.DEFAULT_HASHER,
    ) -> None:
        """``settings_key`` (SHOPCAST_API_KEY) is accepted as an owner key, for bootstrapping
        and automation set up before any account exists. ``password_hasher`` sets the Argon2id
        cost (default: RFC 9106 low-memory profile); hashes of another cost are renewed at the
        next sign-in."""
        self._db = db
        self._clock = clock
        self.audit = audit or AuditLog(db, clock=clock)
        self.session_ttl = session_ttl
        self._settings_key = settings_key or None
        self.max_failed_sign_ins = max_failed_sign_ins
        self._hasher = password_hasher

    # Users
    def create_user(self, data: UserCreate) -> UserPublic:
        password_hash = credentials.hash_password(data.password.get_secret_value(), self._hasher)
        now = self._clock()
        try:
            with self._db.session() as session:
                if session.scalar(select(UserRow.id).where(UserRow.name == data.name)):
                    raise ConflictError(f"A user named {data.name!r} already exists.")
                row = UserRow(
                    name=data.name,
                    role=data.role.value,
                    password_hash=password_hash,
                    disabled=False,
                    created_at=now,
                    updated_at=now,
                )
                session.add(row)
                session.flush()
                return UserPublic.model_validate(row)
        except IntegrityError as exc:  # created by someone else at the same moment
            raise ConflictError(f"A user named {data.name!r} already exists.") from exc

    def list_users(self) -> list[UserPublic]:
        with self._db.session() as session:
            rows = session.scalars(select(UserRow).order_by(UserRow.name))
            return [UserPublic.model_validate(row) for row in rows]

    def get_user(self, name: str) -> UserPublic:
        with self._db.session() as session:
            return UserPublic.model_validate(self._user_row(session, name))

    def update_user(self, name: str, change: UserUpdate) -> UserPublic:
        """Change a user's role, state or password. The last active owner can be neither
        demoted nor disabled. Disabling or a new password ends the user's sessions."""
        new_hash = (
            credentials.hash_password(change.password.get_secret_value(), self._hasher)
            if change.password is not None
            else None
        )
        with write_transaction(self._db) as session:
            # Owners first (all of them, in id order), then the user: one lock order for all.
            owners = self._active_owner_count(session)
            row = self._user_row(session, name, for_update=True)
            loses_owner = row.role == Role.OWNER and not row.disabled
            loses_owner = loses_owner and (
                (change.role is not None and change.role != Role.OWNER) or bool(change.disabled)
            )
            if loses_owner and owners <= 1:
                raise ConflictError(
                    f"{row.name} is the last active owner.",
                    hint="Make another user an owner first.",
                )
            if change.role is not None:
                row.role = change.role.value
            if change.disabled is not None:
                row.disabled = change.disabled
            if new_hash is not None:
                row.password_hash = new_hash
            if change.disabled or new_hash is not None:
                self._end_sessions(session, row.id)
            row.updated_at = self._clock()
            session.flush()
            return UserPublic.model_validate(row)

    def has_users(self) -> bool:
        with self._db.session() as session:
            return session.scalar(select(UserRow.id).limit(1)) is not None

    # Sessions
    def sign_in(self, name: str, password: str) -> tuple[str, datetime, UserPublic]:
        """A new session token for ``name`` (to be put in a cookie), its expiry and the user.
        Unknown names and wrong passwords get the same answer in about the same time."""
        name = name.strip().lower()[:64]
        now = self._clock()
        failures = self.audit.count(
            actor=name, action=LOGIN_ACTION, outcome="denied", since=now - FAILED_SIGN_IN_WINDOW
        )
        if failures >= self.max_failed_sign_ins:
            raise TooManyAttemptsError(
                f"Too many failed sign-ins for {name!r}; try again in a few minutes.",
                hint=f"Sign-ins pause after {self.max_failed_sign_ins} failures in "
                f"{int(FAILED_SIGN_IN_WINDOW.total_seconds() // 60)} minutes.",
            )
        with self._db.session() as session:
            row = session.scalar(select(UserRow).where(UserRow.name == name))
            if row is None:
                credentials.spend_verify_time(password, self._hasher)
            ok = (
                row is not None
                and credentials.verify_password(row.password_hash, password, self._hasher)
                and not row.disabled
            )
            if not ok or row is None:
                self.audit.record(
                    actor=name,
                    role=row.role if row is not None else "none",
                    action=LOGIN_ACTION,
                    target="/auth/login",
                    outcome="denied",
                    details={"reason": "disabled" if row is not None and ok else "bad password"},
                )
                raise NotAuthenticatedError(
                    "Wrong name or password.", hint="Names are not case-sensitive."
                )
            if credentials.needs_rehash(row.password_hash, self._hasher):
                row.password_hash = credentials.hash_password(password, self._hasher)
            token = credentials.new_session_token()
            expires_at = now + self.session_ttl
            session.execute(
                delete(AuthSessionRow).where(
                    AuthSessionRow.user_id == row.id, AuthSessionRow.expires_at < now
                )
            )
            session.add(
                AuthSessionRow(
                    token_hash=credentials.digest(token),
                    user_id=row.id,
                    created_at=now,
                    expires_at=expires_at,
                )
            )
            user = UserPublic.model_validate(row)
        self.audit.record(
            actor=user.name, role=user.role, action=LOGIN_ACTION, target="/auth/login"
        )
        return token, expires_at, user

    def sign_out(self, token: str) -> Actor | None:
        """End the session ``token`` belongs to; returns who it was (None: no such session)."""
        actor = self.actor_for_session(token)
        with self._db.session() as session:
            row = session.scalar(
                select(AuthSessionRow).where(AuthSessionRow.token_hash == credentials.digest(token))
            )
            if row is not None and row.revoked_at is None:
                row.revoked_at = self._clock()
        return actor

    def actor_for_session(self, token: str) -> Actor | None:
        """The signed-in user, or None for an unknown, expired or revoked session or a disabled
        account."""
        now = self._clock()
        with self._db.session() as session:
            found = session.execute(
                select(AuthSessionRow, UserRow)
                .join(UserRow, UserRow.id == AuthSessionRow.user_id)
                .where(AuthSessionRow.token_hash == credentials.digest(token))
            ).first()
            if found is None:
                return None
            auth_session, user = found
            if (
                auth_session.revoked_at is not None
                or as_utc(auth_session.expires_at) <= now
                or user.disabled
            ):
                return None
            return Actor(name=user.name, role=Role(user.role), via="session")

    # API keys
    def create_api_key(self, data: ApiKeyCreate, *, created_by: Actor | str) -> ApiKeyCreated:
        """A new key; the returned ``key`` is the only time it is shown. An actor may not
        create a key stronger than their own role."""
        if isinstance(created_by, Actor):
            if not role_allows(created_by.role, data.role):
                raise PermissionDeniedError(
                    f"{created_by.name} ({created_by.role}) cannot create a {data.role} key."
                )
            creator = created_by.name
        else:
            creator = created_by
        key = credentials.new_api_key()
        row = ApiKeyRow(
            name=data.name,
            prefix=credentials.shown_prefix(key),
            key_hash=credentials.digest(key),
            role=data.role.value,
            created_by=creator[:64],
            created_at=self._clock(),
        )
        with self._db.session() as session:
            session.add(row)
            session.flush()
            public = ApiKeyPublic.model_validate(row)
        return ApiKeyCreated(**public.model_dump(), key=key)

    def list_api_keys(self, *, include_revoked: bool = False) -> list[ApiKeyPublic]:
        statement = select(ApiKeyRow).order_by(ApiKeyRow.id)
        if not include_revoked:
            statement = statement.where(ApiKeyRow.revoked_at.is_(None))
        with self._db.session() as session:
            return [ApiKeyPublic.model_validate(row) for row in session.scalars(statement)]

    def revoke_api_key(self, key_id: int) -> ApiKeyPublic:
        with self._db.session() as session:
            row = session.get(ApiKeyRow, key_id)
            if row is None:
                raise NotFoundError(f"No API key with id {key_id}.")
            if row.revoked_at is None:
                row.revoked_at = self._clock()
            session.flush()
            return ApiKeyPublic.model_validate(row)

    def actor_for_api_key(self, key: str) -> Actor | None:
        """The key's actor (``key:<name>`` with the key's role), the settings key's owner actor,
        or None for an unknown or revoked key."""
        if self._settings_key and hmac.compare_digest(key.encode(), self._settings_key.encode()):
            return Actor(name=SETTINGS_KEY_ACTOR, role=Role.OWNER, via="settings_key")
        now = self._clock()
        with self._db.session() as session:
            row = session.scalar(
                select(ApiKeyRow).where(ApiKeyRow.key_hash == credentials.digest(key))
            )
            if row is None or row.revoked_at is not None:
                return None
            if row.last_used_at is None or as_utc(row.last_used_at) < now - _KEY_TOUCH_EVERY:
                row.last_used_at = now  # at most once a minute: not one write per request
            return Actor(name=f"key:{row.name}", role=parse_role(row.role), via="api_key")

    # Helpers
    @staticmethod
    def _user_row(session: Session, name: str, *, for_update: bool = False) -> UserRow:
        statement = select(UserRow).where(UserRow.name == name.strip().lower())
        if for_update and not is_sqlite(session):
            statement = statement.with_for_update()
        row = session.scalar(statement)
        if row is None:
            raise NotFoundError(f"No user named {name!r}.", hint="`shopcast users list`")
        return row

    @staticmethod
    def _active_owner_count(session: Session) -> int:
        statement = select(UserRow.id).where(
            UserRow.role == Role.OWNER.value, UserRow.disabled.is_(False)
        )
        if not is_sqlite(session):
            statement = statement.order_by(UserRow.id).with_for_update()
        return len(session.scalars(statement).all())

    def _end_sessions(self, session: Session, user_id: int) -> None:
        for row in session.scalars(
            select(AuthSessionRow).where(
                AuthSessionRow.user_id == user_id, AuthSessionRow.revoked_at.is_(None)
            )
        ):
            row.revoked_at = self._clock()
