"""The assistant's API contract (the watch page's chat widget calls these; keep them stable).

``POST /api/assistant/ask`` takes :class:`AskIn` and returns :class:`AskOut`;
``GET /api/assistant/recommendations`` returns :class:`RecommendationsOut`. For editors,
``GET /api/assistant/questions`` returns :class:`QuestionPage` and
``GET /api/assistant/questions/summary`` a :class:`QuestionSummary`.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from shopcast.assistant.compare import Comparison

MAX_QUESTION_CHARS = 500
VIEWER_ID_PATTERN = r"^[A-Za-z0-9_.:-]{1,64}$"


class AskIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    viewer_id: str = Field(pattern=VIEWER_ID_PATTERN, description="The viewer's id (the page's)")
    text: str = Field(min_length=1, max_length=MAX_QUESTION_CHARS, description="The question")
    market: str = Field(min_length=2, max_length=16, description="Market code, e.g. en-US")
    show_id: str | None = Field(default=None, max_length=64, description="The show watched")
    sku: str | None = Field(default=None, max_length=64, description="The product on screen")

    @field_validator("text")
    @classmethod
    def _no_binary(cls, value: str) -> str:
        for ch in value:
            category = unicodedata.category(ch)
            if ch == "\x00" or category == "Cs" or (category == "Cc" and ch not in "\t\n\r"):
                raise ValueError("text holds control characters or binary data")
        return value


class AskOut(BaseModel):
    answer: str
    path: str = Field(
        description="How the answer was made: offer | shipping | compare | facts | disclosure "
        "| refusal | greeting | redirect | price | faq | llm | safe"
    )
    products: list[str] = Field(description="Product handles the answer is about")
    comparison: Comparison | None = Field(
        default=None, description="A side-by-side when the question compares products"
    )
    sources: list[str] = Field(
        default_factory=list,
        description='The catalog facts the answer used, as "sku:kind" (kind: attribute, option, '
        "selling_point, faq, price, shipping...); empty for fixed lines",
    )
    model_rejected: bool = Field(
        default=False,
        description="The language model's answer failed the output guard and a template "
        "(facts or the safe line) answered instead",
    )


class RecommendationOut(BaseModel):
    sku: str
    title: str
    price_text: str = Field(description="The lowest seller price in the market's currency")
    score: float
    reason: str = Field(description='Why, e.g. "because you viewed the Boxy Heavy Cotton Tee"')


class RecommendationsOut(BaseModel):
    items: list[RecommendationOut]


class QuestionOut(BaseModel):
    """One stored question and how it was answered (editors read these)."""

    id: int
    asked_at: datetime
    viewer_id: str
    show_id: str
    market: str
    sku: str | None = Field(description="The product the question was about, if any")
    question: str
    answer: str
    path: str
    sources: list[str]
    model_rejected: bool
    answer_ms: int


class QuestionPage(BaseModel):
    items: list[QuestionOut]
    total: int = Field(description="Questions matching the filters (all pages)")


class AskedQuestion(BaseModel):
    question: str = Field(description="The latest wording of the question")
    count: int = Field(
        description="How often it was asked (same words, case and punctuation aside)"
    )
    unanswered: int = Field(description="How often the answer was the safe line")


class ProductQuestions(BaseModel):
    sku: str | None = Field(description="None: questions about no particular product")
    asked: int
    unanswered: int
    top: list[AskedQuestion]


class QuestionSummary(BaseModel):
    show_id: str | None
    total: int = Field(description="Every stored question, refused attempts included")
    product_questions: int = Field(description="Questions the assistant tried to answer")
    unanswered: int = Field(description="Product questions answered with the safe line")
    unanswered_rate: float
    refused: int = Field(description="Manipulation attempts and requests for offers")
    model_rejected: int = Field(description="Model answers the output guard replaced")
    paths: dict[str, int]
    products: list[ProductQuestions] = Field(description="Most asked-about products first")
