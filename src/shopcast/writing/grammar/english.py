"""English: ``a/an`` chosen by the sound of the next word."""

from __future__ import annotations

import re

_A_AN = re.compile(r"\b([Aa]/[Aa]n)\s+(\S+)")
# Vowel letters that sound like a consonant, and silent h.
_YOO = re.compile(r"^(uni|use|usu|ur[aeiou]|eu|one\b|once)", re.IGNORECASE)
_SILENT_H = re.compile(r"^(hour|honest|honou?r|heir)", re.IGNORECASE)
_LETTER_VOWEL_SOUND = set("AEFHILMNORSX")  # "an SPF", "an LED", "an M"


def article_for(word: str) -> str:
    if word.isupper() and len(word) <= 5:  # read letter by letter
        return "an" if word[0] in _LETTER_VOWEL_SOUND else "a"
    if word[:1].isdigit():
        return "an" if re.match(r"^(8|11|18|80|800)", word) else "a"
    if _SILENT_H.match(word):
        return "an"
    if _YOO.match(word):
        return "a"
    return "an" if word[:1].lower() in "aeiou" else "a"


_DOUBLE_THE = re.compile(r"\b([Tt]he) the\b", re.IGNORECASE)


def the_once(text: str) -> str:
    """ "the {name}" for a name that starts with "The": "the The Ordinary Serum" → "the
    Ordinary Serum"."""
    return _DOUBLE_THE.sub(r"\1", text)


def articles(text: str) -> str:
    def pick(match: re.Match[str]) -> str:
        article = article_for(match.group(2))
        if match.group(1)[0] == "A":
            article = article.capitalize()
        return f"{article} {match.group(2)}"

    return _A_AN.sub(pick, text)


# Verbs a selling point often starts with, without a subject ("Absorbs in seconds"): said as
# "It absorbs in seconds." rather than glued after "On top of that,".
_POINT_VERBS = frozenset(
    [
        "absorb",
        "add",
        "adjust",
        "attach",
        "blend",
        "block",
        "boil",
        "breathe",
        "brew",
        "bring",
        "cancel",
        "carry",
        "charge",
        "clean",
        "cleanse",
        "clip",
        "close",
        "come",
        "connect",
        "contain",
        "cook",
        "cool",
        "cover",
        "deliver",
        "dry",
        "feature",
        "feel",
        "fill",
        "filter",
        "fit",
        "float",
        "fold",
        "freeze",
        "give",
        "glide",
        "go",
        "grind",
        "grip",
        "hang",
        "heat",
        "help",
        "hold",
        "hydrate",
        "include",
        "keep",
        "last",
        "lay",
        "layer",
        "leave",
        "let",
        "lift",
        "lock",
        "look",
        "make",
        "measure",
        "melt",
        "mount",
        "move",
        "offer",
        "pack",
        "pair",
        "play",
        "pour",
        "protect",
        "provide",
        "reach",
        "remove",
        "repel",
        "resist",
        "run",
        "seal",
        "sear",
        "see",
        "set",
        "shield",
        "sink",
        "sit",
        "slide",
        "smell",
        "smooth",
        "soak",
        "soften",
        "stack",
        "stand",
        "stay",
        "stop",
        "store",
        "stretch",
        "support",
        "survive",
        "sync",
        "take",
        "track",
        "turn",
        "warm",
        "wash",
        "wear",
        "weigh",
        "wick",
        "work",
        "wrap",
        "zip",
    ]
)


def starts_with_verb(phrase: str) -> bool:
    """Whether ``phrase`` starts with a verb in the third person ("Absorbs in seconds",
    "Keeps drinks cold"): a predicate that needs "it" in front of it."""
    first = phrase.split(maxsplit=1)[0].lower().strip(",.") if phrase.strip() else ""
    for ending in ("es", "s"):
        if first.endswith(ending) and first[: -len(ending)] in _POINT_VERBS:
            return True
    return first.endswith("ies") and first[:-3] + "y" in _POINT_VERBS


# Past participles a catalog bullet starts with ("Made from recycled nylon", "Designed for
# wide feet"): a passive predicate that needs "It's" in front of it.
_PARTICIPLES = frozenset(
    [
        "made",
        "designed",
        "built",
        "crafted",
        "tested",
        "rated",
        "lined",
        "coated",
        "sealed",
        "filled",
        "woven",
        "knitted",
        "sewn",
        "stitched",
        "treated",
        "finished",
        "washed",
        "pre-washed",
        "preshrunk",
        "pre-seasoned",
        "seasoned",
        "handmade",
        "hand-made",
        "dyed",
        "printed",
        "shipped",
        "packed",
        "sourced",
        "grown",
        "blended",
        "infused",
        "formulated",
        "enriched",
        "powered",
        "equipped",
        "fitted",
        "padded",
        "insulated",
        "reinforced",
    ]
)


def starts_with_participle(phrase: str) -> bool:
    """Whether ``phrase`` starts with a past participle followed by more words ("Made from
    recycled nylon"): a predicate said with "It's" in front."""
    words = phrase.split()
    return len(words) >= 2 and words[0].lower().strip(",.") in _PARTICIPLES
