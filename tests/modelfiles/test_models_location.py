"""One models location for setup, the CLI and the tests: ``Settings.models_dir`` —
SHOPCAST_MODELS, else $SHOPCAST_HOME/models, else ~/.shopcast/models — and ``shopcast doctor``
says where it looked (the README's test command failed for a user with SHOPCAST_HOME set)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from shopcast.config import Settings
from shopcast.doctor import run_checks

ROOT = Path(__file__).resolve().parents[2]


def _env(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SHOPCAST_HOME", "SHOPCAST_MODELS")}
    env.update(values)
    return env


def test_settings_choose_one_location_and_say_why(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SHOPCAST_MODELS")
    monkeypatch.setenv("SHOPCAST_HOME", str(tmp_path / "home"))
    home_only = Settings()
    assert home_only.models_dir == tmp_path / "home" / "models"
    assert home_only.models_dir_source == "$SHOPCAST_HOME/models"
    monkeypatch.setenv("SHOPCAST_MODELS", str(tmp_path / "elsewhere"))
    assert Settings().models_dir == tmp_path / "elsewhere"
    assert Settings().models_dir_source == "SHOPCAST_MODELS"
    monkeypatch.delenv("SHOPCAST_MODELS")
    monkeypatch.delenv("SHOPCAST_HOME")
    default = Settings()
    assert default.models_dir == Path.home() / ".shopcast" / "models"
    assert default.models_dir_source.startswith("the default")


def _run(code: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_tests_and_cli_look_where_setup_assembles(tmp_path: Path) -> None:
    """With only SHOPCAST_HOME set (as in the report), the tests' models folder, the one
    ``shopcast models install`` fills and the one ``shopcast models list`` reads agree."""
    home = tmp_path / "home"
    env = _env(SHOPCAST_HOME=str(home))
    tests_dir = _run(
        "import importlib.util, sys; sys.path.insert(0, 'tests');"
        "spec = importlib.util.spec_from_file_location('root_conftest', 'tests/conftest.py');"
        "module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module);"
        "print(module.MODELS_DIR)",
        env,
    )
    setup_dir = _run(
        "from shopcast.config import load_settings; print(load_settings().models_dir)", env
    )
    assert Path(tests_dir) == Path(setup_dir) == home / "models"
    listed = _run("from shopcast.cli.main import app; app(['models', 'list'])", env)
    assert f"models folder: {home / 'models'} (from $SHOPCAST_HOME/models)" in " ".join(
        listed.split()
    )


@pytest.mark.parametrize("present", [True, False])
def test_doctor_says_where_it_looked(tmp_path: Path, present: bool) -> None:
    folder = tmp_path / "models"
    if present:
        folder.mkdir()
    settings = Settings(home=tmp_path, models=folder)
    checks = [c for c in run_checks(settings) if c.group == "models"]
    found = next(c for c in checks if c.name == "models folder")
    assert found.ok is present
    assert f"{folder} (from SHOPCAST_MODELS)" in found.detail
    if not present:
        assert "does not exist" in found.detail and "scripts/setup.sh" in found.fix
    missing = next(c for c in checks if c.name == "kokoro")
    assert not missing.ok and str(folder) in missing.detail  # each model names its path


def test_doctor_cli_json_names_the_folder(tmp_path: Path) -> None:
    env = _env(SHOPCAST_HOME=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-m", "shopcast.cli.main", "doctor", "--json"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    checks = json.loads(done.stdout)
    folder = next(c for c in checks if c["name"] == "models folder")
    assert folder["detail"] == f"{tmp_path / 'models'} (from $SHOPCAST_HOME/models) does not exist"
