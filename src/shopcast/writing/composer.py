"""Scripts built from the catalog's own words and per-language sentence patterns
(``writing/compose/<lang>.yaml``), with real grammar: Korean particles that follow the sound
before them, "a/an", counted nouns, lists joined the language's way, prices said as a host
says them.

The composer writes every beat the model could not (or may not: the bundled 1.5B model writes
Korean and Japanese poorly, see /work/shared/docs/models.md), and it is the whole writer for
``writer: templates``. It only quotes the seller's words for the market's language, so a
Korean script never carries an English selling point.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from shopcast.errors import InvalidInputError
from shopcast.writing.grammar import agree, join_list, korean, realise, sentence_form
from shopcast.writing.plan import BeatPlan, ScriptPlan
from shopcast.writing.script import BEAT_ORDER, BeatKind
from shopcast.writing.speakable import Point, SpokenFacts

COMPOSE_DIR = Path(__file__).with_name("compose")
_SENTENCE_END = {
    "ko": re.compile(r"(요|다|죠|까|네요|세요)[.!?…]*$"),
    "ja": re.compile(r"(す|た|ね|よ|ます|ません|でしょう)[。！？!?]*$"),
    "hi": re.compile(r"(है|हैं|था|थे|गा|गी)[।.!?]*$"),
}
_FINAL_PUNCT = re.compile(r"[.!?。！？।…]+$")
# What follows a selling point said before the rest of a sentence ("{point_np} 바로 ...").
_PHRASE_PAUSE = {"ja": "、", "zh": "，"}


@cache
def patterns(language: str) -> dict[str, Any]:
    """The sentence patterns of ``language`` (English when the language has none)."""
    path = COMPOSE_DIR / f"{language}.yaml"
    if not path.is_file():
        path = COMPOSE_DIR / "en.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InvalidInputError(f"sentence patterns {path} cannot be read: {exc}") from exc
    return data


def has_patterns(language: str) -> bool:
    return (COMPOSE_DIR / f"{language}.yaml").is_file()


def is_sentence(text: str, language: str) -> bool:
    """Whether a selling point is already a whole sentence ("흡수가 빨라요") rather than a
    phrase ("발효 쌀뜨물 72%")."""
    pattern = _SENTENCE_END.get(language)
    return bool(pattern and pattern.search(text.strip()))


def _lower_first(text: str, keep: frozenset[str] = frozenset()) -> str:
    """``text`` with a lower-case first letter, to follow "Plus," or "Además,"; a first word
    with capitals of its own ("StormLite", "SPF") or one of ``keep`` (the brand) stays."""
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    if not first or first.strip(",.") in keep or any(c.isupper() for c in first[1:]):
        return text
    if text[0].isupper():
        return text[0].lower() + text[1:]
    return text


def _end(text: str, language: str) -> str:
    """A sentence with its final punctuation."""
    text = text.strip()
    if _FINAL_PUNCT.search(text):
        return text
    return text + ("。" if language in ("ja", "zh") else "।" if language == "hi" else ".")


class Composer:
    """Lines for one product in one market, from its spoken facts."""

    def __init__(self, facts: SpokenFacts):
        self.facts = facts
        self.lang = facts.language
        self.p = patterns(self.lang)
        self._bullets = 0  # bullets said in frames in the current script
        # Words that keep their capital inside a sentence: the brand and the product's name.
        self.proper = frozenset((f"{facts.brand} {facts.name}").split())

    def reset(self) -> None:
        """Start a new script (the frames for bullets start over)."""
        self._bullets = 0

    # -- slots ---------------------------------------------------------------------------
    def values(self, **extra: str | None) -> dict[str, str]:
        f = self.facts
        words = self.p.get("words", {})
        counted = self.p.get("counted", {})
        values: dict[str, str] = {"name": f.name}
        if f.price:
            values["price"] = f.price
        if f.was:
            values["was"] = f.was
        if f.percent_off:
            values["off"] = str(f.percent_off)
        # Counted options ("3 colours") only for two or more: "pick from 1 colour" is not said.
        if f.colours:
            values["colours"] = join_list(f.colours, self.lang)
            n = len(f.colours)
            if n > 1:
                word = words.get("colours", "")
                values["n_colours"] = counted.get("colours", "{n}").format(n=n, colours_word=word)
        if f.sizes:
            values["sizes"] = join_list(f.sizes, self.lang)
            n = len(f.sizes)
            if n > 1:
                word = words.get("sizes", "")
                values["n_sizes"] = counted.get("sizes", "{n}").format(n=n, sizes_word=word)
        values.update({k: v for k, v in extra.items() if v})
        return values

    def _point_values(self, point: Point) -> dict[str, str]:
        text = point.text.strip()
        phrase = _FINAL_PUNCT.sub("", text).strip()
        # A predicate ("Absorbs in seconds", "数秒でなじむ", "끈적임 없음") said as a sentence.
        if (said := sentence_form(phrase, self.lang)) is not None:
            return {"point_sentence": _end(said, self.lang)}
        if is_sentence(text, self.lang):
            return {"point_sentence": _end(text, self.lang)}
        if self.lang == "ko" and not korean.takes_copula(phrase):  # "시즈닝 완료, 바로 사용"
            return {"point_bullet": phrase}
        return {
            "point": phrase,
            "point_lower": _lower_first(phrase, self.proper),
            "point_np": phrase + _PHRASE_PAUSE.get(self.lang, ","),
        }

    def _first(self, templates: list[str], values: Mapping[str, str], rotate: int) -> str | None:
        if not templates:
            return None
        shift = rotate % len(templates)
        for template in templates[shift:] + templates[:shift]:
            try:
                return realise(template, values, self.lang)
            except KeyError:
                continue
        return None

    # -- sentences -----------------------------------------------------------------------
    def point_sentence(self, point: Point, position: int) -> str:
        """A selling point said as a sentence; ``position`` > 0 adds a linking word."""
        pv = self._point_values(point)
        table = self.p.get("point", {})
        if "point_bullet" in pv:  # a clipped catalog bullet, said in a frame
            forms = table.get("bullet", ["{point}."])
            form = forms[self._bullets % len(forms)]  # never the same frame twice running
            self._bullets += 1
            return realise(form, {"point": pv["point_bullet"]}, self.lang)
        if "point_sentence" in pv:
            forms = table.get("sentence", ["{point}"])
            form = forms[min(position, len(forms) - 1)] if position else forms[0]
            form = form.replace("{point_lower}", "{point_sentence_lower}").replace(
                "{point}", "{point_sentence}"
            )
            sentence = pv["point_sentence"]
            values = {
                "point_sentence": sentence,
                "point_sentence_lower": _lower_first(sentence, self.proper),
            }
            return realise(form, values, self.lang)
        forms = table.get("phrase", ["{point}."])
        form = forms[min(position, len(forms) - 1)] if position else forms[0]
        return realise(form, pv, self.lang)

    def hook(self, plan: ScriptPlan, rotate: int) -> str | None:
        found = self.hooks(plan, rotate)
        return found[0] if found else None

    def hooks(self, plan: ScriptPlan, rotate: int) -> list[str]:
        """Hooks for ``plan``, best first: its angle's, then the brief's topic, a question, a
        look at the product (the caller takes the first that passes its checks)."""
        table = self.p.get("hook", {})
        out: list[str] = []
        point = plan.beats["hook"].points[0] if plan.beats["hook"].points else None
        extra = self._point_values(point) if point else {}
        topic_lower = _lower_first(plan.topic, self.proper) if plan.topic else None
        values = self.values(topic=plan.topic, topic_lower=topic_lower, **extra)
        order = [plan.angle, "topic" if plan.topic else "", "question", "demo"]
        for angle in dict.fromkeys(a for a in order if a):
            if angle == "problem":
                angle = "topic"
            line = self._first(list(table.get(angle, [])), values, rotate)
            if line:
                out.append(line)
        return out

    def spec_sentence(self, spec: tuple[str, str]) -> str | None:
        key, value = spec
        label = self.p.get("labels", {}).get(key.lower())
        if not label:
            return None
        # A label may be a whole pattern when the value goes inside it ("It has a {value}
        # texture."); else it goes before the value ("It weighs" + "210 g").
        pattern = label if "{value}" in label else self.p.get("spec", "{label} {value}.")
        if self.lang == "ko" and (said := korean.haeyo(value)) is not None:
            pattern, value = "{label} {value}.", said  # "핏은 …여유가 있어요", not "…여유예요"
        return realise(pattern, {"label": label, "value": value}, self.lang)

    def options_sentence(self, which: str, rotate: int) -> str | None:
        return self._first(list(self.p.get("options", {}).get(which, [])), self.values(), rotate)

    def faq_sentence(self, faq: tuple[str, str]) -> str | None:
        """A seller's FAQ said by the host ("A question I get a lot: can I machine wash it?
        Yes, cold on gentle."); None when the language has no pattern for it."""
        forms = self.p.get("faq", [])
        if not forms:
            return None
        question, answer = faq
        values = {
            "question": question,
            "question_lower": _lower_first(question, self.proper),
            "answer": _end(answer, self.lang),
        }
        return realise(forms[0], values, self.lang)

    def offer(self, rotate: int) -> str | None:
        table = self.p.get("offer", {})
        f = self.facts
        kind = "was_off" if f.was and f.percent_off else "was" if f.was else "price"
        return self._first(list(table.get(kind, [])), self.values(), rotate)

    def cta(self, rotate: int) -> str | None:
        return self._first(list(self.p.get("cta", [])), self.values(), rotate)

    def beat(self, plan: ScriptPlan, kind: BeatKind, rotate: int) -> str | None:
        """One beat of ``plan`` composed (None when the catalog gives it nothing to say)."""
        return self.beat_checked(plan, kind, rotate, lambda line: True)

    def beat_checked(
        self, plan: ScriptPlan, kind: BeatKind, rotate: int, ok: Callable[[str], bool]
    ) -> str | None:
        """One beat of ``plan``, keeping only sentences ``ok`` accepts: the first acceptable
        hook, and the acceptable sentences of the demo and proof (one selling point that
        fails a check does not take the others with it)."""
        bp: BeatPlan = plan.beats[kind]
        if kind == "hook":
            return next((h for h in self.hooks(plan, rotate) if ok(h)), None)
        if kind in ("offer", "cta"):
            line = self.offer(rotate) if kind == "offer" else self.cta(rotate)
            return line if line and ok(line) else None
        parts = [self.point_sentence(p, i) for i, p in enumerate(bp.points)]
        parts = [part for part in parts if ok(part)]
        if kind == "proof" and not parts:
            line = self.spec_sentence(bp.spec) if bp.spec else None
            if (line is None or not ok(line)) and bp.options:
                line = self.options_sentence(bp.options, rotate)
            parts += [line] if line and ok(line) else []
        return self.join(parts) if parts else None

    def join(self, sentences: list[str]) -> str:
        sep = "" if self.lang in ("ja", "zh") else " "
        return agree(sep.join(s for s in sentences if s), self.lang)

    def script(self, plan: ScriptPlan, rotate: int) -> dict[BeatKind, str]:
        out: dict[BeatKind, str] = {}
        for kind in BEAT_ORDER:
            line = self.beat(plan, kind, rotate)
            if line:
                out[kind] = line
        return out
