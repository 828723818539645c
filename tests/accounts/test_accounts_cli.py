"""The CLI as an administrator runs it: the first owner, users, API keys and the audit log,
against the same database the API serves."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from shopcast.cli.main import app
from shopcast.config import load_settings
from shopcast.web.app import create_app

runner = CliRunner()


def test_first_owner_users_and_keys_from_the_cli():
    made = runner.invoke(
        app,
        ["users", "create", "Boss", "--role", "owner", "--password-stdin"],
        input="correct horse battery\n",
    )
    assert made.exit_code == 0, made.output
    assert "Created boss (owner)" in made.output
    weak = runner.invoke(
        app, ["users", "create", "al", "--role", "viewer", "--password-stdin"], input="short\n"
    )
    assert weak.exit_code == 2 and "at least 8 characters" in weak.output
    bad_role = runner.invoke(app, ["users", "create", "al", "--role", "admin", "--password-stdin"])
    assert bad_role.exit_code == 2 and "Unknown role 'admin'" in bad_role.output
    bad_name = runner.invoke(
        app,
        ["users", "create", "a b", "--role", "viewer", "--password-stdin"],
        input="correct horse battery\n",
    )
    assert bad_name.exit_code == 2 and "Invalid input: name" in bad_name.output

    last = runner.invoke(app, ["users", "set-role", "boss", "viewer"])
    assert last.exit_code == 2 and "last active owner" in last.output

    key_run = runner.invoke(app, ["keys", "create", "--role", "operator", "--name", "bot"])
    assert key_run.exit_code == 0, key_run.output
    key = key_run.stdout.strip().splitlines()[-1]
    assert key.startswith("sk_")
    listed = json.loads(runner.invoke(app, ["keys", "list", "--json"]).stdout)
    assert [(k["name"], k["role"]) for k in listed] == [("bot", "operator")]
    assert key not in json.dumps(listed) and listed[0]["prefix"] == key[:11]

    users = json.loads(runner.invoke(app, ["users", "list", "--json"]).stdout)
    assert [(u["name"], u["role"], u["disabled"]) for u in users] == [("boss", "owner", False)]

    # The API over the same database knows both.
    with TestClient(create_app(load_settings(), maintenance_interval_s=None)) as client:
        who = client.get("/auth/me", headers={"Authorization": f"Bearer {key}"}).json()
        assert (who["name"], who["role"]) == ("key:bot", "operator")
        login = client.post(
            "/auth/login", json={"name": "boss", "password": "correct horse battery"}
        )
        assert login.status_code == 200

    revoked = runner.invoke(app, ["keys", "revoke", str(listed[0]["id"])])
    assert revoked.exit_code == 0 and "Revoked" in revoked.output
    assert json.loads(runner.invoke(app, ["keys", "list", "--json"]).stdout) == []

    trail = json.loads(runner.invoke(app, ["audit", "--json"]).stdout)
    actions = [e["action"] for e in reversed(trail)]
    assert actions == ["users.create", "keys.create", "auth.login", "keys.revoke"]
    assert trail[-1]["actor"].startswith("cli:") and trail[1]["actor"] == "boss"
    assert key not in json.dumps(trail)
