"""A Rich progress display for multi-stage jobs (script → speech → render)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from shopcast.video.job import ProgressFn

_LABELS = {"script": "Writing script", "speech": "Speaking beats", "render": "Rendering frames"}


@contextmanager
def stage_progress(console: Console) -> Iterator[ProgressFn]:
    with Progress(
        TextColumn("{task.description:<18}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=False,
    ) as progress:
        tasks: dict[str, TaskID] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = progress.add_task(_LABELS.get(stage, stage), total=total)
            progress.update(tasks[stage], completed=done, total=total)

        yield update
