"""The CLI as a user runs it: doctor, models, and a video from a ready script file."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from shopcast.cli.main import app
from shopcast.writing.script import Beat, Script

runner = CliRunner()


def test_doctor_reports_every_group_as_json():
    result = runner.invoke(app, ["doctor", "--json"])
    checks = json.loads(result.stdout)
    groups = {c["group"] for c in checks}
    assert groups >= {"python", "system", "models", "data"}
    failed = [c for c in checks if not c["ok"]]
    assert all(c["fix"] for c in failed), failed  # anything missing says how to fix it
    assert result.exit_code == (1 if failed else 0)


def test_doctor_names_the_fix_for_a_missing_model(tmp_path, monkeypatch):
    monkeypatch.setenv("SHOPCAST_MODELS", str(tmp_path / "empty-models"))
    result = runner.invoke(app, ["doctor", "--json"])
    assert result.exit_code == 1
    models = [c for c in json.loads(result.stdout) if c["group"] == "models"]
    assert models and all(not c["ok"] and "models install" in c["fix"] for c in models)


def test_unknown_product_is_a_clear_error(tmp_path):
    result = runner.invoke(
        app,
        [
            "video",
            "--product",
            "nope",
            "--persona",
            "mina",
            "--market",
            "en-US",
            "--out",
            str(tmp_path / "a.mp4"),
        ],
    )
    assert result.exit_code == 2
    assert "nope" in result.output
    assert not list(tmp_path.iterdir())


@pytest.mark.slow
def test_video_from_a_ready_script_file(tmp_path):
    assert runner.invoke(app, ["catalog", "import", "--sample"]).exit_code == 0
    script = Script(
        product_sku="soy-candle",
        persona="rosa",
        market="es-ES",
        language="es",
        length_target_s=6,
        beats=[
            Beat.make("hook", "¡Hola a todos! Mirad esta vela.", "es"),
            Beat.make("cta", "Toca la tarjeta de abajo.", "es"),
        ],
    )
    path = tmp_path / "script.json"
    path.write_text(script.to_json(), encoding="utf-8")
    out = tmp_path / "vela.mp4"
    result = runner.invoke(
        app,
        [
            "video",
            "--product",
            "soy-candle",
            "--persona",
            "rosa",
            "--market",
            "es-ES",
            "--aspect",
            "16:9",
            "--script",
            str(path),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    from shopcast.media.probe import probe

    info = probe(out)
    assert (info.width, info.height) == (1920, 1080)
    assert (tmp_path / "vela.srt").read_text(encoding="utf-8").count("-->") >= 2
    assert (tmp_path / "vela.jpg").stat().st_size > 10_000
