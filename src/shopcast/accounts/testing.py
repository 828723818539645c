"""Helpers for tests and benchmarks: users and API keys of a given role. Not used by the
application itself."""

from __future__ import annotations

from argon2 import PasswordHasher

from shopcast.accounts.roles import Role
from shopcast.accounts.schemas import ApiKeyCreate, UserCreate
from shopcast.accounts.service import AccountService

PASSWORD = "correct horse battery"
# Argon2id with test-sized cost (1 pass, 1 MiB): the same algorithm and code path as the
# default, about 100 times cheaper, for tests that sign in many times.
QUICK_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def make_user(accounts: AccountService, name: str, role: Role | str) -> None:
    accounts.create_user(UserCreate(name=name, role=Role(role), password=PASSWORD))


def key_headers(accounts: AccountService, name: str, role: Role | str) -> dict[str, str]:
    """Headers carrying a new API key of ``role`` (as ``Authorization: Bearer``)."""
    created = accounts.create_api_key(ApiKeyCreate(name=name, role=Role(role)), created_by="test")
    return {"Authorization": f"Bearer {created.key}"}
