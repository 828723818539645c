"""Users, sessions and API keys on SQLite and PostgreSQL: hashed secrets, expiry, revocation,
role changes that apply at once, the last owner, sign-in throttling."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy import select

from shopcast.accounts import AccountService, Role
from shopcast.accounts.errors import (
    ConflictError,
    NotAuthenticatedError,
    PermissionDeniedError,
    TooManyAttemptsError,
)
from shopcast.accounts.schemas import Actor, ApiKeyCreate, UserCreate, UserUpdate
from shopcast.accounts.tables import ApiKeyRow, AuthSessionRow, UserRow
from shopcast.accounts.testing import PASSWORD, QUICK_HASHER, make_user
from shopcast.errors import InvalidInputError, NotFoundError


def _rows(accounts: AccountService, table: type) -> list:
    with accounts._db.session() as session:
        return list(session.scalars(select(table)))


def test_passwords_and_session_tokens_are_stored_hashed(accounts):
    user = accounts.create_user(UserCreate(name=" Ada ", role=Role.EDITOR, password=PASSWORD))
    assert (user.name, user.role, user.disabled) == ("ada", Role.EDITOR, False)
    [row] = _rows(accounts, UserRow)
    assert row.password_hash.startswith("$argon2id$") and PASSWORD not in row.password_hash

    token, expires_at, signed_in = accounts.sign_in("ADA", PASSWORD)
    assert signed_in.name == "ada"
    assert expires_at - accounts._clock() == accounts.session_ttl
    [stored] = _rows(accounts, AuthSessionRow)
    assert stored.token_hash != token and len(stored.token_hash) == 64
    assert accounts.actor_for_session(token) == Actor(name="ada", role=Role.EDITOR, via="session")
    assert accounts.actor_for_session(token + "x") is None


def test_wrong_password_and_unknown_name_get_the_same_answer(accounts):
    make_user(accounts, "ada", "viewer")
    with pytest.raises(NotAuthenticatedError) as wrong:
        accounts.sign_in("ada", "not the password")
    with pytest.raises(NotAuthenticatedError) as unknown:
        accounts.sign_in("nobody", PASSWORD)
    assert wrong.value.message == unknown.value.message == "Wrong name or password."
    denied = accounts.audit.query(action="auth.login", outcome="denied")
    assert [e.actor for e in denied] == ["nobody", "ada"]


def test_sessions_expire_and_sign_out_ends_them(accounts, clock):
    make_user(accounts, "ada", "operator")
    token, _, _ = accounts.sign_in("ada", PASSWORD)
    clock.advance(accounts.session_ttl.total_seconds() - 1)
    assert accounts.actor_for_session(token) is not None
    clock.advance(1)
    assert accounts.actor_for_session(token) is None
    second, _, _ = accounts.sign_in("ada", PASSWORD)
    assert accounts.sign_out(second).name == "ada"
    assert accounts.actor_for_session(second) is None
    assert accounts.sign_out(second) is None


def test_role_changes_apply_to_open_sessions_and_disabling_ends_them(accounts):
    make_user(accounts, "boss", "owner")
    make_user(accounts, "ada", "operator")
    token, _, _ = accounts.sign_in("ada", PASSWORD)
    accounts.update_user("ada", UserUpdate(role=Role.VIEWER))
    assert accounts.actor_for_session(token).role == Role.VIEWER
    accounts.update_user("ada", UserUpdate(disabled=True))
    assert accounts.actor_for_session(token) is None
    with pytest.raises(NotAuthenticatedError):
        accounts.sign_in("ada", PASSWORD)
    accounts.update_user("ada", UserUpdate(disabled=False, password="a new passphrase"))
    assert accounts.actor_for_session(token) is None  # re-enabling does not revive it
    with pytest.raises(NotAuthenticatedError):
        accounts.sign_in("ada", PASSWORD)
    assert accounts.sign_in("ada", "a new passphrase")[2].role == Role.VIEWER
    with pytest.raises(NotFoundError):
        accounts.update_user("nobody", UserUpdate(role=Role.EDITOR))


def test_the_last_owner_stays_an_owner(accounts):
    make_user(accounts, "boss", "owner")
    for change in (UserUpdate(role=Role.EDITOR), UserUpdate(disabled=True)):
        with pytest.raises(ConflictError, match="last active owner"):
            accounts.update_user("boss", change)
    make_user(accounts, "second", "owner")
    assert accounts.update_user("boss", UserUpdate(role=Role.EDITOR)).role == Role.EDITOR
    with pytest.raises(ConflictError):
        accounts.update_user("second", UserUpdate(disabled=True))


def test_bad_users_are_refused_clearly(accounts):
    make_user(accounts, "ada", "viewer")
    with pytest.raises(ConflictError, match="already exists"):
        make_user(accounts, "ADA", "editor")
    with pytest.raises(InvalidInputError, match="at least 8 characters"):
        accounts.create_user(UserCreate(name="bob", role=Role.VIEWER, password="short"))
    for name in ("a", "has space", "key:bot", "x" * 65):
        with pytest.raises(ValidationError):
            UserCreate(name=name, role=Role.VIEWER, password=PASSWORD)
    with pytest.raises(ValidationError):
        UserCreate(name="bob", role="admin", password=PASSWORD)
    assert [u.name for u in accounts.list_users()] == ["ada"]


def test_api_keys_are_shown_once_stored_hashed_and_revocable(accounts, clock):
    created = accounts.create_api_key(
        ApiKeyCreate(name="Bot", role=Role.OPERATOR), created_by="boss"
    )
    assert created.key.startswith("sk_") and len(created.key) > 40
    assert created.prefix == created.key[:11] and created.name == "bot"
    [row] = _rows(accounts, ApiKeyRow)
    assert row.key_hash != created.key and created.key not in row.key_hash
    listed = accounts.list_api_keys()
    assert [k.id for k in listed] == [created.id] and not hasattr(listed[0], "key")

    actor = accounts.actor_for_api_key(created.key)
    assert actor == Actor(name="key:bot", role=Role.OPERATOR, via="api_key")
    assert accounts.list_api_keys()[0].last_used_at == clock()
    assert accounts.actor_for_api_key(created.key[:-1]) is None

    clock.advance(5)
    revoked = accounts.revoke_api_key(created.id)
    assert revoked.revoked_at == clock()
    assert accounts.actor_for_api_key(created.key) is None
    assert accounts.list_api_keys() == []
    assert [k.id for k in accounts.list_api_keys(include_revoked=True)] == [created.id]
    with pytest.raises(NotFoundError):
        accounts.revoke_api_key(created.id + 100)


def test_nobody_creates_a_key_stronger_than_their_role(accounts):
    editor = Actor(name="ed", role=Role.EDITOR, via="session")
    assert accounts.create_api_key(ApiKeyCreate(name="ok", role=Role.OPERATOR), created_by=editor)
    with pytest.raises(PermissionDeniedError, match="cannot create a owner key"):
        accounts.create_api_key(ApiKeyCreate(name="up", role=Role.OWNER), created_by=editor)


def test_the_settings_key_is_an_owner_key(any_db, clock):
    accounts = AccountService(any_db, clock=clock, settings_key="bootstrap-secret")
    actor = accounts.actor_for_api_key("bootstrap-secret")
    assert actor == Actor(name="env:SHOPCAST_API_KEY", role=Role.OWNER, via="settings_key")
    assert accounts.actor_for_api_key("bootstrap-secreT") is None
    assert AccountService(any_db, clock=clock).actor_for_api_key("bootstrap-secret") is None


def test_repeated_failed_sign_ins_pause_that_name(any_db, clock):
    accounts = AccountService(
        any_db, clock=clock, max_failed_sign_ins=3, password_hasher=QUICK_HASHER
    )
    make_user(accounts, "ada", "viewer")
    make_user(accounts, "bob", "viewer")
    for _ in range(3):
        with pytest.raises(NotAuthenticatedError):
            accounts.sign_in("ada", "guess guess")
    with pytest.raises(TooManyAttemptsError):
        accounts.sign_in("ada", PASSWORD)  # even the right password waits
    assert accounts.sign_in("bob", PASSWORD)  # other names are not affected
    clock.advance(timedelta(minutes=15).total_seconds())
    assert accounts.sign_in("ada", PASSWORD)[2].name == "ada"


def test_default_cost_is_rfc9106_and_other_costs_are_renewed_at_sign_in(any_db, clock):
    quick = AccountService(any_db, clock=clock, password_hasher=QUICK_HASHER)
    make_user(quick, "ada", "viewer")
    assert _rows(quick, UserRow)[0].password_hash.startswith("$argon2id$v=19$m=1024,t=1,p=1$")
    default = AccountService(any_db, clock=clock)
    assert default.sign_in("ada", PASSWORD)[2].name == "ada"
    assert _rows(default, UserRow)[0].password_hash.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
