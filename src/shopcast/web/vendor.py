"""Browser libraries installed from npm (``package.json`` at the repository root, ``npm ci`` in
``scripts/setup.sh``) and served by the web app. Nothing is fetched at run time."""

from __future__ import annotations

from pathlib import Path

from shopcast.config import Settings
from shopcast.errors import NotFoundError

HLS_JS = Path("hls.js") / "dist" / "hls.min.js"
_REPO_ROOT = Path(__file__).resolve().parents[3]  # src/shopcast/web/vendor.py → repository


def node_modules_candidates(settings: Settings) -> list[Path]:
    """Where ``node_modules`` may be, most specific first: ``SHOPCAST_NODE_MODULES``, the
    repository checkout this package runs from, the current directory."""
    found = [settings.node_modules] if settings.node_modules else []
    return [*found, _REPO_ROOT / "node_modules", Path.cwd() / "node_modules"]


def hls_js_path(settings: Settings) -> Path:
    """The hls.js build the watch page loads; a clear error with the fix when it is missing."""
    candidates = node_modules_candidates(settings)
    for node_modules in candidates:
        path = node_modules / HLS_JS
        if path.is_file():
            return path
    raise NotFoundError(
        f"hls.js is not installed (looked for {HLS_JS} under "
        f"{', '.join(str(c) for c in candidates)}).",
        hint="Run `npm ci` in the repository root (scripts/setup.sh does), or set "
        "SHOPCAST_NODE_MODULES to a node_modules folder that has hls.js.",
    )
