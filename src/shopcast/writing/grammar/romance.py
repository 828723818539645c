"""Spanish, Portuguese, Italian and French joining words that change with the next sound:
Spanish ``y`` → ``e`` before an /i/ sound ("Negro e Índigo") and ``o`` → ``u`` before /o/;
Italian ``e`` may stay as is; French and Portuguese need nothing here."""

from __future__ import annotations

import re

_ES_Y = re.compile(r"\by\s+(?=(?:i|í|hi|hí)(?!e|a|o)\w*)", re.IGNORECASE)
_ES_O = re.compile(r"\bo\s+(?=(?:o|ó|ho)\w*)", re.IGNORECASE)


def conjunctions(text: str, language: str) -> str:
    if language == "es":
        text = _ES_Y.sub("e ", text)
        text = _ES_O.sub("u ", text)
    return text
