"""Analytics: event ingestion from the watch page (public; resends are ignored) and a show's
funnel and timeline (operators)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from shopcast.analytics.schemas import EventBatch, IngestResult, ShowFunnel, TimelinePoint
from shopcast.web.deps import PUBLIC, AnalyticsDep, OperatorDep

router = APIRouter(prefix="/analytics", tags=["analytics"])


@router.post("/events", openapi_extra=PUBLIC)
def ingest(batch: EventBatch, analytics: AnalyticsDep) -> IngestResult:
    return analytics.ingest(batch.events)


@router.get("/shows/{show_id}/funnel")
def funnel(_operator: OperatorDep, show_id: str, analytics: AnalyticsDep) -> ShowFunnel:
    return analytics.funnel(show_id)


@router.get("/shows/{show_id}/timeline")
def show_timeline(
    _operator: OperatorDep,
    show_id: str,
    analytics: AnalyticsDep,
    bucket_seconds: Annotated[int, Query(ge=1, le=3600)] = 60,
) -> list[TimelinePoint]:
    return analytics.timeline(show_id, bucket_seconds)
