from shopcast.writing.policy import load_policy
from shopcast.writing.tidy import in_language, tidy_line


def test_repeats_brief_parrots_and_overlong_tails_are_dropped():
    said: set[str] = set()
    first = tidy_line(
        "Evening routine for dry winter skin. It sinks in fast. It sinks in fast.",
        language="en",
        budget_s=10,
        said=said,
        brief="Evening routine for dry winter skin",
    )
    assert first == "It sinks in fast."
    # A later beat that says the same sentence again loses it; a new one stays.
    second = tidy_line(
        "It sinks in fast! Tap the card below.", language="en", budget_s=10, said=said
    )
    assert second == "Tap the card below."
    long = " ".join(f"Sentence number {w} is here." for w in ("one", "two", "three", "four"))
    assert (
        tidy_line(long, language="en", budget_s=3.0, said=set()) == "Sentence number one is here."
    )


def test_prices_and_decimals_are_not_split():
    assert (
        tidy_line("It is $28.00 right now. Only 2.5 kg!", language="en", budget_s=10, said=set())
        == "It is $28.00 right now. Only 2.5 kg!"
    )


def test_cjk_lines_join_without_spaces_and_wrong_language_is_caught():
    assert (
        tidy_line("かわいい。かわいい。軽いです。", language="ja", budget_s=10, said=set())
        == "かわいい。軽いです。"
    )
    assert in_language("지금 가격은 ₩39,000예요.", "ko")
    assert not in_language("evening routine for dry winter skin", "ko")
    assert not in_language("₩39,000", "ko")  # no words at all is not a line
    assert in_language("Hoy cuesta 52,90 €.", "es")


def test_drug_like_effects_and_korean_first_person_use_are_flagged():
    assert load_policy("en-US").scan("known for its anti-inflammatory properties", "")
    assert not load_policy("en-US").scan("feel free to ask, it is sulfate-free", "")
    assert load_policy("ko-KR").scan("저는 오늘 저녁에 이 세럼을 사용하고 있습니다.", "")


def test_unsubstantiated_most_effective_is_flagged_in_english_and_korean():
    assert load_policy("en-US").scan("the most effective serum you can buy", "")
    assert load_policy("ko-KR").scan("가장 효과적인 제품입니다.", "")
    assert load_policy("ko-KR").scan("최고의 세럼이에요", "")
