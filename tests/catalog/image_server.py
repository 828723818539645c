"""A real HTTP server on 127.0.0.1 (random port) serving the pictures the fetch tests need:
good ones, and every way a picture server can misbehave. It counts requests per path."""

from __future__ import annotations

import struct
import threading
import time
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from urllib.parse import urlsplit

from PIL import Image


def png_bytes(color: str = "teal", size: tuple[int, int] = (40, 30)) -> bytes:
    out = BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


def jpeg_bytes(color: str = "orange", size: tuple[int, int] = (48, 32)) -> bytes:
    out = BytesIO()
    Image.new("RGB", size, color).save(out, "JPEG", quality=85)
    return out.getvalue()


def png_header_claiming(width: int, height: int) -> bytes:
    """A small, valid-looking PNG whose header claims ``width`` x ``height`` pixels: a
    decompression bomb as far as any decoder that trusts the header is concerned."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    rows = zlib.compress(b"\0" * (1 + width // 8) * 64, 9)  # a few rows of zeros
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


@dataclass
class ImageServer:
    base: str
    requests: Counter[str] = field(default_factory=Counter)
    in_flight: int = 0
    max_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    stopping: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        return self.base + path


PNG = png_bytes()
JPEG = jpeg_bytes()
HTML = b"<!DOCTYPE html><html><body><h1>Sign in to see this image</h1></body></html>"


def _handler(state: ImageServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # quiet test output
            return None

        def _send(self, status: int, body: bytes, content_type: str = "image/png") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            path = urlsplit(self.path).path
            with state.lock:
                state.requests[path] += 1
                state.in_flight += 1
                state.max_in_flight = max(state.max_in_flight, state.in_flight)
            try:
                self._route(path)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as it should
            finally:
                with state.lock:
                    state.in_flight -= 1

        def _route(self, path: str) -> None:
            if path.endswith("/good.png") or path == "/photos/mug.png":
                self._send(200, PNG)
            elif path == "/good.jpg":
                self._send(200, JPEG, "image/jpeg")
            elif path.startswith("/slow/"):
                time.sleep(0.3)
                self._send(200, png_bytes(size=(20, 20)))
            elif path == "/moved.png":
                self.send_response(301)
                self.send_header("Location", "/good.png")
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif path.startswith("/loop/"):
                hop = int(path.rsplit("/", 1)[1])
                self.send_response(302)
                self.send_header("Location", f"/loop/{hop + 1}")
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif path == "/trickle.png":
                # A PNG that never finishes: one byte every 0.1 s (never silent long enough to
                # trip a read timeout) for as long as the client listens.
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", "100000")  # within the size cap
                self.end_headers()
                body = PNG * 1000
                for i in range(len(body)):
                    if state.stopping.is_set():
                        return
                    self.wfile.write(body[i : i + 1])
                    self.wfile.flush()
                    time.sleep(0.1)
            elif path == "/silent.png":
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()
                self.wfile.flush()
                state.stopping.wait(30)  # headers, then nothing
            elif path == "/huge-declared.png":
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(8 * 1024**3))
                self.end_headers()
                self.wfile.write(PNG)
            elif path == "/huge-stream.png":
                # No Content-Length: the body runs until the connection closes, far past any cap.
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()
                self.wfile.write(PNG)
                block = b"\0" * 65536
                for _ in range(16 * 1024):  # up to 1 GiB
                    if state.stopping.is_set():
                        return
                    self.wfile.write(block)
            elif path == "/page.png":
                self._send(200, HTML, "image/png")  # says image/png, is an HTML page
            elif path == "/bomb.png":
                self._send(200, png_header_claiming(6000, 6000))
            elif path == "/truncated.jpg":
                self._send(200, JPEG[: len(JPEG) // 2], "image/jpeg")
            else:
                self._send(404, b"not here", "text/plain")

    return Handler


@contextmanager
def image_server() -> Iterator[ImageServer]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), None)  # type: ignore[arg-type]
    httpd.daemon_threads = True
    host, port = httpd.server_address[:2]
    state = ImageServer(base=f"http://{host}:{port}")
    httpd.RequestHandlerClass = _handler(state)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.stopping.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)
