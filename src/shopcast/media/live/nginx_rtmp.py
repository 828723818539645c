"""A local nginx-rtmp server for tests and development (Debian: nginx + libnginx-mod-rtmp).

    with NginxRtmpServer() as server:
        sink = RtmpSink(server.url("show"))       # rtmp://127.0.0.1:<port>/live/show
        ...
        server.recordings("show")                 # what nginx received: one FLV per publish

nginx runs in the foreground as a single process (no daemon, no workers switching user) from a
generated config in a temporary folder, on a free port of 127.0.0.1. ``stop()`` (or leaving the
``with``) ends it gracefully; ``start()`` may be called again to bring it back on the same port.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

from shopcast.errors import NotFoundError, OutputError

RTMP_MODULE = Path("/usr/lib/nginx/modules/ngx_rtmp_module.so")
_INSTALL_HINT = "Install them with: apt-get install nginx libnginx-mod-rtmp"

_CONFIG = """\
load_module {module};
daemon off;
master_process off;
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log info;
events {{ worker_connections 64; }}
rtmp {{
    server {{
        listen 127.0.0.1:{port};
        chunk_size 4096;
        application {app} {{
            live on;
            record all;
            record_path {root}/record;
            record_unique on;
        }}
    }}
}}
"""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class NginxRtmpServer:
    def __init__(self, *, port: int | None = None, app: str = "live", root: Path | None = None):
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(binary).exists() or not RTMP_MODULE.exists():
            raise NotFoundError("nginx with the RTMP module is not installed.", hint=_INSTALL_HINT)
        self.binary = binary
        self.app = app
        self.port = port or free_port()
        self._own_root = root is None
        self.root = Path(root or tempfile.mkdtemp(prefix="shopcast-nginx-rtmp-"))
        (self.root / "record").mkdir(parents=True, exist_ok=True)
        self.config_path = self.root / "nginx.conf"
        self.config_path.write_text(
            _CONFIG.format(module=RTMP_MODULE, root=self.root, port=self.port, app=app)
        )
        self._process: subprocess.Popen[bytes] | None = None

    def url(self, stream: str) -> str:
        return f"rtmp://127.0.0.1:{self.port}/{self.app}/{stream}"

    def recordings(self, stream: str) -> list[Path]:
        """What nginx recorded of ``stream``: one FLV per publish, oldest first."""
        found = (self.root / "record").glob(f"{stream}-*.flv")
        return sorted(found, key=lambda p: p.stat().st_mtime)

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self, timeout: float = 5.0) -> NginxRtmpServer:
        if self.running:
            return self
        self._process = subprocess.Popen(
            [
                self.binary,
                "-p",
                str(self.root),
                "-e",
                str(self.root / "error.log"),
                "-c",
                str(self.config_path),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                break
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2),
            ):
                return self
            time.sleep(0.05)
        self.stop()
        raise OutputError(
            f"nginx-rtmp did not start on port {self.port}: {self.error_log()[-800:]}",
            hint=_INSTALL_HINT,
        )

    def stop(self, timeout: float = 5.0) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.send_signal(signal.SIGQUIT)  # graceful: finishes the recordings
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process.stderr is not None:
            process.stderr.close()

    def kill(self) -> None:
        """End nginx abruptly (SIGKILL), as a crash or network loss would, for fault tests."""
        if self._process is not None:
            self._process.kill()
            self._process.wait()
        self.stop()

    def error_log(self) -> str:
        path = self.root / "error.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def cleanup(self) -> None:
        self.stop()
        if self._own_root:
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> NginxRtmpServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.cleanup()
