"""The question log: every question asked of the assistant, its answer and how it was made.

Editors read it through the API (``GET /api/assistant/questions``, ``.../summary``) and
``shopcast report SHOW`` prints the summary: the questions shoppers ask most about each product
and the share the assistant could only answer with the safe line — the FAQ entries a seller
should add. The question text is stored as the viewer wrote it (it is data, shown as text).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.sql import Select

from shopcast.assistant.schemas import (
    AskedQuestion,
    ProductQuestions,
    QuestionOut,
    QuestionPage,
    QuestionSummary,
)
from shopcast.assistant.tables import AssistantQuestionRow
from shopcast.errors import InvalidInputError
from shopcast.live.chat.textmatch import fold
from shopcast.store import Database

UNANSWERED_PATH = "safe"
REFUSED_PATHS = frozenset({"refusal", "offer"})
NOT_QUESTIONS = REFUSED_PATHS | {"greeting", "disclosure", "redirect"}
MAX_PAGE = 200
TOP_PER_PRODUCT = 5
_PUNCTUATION = re.compile(r"[^\w\s]+")


@dataclass(frozen=True)
class AskedRecord:
    """What :meth:`QuestionLog.record` stores about one answered question."""

    viewer_id: str
    show_id: str
    market: str
    sku: str | None
    question: str
    answer: str
    path: str
    sources: list[str]
    model_rejected: bool
    answer_ms: int


def question_key(text: str) -> str:
    """The form two askings of one question share: folded case, no punctuation, single spaces."""
    return " ".join(_PUNCTUATION.sub(" ", fold(text)).split())


class QuestionLog:
    def __init__(self, db: Database) -> None:
        self.db = db

    def record(self, asked: AskedRecord, at: datetime | None = None) -> int:
        row = AssistantQuestionRow(
            asked_at=at or datetime.now(UTC),
            viewer_id=asked.viewer_id,
            show_id=asked.show_id,
            market=asked.market,
            sku=asked.sku,
            question=asked.question,
            answer=asked.answer,
            path=asked.path,
            sources=list(asked.sources),
            model_rejected=asked.model_rejected,
            answer_ms=asked.answer_ms,
        )
        with self.db.session() as session:
            session.add(row)
            session.flush()
            return row.id

    def page(
        self,
        *,
        show_id: str | None = None,
        sku: str | None = None,
        path: str | None = None,
        unanswered: bool = False,
        limit: int = 50,
        offset: int = 0,
    ) -> QuestionPage:
        """Questions matching the filters, newest first."""
        if not 1 <= limit <= MAX_PAGE:
            raise InvalidInputError(f"limit must be between 1 and {MAX_PAGE}, got {limit}.")
        if offset < 0:
            raise InvalidInputError(f"offset must be 0 or more, got {offset}.")
        if unanswered and path not in (None, UNANSWERED_PATH):
            raise InvalidInputError(
                f"unanswered=true means path {UNANSWERED_PATH!r}; it cannot be combined with "
                f"path={path!r}."
            )
        query = _filtered(
            select(AssistantQuestionRow),
            show_id,
            sku,
            UNANSWERED_PATH if unanswered else path,
        )
        counting = _filtered(
            select(func.count(AssistantQuestionRow.id)),
            show_id,
            sku,
            UNANSWERED_PATH if unanswered else path,
        )
        with self.db.session() as session:
            total = session.scalar(counting) or 0
            rows = session.scalars(
                query.order_by(AssistantQuestionRow.asked_at.desc(), AssistantQuestionRow.id.desc())
                .limit(limit)
                .offset(offset)
            ).all()
            items = [QuestionOut.model_validate(row, from_attributes=True) for row in rows]
        return QuestionPage(items=items, total=total)

    def summary(self, show_id: str | None = None) -> QuestionSummary:
        """Counts by path, the unanswered rate and the top questions per product."""
        query = _filtered(
            select(
                AssistantQuestionRow.sku,
                AssistantQuestionRow.question,
                AssistantQuestionRow.path,
                AssistantQuestionRow.model_rejected,
            ),
            show_id,
            None,
            None,
        ).order_by(AssistantQuestionRow.asked_at, AssistantQuestionRow.id)
        with self.db.session() as session:
            rows = [tuple(row) for row in session.execute(query).all()]
        return summarise(rows, show_id)


def summarise(
    rows: Sequence[tuple[str | None, str, str, bool]], show_id: str | None
) -> QuestionSummary:
    """The summary of (sku, question, path, model_rejected) rows, oldest first."""
    paths = Counter(row[2] for row in rows)
    per_product: dict[str | None, list[tuple[str, str]]] = defaultdict(list)
    for sku, question, path, _rejected in rows:
        if path not in NOT_QUESTIONS:
            per_product[sku].append((question, path))
    products = [_product_questions(sku, asked) for sku, asked in per_product.items()]
    products.sort(key=lambda p: (-p.asked, -p.unanswered, p.sku or "\uffff"))
    asked_total = sum(p.asked for p in products)
    unanswered = sum(p.unanswered for p in products)
    return QuestionSummary(
        show_id=show_id,
        total=len(rows),
        product_questions=asked_total,
        unanswered=unanswered,
        unanswered_rate=round(unanswered / asked_total, 4) if asked_total else 0.0,
        refused=sum(paths[p] for p in REFUSED_PATHS),
        model_rejected=sum(1 for row in rows if row[3]),
        paths=dict(paths.most_common()),
        products=products,
    )


def _product_questions(sku: str | None, asked: list[tuple[str, str]]) -> ProductQuestions:
    counts: Counter[str] = Counter()
    unanswered: Counter[str] = Counter()
    latest: dict[str, str] = {}
    for question, path in asked:
        key = question_key(question) or question
        counts[key] += 1
        unanswered[key] += path == UNANSWERED_PATH
        latest[key] = question
    # unanswered questions first among equally frequent ones: those are the FAQ gaps
    ranked = sorted(counts, key=lambda k: (-counts[k], -unanswered[k], k))[:TOP_PER_PRODUCT]
    return ProductQuestions(
        sku=sku,
        asked=len(asked),
        unanswered=sum(unanswered.values()),
        top=[
            AskedQuestion(question=latest[k], count=counts[k], unanswered=unanswered[k])
            for k in ranked
        ],
    )


def _filtered(query: Select, show_id: str | None, sku: str | None, path: str | None) -> Select:
    if show_id is not None:
        query = query.where(AssistantQuestionRow.show_id == show_id)
    if sku is not None:
        query = query.where(AssistantQuestionRow.sku == sku)
    if path is not None:
        query = query.where(AssistantQuestionRow.path == path)
    return query
