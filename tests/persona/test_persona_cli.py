"""``shopcast persona`` through Typer's CliRunner."""

from __future__ import annotations

import json

import yaml
from typer.testing import CliRunner

from shopcast.cli.persona import app

runner = CliRunner()

NOVA = """
name: nova
display_name: Nova
personality: calm and precise
speaking_style: short sentences
markets:
  ja-JP:
    voice: {engine: kokoro, voice: jf_alpha}
    look: {pack: seoul-glow}
"""


def test_create_list_show(settings, tmp_path) -> None:
    path = tmp_path / "nova.yaml"
    path.write_text(NOVA)
    created = runner.invoke(app, ["create", str(path)])
    assert created.exit_code == 0, created.output
    again = runner.invoke(app, ["create", str(path)])
    assert again.exit_code == 2 and "already exists" in again.output
    assert runner.invoke(app, ["create", str(path), "--replace"]).exit_code == 0

    listed = runner.invoke(app, ["list", "--json"])
    assert [p["name"] for p in json.loads(listed.stdout)] == ["mina", "jay", "rosa", "nova"]

    shown = runner.invoke(app, ["show", "mina"])
    assert shown.exit_code == 0
    mina = yaml.safe_load(shown.stdout)
    assert mina["markets"]["ko-KR"]["look"]["pack"] == "seoul-glow"
    as_json = json.loads(runner.invoke(app, ["show", "jay", "--json"]).stdout)
    assert as_json["markets"]["en-US"]["voice"]["voice"] == "am_michael"
    assert "Mina" in runner.invoke(app, ["list"]).output


def test_errors_exit_2(settings, tmp_path) -> None:
    result = runner.invoke(app, ["show", "zed"])
    assert result.exit_code == 2 and "Available personas" in result.output
    bad = tmp_path / "bad.yaml"
    bad.write_text(NOVA.replace("display_name: Nova\n", ""))
    result = runner.invoke(app, ["create", str(bad)])
    assert result.exit_code == 2 and "display_name" in result.output
