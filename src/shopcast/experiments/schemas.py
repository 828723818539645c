"""What goes in and out of experiments: the request that creates one, the experiment as the
API shows it, and its report."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shopcast.writing.script import Script

ExperimentStatus = Literal["draft", "running", "stopped"]
LABELS = "ABCDEF"
MAX_VARIANTS = len(LABELS)


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Design(BaseModel):
    """How the experiment decides (docs/experiments.md). ``exposures_per_variant`` is the
    planned sample: computed from the baseline and lift unless the seller sets it."""

    baseline_rate: float = Field(default=0.03, gt=0, lt=1, description="expected conversion")
    min_lift: float = Field(default=0.5, gt=0, le=10, description="smallest relative lift")
    alpha: float = Field(default=0.05, ge=0.001, le=0.2)
    power: float = Field(default=0.8, ge=0.5, le=0.99)
    exposures_per_variant: int = Field(ge=50, le=10_000_000)
    min_exposures: int = Field(default=100, ge=10, description="per variant before any verdict")
    min_orders: int = Field(default=10, ge=1, description="all variants together, ditto")


class VariantIn(_In):
    """A script given whole, or the id of a script stored in the studio."""

    script: Script | None = None
    studio_script_id: int | None = None
    angle: str = Field(default="", max_length=200, description="e.g. price-led, demo-led")

    @model_validator(mode="after")
    def _one_source(self) -> VariantIn:
        if (self.script is None) == (self.studio_script_id is None):
            raise ValueError("give a variant's script or its studio_script_id (one of them)")
        return self


class ExperimentCreate(_In):
    name: str = Field(min_length=1, max_length=120)
    variants: list[VariantIn] = Field(min_length=2, max_length=MAX_VARIANTS)
    # Defaults: the scripts' own product and market (they must all agree).
    product_sku: str | None = Field(default=None, max_length=64)
    market: str | None = Field(default=None, max_length=16)
    baseline_rate: float = Field(default=0.03, gt=0, lt=1)
    min_lift: float = Field(default=0.5, gt=0, le=10)
    alpha: float = Field(default=0.05, ge=0.001, le=0.2)
    power: float = Field(default=0.8, ge=0.5, le=0.99)
    exposures_per_variant: int | None = Field(default=None, ge=50, le=10_000_000)
    min_exposures: int = Field(default=100, ge=10)
    min_orders: int = Field(default=10, ge=1)


class VariantPublic(BaseModel):
    id: str
    label: str
    angle: str
    script: Script
    studio_script_id: int | None


class ExperimentPublic(BaseModel):
    id: str
    name: str
    product_sku: str
    market: str
    status: ExperimentStatus
    design: Design
    variants: list[VariantPublic]
    created_by: str
    created_at: datetime
    started_at: datetime | None
    stopped_at: datetime | None

    def variant(self, variant_id: str) -> VariantPublic:
        for variant in self.variants:
            if variant.id == variant_id:
                return variant
        raise KeyError(variant_id)


class LiveVariant(BaseModel):
    """What a live show airs for one product segment under an experiment."""

    experiment_id: str
    variant_id: str
    label: str
    script: Script


class VariantResult(BaseModel):
    variant_id: str
    label: str
    angle: str
    exposures: int  # the unit: a viewer's stretch of watching this variant (see docs)
    viewers: int  # distinct viewers who saw it
    views: int  # exposure events (watch starts, switches to it)
    clicks: int
    click_rate: float  # exposures with a click on the product
    add_to_cart: int
    cart_rate: float
    orders: int
    conversion: float  # exposures with an order of the product
    conversion_low: float  # Wilson 95%, this look only
    conversion_high: float
    gmv: Decimal
    gmv_per_exposure: Decimal
    gmv_per_exposure_low: Decimal  # percentile bootstrap 95%, this look only
    gmv_per_exposure_high: Decimal
    decided_on: int  # exposures the decision used (the first planned ones)


class PairResult(BaseModel):
    better: str  # variant ids
    worse: str
    difference: float
    low: float
    high: float
    z: float
    boundary: float
    information_fraction: float
    significant: bool


VerdictStatus = Literal["not_started", "not_enough_data", "no_winner_yet", "winner", "no_winner"]


class Verdict(BaseModel):
    status: VerdictStatus
    leader: str | None  # variant id converting best now (None: a tie or no orders)
    winner: str | None
    message: str


class PathPoint(BaseModel):
    """The leader-versus-runner-up test at a moment: what the chart draws."""

    at: datetime
    information_fraction: float
    z: float
    boundary: float


class ExperimentReport(BaseModel):
    experiment: ExperimentPublic
    currency: str
    window_start: datetime | None
    window_end: datetime | None
    variants: list[VariantResult]
    comparisons: list[PairResult]
    verdict: Verdict
    information_fraction: float  # of the least advanced pair
    viewers_in_several_variants: int
    unknown_variant_events: int
    orders_in_other_currencies: int
    path: list[PathPoint]
