from __future__ import annotations

import pytest
import skia

from shopcast.errors import NotFoundError
from shopcast.scene import fonts


@pytest.mark.parametrize(
    ("text", "language", "script"),
    [
        ("Hello", "en", "latin"),
        ("안녕하세요", None, "ko"),
        ("こんにちは", None, "ja"),
        ("特別", "ja", "ja"),  # Han alone: the language decides
        ("特別", "zh-CN", "zh"),
        ("特別", None, "zh"),
        ("नमस्ते", None, "hi"),
        ("Olá", "pt-BR", "latin"),
    ],
)
def test_script_detection(text, language, script):
    assert fonts.script_of(text, language) == script


def test_installed_fonts_cover_every_script():
    fonts.require_fonts()
    manager = skia.FontMgr()
    for script in ("ja", "ko", "zh", "hi", "latin"):
        family = fonts.families_for("", script if script != "latin" else "en")[0]
        assert manager.matchFamilyStyle(family, skia.FontStyle.Bold()) is not None


class _NoFonts:
    def matchFamilyStyle(self, family: str, style: skia.FontStyle) -> None:  # noqa: N802
        return None


def test_missing_fonts_name_the_package(monkeypatch):
    fonts.require_fonts.cache_clear()
    monkeypatch.setattr(fonts.skia, "FontMgr", _NoFonts)
    try:
        with pytest.raises(NotFoundError) as err:
            fonts.require_fonts()
        assert "fonts-noto-cjk" in str(err.value) and "fonts-noto-core" in str(err.value)
    finally:
        monkeypatch.undo()
        fonts.require_fonts.cache_clear()
