"""``shopcast live stop`` waits for the show's process to end: a process that has exited but
whose parent has not reaped it yet (a zombie) has ended — before, ``live stop`` waited its whole
timeout for it and then suggested ``kill -9``."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from shopcast.cli.live import _alive


def test_an_exited_unreaped_process_is_not_alive() -> None:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(0.3)"])
    try:
        assert _alive(child.pid)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # exited, not reaped: still in the process table
            stat = Path(f"/proc/{child.pid}/stat").read_text()
            state = stat.rpartition(")")[2].split()[0]
            if state == "Z":
                break
            time.sleep(0.05)
        assert state == "Z"
        os.kill(child.pid, 0)  # the kernel still knows the pid...
        assert not _alive(child.pid)  # ...but the show has ended
    finally:
        child.wait()
    assert not _alive(child.pid)
