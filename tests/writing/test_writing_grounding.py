"""The grounding checker on hand-written lines: bad lines are flagged, good ones pass."""

from __future__ import annotations

from decimal import Decimal

import pytest
from writing_samples import MARKET_CODES, market, shirt

from shopcast.writing.grounding import check_line
from shopcast.writing.policy import load_policy


def kinds(text: str, code: str = "en-US", product=None) -> set[str]:
    product = product or shirt()
    return {v.kind for v in check_line(text, product, market(code), load_policy(code))}


GOOD = [
    ("en-US", "Meet the Breezy Linen Shirt, now $39, down from $59!"),
    ("en-US", "Pick sage green or white, sizes S, M and L."),
    ("en-US", "Save 34% today, that is $20 off."),
    ("en-US", "Made of 100% linen with a relaxed fit. Treat yourself!"),
    ("en-US", "Feel free to ask about sizes S, M and L."),
    ("ko-KR", "지금 39,000원! 세이지랑 화이트 두 가지 색상이에요."),
    ("ko-KR", "3만 9천원, 린넨 100%라 시원해요. 그린다는 느낌이에요."),
    ("ja-JP", "今なら4,200円！カラーはセージとホワイト。"),
    ("zh-CN", "只要199元！鼠尾草绿和白色两种颜色，第一次穿就很舒服。"),
    ("es-ES", "Ahora por 36,90 €, en salvia y blanco."),
    ("fr-FR", "Seulement 36,90 €, en lin, taille M."),
    ("it-IT", "Solo 36,90 €, in lino, prenditi cura di te."),
    ("pt-BR", "Por R$ 199,90, nas cores sálvia e branco!"),
    ("hi-IN", "सिर्फ ₹2,999 में!"),
    ("id-ID", "Hanya Rp 399.000, warna putih!"),
]


@pytest.mark.parametrize(("code", "text"), GOOD)
def test_grounded_lines_pass(code: str, text: str) -> None:
    product = shirt()
    assert check_line(text, product, market(code), load_policy(code)) == []


BAD = [
    ("en-US", "Only $1 today!", {"price"}),
    ("en-US", "Just 1 dollar!", {"price"}),
    ("en-US", "90% off today!", {"discount"}),
    ("en-US", "Half price, today only.", {"discount"}),
    ("en-US", "Also in red!", {"colour"}),
    ("en-US", "Grab it in size XL.", {"size"}),
    ("en-US", "Pure silk comfort.", {"material"}),
    ("en-US", "Better than Uniqlo.", {"other_product"}),
    ("en-US", "It cures acne.", {"claim"}),
    ("en-US", "Clinically proven to keep you cool.", {"claim"}),
    ("en-US", "100% safe and the best shirt in the world.", {"claim"}),
    ("en-US", "I use it every day.", {"endorsement"}),
    ("en-US", "As a dermatologist, I love it.", {"endorsement"}),
    ("en-US", "Ships in 24 hours.", {"number"}),
    ("en-US", "Shop now to get your free offer!", {"claim"}),  # seen from the real model
    ("en-US", "Only 59,000 won!", {"price"}),  # KRW amount in a USD market
    ("ko-KR", "단돈 1,000원!", {"price"}),
    ("ko-KR", "빨간색도 있어요.", {"colour"}),
    ("ko-KR", "여드름 완치, 100% 보장!", {"claim"}),
    ("ko-KR", "저도 매일 써요.", {"endorsement"}),
    ("ja-JP", "1万円です。", {"price"}),
    ("ja-JP", "ニキビが治る！3割引！", {"claim", "discount"}),
    ("ja-JP", "私も毎日使っています。", {"endorsement"}),
    ("zh-CN", "九十九元！", {"price"}),
    ("zh-CN", "打6折，红色也有。", {"discount", "colour"}),
    ("zh-CN", "我每天都用，全网最好！", {"endorsement", "claim"}),
    ("es-ES", "Sólo 3.990 €, en rojo.", {"price", "colour"}),
    ("es-ES", "Lo uso todos los días; cura el acné.", {"endorsement", "claim"}),
    ("fr-FR", "Je l'utilise tous les jours, c'est gratuit !", {"endorsement", "claim"}),
    ("it-IT", "Lo uso ogni giorno, garantito!", {"endorsement", "claim"}),
    ("pt-BR", "Por R$ 19,90! Eu uso todo dia.", {"price", "endorsement"}),
    ("hi-IN", "मैं भी रोज़ इस्तेमाल करती हूँ, ₹99 में!", {"endorsement", "price"}),
    ("id-ID", "Rp 1.000 saja! Saya juga pakai setiap hari.", {"price", "endorsement"}),
]


@pytest.mark.parametrize(("code", "text", "expected"), BAD)
def test_bad_lines_are_flagged(code: str, text: str, expected: set[str]) -> None:
    assert expected <= kinds(text, code)


def test_price_in_a_market_without_a_seller_price_is_flagged() -> None:
    product = shirt()
    for v in product.variants:
        v.market_prices.pop("KRW")
    assert kinds("지금 39,000원!", "ko-KR", product) == {"price"}


def test_substantiated_claim_in_catalog_is_allowed() -> None:
    product = shirt()
    product.selling_points.append("clinically proven to stay cool (lab report 2025)")
    assert "claim" not in kinds("Clinically proven to keep you cool.", "en-US", product)
    assert "claim" in kinds("It cures acne.", "en-US", product)  # never substantiable


def test_discount_derivable_from_compare_at() -> None:
    product = shirt()
    for v in product.variants:
        v.compare_at_price = Decimal("78.00")
    assert kinds("50% off, half price!", "en-US", product) == set()
    assert kinds("打5折", "zh-CN", product) == set()
    assert kinds("40% off!", "en-US", product) == {"discount"}


@pytest.mark.parametrize("code", MARKET_CODES)
def test_every_market_has_claim_and_endorsement_rules(code: str) -> None:
    policy = load_policy(code)
    own = [r for r in policy.rules if r.id.split("-")[0] == code.split("-")[0]]
    if code != "en-US":
        assert {r.kind for r in own} == {"claim", "endorsement"}
    assert policy.disclosure.label_required


def test_unknown_market_code_is_rejected() -> None:
    from shopcast.errors import NotFoundError

    with pytest.raises(NotFoundError):
        load_policy("not a market!")
    assert load_policy("de-DE").rules  # no own file: the global rules still apply


DENIALS = [
    ("en-US", "It has no gluten ingredients, but it isn't certified gluten-free."),
    ("en-US", "This jacket is not waterproof."),
    ("ko-KR", "글루텐 원료는 쓰지 않았지만, 글루텐 프리 인증을 받은 제품은 아니에요."),
    ("ja-JP", "グルテンを含む原料は使っていませんが、グルテンフリーの認証は受けていません。"),
    ("zh-CN", "原料中没有含麸质的成分，但没有获得无麸质认证。"),
    ("es-ES", "No lleva ingredientes con gluten, pero no tiene certificación sin gluten."),
]
AFFIRMATIONS_BESIDE_A_NEGATION = [
    ("en-US", "It has no gluten ingredients and is certified gluten-free."),
    ("en-US", "It is not only waterproof but also certified organic."),
    ("ko-KR", "글루텐 프리 인증을 받았고 냄새는 없어요."),
    ("ja-JP", "グルテンフリーの認証を受けています。"),
    ("zh-CN", "没有麸质，获得无麸质认证。"),
    ("es-ES", "Tiene certificación sin gluten."),
]


@pytest.mark.parametrize(("market", "line"), DENIALS)
def test_saying_what_a_product_is_not_breaks_no_claim_rule(market: str, line: str) -> None:
    assert load_policy(market).scan(line, "a catalog that says nothing about it") == []


@pytest.mark.parametrize(("market", "line"), AFFIRMATIONS_BESIDE_A_NEGATION)
def test_a_claim_beside_an_unrelated_negation_is_still_a_claim(market: str, line: str) -> None:
    assert load_policy(market).scan(line, "a catalog that says nothing about it") != []


@pytest.mark.parametrize(
    ("line", "claim"),
    [
        ("今天下单送摇摇杯，还包邮。", True),
        ("全国包邮。", True),
        ("送给爱喝咖啡的朋友也很合适。", False),
    ],
)
def test_chinese_gifts_and_free_shipping_come_from_the_catalog(line: str, claim: bool) -> None:
    hits = load_policy("zh-CN").scan(line, "一个不提运费和赠品的目录")
    assert bool(hits) is claim, hits
