"""The assistant's API contract (the watch page's chat widget calls these; keep them stable).

``POST /api/assistant/ask`` takes :class:`AskIn` and returns :class:`AskOut`;
``GET /api/assistant/recommendations`` returns :class:`RecommendationsOut`.
"""

from __future__ import annotations

import unicodedata

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


class RecommendationOut(BaseModel):
    sku: str
    title: str
    price_text: str = Field(description="The lowest seller price in the market's currency")
    score: float
    reason: str = Field(description='Why, e.g. "because you viewed the Boxy Heavy Cotton Tee"')


class RecommendationsOut(BaseModel):
    items: list[RecommendationOut]
