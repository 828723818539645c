"""The ``shopcast`` command: Typer sub-commands over the same services as the Python API."""

from __future__ import annotations

import typer

from shopcast.cli import (
    accounts,
    catalog,
    consent,
    doctor,
    experiment,
    live,
    models,
    persona,
    platforms,
    provenance,
    report,
    script,
    video,
)

app = typer.Typer(
    name="shopcast",
    help="AI virtual hosts for live commerce.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(catalog.app, name="catalog", help="Import and list products.")
app.add_typer(persona.app, name="persona", help="Create, list and show personas.")
app.add_typer(models.app, name="models", help="Assemble and verify the bundled models.")
app.add_typer(live.app, name="live", help="Run live shows: start, status, stop.")
app.add_typer(consent.app, name="consent", help="Consent for real likenesses and voices.")
app.add_typer(provenance.app, name="provenance", help="Read C2PA Content Credentials.")
app.add_typer(platforms.app, name="platforms", help="Destination policies for going live.")
app.add_typer(accounts.users_app, name="users", help="Accounts: create, list, change roles.")
app.add_typer(accounts.keys_app, name="keys", help="API keys for automation.")
app.add_typer(experiment.app, name="experiment", help="A/B test script variants of a product.")
app.command("audit")(accounts.audit_command)
app.command("script")(script.script_command)
app.command("video")(video.video_command)
app.command("doctor")(doctor.doctor_command)
app.command("demo")(video.demo_command)
app.command("report")(report.report_command)

if __name__ == "__main__":
    app()
