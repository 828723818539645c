"""Japanese: catalog bullets said in です・ます.

Sellers write selling points as noun phrases (体言止め: "発酵米水72%配合", "無香料") or in the
plain form ("数秒でなじむ", "ベタつかない", "軽い"). A host speaks in です・ます: a noun phrase
takes "です" from the sentence pattern; a plain-form predicate is made polite here with the
explanatory "んです" ("数秒でなじむんです", "ベタつかないんです"), "だ" becomes "です", and a
bullet that already ends politely ("なじみます") is kept.

Counted nouns ("3色", "3サイズ") come from ``compose/ja.yaml`` (``counted``): Arabic digits with
the counter the noun takes.
"""

from __future__ import annotations

import re

# Endings already in です・ます (or a polite request).
_POLITE = re.compile(
    r"(です|ます|ました|でした|ません|ませんでした|でしょう|ください|ですね|ますね|ですよ|ますよ"
    r"|ですよね|ましょう)$"
)
# The last character of a noun phrase: kanji, katakana, Latin letters, digits, %.
_NOUN_END = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\u30a0-\u30ffA-Za-z0-9%％ー＋+]$")
# Plain-form verb endings (う段) and the past "た".
_VERB_END = re.compile(r"[うくぐすつぬぶむるた]$")
# Hiragana words ending in い that are な-adjectives or nouns, not い-adjectives.
_NOT_I_ADJECTIVE = ("きれい", "ていねい", "あいまい", "さいわい")
# A topic or subject particle inside the bullet ("重さはわずか210g", "お手入れが簡単"): it is a
# statement, not a noun phrase to put in a frame.
_TOPIC_PARTICLE = re.compile(r".[はが].")
_FINAL = re.compile(r"[。．.！!？?]+$")


def is_noun_phrase(phrase: str) -> bool:
    """Whether ``phrase`` ends like a noun phrase ("無香料", "72%配合", "SPF50")."""
    return bool(_NOUN_END.search(_FINAL.sub("", phrase.strip())))


def polite(phrase: str) -> str | None:
    """``phrase`` as a polite sentence (without the final 。), or None for a noun phrase,
    which the sentence pattern completes ("{point}です。")."""
    text = _FINAL.sub("", phrase.strip())
    if not text:
        return None
    if is_noun_phrase(text):
        # "重さはわずか210g" is a whole statement: it takes です but no frame around it.
        return text + "です" if _TOPIC_PARTICLE.search(text) else None
    if _POLITE.search(text) or text.endswith(("ね", "よ")):
        return text
    if text.endswith("だ"):
        return text[:-1] + "です"
    if text.endswith(_NOT_I_ADJECTIVE):
        return text + "です"
    if text.endswith("い") or _VERB_END.search(text):
        return text + "んです"  # 軽いんです, なじむんです, 仕上げたんです
    if re.search(r"[\u4e00-\u9fff]に$", text):  # "焼き色が均一に" → "焼き色が均一になります"
        return text + "なります"
    if text.endswith(("て", "で")):  # "手洗いできて" → "手洗いできています"
        return text + "います"
    return text + "です"  # hiragana nouns and onomatopoeia: もちもちです
