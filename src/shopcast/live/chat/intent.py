"""Question detection and intent classification for chat in en/ko/ja/zh/es/fr/it/pt/hi/id.

``is_question`` looks at punctuation (?, ？, ¿), sentence-final particles (Korean 까/요?/나요,
Japanese か/の, Chinese 吗/呢) and interrogative words per language. ``classify_intent`` sorts
a comment into one :class:`Intent`. The ranked queue is in ``questions``.
"""

# ruff: noqa: E501 - pattern tables read best one pattern per line
from __future__ import annotations

import re
from enum import StrEnum

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


def is_question(text: str) -> bool:
    t = text.strip()
    if not t:
        return False
    if _QMARK.search(t):
        return True
    low = fold(t)
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


def classify_intent(text: str) -> Intent:
    """The intent of one (moderated) comment."""
    if detect_injection(text) is not None:
        return Intent.INJECTION
    folded = fold(text)
    if _AI.search(folded):
        return Intent.AI_IDENTITY
    question = is_question(text)
    if _PURCHASE.search(folded):
        return Intent.PURCHASE
    if _OFF_TOPIC.search(folded):
        return Intent.OFF_TOPIC
    if question:
        return Intent.PRODUCT
    if _GREETING.search(folded) and len(folded) <= 40:
        return Intent.GREETING
    return Intent.SMALL_TALK
