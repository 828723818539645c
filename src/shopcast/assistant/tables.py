"""The assistant's question log: one row per question a viewer asked (migration 0006).

Kept so a seller sees what shoppers ask about each product and which questions the assistant
could not answer (the ``safe`` line): the FAQ entries worth adding.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shopcast.store.tables import Base


class AssistantQuestionRow(Base):
    __tablename__ = "assistant_questions"
    __table_args__ = (
        Index("ix_assistant_questions_show_time", "show_id", "asked_at"),
        Index("ix_assistant_questions_sku", "sku"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    asked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    viewer_id: Mapped[str] = mapped_column(String(64))
    show_id: Mapped[str] = mapped_column(String(64))  # "assistant" outside any show
    market: Mapped[str] = mapped_column(String(16))
    sku: Mapped[str | None] = mapped_column(String(64), nullable=True)  # product it was about
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    path: Mapped[str] = mapped_column(String(16))  # llm | faq | facts | safe | refusal | ...
    sources: Mapped[list[str]] = mapped_column(JSON)  # "sku:kind" of the facts used
    model_rejected: Mapped[bool] = mapped_column(Boolean)  # guard replaced a model answer
    answer_ms: Mapped[int] = mapped_column(Integer)  # time to answer, milliseconds
