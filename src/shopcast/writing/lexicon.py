"""Multilingual word lists (colours, materials, sizes, brands) loaded from ``lexicons/*.yaml``.

A :class:`Lexicon` finds the words of any language in a text and names their canonical entry
("rojo", "빨간", "红色" → ``red``). Latin-script words match whole words, case-insensitively;
Korean words match at the start of a word (particles may follow); Chinese, Japanese and
Devanagari words match as substrings (no word spaces to go by).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from shopcast.errors import InvalidInputError

LEXICON_DIR = Path(__file__).with_name("lexicons")


def _is_latin(word: str) -> bool:
    return all(ord(c) < 0x0250 or not c.isalpha() for c in word)


def _is_hangul(word: str) -> bool:
    return bool(re.match(r"[\uac00-\ud7a3]", word))


@dataclass(frozen=True)
class Mention:
    canonical: str
    text: str
    start: int


class Lexicon:
    """Words grouped under canonical names; optional ``family`` per canonical."""

    def __init__(self, entries: dict[str, list[str]], families: dict[str, str] | None = None):
        self.entries = entries
        self.families = families or {}
        pairs = sorted(
            ((word, canonical) for canonical, words in entries.items() for word in words),
            key=lambda pair: -len(pair[0]),
        )
        self._canonical_by_group: list[str] = []
        alternatives = []
        for i, (word, canonical) in enumerate(pairs):
            body = word.replace(" ", r"[\s-]")
            if _is_latin(word):
                body = rf"(?<![\w'’]){body}(?![\w])"
            elif _is_hangul(word):  # Korean words start a word: "울" is not in "구울", "서울"
                body = rf"(?<![\uac00-\ud7a3]){body}"
            alternatives.append(f"(?P<g{i}>{body})")
            self._canonical_by_group.append(canonical)
        try:
            self._pattern = re.compile("|".join(alternatives), re.IGNORECASE)
        except re.error as exc:
            raise InvalidInputError(f"a lexicon entry is not a valid pattern: {exc}") from exc

    def find(self, text: str) -> list[Mention]:
        out = []
        for m in self._pattern.finditer(text):
            group = m.lastgroup
            if group is None:
                continue
            out.append(Mention(self._canonical_by_group[int(group[1:])], m.group(0), m.start()))
        return out

    def canonicals(self, text: str) -> set[str]:
        return {m.canonical for m in self.find(text)}

    def family(self, canonical: str) -> str:
        return self.families.get(canonical, canonical)


def _load_yaml(name: str) -> Any:
    path = LEXICON_DIR / name
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InvalidInputError(f"lexicon {path} cannot be read: {exc}") from exc


def _words(values: list[Any]) -> list[str]:
    return [str(v) for v in values]


@cache
def colours() -> Lexicon:
    data = _load_yaml("colours.yaml")
    entries = {name: _words(spec["words"]) for name, spec in data.items()}
    families = {name: spec["family"] for name, spec in data.items() if spec.get("family")}
    return Lexicon(entries, families)


@cache
def materials() -> Lexicon:
    data = _load_yaml("materials.yaml")
    return Lexicon({name: _words(words) for name, words in data.items()})


@cache
def brands() -> Lexicon:
    data = _load_yaml("brands.yaml")
    return Lexicon({str(b): [re.escape(str(b))] for b in data["brands"]})


@dataclass(frozen=True)
class SizeLexicon:
    option_names: tuple[str, ...]
    codes: re.Pattern[str]
    words: Lexicon


@cache
def sizes() -> SizeLexicon:
    data = _load_yaml("sizes.yaml")
    codes = sorted((str(c) for c in data["codes"]), key=len, reverse=True)
    pattern = re.compile(r"(?<![\w'’&-])(" + "|".join(codes) + r")(?![\w'’&])")
    words = Lexicon({code: _words(ws) for code, ws in data["words"].items()})
    return SizeLexicon(tuple(str(n).lower() for n in data["option_names"]), pattern, words)
