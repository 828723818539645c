"""One video per variant of an experiment, each tagged with its variant (MP4 metadata and
``<stem>.experiment.json``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from shopcast.api import Shopcast
from shopcast.experiments.schemas import ExperimentPublic, VariantPublic
from shopcast.experiments.tags import VariantTag
from shopcast.video.job import ProgressFn, VideoResult


def variant_tag(experiment: ExperimentPublic, variant_id: str) -> VariantTag:
    variant = experiment.variant(variant_id)
    return VariantTag(
        experiment_id=experiment.id,
        variant_id=variant.id,
        label=variant.label,
        experiment_name=experiment.name,
        product_sku=experiment.product_sku,
        market=experiment.market,
    )


def render_variant_videos(
    sc: Shopcast,
    experiment: ExperimentPublic,
    *,
    persona: str,
    out_dir: Path,
    aspect: str = "9:16",
    seed: int = 0,
    on_progress: ProgressFn | None = None,
    on_variant: Callable[[VariantPublic], None] | None = None,
) -> list[VideoResult]:
    """Render ``<out_dir>/<variant id>.mp4`` for each variant, in order (one failure stops the
    rest; videos already made stay, each complete)."""
    results = []
    for variant in experiment.variants:
        if on_variant:
            on_variant(variant)
        results.append(
            sc.render_video(
                experiment.product_sku,
                persona,
                experiment.market,
                out_dir / f"{variant.id}.mp4",
                aspect=aspect,
                script=variant.script,
                seed=seed,
                on_progress=on_progress,
                tag=variant_tag(experiment, variant.id),
            )
        )
    return results
