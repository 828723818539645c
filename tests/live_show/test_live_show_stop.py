"""``stop()`` ends a real show within seconds while the bundled model is writing the next
segment's script: the model stops at its next token, the threads are not waited for beyond a
few seconds, and the files are closed (HLS playlist ended, status written as stopped).

The bound is generous (15 s) so the test guards against a hang, not a timing target: the
measured stop times are in docs/benchmarks.md."""

from __future__ import annotations

import json
import time
from pathlib import Path

from shopcast.commerce import CommerceService
from shopcast.live.show import parse_show
from shopcast.live.show.registry import ShowRegistry
from shopcast.store import open_database
from show_helpers import sample_shop, wait_for

SHOW = {
    "show": "stop-show",
    "persona": "mina",
    "market": "en-US",
    "size": "360x640",
    "writer": "llm",
    "rundown": [
        {"product": "glow-serum", "seconds": 20, "segments": ["hook", "demo"]},
        {"product": "boxy-tee", "seconds": 20, "segments": ["hook", "demo"]},
    ],
}
STOP_BOUND_S = 15.0


def test_stop_within_seconds_while_the_model_writes(tmp_path: Path, models_dir: Path) -> None:
    settings = sample_shop(tmp_path / "home", models_dir)
    db = open_database(settings)
    registry = ShowRegistry(settings, db, CommerceService(db))
    try:
        runner = registry.start(parse_show(SHOW, "test"))
        assert runner.wait_until_live(120), runner.status()
        # the host talks at once (composed lines) while the model writes the next segment
        wait_for(lambda: runner.status().lines_spoken > 0, 60, "the host's first line")
        wait_for(lambda: runner.scripts.writing, 30, "the model writing ahead")
        time.sleep(2.0)  # well into the prompt or the reply
        assert runner.scripts.writing
        started = time.monotonic()
        registry.stop("stop-show")
        took = time.monotonic() - started
    finally:
        registry.stop_all()
        db.close()
    assert took < STOP_BOUND_S, f"stop took {took:.1f} s"
    assert runner.state().status == "stopped"
    assert "#EXT-X-ENDLIST" in (runner.hls_dir / "index.m3u8").read_text()
    status = json.loads((runner.out_dir / "status.json").read_text())
    assert status["status"] == "stopped"
    assert not runner.running
