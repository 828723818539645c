"""Experiments over HTTP: editors create, start and stop them; operators read them and their
report (the same ``ExperimentReport`` as ``shopcast report --experiment``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from shopcast.experiments.schemas import (
    ExperimentCreate,
    ExperimentPublic,
    ExperimentReport,
    ExperimentStatus,
)
from shopcast.experiments.service import ExperimentService
from shopcast.web.auth import add_audit_details
from shopcast.web.deps import EditorDep, OperatorDep

router = APIRouter(prefix="/experiments", tags=["experiments"])


def get_experiments(request: Request) -> ExperimentService:
    return request.app.state.experiments


ExperimentsDep = Annotated[ExperimentService, Depends(get_experiments)]


@router.post("", status_code=201)
def create_experiment(
    body: ExperimentCreate, actor: EditorDep, experiments: ExperimentsDep, request: Request
) -> ExperimentPublic:
    """A draft experiment over 2–6 scripts (given whole or as studio script ids) of one
    product and market; the planned sample comes from ``baseline_rate`` and ``min_lift``
    unless ``exposures_per_variant`` is given."""
    experiment = experiments.create(body, actor=actor)
    add_audit_details(
        request, experiment=experiment.id, variants=[v.id for v in experiment.variants]
    )
    return experiment


@router.get("")
def list_experiments(
    _actor: OperatorDep,
    experiments: ExperimentsDep,
    status: Annotated[ExperimentStatus | None, Query()] = None,
) -> list[ExperimentPublic]:
    return experiments.list(status)


@router.get("/{experiment_id}")
def get_experiment(
    experiment_id: str, _actor: OperatorDep, experiments: ExperimentsDep
) -> ExperimentPublic:
    return experiments.get(experiment_id)


@router.post("/{experiment_id}/start")
def start_experiment(
    experiment_id: str, _actor: EditorDep, experiments: ExperimentsDep
) -> ExperimentPublic:
    return experiments.start(experiment_id)


@router.post("/{experiment_id}/stop")
def stop_experiment(
    experiment_id: str, _actor: EditorDep, experiments: ExperimentsDep
) -> ExperimentPublic:
    return experiments.stop(experiment_id)


@router.get("/{experiment_id}/report")
def experiment_report(
    experiment_id: str, _actor: OperatorDep, experiments: ExperimentsDep
) -> ExperimentReport:
    """Per-variant exposures, clicks, carts, orders, conversion (Wilson 95%) and GMV per
    exposure (bootstrap 95%), the leader's test against the others, and the verdict."""
    return experiments.report(experiment_id)
