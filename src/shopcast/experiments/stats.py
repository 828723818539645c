"""The statistics that decide an experiment: statsmodels for the two-proportion score test, the
Wilson and Newcombe intervals and the sample-size plan; scipy for normal quantiles and the
bootstrap.

**Repeated looks.** A seller may open the report every hour; a fixed 5% test read that often
names a false winner far more than 5% of the time. So the winner threshold depends on how much
of the planned sample is in (the information fraction ``t``): ``|z| ≥ c / √t``, an
O'Brien–Fleming-shaped boundary. Under no difference ``z·√t`` behaves as a Brownian motion
``B(t)``, and by the reflection principle ``P(sup_{t≤1} |B(t)| ≥ c) ≤ 4·(1 − Φ(c))``; choosing
``c = Φ⁻¹(1 − α / (4m))`` (m: the number of variant pairs, Bonferroni) keeps the chance of ever
naming a false winner at or below ``α`` however often, and whenever, the report is read, even
continuously. Past the planned sample the decision uses only the first planned exposures of each
variant (``t`` never exceeds 1), so waiting longer cannot be used to fish for a winner either.
The price: at the planned size the last threshold is ``c`` (2.24 for two variants, not 1.96), so
the plan asks for a few more viewers than a single-look test would.

The intervals shown for a difference use the same boundary (a repeated confidence interval:
Newcombe's score interval at the look's level), so "interval excludes 0" and "winner" agree.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats as scipy_stats
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    proportion_effectsize,
    test_proportions_2indep,
)

from shopcast.errors import InvalidInputError

BOOTSTRAP_RESAMPLES = 2000
BOOTSTRAP_BATCH = 200


@dataclass(frozen=True)
class Arm:
    """One variant's decision data: ``n`` exposures, ``successes`` of them converted."""

    key: str
    n: int
    successes: int

    @property
    def rate(self) -> float:
        return self.successes / self.n if self.n else 0.0


@dataclass(frozen=True)
class PairTest:
    """The better of two variants against the other at this look."""

    better: str
    worse: str
    difference: float  # conversion of better − worse
    low: float  # repeated confidence interval of the difference at this look
    high: float
    z: float  # the score test's statistic (positive: better converts more)
    boundary: float  # the z a winner needs at this look
    fraction: float  # information fraction of the pair, 0..1
    significant: bool


def pairs(variants: int) -> int:
    return variants * (variants - 1) // 2


def boundary_constant(alpha: float, variants: int) -> float:
    """``c`` with ``P(any pair's |B(t)| ever ≥ c on [0, 1]) ≤ alpha`` (reflection principle,
    Bonferroni over the pairs)."""
    if not 0 < alpha < 1 or variants < 2:
        raise InvalidInputError("alpha must be in (0, 1) and an experiment needs 2+ variants.")
    return float(scipy_stats.norm.isf(alpha / (4 * pairs(variants))))


def boundary(c: float, fraction: float) -> float:
    """The z a winner needs when ``fraction`` of the planned sample is in (∞ at 0)."""
    if fraction <= 0:
        return math.inf
    return c / math.sqrt(min(fraction, 1.0))


def information_fraction(n1: int, n2: int, planned: int) -> float:
    """How much of the planned information a pair holds: the variance of the difference at
    the plan over its variance now, ``(2/N) / (1/n1 + 1/n2)`` (``n/N`` for equal arms)."""
    if n1 <= 0 or n2 <= 0:
        return 0.0
    return min(1.0, (2 / planned) / (1 / n1 + 1 / n2))


def planned_sample_size(
    baseline: float, min_lift: float, *, alpha: float, power: float, variants: int
) -> int:
    """Exposures per variant that detect a relative lift of ``min_lift`` over ``baseline``
    conversion with ``power`` at the last look's threshold (statsmodels' normal power for two
    independent proportions, Cohen's h)."""
    target = baseline * (1 + min_lift)
    if not 0 < baseline < 1 or min_lift <= 0 or target >= 1:
        raise InvalidInputError(
            f"Cannot plan for baseline {baseline:g} and lift {min_lift:g}: both rates must lie "
            "between 0 and 1.",
            hint="Give the conversion you expect (e.g. 0.03) and the smallest relative lift "
            "worth finding (e.g. 0.5 for +50%).",
        )
    final_alpha = 2 * float(scipy_stats.norm.sf(boundary_constant(alpha, variants)))
    effect = abs(float(proportion_effectsize(target, baseline)))
    n = NormalIndPower().solve_power(
        effect_size=effect, alpha=final_alpha, power=power, ratio=1.0, alternative="two-sided"
    )
    return math.ceil(float(n))


def wilson(successes: int, n: int, level: float = 0.95) -> tuple[float, float]:
    """Wilson score interval of one conversion rate (all of [0, 1] without data)."""
    if n <= 0:
        return 0.0, 1.0
    low, high = proportion_confint(successes, n, alpha=1 - level, method="wilson")
    return float(low), float(high)


def score_z(better: Arm, worse: Arm) -> float:
    """Two-proportion score test statistic (Miettinen–Nurminen; 0 when no arm varies)."""
    pooled = better.successes + worse.successes
    if better.n == 0 or worse.n == 0 or pooled in (0, better.n + worse.n):
        return 0.0
    with warnings.catch_warnings():  # its side figures (risk and odds ratios) may divide by 0
        warnings.simplefilter("ignore", RuntimeWarning)
        result = test_proportions_2indep(
            better.successes, better.n, worse.successes, worse.n, method="score", compare="diff"
        )
    return float(result.statistic)


def compare_pair(better: Arm, worse: Arm, *, c: float, planned: int) -> PairTest:
    fraction = information_fraction(better.n, worse.n, planned)
    bound = boundary(c, fraction)
    z = score_z(better, worse)
    low, high = -1.0, 1.0  # all a difference of two rates can be
    level_alpha = 2 * float(scipy_stats.norm.sf(bound)) if math.isfinite(bound) else 0.0
    if level_alpha > 1e-12 and better.n and worse.n:  # else the interval is all of it anyway
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            found = confint_proportions_2indep(
                better.successes,
                better.n,
                worse.successes,
                worse.n,
                method="newcomb",
                compare="diff",
                alpha=level_alpha,
            )
        if all(math.isfinite(v) for v in found):
            low, high = max(-1.0, float(found[0])), min(1.0, float(found[1]))
    return PairTest(
        better=better.key,
        worse=worse.key,
        difference=better.rate - worse.rate,
        low=low,
        high=high,
        z=z,
        boundary=bound,
        fraction=fraction,
        significant=z >= bound,
    )


def leader_of(arms: Sequence[Arm]) -> Arm | None:
    """The arm converting best; None when the best rate is shared (or nothing converted)."""
    ranked = sorted(arms, key=lambda a: a.rate, reverse=True)
    if not ranked or ranked[0].successes == 0:
        return None
    if len(ranked) > 1 and math.isclose(ranked[0].rate, ranked[1].rate):
        return None
    return ranked[0]


def mean_interval(
    values: Sequence[float], *, level: float = 0.95, seed: int = 0
) -> tuple[float, float]:
    """Percentile-bootstrap interval of a mean (scipy), for skewed money per exposure; the
    mean itself when every value is the same."""
    data = np.asarray(values, dtype=float)
    if data.size == 0:
        return 0.0, 0.0
    if data.size < 2 or np.all(data == data[0]):
        return float(data[0]), float(data[0])
    result = scipy_stats.bootstrap(
        (data,),
        np.mean,
        confidence_level=level,
        n_resamples=BOOTSTRAP_RESAMPLES,
        batch=BOOTSTRAP_BATCH,  # resamples held in memory at once (a big arm: 200 × n floats)
        method="percentile",
        rng=np.random.default_rng(seed),
    )
    return float(result.confidence_interval.low), float(result.confidence_interval.high)
