"""The fixed lines of catalog answers (``lines.yaml``), spoken lists and attribute names."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from shopcast.catalog.models import base_language
from shopcast.errors import InvalidInputError

LANGUAGES = ("en", "ko", "ja", "zh", "es", "pt", "fr", "it", "hi", "id")


@cache
def _table() -> dict[str, Any]:
    text = resources.files("shopcast.live.chat.facts").joinpath("lines.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or "labels" not in data:
        raise InvalidInputError("live/chat/facts/lines.yaml: expected languages and `labels`")
    return data


def lines_language(language: str) -> str:
    """A market language ("pt-BR") → the table's key ("pt"); English when it has none."""
    lang = base_language(language)
    return lang if lang in LANGUAGES else "en"


def line(language: str, key: str, **values: str) -> str:
    return str(_table()[lines_language(language)][key]).format(**values)


def line_keys(language: str) -> set[str]:
    return set(_table()[lines_language(language)])


def all_lines() -> list[str]:
    """Every fixed line in every language (the host's own vocabulary)."""
    data = _table()
    return [str(v) for lang in LANGUAGES for v in data[lang].values()]


def spoken_list(language: str, items: list[str]) -> str:
    """ "S, M, L and XL" / "S、M、L、XL" / "S, M, L y XL"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    sep, last = line(language, "list_sep"), line(language, "list_and")
    return sep.join(items[:-1]) + last + items[-1]


def has_final_consonant(word: str) -> bool:
    """Whether a Korean word ends in a consonant (받침): 소재 → False, 원단 → True."""
    last = word.rstrip()[-1:] or "a"
    if "\uac00" <= last <= "\ud7a3":
        return (ord(last) - 0xAC00) % 28 != 0
    return False


def attribute_label(language: str, key: str, local_label: str = "") -> str:
    """How the host names an attribute: the table's word for known keys, else the seller's
    translated name (Korean: with its topic particle), else the key as written."""
    lang = lines_language(language)
    known = _table()["labels"].get(key.strip().lower())
    if known and lang in known:
        return str(known[lang])
    said = (local_label or key).replace("_", " ").strip()
    if lang == "ko":
        return said + ("은" if has_final_consonant(said) else "는")
    if lang in ("es", "pt", "fr", "it") and said:
        return said[:1].upper() + said[1:]
    return said
