"""``shopcast experiment``: create from script files (one or a list each), start, list, show,
stop; bad input is a clear message."""

from __future__ import annotations

import json
import re
from pathlib import Path

from experiment_simulation import add_serum, script
from typer.testing import CliRunner

from shopcast.cli.main import app
from shopcast.config import load_settings
from shopcast.store import open_database

runner = CliRunner(env={"COLUMNS": "200"})


def test_create_start_show_list_and_stop(tmp_path: Path):
    settings = load_settings()  # this test's SHOPCAST_HOME (conftest)
    db = open_database(settings)
    add_serum(db, settings)
    db.close()
    one = tmp_path / "a.json"
    one.write_text(script("A").to_json(), encoding="utf-8")
    pair = tmp_path / "bc.json"  # as `shopcast script --variants 2 --out` writes them
    pair.write_text(json.dumps([json.loads(script(x).to_json()) for x in "BC"]), "utf-8")
    angles = ["--angle", "problem", "--angle", "demo", "--angle", "price"]
    created = runner.invoke(
        app,
        ["experiment", "create", "--name", "Serum hooks", "--scripts", str(one)]
        + ["--scripts", str(pair), *angles, "--baseline", "0.05", "--lift", "1", "--start"],
    )
    assert created.exit_code == 0, created.output
    exp_id = re.search(r"exp-[0-9a-f]{8}", created.output).group(0)
    assert "running" in created.output and "Dry skin by noon?" in created.output
    assert "Plan: 654 exposures per variant" in created.output  # three variants, 5% → 10%
    listed = runner.invoke(app, ["experiment", "list", "--status", "running"])
    assert exp_id in listed.output and "A B C" in listed.output
    shown = runner.invoke(app, ["experiment", "show", exp_id])
    assert f"{exp_id}-c" in shown.output and "price" in shown.output
    report = runner.invoke(
        app, ["report", "--experiment", exp_id, "--out", str(tmp_path / "r.png")]
    )
    assert report.exit_code == 0 and "Not enough data" in report.output
    stopped = runner.invoke(app, ["experiment", "stop", exp_id])
    assert stopped.exit_code == 0 and "stopped" in stopped.output
    again = runner.invoke(app, ["experiment", "stop", exp_id])
    assert again.exit_code == 2 and "only a running one can stop" in again.output


def test_bad_input_is_a_clear_message(tmp_path: Path):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    result = runner.invoke(app, ["experiment", "create", "--name", "x", "--scripts", str(broken)])
    assert result.exit_code == 2 and "Cannot read scripts from" in result.output
    single = tmp_path / "a.json"
    single.write_text(script("A").to_json(), encoding="utf-8")
    result = runner.invoke(app, ["experiment", "create", "--name", "x", "--scripts", str(single)])
    assert result.exit_code == 2 and "variants" in result.output
    result = runner.invoke(
        app,
        ["experiment", "create", "--name", "x", "--scripts", str(single), "--scripts", str(single)]
        + ["--angle", "only-one"],
    )
    assert result.exit_code == 2 and "give one per script" in result.output
