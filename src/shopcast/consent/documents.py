"""Signed consent documents: copied into SHOPCAST_HOME under their SHA-256, checked on use."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path

from shopcast.errors import InvalidInputError, NotFoundError, OutputError

MAX_DOCUMENT_BYTES = 100 * 1024 * 1024
DOCUMENTS_DIR = Path("consent") / "documents"  # under SHOPCAST_HOME


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def keep_document(source: Path, home: Path) -> tuple[Path, str]:
    """Copy ``source`` under ``home/consent/documents``; returns (path relative to home, SHA-256).
    The same document recorded twice is stored once."""
    source = Path(source).expanduser()
    if not source.is_file():
        raise NotFoundError(
            f"consent document not found: {source}",
            hint="Give the signed authorisation (PDF, image or recording) with --document.",
        )
    size = source.stat().st_size
    if size == 0 or size > MAX_DOCUMENT_BYTES:
        raise InvalidInputError(
            f"consent document {source} is {'empty' if size == 0 else 'over 100 MB'}"
        )
    digest = sha256_of(source)
    safe_name = re.sub(r"[^A-Za-z0-9._-]+", "_", source.name)[-80:] or "document"
    relative = DOCUMENTS_DIR / f"{digest[:16]}-{safe_name}"
    target = home / relative
    if target.is_file() and sha256_of(target) == digest:
        return relative, digest
    partial = target.with_name(f".{target.name}.partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, partial)
        if sha256_of(partial) != digest:
            raise OutputError(f"consent document {source} changed while it was being copied")
        os.replace(partial, target)
    except OSError as exc:
        raise OutputError(f"cannot keep the consent document under {target.parent}: {exc}") from exc
    finally:
        partial.unlink(missing_ok=True)
    return relative, digest
