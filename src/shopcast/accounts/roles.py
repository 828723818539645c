"""Roles and what each may do. Roles are ordered: every role holds the grants of the roles below
it (owner ⊇ editor ⊇ operator ⊇ viewer), so a check asks for the lowest role that may act."""

from __future__ import annotations

from enum import StrEnum

from shopcast.errors import InvalidInputError


class Role(StrEnum):
    VIEWER = "viewer"
    OPERATOR = "operator"
    EDITOR = "editor"
    OWNER = "owner"


_RANK = {Role.VIEWER: 0, Role.OPERATOR: 1, Role.EDITOR: 2, Role.OWNER: 3}

# The permission table: what each role adds to the roles below it. docs/accounts.md shows it;
# routes enforce it with ``require_role(<lowest role that may act>)``.
GRANTS: dict[Role, tuple[str, ...]] = {
    Role.VIEWER: (
        "watch shows and browse the catalog",
        "fill a cart, check out, buy a flash deal, read own orders",
        "send watch-page analytics events",
    ),
    Role.OPERATOR: (
        "run live shows (start, pause, switch products, answer chat)",
        "create and start flash deals, create coupons",
        "confirm, ship and cancel orders",
        "read show analytics (funnel, timeline)",
    ),
    Role.EDITOR: ("edit the catalog, personas and scripts",),
    Role.OWNER: (
        "create users, change their roles, disable them",
        "create and revoke API keys",
        "read the audit log",
    ),
}


def parse_role(value: str | Role) -> Role:
    """``value`` as a Role; an unknown name is a clear error listing the roles."""
    try:
        return Role(str(value).strip().lower())
    except ValueError:
        names = ", ".join(r.value for r in Role)
        raise InvalidInputError(f"Unknown role {value!r}.", hint=f"Roles: {names}.") from None


def rank(role: Role) -> int:
    return _RANK[role]


def role_allows(held: Role, needed: Role) -> bool:
    """Whether someone holding ``held`` may do what needs ``needed``."""
    return _RANK[held] >= _RANK[needed]


def grants_of(role: Role) -> list[str]:
    """Everything ``role`` may do: its own grants and those of every lower role."""
    return [grant for r in Role if role_allows(role, r) for grant in GRANTS[r]]
