"""A question names another product on the show's shelf than the one pinned: the host answers
from that product's facts (its FAQ, its price), not the pinned product's. Real show runner
(not started), real chat desk and retrieval, the sample catalog."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from shopcast.live.show.runner import ShowRunner
from shopcast.markets.registry import format_price, get_market
from show_helpers import built_show

SHOW = {
    "show": "shelf-questions",
    "persona": "mina",
    "market": "en-US",
    "size": "360x640",
    "writer": "templates",
    "rundown": [
        {"product": "sun-fluid", "seconds": 60},
        {"product": "heavyweight-hoodie", "seconds": 60},
    ],
}


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory, models_dir: Path) -> Iterator[ShowRunner]:
    with built_show(tmp_path_factory.mktemp("home"), models_dir, SHOW) as built:
        built._pin("sun-fluid")
        yield built


def answer_to(runner: ShowRunner, viewer: str, text: str) -> str:
    runner._answers.clear()
    assert runner.post_chat(viewer, viewer.title(), text).accepted
    question = runner.desk.next_question()
    assert question is not None
    runner._answer(question)
    spoken = [cue.text for cue in runner._answers if cue.kind == "answer"]
    assert len(spoken) == 1, spoken
    return spoken[0]


def faq_answer(runner: ShowRunner, sku: str, question: str) -> str:
    return next(f.answer for f in runner.products[sku].faqs if f.question == question)


def test_a_question_naming_another_shelf_product_is_answered_from_its_faq(
    runner: ShowRunner,
) -> None:
    assert runner.pinned_sku == "sun-fluid"
    said = answer_to(runner, "jun", "Does the hoodie run big?")
    assert said == faq_answer(runner, "heavyweight-hoodie", "Does it run big?")


def lowest_price(runner: ShowRunner, sku: str) -> str:
    market, product = get_market("en-US"), runner.products[sku]
    low = min(v.price_in(market.currency, product.currency) or 0 for v in product.variants)
    return format_price(low, market.currency, market)


def test_the_price_asked_is_the_named_products_price(runner: ShowRunner) -> None:
    said = answer_to(runner, "ana", "How much is the hoodie?")
    hoodie, fluid = lowest_price(runner, "heavyweight-hoodie"), lowest_price(runner, "sun-fluid")
    assert hoodie != fluid
    assert hoodie in said and fluid not in said, said
    # the host says the product's name as a person would ("Heavyweight Hoodie"), not its SEO title
    assert runner.products["heavyweight-hoodie"].spoken_name_in("en") in said


def test_a_question_naming_no_product_is_about_the_pinned_one(runner: ShowRunner) -> None:
    said = answer_to(runner, "kim", "Is it water-resistant?")
    assert said == faq_answer(runner, "sun-fluid", "Is it water-resistant?")
