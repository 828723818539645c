"""The ``chat:`` sources of a show file: external platform chats whose comments feed the show.

    chat:
      - platform: twitch
        channel: "#shop"
        nick: shopcast_bot
        token_env: TWITCH_TOKEN          # the OAuth token is read from this variable
        server: irc.chat.twitch.tv:6697  # optional (default: Twitch); host:port
        tls: true                        # optional (default: true)

The token itself is never written in the file: a ``token`` field is refused.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

TWITCH_SERVER = "irc.chat.twitch.tv:6697"


class ChatSource(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    platform: Literal["twitch"]
    channel: str = Field(min_length=1, max_length=64)
    nick: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_]+$")
    token_env: str | None = Field(
        default=None, pattern=r"^[A-Z_][A-Z0-9_]*$", description="environment variable name"
    )
    server: str = TWITCH_SERVER
    tls: bool = True

    @model_validator(mode="before")
    @classmethod
    def _no_secret_in_file(cls, data: Any) -> Any:
        if isinstance(data, dict) and ("token" in data or "password" in data):
            raise ValueError(
                "never put a chat token in the show file: set it in an environment variable "
                "and name that variable in 'token_env'"
            )
        return data

    @field_validator("channel")
    @classmethod
    def _channel(cls, value: str) -> str:
        name = value.lstrip("#").lower()
        if not re.fullmatch(r"[a-z0-9_]{1,50}", name):
            raise ValueError(f"{value!r} is not a channel name (letters, digits, _)")
        return f"#{name}"

    @field_validator("server")
    @classmethod
    def _server(cls, value: str) -> str:
        if not re.fullmatch(r"[A-Za-z0-9.-]+:\d{1,5}", value) or int(value.rsplit(":")[1]) > 65535:
            raise ValueError(f"{value!r} is not host:port (e.g. irc.chat.twitch.tv:6697)")
        return value

    @property
    def host(self) -> str:
        return self.server.rsplit(":", 1)[0]

    @property
    def port(self) -> int:
        return int(self.server.rsplit(":", 1)[1])
