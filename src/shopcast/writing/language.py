"""Which language a text is written in, as far as a script needs to know: the share of its
letters outside the market's script (Hangul for Korean, kana and kanji for Japanese...), and
for Latin-script languages the share of words that belong to another language (an English
sentence in a Spanish script). Brand and product names are allowed in any script.
"""

from __future__ import annotations

import re
from functools import cache

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_SCRIPT = {
    "ko": re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]"),
    "ja": re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\u3400-\u4dbf\uff66-\uff9f]"),
    "zh": re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]"),
    "hi": re.compile(r"[\u0900-\u097f]"),
}
_LATIN_WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:['’][A-Za-zÀ-ÿ]+)?")
LATIN_LANGUAGES = ("en", "es", "pt", "fr", "it", "id")
# Frequent words that tell Latin-script languages apart. A word used in several of them is
# listed under each (Spanish, French and Italian "la"; Italian and English "in"), so it never
# counts as foreign in a language it belongs to.
_MARKERS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "the",
            "and",
            "with",
            "you",
            "your",
            "this",
            "that",
            "for",
            "are",
            "is",
            "it's",
            "of",
            "to",
            "in",
            "every",
            "our",
            "from",
            "what",
            "how",
            "just",
            "get",
            "will",
            "can",
            "have",
            "which",
            "them",
            "they",
            "plus",
            "do",
            "as",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "y",
            "con",
            "es",
            "para",
            "que",
            "del",
            "una",
            "por",
            "este",
            "esta",
            "tu",
            "tus",
            "muy",
            "más",
            "pero",
            "como",
            "también",
            "hoy",
            "ahora",
            "está",
            "son",
            "un",
            "lo",
            "e",
            "o",
        ]
    ),
    "pt": frozenset(
        [
            "o",
            "os",
            "e",
            "com",
            "é",
            "para",
            "que",
            "da",
            "dos",
            "das",
            "uma",
            "um",
            "por",
            "este",
            "esta",
            "você",
            "seu",
            "sua",
            "muito",
            "mais",
            "também",
            "hoje",
            "agora",
            "não",
            "são",
            "como",
            "está",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "les",
            "et",
            "avec",
            "est",
            "pour",
            "que",
            "du",
            "des",
            "une",
            "un",
            "par",
            "ce",
            "cette",
            "vous",
            "votre",
            "très",
            "plus",
            "aussi",
            "aujourd'hui",
            "maintenant",
            "c'est",
            "sont",
            "la",
            "es",
            "tu",
            "son",
            "mais",
            "il",
            "y",
        ]
    ),
    "it": frozenset(
        [
            "il",
            "lo",
            "gli",
            "e",
            "con",
            "è",
            "per",
            "che",
            "del",
            "della",
            "una",
            "un",
            "questo",
            "questa",
            "tuo",
            "tua",
            "molto",
            "più",
            "anche",
            "oggi",
            "adesso",
            "sono",
            "la",
            "le",
            "o",
            "tu",
            "da",
            "in",
            "sua",
        ]
    ),
    "id": frozenset(
        [
            "dan",
            "yang",
            "dengan",
            "ini",
            "itu",
            "untuk",
            "dari",
            "ada",
            "kamu",
            "kita",
            "sangat",
            "lebih",
            "juga",
            "hari",
            "sekarang",
            "bisa",
            "tidak",
        ]
    ),
}


def base(language: str) -> str:
    return language.split("-")[0].split("_")[0].lower()


# Written the same in every language: a number with its unit ("210g", "10,000 mm", "30ml",
# "5000mAh") and size codes ("M", "XL").
_UNIVERSAL = re.compile(
    r"\d[\d,.]*\s?(?:[A-Za-z]{1,3}h?|%)(?![A-Za-z])|(?<![A-Za-z])(?:[2-4]?X{0,3}[SML]|XXS)(?![A-Za-z])"
    r"|(?<![A-Za-z])[A-Za-z]{1,4}\s?(?=\d)|(?<![A-Za-z])(?:pH|Qi|USB|LED|IH|UV)(?![A-Za-z])"
)


def _strip_names(text: str, names: tuple[str, ...]) -> str:
    for name in sorted((n for n in names if n), key=len, reverse=True):
        text = text.replace(name, " ")
    return _UNIVERSAL.sub(" ", text)


# Latin letters that belong in any script's text: units after a number ("50ml", "210 g",
# "5000mAh") and short capitalised codes (sizes "S", "XL"; "SPF", "UV", "USB").
_UNITS_AND_CODES = re.compile(
    r"(?<=\d)\s?[A-Za-zµ]{1,4}(?![A-Za-z])|(?<![A-Za-z])[A-Z][A-Z0-9]{0,3}(?![A-Za-z])"
)


def foreign_share(text: str, language: str, names: tuple[str, ...] = ()) -> float:
    """Share of ``text`` not in ``language`` (0.0 = all in it): letters outside its script
        for Korean, Japanese, Chinese and Hindi (units after a number and short codes such as sizes
    and "SPF" are allowed there); for Latin-script languages, words of another
        language's marker list among all marker words. Names are left out."""
    lang = base(language)
    text = _strip_names(text, names)
    script = _SCRIPT.get(lang)
    if script is not None:
        text = _UNITS_AND_CODES.sub(" ", text)
        letters = _LETTER.findall(text)
        if not letters:
            return 0.0
        ours = len(script.findall(text))
        return max(0.0, 1 - ours / len(letters))
    if lang not in _MARKERS:
        return 0.0
    words = [w.lower() for w in _LATIN_WORD.findall(text)]
    if not words:
        return 0.0
    non_latin = len(_LETTER.findall(text)) - sum(len(w) for w in words)
    ours = sum(1 for w in words if w in _MARKERS[lang])
    theirs = sum(1 for w in words if w not in _MARKERS[lang] and _other_marker(w, lang))
    marked = ours + theirs
    # one stray word ("do", "me") proves nothing: two or more words of another language do
    share = theirs / marked if marked and theirs >= 2 else 0.0
    if non_latin > 0:
        share = max(share, non_latin / max(1, len(_LETTER.findall(text))))
    return share


@cache
def _others(lang: str) -> frozenset[str]:
    words: set[str] = set()
    for other, markers in _MARKERS.items():
        if other != lang:
            words |= markers
    return frozenset(words - _MARKERS[lang])


def _other_marker(word: str, lang: str) -> bool:
    return word in _others(lang)


def detect(text: str) -> str | None:
    """The language ``text`` is most likely written in (a base code), or None when unclear."""
    letters = _LETTER.findall(text)
    if not letters:
        return None
    if len(_SCRIPT["ko"].findall(text)) >= 0.5 * len(letters):
        return "ko"
    kana = len(re.findall(r"[\u3040-\u30ff]", text))
    han = len(_SCRIPT["zh"].findall(text))
    if kana and kana + han >= 0.5 * len(letters):
        return "ja"
    if han >= 0.5 * len(letters):
        return "zh"
    if len(_SCRIPT["hi"].findall(text)) >= 0.5 * len(letters):
        return "hi"
    words = [w.lower() for w in _LATIN_WORD.findall(text)]
    scores = {lang: sum(1 for w in words if w in m) for lang, m in _MARKERS.items()}
    best = max(scores, key=lambda k: scores[k])
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] >= 2 and ranked[0] >= 2 * ranked[1]:
        return best
    return None
