"""Per-language blocklists, loaded from the YAML data in ``blocklists/``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from shopcast.errors import InvalidInputError
from shopcast.live.chat.textmatch import contains_term, match_forms

CATEGORIES = ("insults", "profanity", "spam")


def language_of_market(market_code: str) -> str:
    """ "ko-KR" → "ko", "pt-BR" → "pt", "en" → "en"."""
    return market_code.replace("_", "-").split("-")[0].lower()


@dataclass(frozen=True)
class BlockHit:
    category: str
    term: str


@dataclass(frozen=True)
class Blocklist:
    language: str
    terms: tuple[tuple[str, str], ...]  # (category, term)

    def find(self, text: str) -> BlockHit | None:
        """The first blocked term in ``text`` (folded, see textmatch), or None."""
        forms = match_forms(text)
        for category, term in self.terms:
            if contains_term(forms, term):
                return BlockHit(category, term)
        return None


def _read(name: str) -> dict:
    path = resources.files("shopcast.live.chat").joinpath("blocklists", f"{name}.yaml")
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text("utf-8")) or {}
    except yaml.YAMLError as exc:
        raise InvalidInputError(f"blocklist {name}.yaml is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise InvalidInputError(f"blocklist {name}.yaml must be a mapping of category: [words]")
    return data


@cache
def load_blocklist(market_code: str) -> Blocklist:
    """The global list plus the market language's list (an unknown language gets global only).

    Every language's insult list is included too: a viewer in any market may write in English
    or their own language, and the host must never repeat any of it.
    """
    lang = language_of_market(market_code)
    terms: list[tuple[str, str]] = []
    names = ["global", lang, *sorted(_all_languages() - {lang})]
    for i, name in enumerate(names):
        data = _read(name)
        for category in CATEGORIES:
            if i >= 2 and category != "insults":
                continue  # other languages: insults only (profanity lists collide across langs)
            for term in data.get(category, []) or []:
                terms.append((category, str(term)))
    return Blocklist(language=lang, terms=tuple(dict.fromkeys(terms)))


def _all_languages() -> set[str]:
    folder = resources.files("shopcast.live.chat").joinpath("blocklists")
    return {p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml")} - {"global"}
