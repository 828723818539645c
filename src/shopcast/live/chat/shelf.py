"""Which products on the shelf a viewer's question is about.

A question names a product by its title words in the catalog's language ("the hoodie", "sun
fluid": :func:`shopcast.assistant.mentions.mentioned_products`), by its title or spoken name in
any language the product has words in ("글로우 세럼"), or by what kind of product it is, in any
chat language ("후디", "パーカー", "卫衣" → a product whose title says "hoodie";
``product_nouns.yaml``). A question that names none is about the product the same viewer asked
about last, if that was within ``FOLLOW_UP_S`` ("does it come in black?" right after "how much
is the hoodie?"), else about the product on screen. :class:`ViewerContext` keeps that memory.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import regex
import yaml

from shopcast.catalog.models import Product
from shopcast.errors import InvalidInputError
from shopcast.live.chat.textmatch import fold, is_cjk_char

FOLLOW_UP_S = 120.0  # a question without a product name follows the viewer's last one
MAX_PRODUCTS = 3  # products one answer speaks about
_WORD = r"[\p{Latin}\p{N}]"  # a Latin word may touch CJK text: "cap有olive吗"


def _is_latin(word: str) -> bool:
    return all(ord(c) < 0x0250 or not c.isalpha() for c in word)


def _term_pattern(term: str) -> str:
    """Latin words whole (plurals too); CJK as substrings, and a CJK word written with a
    trailing space ("칼 ") only before a space or the end ("칼" is not the 칼 of "칼라")."""
    body = regex.escape(fold(term.strip())).replace(r"\ ", r"[\s-]*")
    if _is_latin(term):
        return rf"(?<!{_WORD}){body}(?:s|es)?(?!{_WORD})"
    return body + r"(?=\s|$)" if term.endswith(" ") else body


@cache
def _kind_words() -> dict[str, tuple[str, ...]]:
    path = resources.files("shopcast.live.chat").joinpath("product_nouns.yaml")
    data = yaml.safe_load(path.read_text("utf-8"))
    if not isinstance(data, dict):
        raise InvalidInputError("live/chat/product_nouns.yaml: expected kind → words")
    return {kind: tuple(str(w) for w in words) for kind, words in data.items()}


@cache
def _kinds() -> dict[str, regex.Pattern[str]]:
    return {
        kind: regex.compile("|".join(_term_pattern(w) for w in sorted(words, key=len)[::-1]))
        for kind, words in _kind_words().items()
    }


def _option_kinds(product: Product | None) -> set[str]:
    """Kinds whose words are also an option value of ``product`` ("Cream" is a hoodie colour
    and a kind of product: "크림 XL" about the hoodie on screen is not about a cream)."""
    if product is None:
        return set()
    values = {fold(v) for variant in product.variants for v in variant.options.values()}
    return {kind for kind, words in _kind_words().items() if values & {fold(w) for w in words}}


_NOBODY = Product(sku="-", title="-", variants=[{"sku": "-", "price": 0}])


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    product: Product
    word: str


def _kind_of(product: Product) -> set[str]:
    """The kinds a product is, from its title, category and tags in its own language."""
    said = fold(" ".join([product.title, product.category, *product.tags]))
    return {kind for kind, pattern in _kinds().items() if pattern.search(said)}


def _name_terms(product: Product) -> list[str]:
    """Its titles and spoken names in every language it has words in, and their head words
    (the last word; for unspaced CJK names, the last two to four characters)."""
    names = [product.title, product.spoken_name]
    for text in product.texts.values():
        if text.usable:
            names += [text.title, text.spoken_name]
    terms: list[str] = []
    for name in filter(None, names):
        terms.append(name)
        words = regex.findall(r"[\p{L}\p{N}]+", name)
        if not words:
            continue
        head = _script_runs(words[-1])[-1]
        if _is_kana(head):  # a katakana word is whole: "バッテリー", not its tail "テリー"
            if len(head) >= 3:
                terms.append(head)
        elif any("\u4e00" <= c <= "\u9fff" for c in head):  # 精华, 夹克: the last 2-4 characters
            terms += [head[-n:] for n in (2, 3, 4) if len(head) >= n]
        elif len(head) >= (2 if any(is_cjk_char(c) for c in head) else 4):
            terms.append(head)
    return list(dict.fromkeys(t for t in terms if t))


def _is_kana(text: str) -> bool:
    return all("\u30a0" <= c <= "\u30ff" or "\u3040" <= c <= "\u309f" for c in text)


def _script_runs(word: str) -> list[str]:
    """ "マグネット式モバイルバッテリー" → ["マグネット", "式", "モバイルバッテリー"]."""
    runs: list[tuple[str, str]] = []
    for ch in word:
        kind = "kana" if _is_kana(ch) else "han" if "\u4e00" <= ch <= "\u9fff" else "other"
        if runs and runs[-1][0] == kind:
            runs[-1] = (kind, runs[-1][1] + ch)
        else:
            runs.append((kind, ch))
    return [text for _, text in runs] or [word]


def named_products(
    text: str, shelf: Sequence[Product], on_screen: Product | None = None
) -> list[Product]:
    """The products ``text`` names, in the order it names them (at most ``MAX_PRODUCTS``).
    A word that is an option value of the product on screen names no other product ("is the
    cream XL in stock?" about the hoodie is not about the Barrier Cream)."""
    # imported here: shopcast.assistant.mentions imports this package's text folding
    from shopcast.assistant.mentions import mentioned_products, product_name

    folded = fold(text)
    matches: list[_Match] = []
    for product in mentioned_products(text, list(shelf)):
        head = product_name(product).head or ""
        at = folded.find(head) if head else -1
        matches.append(_Match(max(at, 0), max(at, 0) + len(head), product, head))
    kinds = _kinds()
    ambiguous = _option_kinds(on_screen)
    for product in shelf:
        for term in _name_terms(product):
            for m in regex.finditer(_term_pattern(term), folded):
                matches.append(_Match(m.start(), m.end(), product, m.group(0)))
        for kind in _kind_of(product):
            if kind in ambiguous and (on_screen is None or product.sku != on_screen.sku):
                continue
            for m in kinds[kind].finditer(folded):
                matches.append(_Match(m.start(), m.end(), product, m.group(0)))
    # every kind's words, named or not, mark where a longer word is ("선크림" holds "크림")
    for pattern in kinds.values():
        for m in pattern.finditer(folded):
            matches.append(_Match(m.start(), m.end(), _NOBODY, m.group(0)))
    matches = [m for m in _drop_inner(matches) if m.product is not _NOBODY]
    matches = _drop_option_words(matches, on_screen)
    ordered: dict[str, Product] = {}
    for m in sorted(matches, key=lambda m: m.start):
        ordered.setdefault(m.product.sku, m.product)
    return list(ordered.values())[:MAX_PRODUCTS]


def kinds_off_shelf(
    text: str, shelf: Sequence[Product], on_screen: Product | None = None
) -> list[str]:
    """The kinds of product ``text`` names that nothing on ``shelf`` is ("how much is the air
    fryer?" on a show of hoodies and serums), when it names no product of the shelf. A kind
    word the shelf's own texts use ("bottle" in the serum's description, "cap" of a sunscreen)
    is about the shelf, and so are words of three letters or fewer in Latin script."""
    if named_products(text, shelf, on_screen):
        return []
    folded = fold(text)
    on = set().union(*(_kind_of(p) for p in shelf)) | _option_kinds(on_screen)
    shelf_text = fold(" ".join(p.model_dump_json() for p in shelf))
    out = []
    for kind, pattern in _kinds().items():
        if kind in on:
            continue
        for m in pattern.finditer(folded):
            word = m.group(0).strip()
            if (_is_latin(word) and len(word) <= 3) or regex.search(
                _term_pattern(word), shelf_text
            ):
                continue
            out.append(kind)
            break
    return out


def _drop_inner(matches: list[_Match]) -> list[_Match]:
    """A word inside a longer match names nothing on its own ("크림" in "선크림")."""
    return [
        m
        for m in matches
        if not any(
            o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start)
            for o in matches
        )
    ]


def _drop_option_words(matches: list[_Match], on_screen: Product | None) -> list[_Match]:
    """ "the hoodie in cream" names the hoodie, not the Barrier Cream: a word that is an
    option value of another product the question names (or of the one on screen) does not
    name a product."""
    from shopcast.live.chat.facts.fixed import option_aliases

    named = {m.product.sku: m.product for m in matches}
    if on_screen is not None:
        named.setdefault(on_screen.sku, on_screen)
    out = []
    for m in matches:
        word = fold(m.word).strip()
        option_of_other = any(
            word in {fold(value), f"{fold(value)}s"} | option_aliases(value)
            for sku, other in named.items()
            if sku != m.product.sku
            for variant in other.variants
            for value in variant.options.values()
        )
        if not option_of_other:
            out.append(m)
    return out


class ViewerContext:
    """The products each viewer asked about last (bounded, for follow-ups that say "it")."""

    def __init__(
        self,
        *,
        follow_up_s: float = FOLLOW_UP_S,
        max_viewers: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.follow_up_s = follow_up_s
        self.max_viewers = max_viewers
        self.clock = clock
        self._last: OrderedDict[str, tuple[list[str], float]] = OrderedDict()

    def remember(self, viewer_id: str, skus: list[str]) -> None:
        if not skus:
            return
        self._last[viewer_id] = (list(skus), self.clock())
        self._last.move_to_end(viewer_id)
        while len(self._last) > self.max_viewers:
            self._last.popitem(last=False)

    def recent(self, viewer_id: str) -> list[str]:
        """The SKUs this viewer asked about within ``follow_up_s`` (empty: none)."""
        entry = self._last.get(viewer_id)
        if entry is None or self.clock() - entry[1] > self.follow_up_s:
            return []
        return list(entry[0])

    def products_for(
        self,
        viewer_id: str,
        text: str,
        shelf: Sequence[Product],
        on_screen: Product | None,
    ) -> list[Product]:
        """The products a question is about: those it names, else this viewer's recent ones,
        else the one on screen. The answer is remembered for the viewer's next question."""
        products = named_products(text, shelf, on_screen)
        if not products:
            by_sku = {p.sku: p for p in shelf}
            products = [by_sku[s] for s in self.recent(viewer_id) if s in by_sku]
        if not products and on_screen is not None:
            products = [on_screen]
        self.remember(viewer_id, [p.sku for p in products])
        return products
