"""Health checks: what is installed, which models verify, and how to fix what is missing."""

from __future__ import annotations

import importlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from shopcast.config import Settings
from shopcast.errors import ShopcastError
from shopcast.modelfiles import registry

SETUP = "bash scripts/setup.sh"


@dataclass(frozen=True)
class Check:
    group: str
    name: str
    ok: bool
    detail: str
    fix: str = ""


_PY_MODULES = {
    "numpy": "numpy",
    "skia": "skia-python",
    "av": "av (PyAV)",
    "onnxruntime": "onnxruntime",
    "kokoro_onnx": "kokoro-onnx",
    "misaki": "misaki",
    "piper": "piper-tts",
    "llama_cpp": "llama-cpp-python",
    "faster_whisper": "faster-whisper",
    "sqlalchemy": "SQLAlchemy",
    "alembic": "alembic",
    "babel": "Babel",
}

_FONTS = {
    "Noto Sans CJK (ja/ko/zh captions)": ("fonts-noto-cjk", "NotoSansCJK"),
    "Noto Sans Devanagari (hi captions)": ("fonts-noto-core", "NotoSansDevanagari"),
}


def _python_checks() -> list[Check]:
    out = []
    for module, label in _PY_MODULES.items():
        try:
            mod = importlib.import_module(module)
            version = getattr(mod, "__version__", "") or "installed"
            out.append(Check("python", label, True, str(version)))
        except Exception as exc:  # noqa: BLE001 - any import failure is a finding
            out.append(Check("python", label, False, f"import failed: {exc}", SETUP))
    return out


def _system_checks() -> list[Check]:
    out = []
    for tool, pkg in (
        ("ffmpeg", "ffmpeg"),
        ("ffprobe", "ffmpeg"),
        ("espeak-ng", "espeak-ng"),
        ("npm", "npm"),
    ):
        where = shutil.which(tool)
        out.append(
            Check(
                "system",
                tool,
                bool(where),
                where or "not found",
                "" if where else f"apt-get install {pkg}",
            )
        )
    font_dirs = [Path("/usr/share/fonts"), Path.home() / ".local/share/fonts"]
    for label, (pkg, stem) in _FONTS.items():
        found = next((p for d in font_dirs if d.is_dir() for p in d.rglob(f"{stem}*")), None)
        out.append(
            Check(
                "system",
                label,
                found is not None,
                str(found or "not found"),
                "" if found else f"apt-get install {pkg}",
            )
        )
    return out


def _models_folder_check(settings: Settings) -> Check:
    folder = settings.models_dir
    detail = f"{folder} (from {settings.models_dir_source})"
    if folder.is_dir():
        return Check("models", "models folder", True, detail)
    return Check(
        "models",
        "models folder",
        False,
        f"{detail} does not exist",
        f"shopcast models install (or {SETUP}) assembles the models there; or set "
        "SHOPCAST_MODELS to the folder that holds them",
    )


def _model_checks(settings: Settings) -> list[Check]:
    out = [_models_folder_check(settings)]
    for spec in registry.specs():
        try:
            path = registry.verify(spec, settings.models_dir)
            size = path.stat().st_size / 1e6
            out.append(Check("models", spec.name, True, f"{path} ({size:,.0f} MB, sha256 ok)"))
        except ShopcastError as exc:
            out.append(
                Check(
                    "models",
                    spec.name,
                    False,
                    exc.message,
                    f"shopcast models install {spec.name}  (or {SETUP})",
                )
            )
    return out


def _data_checks(settings: Settings) -> list[Check]:
    try:
        from shopcast.store.db import open_database

        db = open_database(settings)
        db.engine.dispose()
        return [Check("data", "database", True, _safe_url(settings.db_url))]
    except Exception as exc:  # noqa: BLE001 - reported with a fix
        return [
            Check(
                "data",
                "database",
                False,
                f"{_safe_url(settings.db_url)}: {exc}",
                "check SHOPCAST_DATABASE_URL and that the server is running",
            )
        ]


def _safe_url(url: str) -> str:
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url


def _web_checks(settings: Settings) -> list[Check]:
    from shopcast.web.vendor import hls_js_path

    try:
        return [Check("web", "hls.js (watch page player)", True, str(hls_js_path(settings)))]
    except ShopcastError as exc:
        return [
            Check(
                "web",
                "hls.js (watch page player)",
                False,
                exc.message,
                f"npm ci  (in the repository root; or {SETUP})",
            )
        ]


def run_checks(settings: Settings) -> list[Check]:
    return (
        _python_checks()
        + _system_checks()
        + _model_checks(settings)
        + _data_checks(settings)
        + _web_checks(settings)
    )
