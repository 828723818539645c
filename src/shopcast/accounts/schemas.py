"""What the account API accepts and returns. Secrets come in as ``SecretStr`` (never echoed in
errors or logs) and an API key goes out once, in ``ApiKeyCreated``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SecretStr,
    StringConstraints,
    field_validator,
)

from shopcast.accounts.roles import Role
from shopcast.commerce.clock import as_utc


def _normal_name(value: object) -> object:
    return value.strip().lower() if isinstance(value, str) else value


UserName = Annotated[
    str,
    BeforeValidator(_normal_name),
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]{1,63}$"),
    Field(description="2-64 characters: a-z, 0-9, '.', '_' or '-' (stored in lower case)."),
]
KeyName = Annotated[
    str,
    BeforeValidator(_normal_name),
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]{0,39}$"),
    Field(description="1-40 characters: a-z, 0-9, '.', '_' or '-'; audit shows key:<name>."),
]
Password = Annotated[SecretStr, Field(min_length=1, max_length=256)]
AuthVia = Literal["session", "api_key", "settings_key"]


@dataclass(frozen=True)
class Actor:
    """Who is acting: a signed-in user, an API key (``key:<name>``) or the bootstrap key."""

    name: str
    role: Role
    via: AuthVia


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    @field_validator("*", mode="after")
    @classmethod
    def _utc(cls, value: Any) -> Any:
        return as_utc(value) if isinstance(value, datetime) else value  # SQLite drops the zone


class UserCreate(BaseModel):
    name: UserName
    role: Role
    password: Password


class UserUpdate(BaseModel):
    """Fields to change; omitted fields stay as they are."""

    role: Role | None = None
    disabled: bool | None = None
    password: Password | None = None


class UserPublic(_Out):
    id: int
    name: str
    role: Role
    disabled: bool
    created_at: datetime


class LoginRequest(BaseModel):
    name: Annotated[str, Field(min_length=1, max_length=64)]
    password: Password


class LoginResult(BaseModel):
    user: UserPublic
    expires_at: datetime


class ActorPublic(BaseModel):
    name: str
    role: Role
    via: AuthVia
    grants: list[str] = Field(description="Everything this role may do.")


class ApiKeyCreate(BaseModel):
    name: KeyName
    role: Role


class ApiKeyPublic(_Out):
    id: int
    name: str
    prefix: str = Field(description="The key's first characters, to tell keys apart.")
    role: Role
    created_by: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class ApiKeyCreated(ApiKeyPublic):
    key: str = Field(description="The key itself. Shown only now: store it safely.")


class AuditEntry(_Out):
    id: int
    at: datetime
    actor: str
    role: str
    action: str
    target: str
    details: dict[str, Any]
    outcome: str
