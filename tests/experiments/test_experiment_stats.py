"""The decision rule's statistics: its threshold, the plan, the intervals, and — by simulation —
that reading the report at every look keeps false winners at 5% while a naive test does not,
and that the plan finds the lift it was made for."""

from __future__ import annotations

import math

import numpy as np
import pytest

from shopcast.errors import InvalidInputError
from shopcast.experiments import stats


def test_the_threshold_constant_and_its_shape():
    # P(sup |B| ≥ c) ≤ 4(1 − Φ(c)) = 5%: c = Φ⁻¹(0.9875)
    assert stats.boundary_constant(0.05, 2) == pytest.approx(2.2414, abs=1e-4)
    # three variants: three pairs share the 5%
    assert stats.boundary_constant(0.05, 3) == pytest.approx(2.6383, abs=1e-4)
    c = stats.boundary_constant(0.05, 2)
    assert stats.boundary(c, 0.25) == pytest.approx(2 * c)
    assert stats.boundary(c, 1.0) == stats.boundary(c, 3.0) == pytest.approx(c)
    assert math.isinf(stats.boundary(c, 0.0))
    with pytest.raises(InvalidInputError):
        stats.boundary_constant(0.05, 1)


def test_information_fraction():
    assert stats.information_fraction(100, 100, 400) == pytest.approx(0.25)
    # unequal arms hold less information than their mean size
    assert stats.information_fraction(50, 150, 400) == pytest.approx(0.1875)
    assert stats.information_fraction(0, 100, 400) == 0.0
    assert stats.information_fraction(800, 800, 400) == 1.0


def test_the_plan_follows_the_normal_power_formula():
    n = stats.planned_sample_size(0.03, 0.5, alpha=0.05, power=0.8, variants=2)
    # n = 2 (z_{α'/2} + z_power)² / h², α' the last look's level (c = 2.2414), h Cohen's h
    h = 2 * math.asin(math.sqrt(0.045)) - 2 * math.asin(math.sqrt(0.03))
    assert n == math.ceil(2 * (2.241403 + 0.841621) ** 2 / h**2)
    assert stats.planned_sample_size(0.03, 1.0, alpha=0.05, power=0.8, variants=2) < n
    assert stats.planned_sample_size(0.03, 0.5, alpha=0.05, power=0.8, variants=3) > n
    with pytest.raises(InvalidInputError, match="between 0 and 1"):
        stats.planned_sample_size(0.6, 1.0, alpha=0.05, power=0.8, variants=2)


def test_wilson_interval():
    low, high = stats.wilson(60, 1000)
    assert (low, high) == pytest.approx((0.04690, 0.07647), abs=1e-5)
    assert stats.wilson(0, 40)[0] == 0.0 and stats.wilson(0, 40)[1] == pytest.approx(0.0876, 1e-3)
    assert stats.wilson(0, 0) == (0.0, 1.0)


def test_pair_test_and_its_interval_agree():
    c = stats.boundary_constant(0.05, 2)
    better, worse = stats.Arm("b", 1000, 60), stats.Arm("a", 1000, 30)
    test = stats.compare_pair(better, worse, c=c, planned=1000)
    assert test.z == pytest.approx(3.2351, abs=1e-3)  # the score test (statsmodels)
    assert test.boundary == pytest.approx(c) and test.significant
    assert test.low > 0 and test.difference == pytest.approx(0.03)
    early = stats.compare_pair(better, worse, c=c, planned=4000)  # a quarter of the plan
    assert not early.significant and early.low < 0 < early.high
    nothing = stats.compare_pair(stats.Arm("b", 50, 0), stats.Arm("a", 50, 0), c=c, planned=100)
    assert nothing.z == 0.0 and not nothing.significant


def test_leader():
    assert stats.leader_of([stats.Arm("a", 10, 1), stats.Arm("b", 10, 2)]).key == "b"
    assert stats.leader_of([stats.Arm("a", 10, 2), stats.Arm("b", 20, 4)]) is None  # a tie
    assert stats.leader_of([stats.Arm("a", 10, 0), stats.Arm("b", 10, 0)]) is None


def test_bootstrap_interval_of_a_skewed_mean():
    values = [0.0] * 95 + [28.0] * 5
    low, high = stats.mean_interval(values, seed=1)
    assert low < 1.4 < high and low >= 0
    assert stats.mean_interval(values, seed=1) == (low, high)  # seeded: the same every time
    assert stats.mean_interval([0.0] * 10) == (0.0, 0.0)
    assert stats.mean_interval([]) == (0.0, 0.0)


def _sequential_looks(rate_a: float, rate_b: float, planned: int, runs: int, seed: int):
    """Share of simulated experiments in which the sequential rule, and a plain 1.96 test,
    named a winner at any of the looks made every 50 exposures per variant up to the plan."""
    rng = np.random.default_rng(seed)
    c = stats.boundary_constant(0.05, 2)
    looks = [*range(50, planned, 50), planned]
    sequential = naive = 0
    for _ in range(runs):
        a = np.cumsum(rng.random(planned) < rate_a)
        b = np.cumsum(rng.random(planned) < rate_b)
        hit_sequential = hit_naive = False
        for n in looks:
            arms = sorted(
                (stats.Arm("a", n, int(a[n - 1])), stats.Arm("b", n, int(b[n - 1]))),
                key=lambda arm: arm.rate,
                reverse=True,
            )
            z = stats.score_z(*arms)
            hit_sequential |= z >= stats.boundary(c, n / planned)
            hit_naive |= z >= 1.96
        sequential += hit_sequential
        naive += hit_naive
    return sequential / runs, naive / runs


def test_reading_the_report_at_every_look_keeps_false_winners_at_five_percent():
    planned = stats.planned_sample_size(0.05, 0.5, alpha=0.05, power=0.8, variants=2)
    sequential, naive = _sequential_looks(0.05, 0.05, planned, runs=400, seed=2026)
    # 400 A/A experiments, 36 looks each: the trap (a plain test read at every look) names a
    # false winner in about a quarter; the sequential rule stays at 5% (binomial error ~1.1%).
    assert sequential <= 0.07
    assert naive >= 0.15


def test_the_plan_finds_the_lift_it_was_made_for():
    planned = stats.planned_sample_size(0.05, 0.5, alpha=0.05, power=0.8, variants=2)
    found, _ = _sequential_looks(0.05, 0.075, planned, runs=300, seed=7)
    assert found >= 0.72  # 80% planned power, minus simulation error
