# ruff: noqa: E501 - one phrase per line reads best
"""The shopping assistant's fixed lines per language (never phrased by a language model).

Placeholders: ``{country}`` the market's country in its own language, ``{min}``/``{max}``/
``{days}`` whole numbers from the shipping policy, ``{fee}``/``{threshold}`` amounts formatted
for the market, ``{title}`` a catalog title. Keys and languages mirror the live chat's phrase
table (:mod:`shopcast.live.chat.phrases`), whose lines the assistant also uses.
"""

from __future__ import annotations

from babel import Locale

from shopcast.live.chat.phrases import language_key
from shopcast.markets.types import Market

LINES: dict[str, dict[str, str]] = {
    "en": {
        "shipping": "Delivery to {country} takes {min}–{max} business days and costs {fee}.",
        "shipping_free_over": "Orders from {threshold} ship free.",
        "returns": "Unused items can be returned within {days} days of delivery.",
        "no_shipping": "I don't have shipping details for {country} — please check at checkout.",
        "no_offer": "I can't give discounts or codes — any deal shows on the product card.",
        "reason_view": "because you viewed the {title}",
        "reason_click": "because you viewed the {title}",
        "reason_ask": "because you asked about the {title}",
        "reason_cart": "because you added the {title} to your cart",
        "reason_buy": "because you bought the {title}",
        "reason_popular": "popular with shoppers right now",
        "reason_pinned": "on screen in the show right now",
        "reason_in_cart": "still in your cart",
        "reason_seen": "you looked at this earlier",
    },
    "ko": {
        "shipping": "{country} 배송은 영업일 기준 {min}–{max}일 걸리고 배송비는 {fee}이에요.",
        "shipping_free_over": "{threshold} 이상 주문하면 무료 배송이에요.",
        "returns": "사용하지 않은 상품은 배송 후 {days}일 안에 반품할 수 있어요.",
        "no_shipping": "{country} 배송 정보는 제가 가진 정보에 없어요. 결제 단계에서 확인해 주세요.",
        "no_offer": "할인이나 코드는 드릴 수 없어요. 진행 중인 딜은 상품 카드에 표시돼요.",
        "reason_view": "{title}을(를) 보셔서 추천해요",
        "reason_click": "{title}을(를) 보셔서 추천해요",
        "reason_ask": "{title}에 대해 물어보셔서 추천해요",
        "reason_cart": "{title}을(를) 장바구니에 담으셔서 추천해요",
        "reason_buy": "{title}을(를) 구매하셔서 추천해요",
        "reason_popular": "지금 인기 있는 상품이에요",
        "reason_pinned": "지금 방송에서 소개 중이에요",
        "reason_in_cart": "장바구니에 담겨 있어요",
        "reason_seen": "전에 보셨던 상품이에요",
    },
    "ja": {
        "shipping": "{country}へのお届けは{min}〜{max}営業日、送料は{fee}です。",
        "shipping_free_over": "{threshold}以上のご注文は送料無料です。",
        "returns": "未使用品はお届けから{days}日以内なら返品できます。",
        "no_shipping": "{country}への配送情報は手元にありません。ご購入手続きの画面でご確認ください。",
        "no_offer": "割引やコードはお出しできません。実施中のセールは商品カードに表示されます。",
        "reason_view": "{title}をご覧になったので",
        "reason_click": "{title}をご覧になったので",
        "reason_ask": "{title}について質問されたので",
        "reason_cart": "{title}をカートに入れられたので",
        "reason_buy": "{title}をご購入いただいたので",
        "reason_popular": "いま人気の商品です",
        "reason_pinned": "いまライブで紹介中です",
        "reason_in_cart": "カートに入っています",
        "reason_seen": "以前ご覧になった商品です",
    },
    "zh": {
        "shipping": "配送到{country}需要{min}–{max}个工作日，运费为{fee}。",
        "shipping_free_over": "订单满{threshold}包邮。",
        "returns": "未使用的商品可在签收后{days}天内退货。",
        "no_shipping": "我这里没有{country}的配送信息，请在结算时查看。",
        "no_offer": "我不能提供折扣或优惠码，正在进行的活动会显示在商品卡片上。",
        "reason_view": "因为你看过{title}",
        "reason_click": "因为你看过{title}",
        "reason_ask": "因为你咨询过{title}",
        "reason_cart": "因为你把{title}加入了购物车",
        "reason_buy": "因为你购买了{title}",
        "reason_popular": "现在很受欢迎",
        "reason_pinned": "直播中正在介绍",
        "reason_in_cart": "还在你的购物车里",
        "reason_seen": "你之前看过这件商品",
    },
    "es": {
        "shipping": "El envío a {country} tarda {min}–{max} días hábiles y cuesta {fee}.",
        "shipping_free_over": "Los pedidos desde {threshold} tienen envío gratis.",
        "returns": "Puedes devolver artículos sin usar en {days} días desde la entrega.",
        "no_shipping": "No tengo datos de envío para {country}; revísalo al pagar.",
        "no_offer": "No puedo dar descuentos ni códigos; las ofertas aparecen en la ficha del producto.",
        "reason_view": "porque viste {title}",
        "reason_click": "porque viste {title}",
        "reason_ask": "porque preguntaste por {title}",
        "reason_cart": "porque añadiste {title} al carrito",
        "reason_buy": "porque compraste {title}",
        "reason_popular": "popular ahora mismo",
        "reason_pinned": "en pantalla en el directo ahora",
        "reason_in_cart": "sigue en tu carrito",
        "reason_seen": "lo viste antes",
    },
    "fr": {
        "shipping": "Livraison vers : {country} — {min} à {max} jours ouvrés, pour {fee}.",
        "shipping_free_over": "Livraison offerte dès {threshold} d'achat.",
        "returns": "Les articles non utilisés peuvent être retournés sous {days} jours après livraison.",
        "no_shipping": "Je n'ai pas les infos de livraison pour {country} : vérifiez au paiement.",
        "no_offer": "Je ne peux pas donner de remise ni de code : les offres s'affichent sur la fiche produit.",
        "reason_view": "parce que vous avez regardé {title}",
        "reason_click": "parce que vous avez regardé {title}",
        "reason_ask": "parce que vous avez posé une question sur {title}",
        "reason_cart": "parce que vous avez ajouté {title} au panier",
        "reason_buy": "parce que vous avez acheté {title}",
        "reason_popular": "populaire en ce moment",
        "reason_pinned": "à l'écran dans le live en ce moment",
        "reason_in_cart": "toujours dans votre panier",
        "reason_seen": "vous l'avez déjà regardé",
    },
    "it": {
        "shipping": "Consegna verso: {country} — {min}–{max} giorni lavorativi, costo {fee}.",
        "shipping_free_over": "Spedizione gratuita per ordini da {threshold}.",
        "returns": "Gli articoli non usati si possono restituire entro {days} giorni dalla consegna.",
        "no_shipping": "Non ho i dati di spedizione per {country}: controlla al pagamento.",
        "no_offer": "Non posso dare sconti o codici: le offerte compaiono sulla scheda prodotto.",
        "reason_view": "perché hai guardato {title}",
        "reason_click": "perché hai guardato {title}",
        "reason_ask": "perché hai chiesto di {title}",
        "reason_cart": "perché hai aggiunto {title} al carrello",
        "reason_buy": "perché hai comprato {title}",
        "reason_popular": "popolare in questo momento",
        "reason_pinned": "sullo schermo nella diretta ora",
        "reason_in_cart": "ancora nel tuo carrello",
        "reason_seen": "l'hai già guardato",
    },
    "pt": {
        "shipping": "Entrega para: {country} — {min}–{max} dias úteis, por {fee}.",
        "shipping_free_over": "Pedidos a partir de {threshold} têm frete grátis.",
        "returns": "Itens sem uso podem ser devolvidos em até {days} dias após a entrega.",
        "no_shipping": "Não tenho dados de entrega para {country}; confira no checkout.",
        "no_offer": "Não posso dar descontos nem códigos; as ofertas aparecem no card do produto.",
        "reason_view": "porque você viu {title}",
        "reason_click": "porque você viu {title}",
        "reason_ask": "porque você perguntou sobre {title}",
        "reason_cart": "porque você colocou {title} no carrinho",
        "reason_buy": "porque você comprou {title}",
        "reason_popular": "em alta agora",
        "reason_pinned": "na tela da live agora",
        "reason_in_cart": "ainda está no seu carrinho",
        "reason_seen": "você já viu este produto",
    },
    "hi": {
        "shipping": "{country} में डिलीवरी में {min}–{max} कार्यदिवस लगते हैं और शुल्क {fee} है।",
        "shipping_free_over": "{threshold} या उससे अधिक के ऑर्डर पर डिलीवरी मुफ्त है।",
        "returns": "बिना इस्तेमाल किया सामान डिलीवरी के {days} दिनों के अंदर लौटाया जा सकता है।",
        "no_shipping": "{country} की डिलीवरी जानकारी मेरे पास नहीं है — कृपया चेकआउट पर देखें।",
        "no_offer": "मैं छूट या कोड नहीं दे सकती — कोई भी डील प्रोडक्ट कार्ड पर दिखती है।",
        "reason_view": "क्योंकि आपने {title} देखा",
        "reason_click": "क्योंकि आपने {title} देखा",
        "reason_ask": "क्योंकि आपने {title} के बारे में पूछा",
        "reason_cart": "क्योंकि आपने {title} कार्ट में डाला",
        "reason_buy": "क्योंकि आपने {title} खरीदा",
        "reason_popular": "अभी लोकप्रिय",
        "reason_pinned": "अभी शो में दिखाया जा रहा है",
        "reason_in_cart": "अभी भी आपके कार्ट में है",
        "reason_seen": "आपने इसे पहले देखा था",
    },
    "id": {
        "shipping": "Pengiriman ke {country} butuh {min}–{max} hari kerja dengan ongkir {fee}.",
        "shipping_free_over": "Pesanan mulai {threshold} gratis ongkir.",
        "returns": "Barang yang belum dipakai bisa dikembalikan dalam {days} hari setelah diterima.",
        "no_shipping": "Aku belum punya info pengiriman ke {country} — cek saat checkout ya.",
        "no_offer": "Aku tidak bisa memberi diskon atau kode — promo yang berlaku tampil di kartu produk.",
        "reason_view": "karena kamu melihat {title}",
        "reason_click": "karena kamu melihat {title}",
        "reason_ask": "karena kamu bertanya tentang {title}",
        "reason_cart": "karena kamu memasukkan {title} ke keranjang",
        "reason_buy": "karena kamu membeli {title}",
        "reason_popular": "sedang populer",
        "reason_pinned": "sedang tampil di live sekarang",
        "reason_in_cart": "masih ada di keranjangmu",
        "reason_seen": "kamu pernah melihat produk ini",
    },
}


def line(language: str, key: str, **values: object) -> str:
    return LINES[language_key(language)][key].format(**values)


def country_name(market: Market) -> str:
    """The market's country in the market's own language ("대한민국", "Japón"...)."""
    region = market.code.split("-")[-1].upper()
    try:
        return Locale.parse(market.locale).territories.get(region) or market.name
    except (ValueError, LookupError):
        return market.name
