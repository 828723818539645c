"""A real IRC server (Debian's ngircd, apt package ``ngircd``) on a free localhost port."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from irc_poster import TOKEN

NGIRCD = shutil.which("ngircd") or "/usr/sbin/ngircd"

CONFIG = """[Global]
Name = irc.shopcast.test
Info = shopcast test server
AdminInfo1 = shopcast tests
AdminInfo2 = localhost
AdminEMail = tests@localhost
Listen = 127.0.0.1
Ports = {port}
MotdPhrase = "shopcast test"
Password = {password}
PidFile = {dir}/ngircd.pid
[Limits]
PingTimeout = 5
PongTimeout = 5
MaxNickLength = 25
[Options]
PAM = no
Ident = no
DNS = no
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class IrcServer:
    port: int
    config: Path
    process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [NGIRCD, "--nodaemon", "--config", str(self.config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"ngircd did not start on port {self.port}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None


@pytest.fixture
def irc_server(tmp_path: Path) -> Iterator[IrcServer]:
    if not Path(NGIRCD).exists():
        pytest.skip("ngircd is not installed (Debian package 'ngircd')")
    port = _free_port()
    config = tmp_path / "ngircd.conf"
    config.write_text(CONFIG.format(port=port, password=TOKEN, dir=tmp_path), "utf-8")
    server = IrcServer(port, config)
    server.start()
    yield server
    server.stop()
