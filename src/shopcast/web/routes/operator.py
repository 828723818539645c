"""The operator console's API (operator role; every write is in the audit log with the
operator's name): the desk of a running show (proposed answers, decisions, typed lines,
whispers, the mode), pin/unpin and a flash deal now. The console page itself is
``routes.console``; both are included through ``router``.

Concurrent operators: each decision carries the version of the answer the operator saw; a
decision on an answer someone already decided is refused with 409 naming who and when. A mode
switch carrying ``version`` is refused (409) when someone switched since; without it the last
writer wins. See ``live/show/operator.py``.
"""

from __future__ import annotations

from statistics import quantiles
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, ConfigDict, Field

from shopcast.live.show.operator import (
    MAX_OPERATOR_TEXT,
    MAX_WHISPER_TEXT,
    OperatorView,
    ProposalView,
)
from shopcast.live.show.runner import ShowRunner
from shopcast.live.show.showfile import DealSpec, Mode, ProductSegment
from shopcast.live.show.state import DealView, ShowState, ShowStatus
from shopcast.web.auth import add_audit_details
from shopcast.web.deps import OperatorDep
from shopcast.web.routes import console
from shopcast.web.routes.live_api import ShowsDep

api = APIRouter(prefix="/api/shows", tags=["operator console"])
ProposalId = Annotated[int, Path(ge=1, description="the proposed answer's number")]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Decision(_Body):
    version: int = Field(ge=1, description="the answer's version as the console showed it")


class Edit(Decision):
    text: str = Field(min_length=1, max_length=MAX_OPERATOR_TEXT)


class Line(_Body):
    text: str = Field(min_length=1, max_length=MAX_OPERATOR_TEXT)


class Whisper(_Body):
    text: str = Field(min_length=1, max_length=MAX_WHISPER_TEXT)


class ModeChange(_Body):
    mode: Mode
    version: int | None = Field(
        default=None, ge=1, description="the mode version you saw (omit: last writer wins)"
    )


class Pin(_Body):
    sku: str | None = Field(default=None, max_length=64, description="null: unpin")


class DealStart(DealSpec):
    product: str | None = Field(default=None, max_length=64, description="default: pinned")


class RundownItemView(BaseModel):
    index: int
    kind: Literal["product", "qa"]
    product: str | None
    title: str
    seconds: int
    deal: bool
    current: bool


class ShelfItem(BaseModel):
    sku: str
    title: str


class Latency(BaseModel):
    count: int
    p50_s: float | None
    p95_s: float | None


class ConsoleView(BaseModel):
    operator: str
    status: ShowStatus
    state: ShowState
    desk: OperatorView
    rundown: list[RundownItemView]
    shelf: list[ShelfItem]
    latency: Latency


class Accepted(BaseModel):
    ok: bool = True
    message: str


class ModeResult(BaseModel):
    mode: Mode
    version: int
    by: str


class PinResult(BaseModel):
    pinned_sku: str | None


@api.get("/{show_id}/operator")
def console_view(show_id: str, shows: ShowsDep, operator: OperatorDep) -> ConsoleView:
    """Everything the console shows: status, state, the desk, the rundown, reply latency."""
    runner = shows.get(show_id)
    return ConsoleView(
        operator=operator,
        status=runner.status(),
        state=runner.state(),
        desk=runner.operator_view(),
        rundown=_rundown(runner),
        shelf=[ShelfItem(sku=p.sku, title=p.title) for p in runner.products.values()],
        latency=_latency(list(runner.latencies)),
    )


def _decide(
    request: Request,
    shows: ShowsDep,
    show_id: str,
    proposal_id: int,
    action: str,
    operator: str,
    version: int,
    text: str | None = None,
) -> ProposalView:
    add_audit_details(request, answer=proposal_id, decision=action, version=version, text=text)
    return shows.get(show_id).operator_decide(
        proposal_id, action, operator=operator, version=version, text=text
    )


@api.post("/{show_id}/operator/answers/{proposal_id}/approve")
def approve_answer(
    request: Request,
    show_id: str,
    proposal_id: ProposalId,
    body: Decision,
    shows: ShowsDep,
    operator: OperatorDep,
) -> ProposalView:
    """Speak the proposed answer as it is (409 when someone already decided it)."""
    return _decide(request, shows, show_id, proposal_id, "approve", operator, body.version)


@api.post("/{show_id}/operator/answers/{proposal_id}/edit")
def edit_answer(
    request: Request,
    show_id: str,
    proposal_id: ProposalId,
    body: Edit,
    shows: ShowsDep,
    operator: OperatorDep,
) -> ProposalView:
    """Speak ``text`` instead; refused (422, every reason) when it breaks the market's words,
    or promises a price, offer or number the catalog doesn't have."""
    return _decide(request, shows, show_id, proposal_id, "edit", operator, body.version, body.text)


@api.post("/{show_id}/operator/answers/{proposal_id}/reject")
def reject_answer(
    request: Request,
    show_id: str,
    proposal_id: ProposalId,
    body: Decision,
    shows: ShowsDep,
    operator: OperatorDep,
) -> ProposalView:
    return _decide(request, shows, show_id, proposal_id, "reject", operator, body.version)


@api.post("/{show_id}/operator/say", status_code=202)
def say_line(
    request: Request, show_id: str, body: Line, shows: ShowsDep, operator: OperatorDep
) -> Accepted:
    """The host says ``text`` at the next phrase boundary, before anything else waiting."""
    add_audit_details(request, text=body.text)
    shows.get(show_id).operator.say(body.text, operator=operator)
    return Accepted(message="The host says it at the next phrase boundary.")


@api.post("/{show_id}/operator/whisper", status_code=202)
def whisper_hint(
    request: Request, show_id: str, body: Whisper, shows: ShowsDep, operator: OperatorDep
) -> Accepted:
    """A private hint for the next answer only (never shown to viewers)."""
    add_audit_details(request, text=body.text)
    replaced = shows.get(show_id).operator.whisper(body.text, operator=operator)
    note = f" It replaces {replaced.operator}'s unused hint." if replaced else ""
    return Accepted(message=f"The next answer is composed with this hint.{note}")


@api.post("/{show_id}/operator/mode")
def switch_mode(
    request: Request, show_id: str, body: ModeChange, shows: ShowsDep, operator: OperatorDep
) -> ModeResult:
    """autonomous / copilot / human, at once; the stream is never interrupted. Refused (409,
    with the reason) when a destination's platform rules forbid the new mode."""
    add_audit_details(request, mode=body.mode, version=body.version)
    version = shows.set_mode(show_id, body.mode, operator=operator, version=body.version)
    return ModeResult(mode=body.mode, version=version, by=operator)


@api.post("/{show_id}/operator/pin")
def pin_product(
    request: Request, show_id: str, body: Pin, shows: ShowsDep, _operator: OperatorDep
) -> PinResult:
    """Pin a product of the show's shelf now, or unpin (``sku: null``)."""
    add_audit_details(request, sku=body.sku)
    return PinResult(pinned_sku=shows.get(show_id).operator_pin(body.sku))


@api.post("/{show_id}/operator/deal", status_code=201)
def start_deal(
    request: Request, show_id: str, body: DealStart, shows: ShowsDep, _operator: OperatorDep
) -> DealView:
    """A flash deal on the pinned (or named) product now: the same commerce deal as the
    rundown's, price checked against the catalog; 409 while another deal runs."""
    add_audit_details(request, product=body.product, price=str(body.price))
    runner = shows.get(show_id)
    spec = DealSpec.model_validate(body.model_dump(exclude={"product"}))
    deal = runner.operator_start_deal(spec, body.product)
    add_audit_details(request, deal_id=deal.deal_id)
    view = runner.deal_view
    assert view is not None  # set when the deal opened
    return view


def _rundown(runner: ShowRunner) -> list[RundownItemView]:
    items: list[RundownItemView] = []
    current_found = False
    for n, item in enumerate(runner.show.rundown):
        if isinstance(item, ProductSegment):
            product = runner.products.get(item.product)
            current = runner.segment != "qa" and item.product == runner.pinned_sku
            items.append(
                RundownItemView(
                    index=n,
                    kind="product",
                    product=item.product,
                    title=product.title if product else item.product,
                    seconds=item.seconds,
                    deal=item.deal is not None,
                    current=current and not current_found,
                )
            )
        else:
            current = runner.segment == "qa"
            items.append(
                RundownItemView(
                    index=n,
                    kind="qa",
                    product=None,
                    title="Q&A",
                    seconds=item.qa.seconds,
                    deal=False,
                    current=current and not current_found,
                )
            )
        current_found = current_found or items[-1].current
    return items


def _latency(values: list[float]) -> Latency:
    if not values:
        return Latency(count=0, p50_s=None, p95_s=None)
    if len(values) == 1:
        return Latency(count=1, p50_s=round(values[0], 2), p95_s=round(values[0], 2))
    cuts = quantiles(values, n=20, method="inclusive")
    return Latency(count=len(values), p50_s=round(cuts[9], 2), p95_s=round(cuts[18], 2))


router = APIRouter()
router.include_router(api)
router.include_router(console.router)
