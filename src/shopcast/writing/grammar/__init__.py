"""Grammar for lines built from templates: particles, articles, lists and counted nouns that
agree with the words put into them, per language.

``realise("{name}을/를 소개할게요.", {"name": "라이스 세럼"}, "ko")`` → "라이스 세럼을
소개할게요." A template names its slots ``{slot}``; a missing slot raises ``KeyError`` (the
caller skips that template). After filling, each language's rules run on the whole line:
Korean particle pairs (``을/를``) and native numbers before counters (``두 가지``), English
``a/an``, Spanish ``y/e`` and ``o/u``, Chinese ``两`` before a measure word, and a capital
letter at the start of each sentence in Latin-script languages (a slot value may start one).

``sentence_form`` says a catalog bullet that is really a predicate as a whole sentence in the
host's register ("Absorbs in seconds" → "It absorbs in seconds", "数秒でなじむ" →
"数秒でなじむんです", "끈적임 없음" → "끈적임 없어요").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from shopcast.writing.grammar import english, japanese, korean, romance

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


def agree(text: str, language: str, *, sentence: bool = True) -> str:
    """Apply ``language``'s agreement rules to a filled line (``sentence=False``: a piece of
    one, such as a list, whose first word keeps its case)."""
    lang = base(language)
    if lang == "ko":
        text = korean.resolve(korean.native_counters(text))
    elif lang == "en":
        text = english.articles(english.the_once(text))
    elif lang in ("es", "pt", "it", "fr"):
        text = romance.conjunctions(text, lang)
        text = _DOUBLE_OPENING.sub(r"\1", text)
    elif lang == "zh":
        text = _ZH_TWO.sub("两", text)
    text = _spacing(text, lang)
    if sentence and lang in CASED_LANGUAGES:
        text = capitalise_sentences(text)
    return text


# "2" said as 两 before a measure word (两种颜色, 两个尺码), never in 12, 2.5 or 200.
_ZH_TWO = re.compile(r"(?<![\d.,])2\s?(?=[种个款件套双只条位])")
# "¿{topic}?" for a topic the seller wrote as a question: one opening mark.
_DOUBLE_OPENING = re.compile(r"([¿¡])\s*[¿¡]")
CASED_LANGUAGES = frozenset({"en", "es", "pt", "fr", "it", "id"})
# A sentence start: the line's start, or after . ! ? and a space; Spanish ¿ ¡ and quotes kept.
_SENTENCE_START = re.compile(r"(^|[.!?…]\s+)([¿¡«“\"'‘]*\s*)([^\W\d_][\w'’-]*)")


def capitalise_sentences(text: str) -> str:
    """The first word of each sentence with a capital letter ("¿piel seca?" → "¿Piel
    seca?"); a word with capitals of its own inside ("iPhone", "eSIM") is left as written."""

    def up(match: re.Match[str]) -> str:
        word = match.group(3)
        if word[0].isupper() or any(c.isupper() for c in word[1:]):
            return match.group(0)
        return match.group(1) + match.group(2) + word[0].upper() + word[1:]

    return _SENTENCE_START.sub(up, text)


def sentence_form(phrase: str, language: str) -> str | None:
    """A catalog bullet that is a predicate rather than a noun phrase, as a whole sentence in
    the host's register (without its final punctuation); None for a noun phrase, which the
    sentence patterns complete ("{point}です。")."""
    lang = base(language)
    text = phrase.strip()
    if lang == "en" and english.starts_with_verb(text):  # "Absorbs in seconds"
        return "It " + (text[0].lower() + text[1:] if not text[1:2].isupper() else text)
    if lang == "en" and english.starts_with_participle(text):  # "Made from recycled nylon"
        return "It's " + (text[0].lower() + text[1:] if not text[1:2].isupper() else text)
    if lang == "fr":
        return romance.french_subject(text)
    if lang == "ja":
        return japanese.polite(text)
    if lang == "ko":
        return korean.haeyo(text)
    return None


# Runs of ordinary white space; the no-break spaces of prices and French numbers ("26,90 €",
# "10 000 mm") are kept as written.
_SPACES = re.compile(r"[^\S\u00a0\u202f]+")


def _spacing(text: str, lang: str) -> str:
    text = _SPACES.sub(" ", text).strip()
    text = re.sub(r" +([,.!?;:])", r"\1", text) if lang != "fr" else text
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
# Languages that list three or more items with commas only ("네이비, 올리브, 샌드",
# "ネイビー、オリーブ、サンド"); two items take the joining word ("네이비와 올리브").
COMMAS_ONLY = frozenset({"ko", "ja"})
# Languages whose style guide puts a comma before the last joining word ("S, M, dan L").
SERIAL_COMMA = frozenset({"id"})


def join_list(items: Sequence[str], language: str) -> str:
    """ "Navy and Olive", "Navy, Olive and Sand", "네이비와 올리브", "네이비, 올리브, 샌드",
    "ネイビーとオリーブ", "S, M, dan L"."""
    lang = base(language)
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    comma = LIST_COMMA.get(lang, ", ")
    last = LIST_WORDS.get(lang, ", ")
    if len(items) > 2 and lang in COMMAS_ONLY:
        last = comma
    elif len(items) > 2 and lang in SERIAL_COMMA:
        last = "," + last
    return agree(comma.join(items[:-1]) + last + items[-1], lang, sentence=False)
