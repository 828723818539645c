"""Speech kept on disk: what a voice has said once (a rundown line, a likely answer, a deal
line) is not synthesised again when a 24/7 show loops its rundown, restarts, or a second
channel airs the same lines in the same voice.

On a 2-core machine the voice is the live show's largest cost: Kokoro takes ~1.9 CPU seconds
per second of speech on the AMD EPYC of ``docs/benchmarks.md``, so a host that re-synthesises
every rundown line keeps both cores busy and a viewer's answer waits behind it. A kept line
costs one file read.

Entries are ``<root>/<2 hex>/<sha256 of the key>.npz`` (float32 samples, exactly as made, and
the timings as JSON), written atomically; a file that cannot be read is a miss and is removed.
When the files pass ``max_bytes`` the least recently used (by modification time; a hit touches
its file) are removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import threading
from pathlib import Path

import numpy as np

from shopcast.speech.types import PhonemeSpan, Speech, WordSpan

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 1 << 30  # 1 GiB: about 3 hours of 24 kHz float32 speech
FORMAT = 1  # bump when the stored layout or an engine's output changes


def key_digest(key: tuple) -> str:
    """A file name for a speech key (engine, voice, language, speed, models dir, text)."""
    raw = json.dumps([FORMAT, *map(str, key)], ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class SpeechDiskCache:
    def __init__(self, root: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.root = Path(root)
        self.max_bytes = max_bytes
        self.hits = 0
        self.misses = 0
        self._lock = threading.Lock()
        self._bytes: int | None = None  # known size of the files, summed on first write

    def _path(self, key: tuple) -> Path:
        digest = key_digest(key)
        return self.root / digest[:2] / f"{digest}.npz"

    def contains(self, key: tuple) -> bool:
        return self._path(key).is_file()

    def get(self, key: tuple) -> Speech | None:
        path = self._path(key)
        try:
            with np.load(path, allow_pickle=False) as data:
                samples = np.array(data["samples"], dtype=np.float32)
                meta = json.loads(str(data["meta"]))
            speech = Speech(
                samples=samples,
                sample_rate=int(meta["sample_rate"]),
                phonemes=[PhonemeSpan(p, s, e) for p, s, e in meta["phonemes"]],
                words=[WordSpan(t, s, e) for t, s, e in meta["words"]],
                text=meta["text"],
                language=meta["language"],
                voice=meta["voice"],
            )
        except FileNotFoundError:
            with self._lock:
                self.misses += 1
            return None
        except Exception as exc:  # a torn or foreign file: a miss, and gone
            log.warning("speech cache: %s unreadable (%s); removed", path, exc)
            path.unlink(missing_ok=True)
            with self._lock:
                self.misses += 1
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used
        with self._lock:
            self.hits += 1
        return speech

    def put(self, key: tuple, speech: Speech) -> None:
        path = self._path(key)
        meta = {
            "sample_rate": speech.sample_rate,
            "phonemes": [[p.phoneme, p.start, p.end] for p in speech.phonemes],
            "words": [[w.text, w.start, w.end] for w in speech.words],
            "text": speech.text,
            "language": speech.language,
            "voice": speech.voice,
        }
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
            with open(tmp, "wb") as fh:
                np.savez(
                    fh,
                    samples=np.asarray(speech.samples, dtype=np.float32),
                    meta=np.array(json.dumps(meta, ensure_ascii=False)),
                )
            os.replace(tmp, path)  # readers see the whole file or none
            size = path.stat().st_size
        except OSError as exc:  # a full disk costs a synthesis next time, nothing else
            log.warning("speech cache: could not write %s: %s", path, exc)
            return
        with self._lock:
            if self._bytes is None:
                self._bytes = self._scan()
            else:
                self._bytes += size
            over = self._bytes > self.max_bytes
        if over:
            self._evict()

    def _files(self) -> list[os.DirEntry]:
        out: list[os.DirEntry] = []
        if not self.root.is_dir():
            return out
        for sub in os.scandir(self.root):
            if sub.is_dir():
                out += [e for e in os.scandir(sub.path) if e.name.endswith(".npz")]
        return out

    def _scan(self) -> int:
        return sum(e.stat().st_size for e in self._files())

    def _evict(self) -> None:
        """Remove the least recently used files until the rest fit in 90% of ``max_bytes``."""
        with self._lock:
            files = sorted(self._files(), key=lambda e: e.stat().st_mtime)
            total = sum(e.stat().st_size for e in files)
            for entry in files:
                if total <= 0.9 * self.max_bytes:
                    break
                size = entry.stat().st_size
                Path(entry.path).unlink(missing_ok=True)
                total -= size
            self._bytes = total

    @property
    def size_bytes(self) -> int:
        return self._scan()
