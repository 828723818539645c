"""Simulated experiments with a known truth, through the real analytics and commerce layers:
the report finds a real winner, declares none on too little data, and none in an A/A test."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from experiment_simulation import (
    Shop,
    add_serum,
    create_experiment,
    simulate_live_rotation,
    simulate_videos,
)
from typer.testing import CliRunner

from shopcast.cli.main import app
from shopcast.commerce import ManualClock
from shopcast.config import Settings
from shopcast.experiments.service import ExperimentService
from shopcast.store import Database, open_database

T0 = datetime(2026, 11, 27, 18, 0, tzinfo=UTC)


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("SHOPCAST_HOME", str(tmp_path))
    return Settings(home=tmp_path)


@pytest.fixture
def db(settings: Settings) -> Iterator[Database]:
    database = open_database(settings)
    add_serum(database, settings)
    yield database
    database.close()


def run(
    db: Database, conversion: dict[str, float], viewers: int | None, seed: int, **design: object
):
    """Simulate ``viewers`` per variant (None: the experiment's plan) and report at the end."""
    clock = ManualClock(T0)
    service = ExperimentService(db, clock=clock)
    experiment = create_experiment(service, tuple(conversion), **design)
    service.start(experiment.id)
    viewers = viewers or experiment.design.exposures_per_variant
    tally = simulate_videos(
        Shop(db, clock),
        service.get(experiment.id),
        conversion,
        viewers_per_variant=viewers,
        start=T0,
        seed=seed,
    )
    clock.set(T0 + timedelta(seconds=20 * viewers * len(conversion) + 60))
    return service.report(experiment.id), tally


def test_a_real_winner_is_found_with_an_interval_around_the_truth(db):
    # B truly converts 12% against A's 3%; the plan looks for 3% → 9% (279 per variant).
    report, tally = run(db, {"A": 0.03, "B": 0.12}, 280, seed=7, baseline_rate=0.03, min_lift=2.0)
    a, b = report.variants
    assert report.experiment.design.exposures_per_variant == 279
    # every simulated viewer and order is attributed to the variant it saw, once
    assert (a.exposures, b.exposures) == (280, 280)
    assert (a.orders, b.orders) == (tally.orders["A"], tally.orders["B"])
    assert (a.viewers, a.views) == (280, 280)
    assert (
        b.gmv == b.orders * 28
        and b.gmv_per_exposure_low < b.gmv_per_exposure < b.gmv_per_exposure_high
    )
    verdict = report.verdict
    assert verdict.status == "winner" and verdict.winner == b.variant_id == verdict.leader
    assert verdict.message.startswith("B wins")
    [pair] = report.comparisons
    assert pair.significant and pair.z >= pair.boundary
    assert pair.low < 0.09 < pair.high and pair.low > 0  # the true gap, and not zero
    assert b.conversion_low < 0.12 < b.conversion_high
    assert report.path and report.path[-1].z >= report.path[-1].boundary


def test_too_little_data_names_no_winner(db):
    # B looks far ahead, but 40 viewers per variant are too few for any verdict.
    report, tally = run(db, {"A": 0.0, "B": 0.25}, 40, seed=3)
    assert tally.orders["A"] == 0 and tally.orders["B"] >= 5
    assert report.verdict.status == "not_enough_data"
    assert report.verdict.winner is None
    assert report.verdict.leader == report.variants[1].variant_id  # the leader is named...
    assert "Not enough data" in report.verdict.message  # ...with what is missing
    assert "needs 100 exposures (A 40, B 40)" in report.verdict.message


def test_an_a_a_test_names_no_winner(db):
    # Both variants convert 5%; at the full plan (514 per variant) the verdict is final.
    report, _ = run(db, {"A": 0.05, "B": 0.05}, None, seed=11, baseline_rate=0.05, min_lift=1.0)
    assert report.experiment.design.exposures_per_variant == 514
    assert report.information_fraction == 1.0
    assert report.verdict.status == "no_winner" and report.verdict.winner is None
    [pair] = report.comparisons
    assert pair.low < 0 < pair.high and not pair.significant


def test_the_cli_prints_the_verdict_and_draws_the_chart(db, settings, tmp_path):
    report, _ = run(db, {"A": 0.03, "B": 0.12}, 280, seed=7, baseline_rate=0.03, min_lift=2.0)
    ExperimentService(db, clock=ManualClock(report.window_end)).stop(report.experiment.id)
    png = tmp_path / "exp.png"
    result = CliRunner().invoke(
        app,
        ["report", "--experiment", report.experiment.id, "--out", str(png)],
        env={"SHOPCAST_HOME": str(settings.home), "COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    assert "B wins" in result.output and "B ★" in result.output
    assert "conversion [95%]" in result.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    as_json = CliRunner().invoke(
        app,
        ["report", "--experiment", report.experiment.id, "--json"],
        env={"SHOPCAST_HOME": str(settings.home)},
    )
    assert '"status": "winner"' in as_json.output


def test_a_live_show_rotating_variants_finds_the_one_that_sells(db):
    # The show airs the serum every 2 minutes, rotating A/B in randomised blocks; viewers come
    # and go, and B sells 8% of the stretches it airs to against A's 2%.
    clock = ManualClock(T0)
    service = ExperimentService(db, clock=clock)
    experiment = create_experiment(service, ("A", "B"), baseline_rate=0.02, min_lift=3.0)
    service.start(experiment.id)
    tally = simulate_live_rotation(
        Shop(db, clock),
        service.get(experiment.id),
        {"A": 0.02, "B": 0.08},
        show_id="serum-live",
        segments=30,
        start=T0,
        seed=5,
    )
    clock.set(T0 + timedelta(hours=2))
    report = service.report(experiment.id)
    a, b = report.variants
    assert (a.exposures, b.exposures) == (tally.exposures["A"], tally.exposures["B"])
    assert (a.orders, b.orders) == (tally.orders["A"], tally.orders["B"])
    assert report.viewers_in_several_variants > 100  # viewers stayed through rotations
    assert report.verdict.status == "winner" and report.verdict.winner == b.variant_id
