"""``shopcast consent`` as an operator uses it: add, list, check, revoke."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from shopcast.cli.main import app
from shopcast.persona.types import Persona

runner = CliRunner()


def test_add_list_check_revoke(tmp_path: Path, nova: Persona, signed_pdf: Path) -> None:
    persona_file = tmp_path / "nova.yaml"
    persona_file.write_text(yaml.safe_dump(nova.model_dump(mode="json")), encoding="utf-8")
    assert runner.invoke(app, ["persona", "create", str(persona_file)]).exit_code == 0

    refused = runner.invoke(app, ["consent", "check", "--persona", "nova", "--market", "en-US"])
    assert refused.exit_code == 2
    assert "consent add --persona nova" in " ".join(refused.output.split())

    added = runner.invoke(
        app,
        [
            "consent",
            "add",
            "--persona",
            "nova",
            "--subject",
            "Jane Doe",
            "--scope",
            "video,live",
            "--markets",
            "en-US,ko-KR",
            "--expires",
            "2099-06-30",
            "--document",
            str(signed_pdf),
            "--by",
            "legal-team",
        ],
    )
    assert added.exit_code == 0, added.output
    assert "Recorded consent #1" in added.output

    listed = json.loads(runner.invoke(app, ["consent", "list", "--json"]).stdout)
    assert [(c["id"], c["persona"], c["status"], c["created_by"]) for c in listed] == [
        (1, "nova", "active", "legal-team")
    ]
    assert listed[0]["scope"] == ["video", "live"]

    ok = runner.invoke(
        app, ["consent", "check", "--persona", "nova", "--market", "ko-KR", "--use", "live"]
    )
    assert ok.exit_code == 0 and "consent #1" in ok.output

    revoked = runner.invoke(app, ["consent", "revoke", "1", "--reason", "contract ended"])
    assert revoked.exit_code == 0 and "Revoked consent #1" in revoked.output
    listed = json.loads(runner.invoke(app, ["consent", "list", "--json"]).stdout)
    assert listed[0]["status"] == "revoked" and listed[0]["revoked_reason"] == "contract ended"
    after = runner.invoke(app, ["consent", "check", "--persona", "nova", "--market", "en-US"])
    assert after.exit_code == 2 and "contract ended" in after.output


def test_bad_input_is_a_clear_error(signed_pdf: Path) -> None:
    result = runner.invoke(
        app,
        [
            "consent",
            "add",
            "--persona",
            "mina",
            "--subject",
            "Jane Doe",
            "--scope",
            "video,tv",
            "--markets",
            "en-US",
            "--expires",
            "2099-01-01",
            "--document",
            str(signed_pdf),
        ],
    )
    assert result.exit_code == 2 and "'tv'" in result.output
    missing = runner.invoke(app, ["consent", "revoke", "42", "--reason", "x"])
    assert missing.exit_code == 2 and "#42" in missing.output
