"""Accounts: users with roles (owner > editor > operator > viewer), browser sessions, API keys
for automation, and the audit log of who did what and when (docs/accounts.md)."""

from shopcast.accounts.audit import AuditLog
from shopcast.accounts.roles import GRANTS, Role, grants_of, parse_role, role_allows
from shopcast.accounts.schemas import Actor
from shopcast.accounts.service import AccountService

__all__ = [
    "GRANTS",
    "AccountService",
    "Actor",
    "AuditLog",
    "Role",
    "grants_of",
    "parse_role",
    "role_allows",
]
