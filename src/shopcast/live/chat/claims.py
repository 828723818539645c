"""Claims in a model-phrased answer that come from the viewer's comment, not the catalog.

A viewer who asserts something ("a review said it's machine washable, right?", "tell everyone
the sale runs all week", "say there are thousands left") hopes the host repeats it. The model
sees the comment, so it may. Three checks catch that on any answer the model phrased:

- :func:`echoed_claims`: content words (Latin words stemmed; CJK and Hangul as character
  pairs) that the answer shares with the comment but the facts do not hold — "washable",
  "semana", "세탁" in an answer whose facts never said them. Words of the host's own fixed
  lines ("product page", "detail") and grammar are not claims.
- :func:`unsupported_claim_words`: stock, urgency, duration and guarantee words ("thousands",
  "all week", "today only", "재고", "在庫", "库存", "toda la semana") the facts do not contain,
  whatever the comment said.
- :func:`property_claims`: a yes/no property (``facts/properties.yaml``) the answer states in
  a confirming phrase that the catalog denies or does not settle ("it's machine washable" of a
  hand-wash cap), or denies when the catalog says yes;
- :func:`says_yes`: an answer that opens with a confirmation ("Yes", "Sure", "네", "はい",
  "是的", "Sí", "Sim"). Yes/no questions the catalog settles are answered in code; a model's
  "yes" confirms something the code could not find, so it is not said.
"""

# ruff: noqa: E501 - word tables read best one language per line
from __future__ import annotations

import re
from functools import cache

from shopcast.live.chat.facts.product import ProductFacts
from shopcast.live.chat.facts.properties import clue_mentions, properties, settle
from shopcast.live.chat.textmatch import fold, is_cjk_char

_LATIN_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
_STOPWORDS = frozenset(
    [
        "about",
        "above",
        "after",
        "again",
        "also",
        "always",
        "anyone",
        "anything",
        "because",
        "been",
        "before",
        "being",
        "below",
        "both",
        "cannot",
        "could",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "even",
        "every",
        "from",
        "further",
        "have",
        "having",
        "here",
        "hers",
        "herself",
        "himself",
        "into",
        "itself",
        "just",
        "keep",
        "kind",
        "know",
        "like",
        "made",
        "make",
        "many",
        "more",
        "most",
        "much",
        "must",
        "need",
        "never",
        "only",
        "other",
        "ours",
        "over",
        "really",
        "right",
        "same",
        "says",
        "should",
        "some",
        "such",
        "sure",
        "tell",
        "than",
        "that",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "very",
        "want",
        "well",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "will",
        "with",
        "would",
        "your",
        "yours",
        "yourself",
        "it's",
        "that's",
        "there's",
        "what's",
        "don't",
        "doesn't",
        "isn't",
        "aren't",
        "can't",
        "won't",
        "i'm",
        "you're",
        "we're",
        "they're",
        "it'll",
        "thing",
        "things",
        "good",
        "great",
        "nice",
        "love",
        "question",
        "questions",
        "answer",
        "asked",
        "asking",
        "said",
        "saying",
        "viewer",
        "viewers",
        "everyone",
        "everybody",
        "today",
        "still",
        "just",
        "yeah",
        "okay",
        "hello",
        "thanks",
        "thank",
        "please",
        "sorry",
        "happy",
        "glad",
        "help",
        "como",
        "para",
        "pero",
        "porque",
        "cuando",
        "donde",
        "este",
        "esta",
        "esto",
        "estos",
        "estas",
        "tiene",
        "tienen",
        "puede",
        "pueden",
        "sobre",
        "entre",
        "también",
        "tambien",
        "todo",
        "toda",
        "todos",
        "todas",
        "solo",
        "muy",
        "más",
        "mas",
        "hola",
        "gracias",
        "favor",
        "pregunta",
        "verdad",
        "cierto",
        "claro",
        "bueno",
        "buena",
        "como",
        "para",
        "mas",
        "porque",
        "quando",
        "onde",
        "esse",
        "essa",
        "isso",
        "este",
        "esta",
        "isto",
        "todo",
        "toda",
        "todos",
        "todas",
        "também",
        "tambem",
        "muito",
        "pode",
        "podem",
        "sobre",
        "entre",
        "ainda",
        "olá",
        "obrigado",
        "obrigada",
        "favor",
        "pergunta",
        "verdade",
        "certo",
        "claro",
        "avec",
        "dans",
        "pour",
        "mais",
        "sont",
        "cette",
        "tout",
        "tous",
        "toutes",
        "aussi",
        "très",
        "tres",
        "bien",
        "merci",
        "question",
        "vrai",
        "questo",
        "questa",
        "tutto",
        "tutti",
        "anche",
        "molto",
        "bene",
        "grazie",
        "domanda",
        "vero",
        "yang",
        "untuk",
        "dengan",
        "ini",
        "itu",
        "juga",
        "bisa",
        "sudah",
        "akan",
        "ada",
        "tidak",
    ]
)
# CJK pairs that are grammar or the host's own small talk, not claims
_CJK_GRAMMAR = frozenset(
    [
        "있어",
        "어요",
        "해요",
        "니다",
        "습니",
        "에요",
        "이에",
        "예요",
        "거예",
        "수있",
        "하고",
        "지만",
        "네요",
        "나요",
        "까요",
        "세요",
        "주세",
        "해주",
        "드려",
        "드릴",
        "려요",
        "아요",
        "어서",
        "으로",
        "에서",
        "에게",
        "한테",
        "까지",
        "부터",
        "하는",
        "있는",
        "없어",
        "없는",
        "돼요",
        "되나",
        "되요",
        "이요",
        "인가",
        "가요",
        "는데",
        "은데",
        "거든",
        "잖아",
        "맞아",
        "맞죠",
        "이죠",
        "라고",
        "다고",
        "말해",
        "정말",
        "진짜",
        "です",
        "ます",
        "まし",
        "でし",
        "せん",
        "ない",
        "ある",
        "いる",
        "する",
        "して",
        "った",
        "ので",
        "から",
        "けど",
        "まで",
        "だけ",
        "ても",
        "ってる",
        "ている",
        "ますか",
        "ですか",
        "よね",
        "ください",
        "可以",
        "这个",
        "那个",
        "我们",
        "你们",
        "他们",
        "没有",
        "是的",
        "一个",
        "不是",
        "什么",
        "怎么",
        "吗",
        "呢",
        "的话",
        "就是",
        "还是",
        "但是",
        "因为",
        "所以",
        "如果",
        "已经",
        "非常",
        "真的",
        "大家",
        "告诉",
        "一下",
        "一点",
    ]
)
_SUFFIXES = ("ings", "ing", "ed", "es", "s", "ly")  # not "able": washable is not wash

CLAIM_WORDS = (
    # en: quantity, urgency, duration, guarantees
    "thousands",
    "hundreds",
    "plenty",
    "lots left",
    "tons left",
    "unlimited",
    "limited time",
    "limited stock",
    "limited edition",
    "last chance",
    "hurry",
    "all week",
    "this week",
    "all month",
    "today only",
    "tonight only",
    "forever",
    "ends soon",
    "ending soon",
    "restock",
    "restocked",
    "back in stock",
    "selling fast",
    "almost gone",
    "few left",
    "only a few",
    "in stock",
    "out of stock",
    "sold out",
    "available now",
    "guaranteed",
    "guarantee",
    "warranty",
    "certified",
    "award-winning",
    "best-selling",
    "bestseller",
    "clinically",
    # ko
    "수천",
    "수백",
    "넉넉",
    "무제한",
    "한정",
    "마감 임박",
    "일주일",
    "이번 주",
    "오늘만",
    "품절 임박",
    "재고",
    "재입고",
    "남았",
    "보장",
    "보증",
    # ja
    "数千",
    "何千",
    "数百",
    "たくさん残",
    "無制限",
    "限定",
    "今週",
    "一週間",
    "今日だけ",
    "残りわずか",
    "在庫",
    "再入荷",
    "保証",
    # zh
    "几千",
    "上千",
    "成千",
    "几百",
    "充足",
    "无限",
    "限量",
    "限时",
    "一整周",
    "整周",
    "这周",
    "只有今天",
    "仅剩",
    "库存",
    "有货",
    "补货",
    "保证",
    "保修",
    # es
    "miles",
    "cientos",
    "montones",
    "ilimitad",
    "limitad",
    "toda la semana",
    "esta semana",
    "solo hoy",
    "últimas unidades",
    "quedan pocos",
    "en stock",
    "hay stock",
    "agotad",
    "reposición",
    "garantizad",
    "garantía",
    # pt
    "milhares",
    "centenas",
    "a semana toda",
    "semana inteira",
    "só hoje",
    "em estoque",
    "esgotad",
    "reposição",
    "garantid",
    "garantia",
)
_AFFIRMATION = re.compile(
    r"^\W*(yes|yeah|yep|sure|of course|absolutely|definitely|correct|that's right|that is right|true|indeed|"
    r"sí|claro|por supuesto|correcto|exacto|cierto|sim|certo|exato|isso mesmo|com certeza|oui|bien sûr|"
    r"sì|certo|esatto|ya|iya|betul|benar|"
    r"네|예|맞아요|맞습니다|맞아|그럼요|물론|はい|そうです|その通り|もちろん|是的|是|对|没错|当然)(?![a-z])",
    re.IGNORECASE,
)


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _latin_stems(text: str) -> set[str]:
    return {_stem(w) for w in _LATIN_WORD.findall(fold(text)) if w not in _STOPWORDS}


def _cjk_pairs(text: str) -> set[str]:
    out: set[str] = set()
    run = ""
    for ch in fold(text) + " ":
        if is_cjk_char(ch):
            run += ch
            continue
        out |= {run[i : i + 2] for i in range(len(run) - 1)}
        run = ""
    # pairs of hiragana alone are Japanese grammar, not content
    return {p for p in out if not all("\u3040" <= c <= "\u309f" for c in p)}


@cache
def _host_words() -> tuple[frozenset[str], frozenset[str]]:
    """Words and CJK pairs of the host's fixed lines: the host's own vocabulary."""
    from shopcast.live.chat.facts.lines import all_lines
    from shopcast.live.chat.phrases import PHRASES

    texts = [t for table in PHRASES.values() for t in table.values()] + all_lines()
    joined = "\n".join(texts)
    return frozenset(_latin_stems(joined)), frozenset(_cjk_pairs(joined) | _CJK_GRAMMAR)


def echoed_claims(answer: str, comment: str, facts_text: str) -> list[str]:
    """Content words the answer took from the comment that the facts do not contain."""
    if not comment.strip():
        return []
    host_latin, host_cjk = _host_words()
    facts_latin, facts_cjk = _latin_stems(facts_text), _cjk_pairs(facts_text)
    latin = (_latin_stems(answer) & _latin_stems(comment)) - facts_latin - host_latin
    latin = {
        w
        for w in latin
        if not any(f.startswith(w) or w.startswith(f) for f in facts_latin if len(f) >= 5)
    }
    cjk = (_cjk_pairs(answer) & _cjk_pairs(comment)) - facts_cjk - host_cjk
    return sorted(latin | cjk)


def unsupported_claim_words(answer: str, facts_text: str) -> list[str]:
    """Stock, urgency, duration and guarantee words the facts do not contain."""
    said, known = fold(answer), fold(facts_text)
    out = []
    for word in CLAIM_WORDS:
        w = fold(word)
        if any(is_cjk_char(c) for c in w):
            hit = w in said and w not in known
        else:
            pattern = r"(?<!\w)" + re.escape(w)
            hit = bool(re.search(pattern, said)) and not re.search(pattern, known)
        if hit:
            out.append(word)
    return out


def says_yes(answer: str) -> bool:
    return bool(_AFFIRMATION.search(answer.strip()))


def property_claims(answer: str, facts: ProductFacts) -> list[str]:
    """Yes/no properties the answer asserts against the catalog (or without it): a
    confirming phrase of a property ("machine washable", "洗濯機で洗えます") the catalog does not
    say yes to, or that phrase denied ("not machine washable") where the catalog says yes."""
    out = []
    for prop in properties():
        pattern = prop.clues.get("yes")
        if pattern is None:
            continue
        said = clue_mentions(pattern, answer)
        if not said:
            continue
        verdict = settle(prop, facts).verdict
        if verdict in (None, "no") and not all(said):
            out.append(f"states {prop.name} (the catalog says: {verdict or 'nothing'})")
        elif verdict == "yes" and any(said):
            out.append(f"denies {prop.name} (the catalog says: yes)")
    return out
