"""The shopping assistant for viewers: ask about products, get recommendations.

Public (viewer) routes: the watch page's chat widget calls them without an operator key. The
contract is documented in ``docs/assistant.md``; keep it stable. The question log behind them is
for editors (``/api/assistant/questions``: what shoppers asked, what went unanswered).

``shared_llm`` is the app's one language model (``create_app`` puts it in ``app.state.llm`` and
gives it to the live shows too); it loads on the first answer that needs it.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from shopcast.assistant.llm import shared_llm
from shopcast.assistant.questions import MAX_PAGE
from shopcast.assistant.schemas import (
    VIEWER_ID_PATTERN,
    AskIn,
    AskOut,
    QuestionPage,
    QuestionSummary,
    RecommendationsOut,
)
from shopcast.assistant.service import AssistantService, last_clicked_product
from shopcast.errors import NotFoundError
from shopcast.web.deps import PUBLIC, EditorDep

__all__ = ["router", "shared_llm"]

router = APIRouter(prefix="/api/assistant", tags=["assistant"])


def get_assistant(request: Request) -> AssistantService:
    """One assistant per app, created on first use from ``app.state`` (database, settings,
    and the optional ``llm`` and ``shows`` registry other rooms put there)."""
    state = request.app.state
    assistant = getattr(state, "assistant", None)
    if assistant is None:
        db = state.database

        def pinned(show_id: str) -> str | None:
            shows = getattr(state, "shows", None)
            if shows is not None:
                try:
                    sku = getattr(shows.get(show_id), "pinned_sku", None)
                except NotFoundError:
                    sku = None
                if sku:
                    return sku
            return last_clicked_product(db, show_id)

        assistant = state.assistant = AssistantService(
            db, state.settings, llm=getattr(state, "llm", None), pinned=pinned
        )
    return assistant


AssistantDep = Annotated[AssistantService, Depends(get_assistant)]


@router.post("/ask", openapi_extra=PUBLIC)
def ask(body: AskIn, assistant: AssistantDep) -> AskOut:
    """Answer a viewer's product question from the catalog, FAQs and shipping policy."""
    return assistant.ask(body)


@router.get("/recommendations", openapi_extra=PUBLIC)
def recommendations(
    assistant: AssistantDep,
    viewer_id: Annotated[str, Query(pattern=VIEWER_ID_PATTERN)],
    market: Annotated[str, Query(min_length=2, max_length=16)],
    k: Annotated[int, Query(ge=1, le=20)] = 5,
    show_id: Annotated[str | None, Query(max_length=64)] = None,
) -> RecommendationsOut:
    """Products for this viewer in this market, each with the reason it is suggested."""
    return assistant.recommendations(viewer_id, market, k, show_id)


@router.get("/questions")
def questions(
    _editor: EditorDep,
    assistant: AssistantDep,
    show_id: Annotated[str | None, Query(max_length=64)] = None,
    sku: Annotated[str | None, Query(max_length=64)] = None,
    path: Annotated[str | None, Query(max_length=16)] = None,
    unanswered: Annotated[
        bool, Query(description="Only questions answered with the safe line")
    ] = False,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> QuestionPage:
    """What viewers asked the assistant (newest first), with the answer, its path and facts."""
    return assistant.questions.page(
        show_id=show_id,
        sku=sku,
        path=path,
        unanswered=unanswered,
        limit=limit,
        offset=offset,
    )


@router.get("/questions/summary")
def questions_summary(
    _editor: EditorDep,
    assistant: AssistantDep,
    show_id: Annotated[str | None, Query(max_length=64)] = None,
) -> QuestionSummary:
    """Top questions per product and the unanswered (safe-line) rate: what to add to the FAQ."""
    return assistant.questions.summary(show_id)
