"""Fixed, pre-approved host lines per language: acknowledgements and safe templates.

These never pass through a language model, so they are always safe to speak. ``{name}`` is a
sanitised viewer name (see :func:`sanitize_name`), ``{title}`` the product title and
``{price}`` a catalog price formatted for the market.
"""

from __future__ import annotations

import re

from shopcast.live.chat.blocklist import load_blocklist
from shopcast.live.chat.textmatch import fold

PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "ack": "Good question, {name}!",
        "welcome": "Hi {name}, welcome to the show!",
        "no_detail": "I don't have that detail — please check the product page.",
        "redirect": "Let's keep it about {title} today — ask me anything about it!",
        "refusal": "I can only share what's on the product page, {name}.",
        "price": "{title} is {price}.",
        "price_range": "{title} is from {price}.",
        "no_price": "Please check the product page for the price in your region.",
        "in_stock": "It's in stock right now.",
        "sold_out": "It's sold out at the moment.",
        "friend": "friend",
        "keep_kind": "Let's keep the chat kind — I'm here for questions about the products.",
    },
    "ko": {
        "ack": "좋은 질문이에요, {name}님!",
        "welcome": "{name}님, 어서 오세요!",
        "no_detail": "그 부분은 제가 가진 정보에 없어요. 상품 페이지를 확인해 주세요.",
        "redirect": "오늘은 {title} 이야기를 해요. 상품에 대해 뭐든 물어보세요!",
        "refusal": "{name}님, 저는 상품 페이지에 있는 정보만 알려드릴 수 있어요.",
        "price": "{title} 가격은 {price}이에요.",
        "price_range": "{title} 가격은 {price}부터예요.",
        "no_price": "지역별 가격은 상품 페이지에서 확인해 주세요.",
        "in_stock": "지금 재고가 있어요.",
        "sold_out": "지금은 품절이에요.",
        "friend": "시청자",
        "keep_kind": "채팅은 서로 존중하며 해 주세요. 상품 질문은 언제든 환영이에요.",
    },
    "ja": {
        "ack": "いい質問ですね、{name}さん！",
        "welcome": "{name}さん、いらっしゃい！",
        "no_detail": "その情報は手元にありません。商品ページをご確認ください。",
        "redirect": "今日は{title}のお話です。商品について何でも聞いてくださいね！",
        "refusal": "{name}さん、商品ページにある情報だけをお伝えしています。",
        "price": "{title}は{price}です。",
        "price_range": "{title}は{price}からです。",
        "no_price": "お住まいの地域の価格は商品ページでご確認ください。",
        "in_stock": "ただいま在庫があります。",
        "sold_out": "ただいま品切れです。",
        "friend": "視聴者",
        "keep_kind": "チャットは思いやりを持ってお願いします。商品の質問ならいつでもどうぞ。",
    },
    "zh": {
        "ack": "问得好，{name}！",
        "welcome": "{name}，欢迎来到直播间！",
        "no_detail": "这个信息我这里没有，请查看商品页面。",
        "redirect": "今天我们聊{title}，有关商品的问题都可以问我！",
        "refusal": "{name}，我只能分享商品页面上的信息。",
        "price": "{title}的价格是{price}。",
        "price_range": "{title}的价格{price}起。",
        "no_price": "您所在地区的价格请查看商品页面。",
        "in_stock": "现在有货。",
        "sold_out": "目前已售罄。",
        "friend": "朋友",
        "keep_kind": "请大家文明聊天，有关商品的问题随时问我。",
    },
    "es": {
        "ack": "¡Buena pregunta, {name}!",
        "welcome": "¡Hola {name}, bienvenido!",
        "no_detail": "No tengo ese dato; por favor revisa la página del producto.",
        "redirect": "Hoy hablamos de {title}: ¡pregúntame lo que quieras sobre él!",
        "refusal": "{name}, solo puedo compartir lo que está en la página del producto.",
        "price": "{title} cuesta {price}.",
        "price_range": "{title} cuesta desde {price}.",
        "no_price": "Consulta el precio para tu región en la página del producto.",
        "in_stock": "Ahora mismo hay stock.",
        "sold_out": "Ahora mismo está agotado.",
        "friend": "amigo",
        "keep_kind": "Mantengamos el chat amable; estoy aquí para preguntas sobre los productos.",
    },
    "pt": {
        "ack": "Boa pergunta, {name}!",
        "welcome": "Oi {name}, seja bem-vindo!",
        "no_detail": "Não tenho essa informação; confira a página do produto.",
        "redirect": "Hoje o assunto é {title}: pergunte o que quiser sobre ele!",
        "refusal": "{name}, só posso compartilhar o que está na página do produto.",
        "price": "{title} custa {price}.",
        "price_range": "{title} custa a partir de {price}.",
        "no_price": "Confira o preço para a sua região na página do produto.",
        "in_stock": "Temos em estoque agora.",
        "sold_out": "No momento está esgotado.",
        "friend": "amigo",
        "keep_kind": "Vamos manter o chat gentil; estou aqui para perguntas sobre os produtos.",
    },
    "fr": {
        "ack": "Bonne question, {name} !",
        "welcome": "Bonjour {name}, bienvenue !",
        "no_detail": "Je n'ai pas cette information ; regardez la page du produit.",
        "redirect": "Aujourd'hui on parle de {title} : posez-moi vos questions !",
        "refusal": "{name}, je ne peux partager que ce qui figure sur la page du produit.",
        "price": "{title} coûte {price}.",
        "price_range": "{title} est à partir de {price}.",
        "no_price": "Consultez le prix pour votre région sur la page du produit.",
        "in_stock": "Il est en stock en ce moment.",
        "sold_out": "Il est épuisé pour le moment.",
        "friend": "ami",
        "keep_kind": "Restons bienveillants ; je suis là pour vos questions sur les produits.",
    },
    "it": {
        "ack": "Bella domanda, {name}!",
        "welcome": "Ciao {name}, benvenuto!",
        "no_detail": "Non ho questa informazione: controlla la pagina del prodotto.",
        "redirect": "Oggi parliamo di {title}: chiedimi quello che vuoi!",
        "refusal": "{name}, posso condividere solo ciò che è nella pagina del prodotto.",
        "price": "{title} costa {price}.",
        "price_range": "{title} costa da {price}.",
        "no_price": "Controlla il prezzo per la tua zona nella pagina del prodotto.",
        "in_stock": "È disponibile adesso.",
        "sold_out": "Al momento è esaurito.",
        "friend": "amico",
        "keep_kind": "Teniamo la chat gentile: sono qui per le domande sui prodotti.",
    },
    "hi": {
        "ack": "बहुत अच्छा सवाल, {name}!",
        "welcome": "{name}, शो में आपका स्वागत है!",
        "no_detail": "यह जानकारी मेरे पास नहीं है, कृपया प्रोडक्ट पेज देखें।",
        "redirect": "आज हम {title} की बात कर रहे हैं — इसके बारे में कुछ भी पूछिए!",
        "refusal": "{name}, मैं सिर्फ़ प्रोडक्ट पेज की जानकारी ही बता सकती हूँ।",
        "price": "{title} की कीमत {price} है।",
        "price_range": "{title} {price} से शुरू है।",
        "no_price": "अपने क्षेत्र की कीमत प्रोडक्ट पेज पर देखें।",
        "in_stock": "यह अभी स्टॉक में है।",
        "sold_out": "यह अभी स्टॉक में नहीं है।",
        "friend": "दोस्त",
        "keep_kind": "चैट में सबसे अच्छे से बात करें — मैं प्रोडक्ट के सवालों के लिए यहाँ हूँ।",
    },
    "id": {
        "ack": "Pertanyaan bagus, {name}!",
        "welcome": "Halo {name}, selamat datang!",
        "no_detail": "Aku belum punya info itu; silakan cek halaman produk ya.",
        "redirect": "Hari ini kita bahas {title} — tanya apa saja soal produknya!",
        "refusal": "{name}, aku hanya bisa berbagi info dari halaman produk.",
        "price": "Harga {title} {price}.",
        "price_range": "Harga {title} mulai {price}.",
        "no_price": "Silakan cek harga untuk wilayahmu di halaman produk.",
        "in_stock": "Stoknya ada sekarang.",
        "sold_out": "Saat ini stoknya habis.",
        "friend": "teman",
        "keep_kind": "Yuk jaga chat tetap sopan; aku di sini untuk pertanyaan soal produk.",
    },
}

_NAME_CHARS = re.compile(r"[^\w\-. ]+", re.UNICODE)


def language_key(language: str) -> str:
    """A market's language ("pt-BR", "en-GB", "ko") → the PHRASES key ("pt", "en", "ko")."""
    key = language.split("-")[0].lower()
    return key if key in PHRASES else "en"


def phrase(language: str, key: str, **values: str) -> str:
    return PHRASES[language_key(language)][key].format(**values)


def sanitize_name(name: str, language: str, market_code: str = "en-US") -> str:
    """A viewer name safe to say aloud: letters, digits and ``-._`` only, at most 20
    characters, digits dropped ("anna_1987" → "anna": numbers would read as prices), and a
    neutral word ("friend") when the name is empty, looks like markup, or holds a blocked word,
    an offer word ("free", "할인") or an instruction-like word ("system", "ignore")."""
    from shopcast.live.chat.output_guard import offer_words_not_in_catalog

    cleaned = _NAME_CHARS.sub("", name).replace("_", " ")
    cleaned = re.sub(r"\d+", "", cleaned).strip(" .-")  # no numbers: they read as prices
    cleaned = re.sub(r"\s+", " ", cleaned)[:20].strip()
    if (
        not cleaned
        or load_blocklist(market_code).find(name) is not None
        or load_blocklist(market_code).find(cleaned) is not None
        or offer_words_not_in_catalog(cleaned, "")
        or re.search(r"(system|assistant|prompt|ignore|admin|host|discount|price)", fold(cleaned))
    ):
        return phrase(language, "friend")
    return cleaned


_NAME_SLOT = "\x00"
_PIECE_BREAK = re.compile(r"[\s、，,]")


def named_pieces(language: str, key: str, name: str) -> tuple[str, str, str]:
    """``phrase(language, key, name=name)`` as (before, named, after): ``named`` is the name
    with the characters written against it ("Jun!", "Jun님,", "Junさん、"), ``before`` and
    ``after`` the fixed words around it, which are the same for every viewer (and so can be
    voiced once and kept). Joined with spaces where the phrase has them, they give the phrase
    back."""
    text = phrase(language, key, name=_NAME_SLOT)
    at = text.find(_NAME_SLOT)
    if at < 0:
        return text, "", ""
    head, tail = text[:at], text[at + 1 :]
    start = max((m.end() for m in _PIECE_BREAK.finditer(head)), default=0)
    stop = next((m.end() for m in _PIECE_BREAK.finditer(tail)), len(tail))
    before, named, after = head[:start], f"{head[start:]}{name}{tail[:stop]}", tail[stop:]
    if not re.search(r"\w", before):  # punctuation alone ("Bonne question, Jun !") is not
        before, named = "", before + named  # a piece to voice: it stays with the name
    if not re.search(r"\w", after):
        named, after = named + after, ""
    return before.strip(), named.strip(), after.strip()
