"""Answers phrased by the real bundled LLM: grounded or replaced by the safe template."""

from __future__ import annotations

import pytest

from shopcast.live.chat.answers import compose_answer
from shopcast.live.chat.messages import ChatMessage
from shopcast.live.chat.phrases import PHRASES
from shopcast.markets.registry import get_market
from shopcast.writing.grounding import check_line
from shopcast.writing.policy import load_policy


@pytest.mark.slow
@pytest.mark.parametrize(
    ("market", "question"),
    [("en-US", "Does the lid seal well?"), ("ko-KR", "이 물병은 보냉이 얼마나 돼요?")],
)
def test_llm_answer_is_grounded_and_in_the_market_language(
    market, question, llm, products, persona, chat_retriever
) -> None:
    m = get_market(market)
    product = products[0]
    msg = ChatMessage.create(question, user_name="anna", platform="test")
    hits = chat_retriever.search(question, 4, sku=product.sku)
    answer = compose_answer(msg, hits, product, m, persona, llm)
    print(market, answer.path, answer.spoken, answer.problems)
    assert answer.path in ("llm", "safe")
    if answer.path == "llm":
        assert answer.grounded and answer.sources
        assert check_line(answer.text, product, m, load_policy(m.code)) == []
    else:
        assert answer.text == PHRASES[m.language.split("-")[0]]["no_detail"]
