"""The experiment chart: conversion per variant with its interval, and the leader's test over
time against the threshold a winner must cross (which starts high and falls to its final
value at the planned sample: why reading the report often is safe)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from shopcast.errors import OutputError  # noqa: E402
from shopcast.experiments import stats  # noqa: E402
from shopcast.experiments.schemas import ExperimentReport  # noqa: E402

WIN, OTHER, BOUND = "#2ca02c", "#1f77b4", "#d62728"
Z_CEILING = 8.0  # the threshold is drawn up to here (it is infinite at the first viewer)


def write_chart(report: ExperimentReport, path: Path) -> None:
    """Draw ``report`` to the PNG ``path`` (written whole or not at all)."""
    fig, (rates_ax, test_ax) = plt.subplots(1, 2, figsize=(11, 4.5), dpi=100)
    try:
        _rates(rates_ax, report)
        _test(test_ax, report)
        fig.suptitle(f"{report.experiment.name} ({report.experiment.id}): {_status(report)}")
        fig.tight_layout()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part")
        try:
            fig.savefig(tmp, format="png")
            tmp.replace(path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise OutputError(f"Cannot write the experiment chart to {path}: {exc}") from exc
    finally:
        plt.close(fig)


def _status(report: ExperimentReport) -> str:
    verdict = report.verdict
    labels = {v.variant_id: v.label for v in report.variants}
    if verdict.winner:
        return f"{labels[verdict.winner]} wins"
    return verdict.status.replace("_", " ")


def _rates(ax: plt.Axes, report: ExperimentReport) -> None:
    variants = report.variants
    y = np.arange(len(variants))
    rates = np.array([v.conversion * 100 for v in variants])
    low = rates - np.array([v.conversion_low * 100 for v in variants])
    high = np.array([v.conversion_high * 100 for v in variants]) - rates
    colors = [WIN if v.variant_id == report.verdict.winner else OTHER for v in variants]
    ax.barh(y, rates, color=colors, alpha=0.35)
    ax.errorbar(rates, y, xerr=[low, high], fmt="o", color="black", capsize=4)
    ax.set_yticks(y, [f"{v.label} ({v.exposures} exp.)" for v in variants])
    ax.invert_yaxis()
    ax.set_xlim(left=0)
    ax.set_xlabel("exposures that ordered (%), 95% Wilson interval")


def _test(ax: plt.Axes, report: ExperimentReport) -> None:
    design = report.experiment.design
    c = stats.boundary_constant(design.alpha, len(report.variants))
    t = np.linspace(0.02, 1.0, 200)
    ax.plot(t, np.minimum(c / np.sqrt(t), Z_CEILING), color=BOUND, label="a winner must cross")
    ax.axhline(0, color="grey", linewidth=0.8)
    if report.path:
        ax.plot(
            [p.information_fraction for p in report.path],
            [p.z for p in report.path],
            marker=".",
            color=OTHER,
            label="leader vs runner-up (z)",
        )
    ax.set_xlim(0, 1.02)
    ax.set_ylim(min(-1.0, *(p.z for p in report.path)) if report.path else -1.0, Z_CEILING)
    ax.set_xlabel(f"share of the planned {design.exposures_per_variant} exposures per variant")
    ax.set_ylabel("z")
    ax.legend(loc="upper right", fontsize=8)
