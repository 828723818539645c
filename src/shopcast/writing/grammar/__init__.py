"""Grammar for lines built from templates: particles, articles, lists and counted nouns that
agree with the words put into them, per language.

``realise("{name}을/를 소개할게요.", {"name": "라이스 세럼"}, "ko")`` → "라이스 세럼을
소개할게요." A template names its slots ``{slot}``; a missing slot raises ``KeyError`` (the
caller skips that template). After filling, each language's rules run on the whole line:
Korean particle pairs (``을/를``), English ``a/an``, Spanish ``y/e`` and ``o/u``, Chinese
``两`` before a measure word.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from shopcast.writing.grammar import english, korean, romance

_SLOT = re.compile(r"\{(\w+)\}")


def base(language: str) -> str:
    return language.split("-")[0].split("_")[0].lower()


def fill(template: str, values: Mapping[str, str]) -> str:
    """``template`` with its ``{slot}``s filled; ``KeyError`` names a slot with no value."""

    def value(match: re.Match[str]) -> str:
        got = values.get(match.group(1))
        if got is None or got == "":
            raise KeyError(match.group(1))
        return got

    return _SLOT.sub(value, template)


def realise(template: str, values: Mapping[str, str], language: str) -> str:
    """``template`` filled and made grammatical in ``language``."""
    return agree(fill(template, values), language)


def agree(text: str, language: str) -> str:
    """Apply ``language``'s agreement rules to a filled line."""
    lang = base(language)
    if lang == "ko":
        text = korean.resolve(text)
    elif lang == "en":
        text = english.articles(text)
    elif lang in ("es", "pt", "it", "fr"):
        text = romance.conjunctions(text, lang)
    elif lang == "zh":
        text = re.sub(r"(?<![\d.])2(?=\s?[种个款件套双])", "两", text)
    return _spacing(text, lang)


def _spacing(text: str, lang: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    if lang not in ("ja", "zh", "ko", "hi"):  # sentences start with a capital letter
        text = re.sub(
            r"(^|[.!?]\s+)([¿¡]?)([a-zà-ÿ])",
            lambda m: m.group(1) + m.group(2) + m.group(3).upper(),
            text,
        )
    text = re.sub(r"\s+([,.!?;:])", r"\1", text) if lang != "fr" else text
    if lang in ("ja", "zh"):
        text = re.sub(r"\s*([。、！？，])\s*", r"\1", text)
    return text


LIST_WORDS = {
    "en": " and ",
    "es": " y ",
    "pt": " e ",
    "fr": " et ",
    "it": " e ",
    "id": " dan ",
    "hi": " और ",
    "ko": "과/와 ",
    "ja": "と",
    "zh": "和",
}
LIST_COMMA = {"ja": "、", "zh": "、"}


def join_list(items: Sequence[str], language: str) -> str:
    """ "Navy and Olive", "Navy, Olive and Sand", "네이비와 올리브", "ネイビーとオリーブ"."""
    lang = base(language)
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    comma = LIST_COMMA.get(lang, ", ")
    last = LIST_WORDS.get(lang, ", ")
    return agree(comma.join(items[:-1]) + last + items[-1], lang)
