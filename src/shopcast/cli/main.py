"""The ``shopcast`` command: Typer sub-commands over the same services as the Python API."""

from __future__ import annotations

import typer

from shopcast.cli import catalog, doctor, models, persona, report, script, video

app = typer.Typer(
    name="shopcast",
    help="AI virtual hosts for live commerce.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(catalog.app, name="catalog", help="Import and list products.")
app.add_typer(persona.app, name="persona", help="Create, list and show personas.")
app.add_typer(models.app, name="models", help="Assemble and verify the bundled models.")
app.command("script")(script.script_command)
app.command("video")(video.video_command)
app.command("doctor")(doctor.doctor_command)
app.command("demo")(video.demo_command)
app.command("report")(report.report_command)

if __name__ == "__main__":
    app()
