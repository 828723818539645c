"""What a running show looks like from outside: the viewers' state (watch page, overlay) and
the operators' status (CLI, API)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from shopcast.live.show.question_log import QuestionSummary

ShowPhase = Literal["starting", "live", "off_air", "stopped", "failed"]


class DealView(BaseModel):
    deal_id: int
    sku: str
    state: str  # scheduled | countdown | live | sold_out | ended
    price_text: str
    regular_price_text: str | None = None
    starts_at: datetime
    ends_at: datetime
    remaining: int
    total: int
    per_customer_limit: int


class ChatLine(BaseModel):
    message_id: str
    name: str
    text: str
    at: datetime


class PurchaseNote(BaseModel):
    text: str
    at: datetime


class ShowState(BaseModel):
    show_id: str
    title: str
    market: str
    language: str
    currency: str
    ai_label: str
    status: ShowPhase
    mode: str
    segment: str
    pinned_sku: str | None = None
    # an experiment's variant script on air for the pinned product (set when its segment
    # airs; the watch page sends an ``exposure`` event when it changes): docs/experiments.md
    experiment_id: str | None = None
    variant_id: str | None = None
    shelf: list[str] = Field(default_factory=list)
    deal: DealView | None = None
    on_screen_question: str | None = None
    recent_chat: list[ChatLine] = Field(default_factory=list)
    purchases: list[PurchaseNote] = Field(default_factory=list)
    speaking: str | None = None  # the line the host is saying now


class ChatReceipt(BaseModel):
    accepted: bool
    reason: str | None = None
    message_id: str | None = None


class OutputView(BaseModel):
    name: str
    kind: str
    state: str
    detail: str = ""


class ShowStatus(BaseModel):
    show_id: str
    status: ShowPhase
    mode: str
    persona: str
    market: str
    size: str
    uptime_s: float
    frames: int
    late_frames: int
    behind_s: float  # how far the frame loop is behind the wall clock now
    segment: str
    pinned_sku: str | None
    lines_spoken: int
    lines_cut: int = 0  # rundown phrases stopped at a word boundary for an answer
    answers_spoken: int
    chat_received: int
    chat_rejected: int
    questions_waiting: int
    # every comment: received / voiced / answered in text / refused / dropped (and why), and
    # arrival → acknowledgement and → answer proper, per answer path
    questions: QuestionSummary = Field(default_factory=QuestionSummary)
    buffered_lines: int
    writing_script: bool = False  # the model is writing a later segment's script ahead
    outputs: list[OutputView]
    errors: list[str] = Field(default_factory=list)
    rss_mb: float
