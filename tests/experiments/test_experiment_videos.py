"""A video per variant, on the real engines: each MP4 carries its experiment and variant ids in
its metadata (kept through C2PA signing) and in ``<variant id>.experiment.json``; the CLI does
the same."""

from __future__ import annotations

import json
from pathlib import Path

import av
import pytest
from typer.testing import CliRunner

from shopcast.api import Shopcast
from shopcast.cli.main import app
from shopcast.config import Settings
from shopcast.experiments.schemas import ExperimentCreate, VariantIn
from shopcast.experiments.service import ExperimentService
from shopcast.experiments.videos import render_variant_videos
from shopcast.provenance import read_provenance
from shopcast.writing.script import Beat, Script

pytestmark = pytest.mark.slow


def short_script(sku: str, line: str) -> Script:
    return Script(
        product_sku=sku,
        persona="mina",
        market="en-US",
        language="en",
        length_target_s=2,
        beats=[Beat.make("hook", line, "en")],
    )


def test_each_variant_video_carries_its_ids(tmp_path: Path, models_dir: Path):
    home = tmp_path / "home"
    sc = Shopcast(Settings(home=home, models=models_dir))
    sc.import_sample_catalog()
    sku = sc.catalog.list_products()[0].sku
    service = ExperimentService(sc.db)
    experiment = service.create(
        ExperimentCreate(
            name="Two hooks",
            variants=[
                VariantIn(script=short_script(sku, "Dry skin?"), angle="problem"),
                VariantIn(script=short_script(sku, "Look at this."), angle="demo"),
            ],
        ),
        actor="test",
    )
    out = tmp_path / "videos"
    results = render_variant_videos(sc, experiment, persona="mina", out_dir=out)
    for variant, result in zip(experiment.variants, results, strict=True):
        assert result.outputs.video == out / f"{variant.id}.mp4"
        with av.open(str(result.outputs.video)) as container:
            tags = container.metadata
        assert tags["shopcast_experiment"] == experiment.id
        assert tags["shopcast_variant"] == variant.id
        assert f"variant {variant.label}" in tags["comment"]
        side = json.loads((out / f"{variant.id}.experiment.json").read_text("utf-8"))
        assert (side["experiment_id"], side["variant_id"], side["label"]) == (
            experiment.id,
            variant.id,
            variant.label,
        )
        assert side["link_query"] == f"?experiment={experiment.id}&variant={variant.id}"
        assert read_provenance(result.outputs.video, sc.settings).state == "Trusted"
        assert json.loads(result.outputs.script.read_text("utf-8"))["beats"][0]["text"] == (
            variant.script.beats[0].text
        )

    cli_out = tmp_path / "cli"
    result = CliRunner().invoke(
        app,
        ["experiment", "videos", experiment.id, "--persona", "mina", "--out", str(cli_out)],
        env={"SHOPCAST_HOME": str(home), "SHOPCAST_MODELS": str(models_dir)},
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in cli_out.glob("*.experiment.json")) == [
        f"{v.id}.experiment.json" for v in experiment.variants
    ]
