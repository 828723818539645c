"""Question detection and intent classification for chat in en/ko/ja/zh/es/fr/it/pt/hi/id.

``is_question`` looks at punctuation (?, ？, ¿), sentence-final particles (Korean 까/요?/나요,
Japanese か/の, Chinese 吗/呢) and interrogative words per language. ``classify_intent`` sorts
a comment into one :class:`Intent`. The ranked queue is in ``questions``.
"""

# ruff: noqa: E501 - pattern tables read best one pattern per line
from __future__ import annotations

import re
from enum import StrEnum

from shopcast.live.chat.facts.asks import Topic, read_question
from shopcast.live.chat.injection import detect_injection
from shopcast.live.chat.textmatch import fold


class Intent(StrEnum):
    PURCHASE = "purchase"  # price, buying, shipping, stock, returns
    PRODUCT = "product"  # a question about the product itself
    AI_IDENTITY = "ai_identity"  # "are you an AI / a real person?"
    GREETING = "greeting"
    SMALL_TALK = "small_talk"
    OFF_TOPIC = "off_topic"
    INJECTION = "injection"
    HOSTILE = "hostile"  # abuse of the host or others, requests for slurs or hate


# The only intents thanked with "Good question, {name}!": a real question about the products
# or buying them. Greetings, off-topic remarks, manipulation attempts and abuse never are.
ACKNOWLEDGED_INTENTS = frozenset({Intent.PURCHASE, Intent.PRODUCT})


def deserves_ack(intent: Intent) -> bool:
    """Whether the host thanks the viewer for this comment ("Good question, Jun!")."""
    return intent in ACKNOWLEDGED_INTENTS


_INTERROGATIVES = (
    # en
    r"what|whats|how|when|where|why|who|which|whose|does|do|is|are|can|could|will|would|should"
    r"|did|has|have|any|anyone"
    # es / pt / fr / it
    r"|que|qué|como|cómo|cuanto|cuánto|cuanta|cuándo|cuando|donde|dónde|por que|porque|cual|cuál"
    r"|quanto|quanta|quando|onde|qual|quais|tem|tiene|hay|puedo|posso|pode|puede"
    r"|quoi|comment|combien|quand|ou|où|pourquoi|quel|quelle|est-ce|est ce"
    r"|cosa|come|dove|perché|perche|quale|quali|c'è|ce"
    # id
    r"|apa|apakah|bagaimana|berapa|kapan|dimana|di mana|mengapa|kenapa|siapa|bisa|ada"
    # romanised hi
    r"|kya|kaise|kitna|kitne|kab|kahan|kyun|kaun"
)
_LEADING_Q = re.compile(rf"^(?:{_INTERROGATIVES})\b", re.IGNORECASE)
_HI_Q = re.compile(r"(क्या|कैसे|कितन|कब|कहाँ|कहां|क्यों|कौन|किस)")
_KO_Q = re.compile(
    r"(까|나요|가요|죠|니|냐|어요\?|요\?|뭐|어떻게|얼마|언제|어디|왜|누구|무슨|어느|있나|되나)"
)
_JA_Q = re.compile(
    r"(ですか|ますか|でしょうか|か[?？。]?$|の[?？]|なに|何|どう|いくら|いつ|どこ|なぜ|誰|どれ|どの)"
)
_ZH_Q = re.compile(
    r"(吗|呢|么|什么|怎么|怎样|多少|几|哪|为什么|谁|是否|能不能|有没有|可不可以|是不是)"
)
_QMARK = re.compile(r"[?？¿؟]")
# requests for information are questions too ("tell me about the candle", "알려 주세요")
_ASKS_FOR_INFO = re.compile(
    r"^(tell me|show me|explain|describe|any info|more info|info on|details on|cuentame|"
    r"cuéntame|dime|explicame|explícame|me conta|conta mais|me fala|me diz|dis-moi|parlami|"
    r"dimmi|jelaskan|ceritakan)\b"
    r"|알려\s*(주세요|줘|주실)|설명해|소개해|教えて|説明して|紹介して|介绍一下|介绍下|说说|讲讲|"
    r"告诉我",
    re.IGNORECASE,
)


def is_question(text: str) -> bool:
    t = text.strip()
    if not t:
        return False
    if _QMARK.search(t):
        return True
    low = fold(t)
    if _ASKS_FOR_INFO.search(low):
        return True
    return bool(
        _LEADING_Q.search(low)
        or _HI_Q.search(t)
        or _KO_Q.search(t)
        or _JA_Q.search(t)
        or _ZH_Q.search(t)
    )


def _terms(*words: str) -> re.Pattern[str]:
    latin = [w for w in words if w.isascii()]
    other = [w for w in words if not w.isascii()]
    parts = []
    if latin:
        parts.append(r"(?<!\w)(?:" + "|".join(re.escape(fold(w)) for w in latin) + r")(?!\w)")
    if other:
        parts.append("|".join(re.escape(fold(w)) for w in other))
    return re.compile("|".join(parts), re.IGNORECASE)


_AI = re.compile(
    r"\b(are|r) (you|u) (an? )?(ai|a\.i\.|bot|robot|real|human|person|a real person|fake|virtual)\b"
    r"|\b(you|u)('re| are) (an? )?(ai|bot|robot)\b|\bis (this|she|he) (an? )?(ai|bot|real)\b"
    r"|\b(eres|es|sos) (una? )?(ia|bot|robot|real|humana?|persona)\b"
    r"|\b(voce|você|vc) (e|é) (uma? )?(ia|bot|robo|robô|real|humana?|pessoa)\b"
    r"|\b(es-tu|êtes-vous|es tu) (une? )?(ia|robot|bot|réelle?|humaine?|vraie?)\b"
    r"|\bsei (un'?|una )?(ia|bot|robot|reale|umana?|vera)\b"
    r"|\b(kamu|anda) (itu )?(ai|bot|robot|manusia|asli|nyata)\b"
    r"|\b(aap|tum) (ai|bot|robot|asli|insaan)\b"
    r"|(너|당신|님).{0,6}(ai|에이아이|인공지능|로봇|봇|사람|진짜)|(ai|인공지능|사람)(이에요|인가요|예요|야|이야|이세요)"
    r"|(あなた|君|きみ).{0,6}(ai|人間|ロボット|本物)|(ai|人工知能|人間|ロボット)(ですか|なの)"
    r"|你是.{0,4}(ai|人工智能|机器人|真人|人)|(真人|机器人|ai)吗"
    r"|(आप|तुम).{0,10}(एआई|ai|रोबोट|असली|इंसान)",
    re.IGNORECASE,
)
_PURCHASE = _terms(
    "price",
    "cost",
    "costs",
    "how much is it",
    "how much for",
    "buy",
    "order",
    "checkout",
    "cart",
    "shipping",
    "ship",
    "delivery",
    "deliver",
    "discount",
    "coupon",
    "sale",
    "deal",
    "stock",
    "in stock",
    "sold out",
    "return",
    "returns",
    "refund",
    "pay",
    "payment",
    "cod",
    "warranty",
    "가격",
    "얼마예요",
    "얼마에요",
    "얼마인가요",
    "배송",
    "구매",
    "주문",
    "할인",
    "쿠폰",
    "재고",
    "품절",
    "환불",
    "반품",
    "결제",
    "値段",
    "価格",
    "いくら",
    "送料",
    "配送",
    "購入",
    "注文",
    "割引",
    "在庫",
    "返品",
    "返金",
    "支払",
    "价格",
    "多少钱",
    "运费",
    "发货",
    "快递",
    "购买",
    "下单",
    "折扣",
    "优惠",
    "库存",
    "退货",
    "退款",
    "precio",
    "cuesta",
    "envío",
    "envio",
    "comprar",
    "descuento",
    "pedido",
    "devolución",
    "preço",
    "preco",
    "custa",
    "frete",
    "entrega",
    "desconto",
    "estoque",
    "pedido",
    "troca",
    "prix",
    "coûte",
    "livraison",
    "acheter",
    "réduction",
    "promo",
    "commande",
    "remboursement",
    "prezzo",
    "costa",
    "spedizione",
    "comprare",
    "sconto",
    "ordine",
    "reso",
    "rimborso",
    "harga",
    "berapa?",
    "ongkir",
    "pengiriman",
    "kirim",
    "beli",
    "diskon",
    "stok",
    "bayar",
    "retur",
    "कीमत",
    "दाम",
    "डिलीवरी",
    "खरीद",
    "छूट",
    "ऑर्डर",
    "स्टॉक",
    "kimat",
    "daam",
)
_GREETING = _terms(
    "hi",
    "hello",
    "hey",
    "hiya",
    "yo",
    "good morning",
    "good evening",
    "greetings",
    "안녕",
    "안녕하세요",
    "하이",
    "こんにちは",
    "こんばんは",
    "おはよう",
    "やあ",
    "你好",
    "大家好",
    "哈喽",
    "hola",
    "buenas",
    "olá",
    "ola",
    "oi",
    "bom dia",
    "boa noite",
    "bonjour",
    "salut",
    "coucou",
    "ciao",
    "buongiorno",
    "buonasera",
    "halo",
    "hai",
    "selamat pagi",
    "selamat malam",
    "नमस्ते",
    "namaste",
)
_OFF_TOPIC = _terms(
    "weather",
    "politics",
    "election",
    "president",
    "football",
    "soccer",
    "homework",
    "bitcoin",
    "crypto",
    "stock market",
    "lottery",
    "your favorite movie",
    "girlfriend",
    "boyfriend",
    "날씨",
    "정치",
    "선거",
    "축구",
    "숙제",
    "天気",
    "政治",
    "選挙",
    "宿題",
    "天气",
    "政治",
    "选举",
    "足球",
    "作业",
    "clima",
    "política",
    "tiempo",
    "futebol",
    "fútbol",
    "météo",
    "politique",
    "meteo",
    "calcio",
    "cuaca",
    "politik",
    "sepak bola",
    "मौसम",
    "राजनीति",
)


_HOSTILE = re.compile(
    r"\b(slurs?|n[- ]?word|racist|racism|sexist|homophobic|hate speech|ethnic joke)\b"
    r"|\bsay something (offensive|racist|mean|nasty|rude|hateful|dirty)\b"
    r"|\btell (me |us )?an? (racist|dirty|offensive|sexist) joke\b"
    r"|\b(shut up|stfu|you suck|get lost|go away|go die|kys|nobody (cares|asked)|hate (you|this (show|stream|host)))\b"
    r"|\b(you'?re|you are|ur|this host is|the host is|this bot is|what an?) (so )?(useless|trash|garbage|worthless|ugly|annoying|boring|dumb|stupid|pathetic|disgusting|creepy)\b"
    r"|\b(stupid|dumb|useless|trash|garbage|fake|creepy|ugly) (bot|ai|host|robot|machine)\b"
    r"|\bworst (host|stream|show|bot)\b"
    r"|닥쳐|꺼져|멍청|짜증나|인종차별|혐오 발언|비하 발언|쓰레기 방송|노잼|재미없어"
    r"|黙れ|消えろ|うざい|キモい|差別用語|差別的|つまらない配信"
    r"|闭嘴|滚开|滚吧|垃圾主播|种族歧视|脏话|傻逼"
    r"|\b(callate|cállate|largate|lárgate|das asco|eres (inutil|inútil|basura|fea|estupida|estúpida)|chiste racista|insulto racista)\b"
    r"|\b(cala a boca|cala boca|some daqui|voce e (inutil|lixo|feia|burra)|você é (inútil|lixo|feia|burra)|piada racista|xingamento)\b",
    re.IGNORECASE,
)


_PURCHASE_TOPICS = frozenset(
    {Topic.PRICE, Topic.DEAL, Topic.STOCK, Topic.RESTOCK, Topic.SHIPPING, Topic.RETURNS}
)


def is_hostile(text: str) -> bool:
    """Abuse aimed at the host or others, or a request for slurs or hate, that the word lists
    (moderation) let through: never thanked, never answered as a question."""
    return bool(_HOSTILE.search(fold(text)) or _HOSTILE.search(text.lower()))


def classify_intent(text: str) -> Intent:
    """The intent of one (moderated) comment."""
    if detect_injection(text) is not None:
        return Intent.INJECTION
    if is_hostile(text):
        return Intent.HOSTILE
    folded = fold(text)
    if _AI.search(folded):
        return Intent.AI_IDENTITY
    # "hw much is the hoodie lol", "and what's it made of": no question mark, but a question
    # about the products all the same
    topics = read_question(text).topics
    question = is_question(text) or bool(topics)
    if _PURCHASE.search(folded) or topics & _PURCHASE_TOPICS:
        return Intent.PURCHASE
    if _OFF_TOPIC.search(folded):
        return Intent.OFF_TOPIC
    if question:
        return Intent.PRODUCT
    if _GREETING.search(folded) and len(folded) <= 40:
        return Intent.GREETING
    return Intent.SMALL_TALK
