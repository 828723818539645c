"""The show file: a persona, a market, a rundown of product segments and Q&A breaks, a schedule
and the outputs. Read from YAML with errors that name the file and the place::

    show: glow-hour                 # id: letters, digits, dashes
    title: Glow hour with Mina
    persona: mina
    market: en-US
    size: 720x1280                  # 9:16 or 16:9 frame, even numbers
    writer: llm                     # llm (bundled model, grounded) | templates (catalog only)
    rundown:
      - product: glow-serum
        segments: [hook, demo, proof, cta]   # script beats (default: all five)
      - product: sun-fluid
        deal: {price: 19.00, countdown_s: 20, window_s: 120, quantity: 50, per_customer: 1}
      - qa: {seconds: 60}
    schedule:                       # optional; outside every window the host is off air
      timezone: Asia/Seoul
      windows: [{days: [mon, tue, wed, thu, fri], from: "09:00", to: "23:00"}]
    outputs:
      hls: true
      rtmp: [rtmp://live.example.com/app/KEY]
    mode: autonomous                # autonomous | copilot | human (switchable in the console)
    copilot: {timeout_s: 30, on_timeout: drop}   # unanswered proposals: drop|safe_line|send
    takeover: {on_dropout: idle, dropout_ms: 1500}  # operator's mic silent: idle|autonomous
    chat:                           # optional: platform chats feeding the show
      - {platform: twitch, channel: "#shop", nick: shopcast_bot, token_env: TWITCH_TOKEN}
"""

from __future__ import annotations

import re
from datetime import datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    field_validator,
    model_validator,
)

from shopcast.errors import InvalidInputError
from shopcast.live.show.chat_sources import ChatSource
from shopcast.yamlfile import load_yaml_file

SegmentKind = Literal["hook", "demo", "proof", "offer", "cta"]  # the script beats to speak
DEFAULT_SEGMENTS: tuple[SegmentKind, ...] = ("hook", "demo", "proof", "offer", "cta")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Mode = Literal["autonomous", "copilot", "human"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class DealSpec(_Strict):
    price: Decimal = Field(gt=0, description="deal price in the market's currency")
    sku: str | None = Field(default=None, description="variant SKU (default: first variant)")
    countdown_s: int = Field(default=20, ge=10, le=300)
    window_s: int = Field(default=120, ge=60, le=1200)
    quantity: int = Field(default=50, ge=1, le=1_000_000)
    per_customer: int = Field(default=1, ge=1, le=99)


class ProductSegment(_Strict):
    product: str = Field(min_length=1, max_length=64)
    segments: list[SegmentKind] = Field(default_factory=lambda: list(DEFAULT_SEGMENTS))
    deal: DealSpec | None = None
    seconds: int = Field(default=60, ge=15, le=3600, description="talk time before moving on")

    @field_validator("segments")
    @classmethod
    def _not_empty(cls, value: list[SegmentKind]) -> list[SegmentKind]:
        if not value:
            raise ValueError("give at least one segment (hook, demo, proof, offer, cta)")
        return value


class QaSpec(_Strict):
    seconds: int = Field(default=60, ge=10, le=3600)


class QaBreak(_Strict):
    qa: QaSpec


def _item_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "qa" if "qa" in value else "product"
    return "qa" if isinstance(value, QaBreak) else "product"


RundownItem = Annotated[
    Annotated[ProductSegment, Tag("product")] | Annotated[QaBreak, Tag("qa")],
    Discriminator(_item_kind),
]


class Window(_Strict):
    days: list[Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]] = Field(
        default_factory=lambda: list(DAYS)
    )
    start: time = Field(alias="from")
    end: time = Field(alias="to")


class Schedule(_Strict):
    timezone: str = "UTC"
    windows: list[Window] = Field(min_length=1)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown time zone {value!r} (use an IANA name such as Asia/Seoul)"
            ) from None
        return value

    def on_air(self, when: datetime) -> bool:
        """Inside a window; a window over midnight (``from: "22:00", to: "02:00"``) belongs
        to the day it starts on, so Saturday's runs into Sunday 02:00."""
        local = when.astimezone(ZoneInfo(self.timezone))
        day, clock = DAYS[local.weekday()], local.time()
        yesterday = DAYS[(local.weekday() - 1) % 7]
        for w in self.windows:
            if w.start <= w.end:
                if day in w.days and w.start <= clock < w.end:
                    return True
            elif (day in w.days and clock >= w.start) or (yesterday in w.days and clock < w.end):
                return True
        return False


class CopilotPolicy(_Strict):
    """What happens to a proposed answer nobody approves, edits or rejects in time (in human
    mode a time-out always drops it)."""

    timeout_s: float = Field(default=30, ge=5, le=600)
    on_timeout: Literal["drop", "safe_line", "send"] = "drop"


class TakeoverPolicy(_Strict):
    """Voice takeover (docs/voice-takeover.md): when the operator's microphone sends nothing
    for ``dropout_ms``, the host idles (moves, stays silent) or goes back to the rundown and
    answers (``autonomous``) until the voice returns."""

    on_dropout: Literal["idle", "autonomous"] = "idle"
    dropout_ms: int = Field(default=1500, ge=200, le=60_000)


class Outputs(_Strict):
    hls: bool = True
    rtmp: list[str] = Field(default_factory=list)

    @field_validator("rtmp")
    @classmethod
    def _rtmp_urls(cls, value: list[str]) -> list[str]:
        for url in value:
            if not re.match(r"^rtmps?://[^/\s]+/\S+", url):
                raise ValueError(f"{url!r} is not an RTMP URL (rtmp://host[:port]/app/key)")
        return value


class ShowFile(_Strict):
    show: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$", description="id used in URLs")
    title: str = Field(default="", max_length=120)
    persona: str = Field(min_length=1)
    market: str = Field(min_length=2)
    size: str = Field(default="720x1280", pattern=r"^\d{3,4}x\d{3,4}$")
    fps: int = Field(default=30, ge=10, le=60)
    writer: Literal["llm", "templates"] = "llm"
    mode: Mode = "autonomous"
    rundown: list[RundownItem] = Field(min_length=1)
    schedule: Schedule | None = None
    outputs: Outputs = Field(default_factory=Outputs)
    copilot: CopilotPolicy = Field(default_factory=CopilotPolicy)
    takeover: TakeoverPolicy = Field(default_factory=TakeoverPolicy)
    chat: list[ChatSource] = Field(default_factory=list, max_length=8)
    seed: int = 0

    @model_validator(mode="after")
    def _size(self) -> ShowFile:
        w, h = self.frame_size
        if w % 2 or h % 2:
            raise ValueError(f"size {self.size}: width and height must be even")
        if not (min(w, h) >= 240 and max(w, h) <= 1920):
            raise ValueError(f"size {self.size}: use 240 to 1920 pixels per side")
        if w * 16 != h * 9 and w * 9 != h * 16:
            raise ValueError(f"size {self.size}: use a 9:16 (720x1280) or 16:9 (1280x720) frame")
        if not any(isinstance(item, ProductSegment) for item in self.rundown):
            raise ValueError("the rundown needs at least one product segment")
        return self

    @property
    def frame_size(self) -> tuple[int, int]:
        w, h = self.size.split("x")
        return int(w), int(h)

    @property
    def aspect(self) -> str:
        w, h = self.frame_size
        return "9:16" if h > w else "16:9"

    @property
    def products(self) -> list[str]:
        seen: dict[str, None] = {}
        for item in self.rundown:
            if isinstance(item, ProductSegment):
                seen.setdefault(item.product)
        return list(seen)


def parse_show(document: Any, source: str) -> ShowFile:
    if not isinstance(document, dict):
        raise InvalidInputError(
            f"{source}: a show file must be a mapping (show, persona, market, rundown, ...)",
            hint="See docs/live-show.md for the show file format.",
        )
    try:
        return ShowFile.model_validate(document)
    except ValidationError as exc:
        raise InvalidInputError(
            f"{source}: invalid show: {describe(exc)}",
            hint="See docs/live-show.md for every field and an example.",
        ) from None


def load_show_file(path: Path) -> ShowFile:
    path = Path(path).expanduser()
    return parse_show(load_yaml_file(path, "Show file"), str(path))


def describe(error: ValidationError) -> str:
    """Pydantic errors as ``field 'rundown.1.deal.price': message``."""
    parts: list[str] = []
    for item in error.errors():
        raw = list(item["loc"])
        loc = [  # drop the union tag pydantic puts after a rundown index
            str(p)
            for i, p in enumerate(raw)
            if not (i >= 2 and raw[0] == "rundown" and i == 2 and p in ("product", "qa"))
        ]
        field = ".".join(loc)
        message = item["msg"].removeprefix("Value error, ")
        parts.append(f"field '{field}': {message}" if field else message)
    return "; ".join(parts)
