"""Grammar for composed lines: Korean particles and counters, Japanese polite endings, Chinese
两, Spanish y/e and o/u, English a/an, French subjects, capitals, lists, and which letters count
as another language."""

from __future__ import annotations

import pytest

from shopcast.writing.grammar import (
    agree,
    capitalise_sentences,
    english,
    japanese,
    join_list,
    korean,
    realise,
    romance,
    sentence_form,
)
from shopcast.writing.language import foreign_share

# -- Korean particles ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "word", "expected"),
    [
        ("{w}을/를 보세요.", "세럼", "세럼을 보세요."),  # 럼: final ㅁ
        ("{w}을/를 보세요.", "재킷", "재킷을 보세요."),
        ("{w}을/를 보세요.", "보틀", "보틀을 보세요."),  # 틀: ㄹ is a final consonant
        ("{w}을/를 보세요.", "토너", "토너를 보세요."),  # 너: no final consonant
        ("{w}이에요/예요.", "무향", "무향이에요."),
        ("{w}이에요/예요.", "포뮬러", "포뮬러예요."),
        ("{w}이/가 있어요.", "올리브", "올리브가 있어요."),
        ("{w}과/와 {w}", "네이비", "네이비와 네이비"),
        ("{w}으로/로 나와요.", "세 가지", "세 가지로 나와요."),
        ("{w}으로/로 나와요.", "서울", "서울로 나와요."),  # ㄹ takes 로
        ("{w}으로/로 나와요.", "무광", "무광으로 나와요."),
        ("{w}{은/는}요,", "세럼", "세럼은요,"),  # the braced form
        ("{w}{은/는}요,", "토너", "토너는요,"),
    ],
)
def test_korean_particles_follow_the_hangul_before_them(template, word, expected) -> None:
    assert realise(template, {"w": word}, "ko") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("72%", "72%예요."),  # 퍼센트
        ("30ml", "30ml예요."),  # 밀리리터
        ("210g", "210g이에요."),  # 그램
        ("2.4kg", "2.4kg이에요."),  # 킬로그램
        ("39,000원", "39,000원이에요."),
        ("10", "10이에요."),  # 십
        ("3", "3이에요."),  # 삼
        ("2", "2예요."),  # 이
        ("1", "1이에요."),  # 일
        ("SPF", "SPF예요."),  # 에프
        ("M", "M이에요."),  # 엠
        ("L", "L이에요."),  # 엘
    ],
)
def test_korean_particles_after_numbers_units_and_letters(value, expected) -> None:
    assert realise("{v}{이에요/예요}.", {"v": value}, "ko") == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Haneul Lab", "Haneul Lab을"),  # 랩
        ("Ember Skillet", "Ember Skillet을"),  # 스킬릿
        ("Rain Jacket", "Rain Jacket을"),  # 재킷
        ("Glow Serum", "Glow Serum을"),  # 세럼
        ("Daily Gel", "Daily Gel을"),  # 젤
        ("Olive", "Olive를"),  # 올리브
        ("Light", "Light를"),  # 라이트
        ("Trail Bottle", "Trail Bottle을"),  # 보틀
        ("Apple", "Apple을"),  # 애플
        ("Set", "Set를"),  # 세트
        ("Nike", "Nike를"),  # 나이키
    ],
)
def test_korean_particles_after_latin_brand_names(name, expected) -> None:
    assert korean.resolve(f"{name}을/를") == expected


def test_korean_counts_are_read_with_native_numbers() -> None:
    assert korean.native_counters("2가지 색상") == "두 가지 색상"
    assert korean.native_counters("3개, 1벌, 20장") == "세 개, 한 벌, 스무 장"
    assert korean.native_counters("24개") == "스물네 개"
    # Not a counted noun, or a larger number: left as written.
    assert korean.native_counters("12개월 사용") == "12개월 사용"
    assert korean.native_counters("100개") == "100개"
    assert korean.native_counters("2.5개") == "2.5개"
    # The particle after a native number follows its sound: 두 가지 → 로.
    assert agree("2가지 색상으로/로", "ko") == "두 가지 색상으로"
    assert agree("2가지으로/로", "ko") == "두 가지로"
    with pytest.raises(ValueError):
        korean.native_number(100)


@pytest.mark.parametrize(
    ("bullet", "said"),
    [
        ("끈적임 없음", "끈적임 없어요"),
        ("주머니 있음", "주머니 있어요"),
        ("인덕션 사용 가능", "인덕션 사용 가능해요"),
        ("촉촉함", "촉촉해요"),
        ("자동 전원 차단됨", "자동 전원 차단돼요"),
        ("시즈닝 완료", "시즈닝 완료됐어요"),
        ("세탁기 사용 가능하다", "세탁기 사용 가능해요"),
        ("파우치 포함", "파우치 포함돼 있어요"),
        ("발효 쌀뜨물 72%", None),  # a noun phrase
        ("전용 보관함", None),  # a box, not a "하다" verb
    ],
)
def test_korean_catalog_bullets_are_said_in_haeyo(bullet, said) -> None:
    assert korean.haeyo(bullet) == said
    assert sentence_form(bullet, "ko") == said


# -- Japanese -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bullet", "said"),
    [
        ("数秒ですっとなじむ", "数秒ですっとなじむんです"),
        ("ベタつかない", "ベタつかないんです"),
        ("軽い。", "軽いんです"),
        ("軽量だ", "軽量です"),
        ("きれい", "きれいです"),
        ("もちもち", "もちもちです"),
        ("すぐ乾きます", "すぐ乾きます"),  # already polite
        ("重さはわずか210g", "重さはわずか210gです"),  # a statement with a topic
        ("発酵米水72%配合", None),  # noun phrases take です from the pattern
        ("無香料", None),
        ("IH対応", None),
    ],
)
def test_japanese_bullets_are_said_politely(bullet, said) -> None:
    assert japanese.polite(bullet) == said


def test_japanese_lists_and_counters() -> None:
    assert join_list(["ネイビー", "オリーブ"], "ja") == "ネイビーとオリーブ"
    assert join_list(["S", "M", "L"], "ja") == "S、M、L"
    line = realise("カラーは{c}の{n}です。", {"c": "ネイビーとオリーブ", "n": "2色"}, "ja")
    assert line == "カラーはネイビーとオリーブの2色です。"


# -- Chinese ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一共有2种颜色。", "一共有两种颜色。"),
        ("2个尺码都有货。", "两个尺码都有货。"),
        ("2 款可选。", "两款可选。"),
        ("12种颜色。", "12种颜色。"),  # not in 12
        ("2.5个小时。", "2.5个小时。"),  # nor in 2.5
        ("200个。", "200个。"),
        ("容量是2ml。", "容量是2ml。"),  # no measure word
    ],
)
def test_chinese_two_before_a_measure_word(text, expected) -> None:
    assert agree(text, "zh") == expected


def test_chinese_lists() -> None:
    assert join_list(["藏青色", "橄榄绿"], "zh") == "藏青色和橄榄绿"
    assert join_list(["S", "M", "L"], "zh") == "S、M和L"


# -- Spanish, French ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Negro y índigo.", "Negro e índigo."),
        ("Negro y Índigo.", "Negro e Índigo."),
        ("Blanco y hilo.", "Blanco e hilo."),
        ("Agua y hielo.", "Agua y hielo."),  # "hie" is /je/: y stays
        ("Siete o ocho.", "Siete u ocho."),
        ("Plata o oro.", "Plata u oro."),
        ("Rojo y azul.", "Rojo y azul."),
    ],
)
def test_spanish_y_and_o_change_before_the_same_sound(text, expected) -> None:
    assert agree(text, "es") == expected


def test_spanish_list_joining_follows_the_sound_of_the_last_item() -> None:
    assert join_list(["negro", "índigo"], "es") == "negro e índigo"
    assert join_list(["S", "M", "L"], "es") == "S, M y L"


@pytest.mark.parametrize(
    ("bullet", "said"),
    [
        ("S'absorbe en quelques secondes", "Ça s'absorbe en quelques secondes"),
        ("Ne pèse que 210 g", "Ça ne pèse que 210 g"),
        ("Répartit la chaleur uniformément", "Ça répartit la chaleur uniformément"),
        ("Est lavable en machine", "C'est lavable en machine"),
        ("Formule sans parfum", None),
        ("Coupe ajustée", None),
        ("Compatible induction", None),
    ],
)
def test_french_verb_bullets_get_ca_as_their_subject(bullet, said) -> None:
    assert romance.french_subject(bullet) == said
    assert sentence_form(bullet, "fr") == said


# -- English ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It has a/an SPF 50 filter.", "It has an SPF 50 filter."),
        ("It has a/an USB port.", "It has a USB port."),
        ("Wait a/an hour.", "Wait an hour."),
        ("It is a/an unique design.", "It is a unique design."),
        ("It has a/an 8 hour battery.", "It has an 8 hour battery."),
        ("It has a/an relaxed fit.", "It has a relaxed fit."),
        ("A/an apple.", "An apple."),
        ("It is a/an umbrella.", "It is an umbrella."),
    ],
)
def test_english_a_or_an_follows_the_next_sound(text, expected) -> None:
    assert english.articles(text) == expected


def test_a_name_that_starts_with_the_gets_one_the() -> None:
    assert agree("See the The Ordinary Serum.", "en") == "See the Ordinary Serum."
    assert agree("Then see the Theory bag.", "en") == "Then see the Theory bag."


def test_spanish_question_marks_are_not_doubled() -> None:
    topic = "¿Te pica la piel"
    assert realise("¿{t}? Mira esto.", {"t": topic}, "es") == "¿Te pica la piel? Mira esto."


def test_english_verb_bullets_get_it_as_their_subject() -> None:
    assert sentence_form("Weighs just 210 g", "en") == "It weighs just 210 g"
    assert sentence_form("Packs into its own pocket", "en") == "It packs into its own pocket"
    assert sentence_form("Recycled nylon shell", "en") is None


# -- Capitals, lists ----------------------------------------------------------------------


def test_sentences_start_with_a_capital_in_latin_scripts() -> None:
    assert capitalise_sentences("¿piel seca? entonces mira.") == "¿Piel seca? Entonces mira."
    assert capitalise_sentences("breathable linen. also, coconut buttons.") == (
        "Breathable linen. Also, coconut buttons."
    )
    assert capitalise_sentences("iPhone case. eSIM ready.") == "iPhone case. eSIM ready."
    assert capitalise_sentences("It's $39.99 now.") == "It's $39.99 now."
    assert agree("busy commuters? then look.", "en") == "Busy commuters? Then look."
    assert agree("발효 쌀뜨물 72%예요.", "ko") == "발효 쌀뜨물 72%예요."


def test_lists_keep_the_case_of_their_items() -> None:
    assert join_list(["azul marino", "verde oliva"], "es") == "azul marino y verde oliva"
    assert join_list(["navy", "hijau zaitun", "pasir"], "id") == "navy, hijau zaitun, dan pasir"
    assert join_list(["네이비", "올리브"], "ko") == "네이비와 올리브"
    assert join_list(["네이비", "올리브", "샌드"], "ko") == "네이비, 올리브, 샌드"
    assert join_list(["Navy"], "en") == "Navy"
    assert join_list([], "en") == ""


# -- Which letters are another language ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("용량은 50ml예요.", "ko"),
        ("사이즈는 S, M, L이 있어요.", "ko"),
        ("배터리는 5000mAh예요.", "ko"),
        ("容量は30mlです。SPF50でUVカットです。", "ja"),
        ("尺码有S、M和XL。", "zh"),
        ("Toccate la scheda prodotto qui sotto.", "it"),
        ("Ha una texture in gel leggero.", "it"),
        ("Il y a 3 tailles disponibles, S, M et L.", "fr"),
        ("Eso es un 25 % menos. Lo tienes todo abajo.", "es"),
        ("Está disponível em S, M e L.", "pt"),
    ],
)
def test_units_sizes_and_shared_words_are_not_foreign(text, language) -> None:
    assert foreign_share(text, language) == 0.0


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("This is the best jacket for you.", "ko"),
        ("この製品はVery good qualityです。", "ja"),
        ("The jacket is waterproof and light.", "es"),
    ],
)
def test_sentences_in_another_language_are_still_foreign(text, language) -> None:
    assert foreign_share(text, language) > 0.3
