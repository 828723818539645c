"""Korean particles that follow the sound before them.

A template writes both forms of a particle, ``을/를``, ``이에요/예요``, ``으로/로`` (bare or in
braces, ``{을/를}``); ``resolve`` picks the one that fits the word before it: the first form
after a syllable with a final consonant (받침), the other after a vowel. ``으로/로`` takes ``로``
after a vowel *and* after ㄹ ("서울로").

The word before a particle may be Hangul (read off the syllable), a number ("72%" reads
퍼센트, "210g" 그램, "3" 삼, "10" 십), or a Latin brand or product name ("Haneul Lab" →
랩, "Olive" → 올리브): Latin words are read by the usual Korean loanword endings.
"""

from __future__ import annotations

import re

_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
_RIEUL = 8  # the final-consonant index of ㄹ

# (consonant form, vowel form); ``으로/로`` is special-cased for ㄹ.
PAIRS: dict[str, tuple[str, str]] = {
    "을/를": ("을", "를"),
    "이/가": ("이", "가"),
    "은/는": ("은", "는"),
    "과/와": ("과", "와"),
    "이에요/예요": ("이에요", "예요"),
    "이어서/여서": ("이어서", "여서"),
    "이라서/라서": ("이라서", "라서"),
    "이라/라": ("이라", "라"),
    "이랑/랑": ("이랑", "랑"),
    "이나/나": ("이나", "나"),
    "이죠/죠": ("이죠", "죠"),
    "이었는데/였는데": ("이었는데", "였는데"),
    "이었어요/였어요": ("이었어요", "였어요"),
    "이라는/라는": ("이라는", "라는"),
    "이지만/지만": ("이지만", "지만"),
    "이면/면": ("이면", "면"),
    "으로/로": ("으로", "로"),
    "아/야": ("아", "야"),
}
_PAIR_WORDS = "|".join(re.escape(k) for k in sorted(PAIRS, key=len, reverse=True))
_PAIR = re.compile(rf"\{{({_PAIR_WORDS})\}}|({_PAIR_WORDS})")

# Final sound of a Sino-Korean digit: None = vowel, "ㄹ" = rieul, "C" = another consonant.
_DIGIT_END = {
    "0": "C",  # 영
    "1": "ㄹ",  # 일
    "2": None,  # 이
    "3": "C",  # 삼
    "4": None,  # 사
    "5": None,  # 오
    "6": "C",  # 육
    "7": "ㄹ",  # 칠
    "8": "ㄹ",  # 팔
    "9": None,  # 구
}
# Units written after a number, by how they are read: 퍼센트, 밀리리터, 그램, ...
_UNIT_END: dict[str, str | None] = {
    "%": None,
    "ml": None,
    "l": None,
    "mm": None,
    "cm": None,
    "m": None,
    "km": None,
    "g": "C",
    "kg": "C",
    "mg": "C",
    "mah": None,
    "w": None,
    "v": None,
    "h": None,
    "x": None,
    "hz": None,
    "db": None,
    "원": "C",
    "개": None,
    "매": None,
    "종": "C",
    "가지": None,
    "분": "C",
    "초": None,
    "시간": "C",
    "일": "ㄹ",
    "주": None,
    "년": "C",
    "번": "C",
}
# Latin letter names as read in Korean: 엘, 엠, 엔, 알 end in a consonant.
_LETTER_END = {"l": "ㄹ", "m": "C", "n": "C", "r": "ㄹ"}
# A final t after one short vowel is written as a ㅅ final consonant in longer loanwords
# (jacket 재킷, tablet 태블릿); after a long vowel or "igh" it is read 트 (light 라이트, boat 보트).
_SHORT_VOWEL_T = re.compile(r"[^aeiou][aeiou]t$")
_TOKEN = re.compile(r"[0-9A-Za-z\uac00-\ud7a3%.,]+$")


def final_sound(text: str) -> str | None:
    """How ``text`` ends when read aloud: None (a vowel), ``"ㄹ"`` or ``"C"`` (another final
    consonant). Closing quotes and brackets are skipped."""
    text = text.rstrip(" \"'’”)]」』")
    if not text:
        return None
    last = text[-1]
    code = ord(last)
    if _HANGUL_FIRST <= code <= _HANGUL_LAST:
        final = (code - _HANGUL_FIRST) % 28
        if final == 0:
            return None
        return "ㄹ" if final == _RIEUL else "C"
    match = re.search(r"(\d[\d,.]*)\s*([A-Za-z%]+|[\uac00-\ud7a3]+)?$", text)
    if match:
        number, unit = match.group(1), (match.group(2) or "")
        if unit:
            key = unit.lower()
            if key in _UNIT_END:
                return _UNIT_END[key]
        else:
            return _number_end(number)
    word = re.search(r"[A-Za-z]+$", text)
    if word:
        return _latin_end(word.group(0))
    return None


def _number_end(number: str) -> str | None:
    digits = number.replace(",", "").split(".")
    if len(digits) > 1 and digits[1].strip("0"):
        return _DIGIT_END[digits[1].rstrip("0")[-1]]
    whole = digits[0].lstrip("0") or "0"
    n = int(whole)
    if n == 0:
        return "C"
    if n % 10:
        return _DIGIT_END[str(n % 10)]
    if n % 100:
        return "C"  # 십
    if n % 1000:
        return "C"  # 백
    return "C"  # 천, 만, 억


def _latin_end(word: str) -> str | None:
    lower = word.lower()
    if word.isupper() and len(word) <= 4:  # an acronym, read letter by letter: SPF, ANC
        return _LETTER_END.get(lower[-1])
    if lower.endswith(("ng", "m", "n", "ck", "k", "p", "b", "c", "g")):
        return "C"
    if lower.endswith(("l", "le")):  # gel 젤, bottle 보틀, style 스타일
        return "ㄹ"
    if len(lower) >= 4 and _SHORT_VOWEL_T.search(lower):  # jacket 재킷, skillet 스킬릿
        return "C"
    return None  # vowels, a silent e, and t/d/s/x/z/f/v/r read with a vowel (트, 드, 스, 어)


def resolve(text: str) -> str:
    """Every ``A/B`` particle pair in ``text`` replaced by the form that fits the sound
    before it."""

    def pick(match: re.Match[str]) -> str:
        pair = match.group(1) or match.group(2)
        consonant, vowel = PAIRS[pair]
        end = final_sound(text[: match.start()])
        if pair == "으로/로":
            return vowel if end in (None, "ㄹ") else consonant
        return vowel if end is None else consonant

    return _PAIR.sub(pick, text)


# Words that end a catalog bullet without a verb ("바로 사용 가능", "시즈닝 완료"): a copula
# after them ("가능이에요") is not Korean, so such a bullet is said in a frame instead.
_PREDICATE_NOUNS = ("가능", "완료", "처리", "포함", "지원", "탑재", "함유", "배합", "적용", "제공")
# An adverb or a linking ending before the last word ("고르게 시어링", "머금어 ..."): the
# bullet is a clipped clause, not a noun phrase.
_CLIPPED = re.compile(r"(게|고|며|서|어|아|지|도|히|이)$")


def takes_copula(phrase: str) -> bool:
    """Whether ``phrase`` ends in a plain noun, so "{phrase}이에요/예요" is a sentence
    ("리사이클 나일론 소재예요", "통기성 좋은 린넨이에요"); a bullet with a comma, a
    predicate noun or a clipped clause ("열을 오래 머금어 고르게 시어링") is not."""
    phrase = phrase.strip()
    words = phrase.split()
    if not words or re.search(r"[,，·、]", phrase):
        return False
    if words[-1].endswith(_PREDICATE_NOUNS):
        return False
    return len(words) == 1 or not _CLIPPED.search(words[-2])


# Native Korean numbers as said before a counter: 두 가지, 세 개 (not 이 가지, 삼 개).
_NATIVE = dict(enumerate(["한", "두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉"], start=1))
_NATIVE_TENS = dict(
    enumerate(["열", "스물", "서른", "마흔", "쉰", "예순", "일흔", "여든", "아흔"], start=1)
)
_NATIVE_COUNTERS = ("가지", "개", "벌", "켤레", "장", "병")
# After the counter: the end of the word or a particle ("2가지로", "3개예요"), not more of a
# word ("12개월", "2개국").
_AFTER_COUNTER = r"(?=$|[^\uac00-\ud7a3]|[을를이가은는으로와과도만에의예씩까부중밖])"
_COUNTED = re.compile(rf"(?<![\d.,])(\d{{1,2}})\s?({'|'.join(_NATIVE_COUNTERS)}){_AFTER_COUNTER}")


def native_number(n: int) -> str:
    """1–99 as said before a counter: 1 → 한, 2 → 두, 20 → 스무, 24 → 스물네."""
    if not 1 <= n <= 99:
        raise ValueError(f"no native Korean counting word for {n}")
    tens, ones = divmod(n, 10)
    if ones == 0:
        return "스무" if tens == 2 else _NATIVE_TENS[tens]
    return (_NATIVE_TENS[tens] if tens else "") + _NATIVE[ones]


def native_counters(text: str) -> str:
    """Counted nouns read with native numbers: "2가지 색상" → "두 가지 색상", "3개" → "세 개"
    (a counter that is part of a longer word, as in "2개월", is left alone)."""

    def say(match: re.Match[str]) -> str:
        return f"{native_number(int(match.group(1)))} {match.group(2)}"

    return _COUNTED.sub(say, text)


# Bullet-style endings of catalog copy (개조식) and plain-form predicates, said in 해요체.
_HAEYO_ENDINGS: tuple[tuple[str, str], ...] = (
    ("없음", "없어요"),
    ("있음", "있어요"),
    ("없다", "없어요"),
    ("있다", "있어요"),
    ("가능", "가능해요"),
    ("완료", "완료됐어요"),
    ("하다", "해요"),
    ("되다", "돼요"),
    ("함", "해요"),
    ("됨", "돼요"),
)


# Nouns a thing *has* rather than *is*: after a modifier ("입을 수 있는 여유", "넉넉한 수납
# 공간"), "…여유예요" is stiff; a host says "…여유가 있어요".
_HAS_NOUN = re.compile(r"(?:는|은|ㄴ|한|운|인|을|할|\s)\s*(?:여유|공간|수납공간|기능|포켓|주머니)$")
_BOX_NOUNS = ("보관함", "수납함", "우편함", "사물함", "소품함", "정리함", "보석함", "포함")


def haeyo(phrase: str) -> str | None:
    """A catalog bullet that is really a predicate, said as a host says it: "끈적임 없음" →
    "끈적임 없어요", "인덕션 사용 가능" → "인덕션 사용 가능해요", "촉촉함" → "촉촉해요";
    None when ``phrase`` is a noun phrase ("발효 쌀뜨물 72%")."""
    text = phrase.strip().rstrip(".!")
    if text.endswith("포함"):  # "파우치 포함": included
        return text + "돼 있어요"
    if text.endswith(_BOX_NOUNS):  # 보관함, 수납함: boxes, not "하다" verbs
        return None
    if _HAS_NOUN.search(text):  # "플리스를 입을 수 있는 여유" → "…여유가 있어요"
        return resolve(text + "{이/가} 있어요")
    for ending, said in _HAEYO_ENDINGS:
        if text.endswith(ending) and len(text) > len(ending):
            return text[: -len(ending)] + said
    return None
