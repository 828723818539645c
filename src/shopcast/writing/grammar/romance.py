"""Spanish, Portuguese, Italian and French: joining words that change with the next sound, and
French selling points that start with a verb.

Spanish ``y`` → ``e`` before an /i/ sound ("negro e índigo") and ``o`` → ``u`` before /o/.
Spanish, Portuguese and Italian drop the subject ("Pesa solo 210 g", "Si assorbe in pochi
secondi"), so a bullet that starts with a verb is already a sentence. French does not: "S'absorbe
en quelques secondes" needs a subject, and "ça" fits any product without knowing its gender
("Ça s'absorbe en quelques secondes", "C'est compatible induction").
"""

from __future__ import annotations

import re

_ES_Y = re.compile(r"\by\s+(?=(?:i|í|hi|hí)(?!e|a|o)\w*)", re.IGNORECASE)
_ES_O = re.compile(r"\bo\s+(?=(?:o|ó|ho)\w*)", re.IGNORECASE)

# French verbs a selling point often starts with, in the third person singular.
_FR_VERBS = frozenset(
    [
        "absorbe",
        "accompagne",
        "adapte",
        "agit",
        "aide",
        "allie",
        "apaise",
        "apporte",
        "assure",
        "chauffe",
        "comprend",
        "conserve",
        "contient",
        "convient",
        "couvre",
        "cuit",
        "dure",
        "élimine",
        "enveloppe",
        "évite",
        "existe",
        "facilite",
        "fonctionne",
        "garde",
        "glisse",
        "hydrate",
        "illumine",
        "isole",
        "lave",
        "laisse",
        "maintient",
        "mesure",
        "nettoie",
        "nourrit",
        "offre",
        "passe",
        "pèse",
        "peut",
        "plie",
        "préserve",
        "prend",
        "protège",
        "rafraîchit",
        "range",
        "recharge",
        "reste",
        "résiste",
        "répartit",
        "respire",
        "retient",
        "sèche",
        "sent",
        "se",
        "sublime",
        "supporte",
        "tient",
        "transforme",
        "va",
        "vient",
    ]
)
_FR_CLITIC = re.compile(r"^(s['’]|se\s|ne\s|n['’]|y\s)", re.IGNORECASE)


def conjunctions(text: str, language: str) -> str:
    if language == "es":
        text = _ES_Y.sub("e ", text)
        text = _ES_O.sub("u ", text)
    return text


def french_subject(phrase: str) -> str | None:
    """A French bullet that starts with a verb, with "ça" as its subject ("Ne pèse que 210 g"
    → "Ça ne pèse que 210 g", "Est lavable" → "C'est lavable"); None for a noun phrase."""
    text = phrase.strip()
    if not text:
        return None
    first = text.split(maxsplit=1)[0]
    rest = text[len(first) :]
    word = first.lower().strip(",.")
    if word == "est":
        return "C'est" + rest
    if word == "a":
        return "Ça a" + rest
    if _FR_CLITIC.match(text) or word in _FR_VERBS:
        return "Ça " + text[0].lower() + text[1:]
    return None
