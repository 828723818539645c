"""Request and response shapes of the studio API."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from shopcast.studio.writers import WriterName
from shopcast.writing.generator import MAX_VARIANTS
from shopcast.writing.prompts import MAX_BRIEF_CHARS
from shopcast.writing.script import Script

ScriptStatus = Literal["draft", "approved"]
JobStatus = Literal["queued", "running", "done", "failed"]
Aspect = Literal["9:16", "16:9"]


class ScriptRequest(BaseModel):
    """A brief → ``variants`` scripts for one product, persona and market."""

    product: str = Field(min_length=1, max_length=64)
    persona: str = Field(min_length=1, max_length=64)
    market: str = Field(min_length=2, max_length=16)
    brief: str | None = Field(default=None, max_length=MAX_BRIEF_CHARS)
    length_s: float = Field(default=30.0, ge=5, le=180)
    variants: int = Field(default=2, ge=1, le=MAX_VARIANTS)
    writer: WriterName = "templates"
    seed: int = Field(default=0, ge=0)


class StudioScript(BaseModel):
    id: int
    batch: str
    product_sku: str
    persona: str
    market: str
    writer: str
    variant: int
    status: ScriptStatus
    script: Script
    created_by: str
    created_at: datetime
    updated_at: datetime
    approved_by: str | None = None
    approved_at: datetime | None = None


class BeatEdit(BaseModel):
    text: str = Field(min_length=1, max_length=600)


class BeatPair(BaseModel):
    kind: str
    a: str | None
    b: str | None
    a_seconds: float
    b_seconds: float
    same: bool


class Comparison(BaseModel):
    """Two variants side by side, beat kind by beat kind."""

    a: StudioScript
    b: StudioScript
    beats: list[BeatPair]
    a_seconds: float
    b_seconds: float


class RenderRequest(BaseModel):
    """Render an approved script (``script_id``), or a fresh templates script for
    ``product`` + ``persona`` + ``market``."""

    script_id: int | None = Field(default=None, ge=1)
    product: str | None = Field(default=None, min_length=1, max_length=64)
    persona: str | None = Field(default=None, min_length=1, max_length=64)
    market: str | None = Field(default=None, min_length=2, max_length=16)
    aspect: Aspect = "9:16"
    length_s: float = Field(default=30.0, ge=5, le=180)


class RenderJob(BaseModel):
    id: int
    script_id: int | None
    product_sku: str
    persona: str
    market: str
    aspect: str
    status: JobStatus
    stage: str
    percent: float
    error: str | None = None
    duration_s: float | None = None
    created_by: str
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None
    video_url: str | None = None
    thumbnail_url: str | None = None


class MarketLook(BaseModel):
    """One market of a persona, with where its preview image and voice sample are."""

    market: str
    market_name: str
    language: str
    pack: str
    voice: str
    engine: str
    greeting: str | None
    ai_label: str
    preview_url: str
    voice_url: str


class PersonaSummary(BaseModel):
    name: str
    display_name: str
    personality: str
    speaking_style: str
    real_likeness: bool
    real_voice: bool
    markets: list[MarketLook]


class CatalogPrice(BaseModel):
    market: str
    currency: str
    text: str


class CatalogItem(BaseModel):
    sku: str
    title: str
    category: str
    brand: str
    image_url: str | None
    stock: int
    variants: int
    prices: list[CatalogPrice]
