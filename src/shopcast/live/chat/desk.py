"""The chat desk: one object that wires moderation, the bounded intake, the question queue,
retrieval and answer composition for a live channel.

    desk = ChatDesk(market, persona, product, retriever, llm)
    desk.ingest(msg)              # from the platform adapter, as messages arrive
    answer = desk.next_answer()   # when the host is ready to answer (None: nothing to answer)
"""

from __future__ import annotations

from collections import Counter

from shopcast.assistant.retrieval import Retriever
from shopcast.catalog.models import Product
from shopcast.live.chat.answers import Answer, compose_answer
from shopcast.live.chat.intake import ChatIntake, Priority
from shopcast.live.chat.intent import is_question
from shopcast.live.chat.messages import ChatMessage
from shopcast.live.chat.moderation import ModerationDecision, Moderator
from shopcast.live.chat.questions import QuestionQueue, RankedQuestion
from shopcast.markets.types import Market
from shopcast.persona.types import Persona
from shopcast.writing.llm.base import LLM


class ChatDesk:
    def __init__(
        self,
        market: Market,
        persona: Persona,
        product: Product | None,
        retriever: Retriever,
        llm: LLM | None = None,
        *,
        intake_capacity: int = 500,
        queue_size: int = 64,
        merge_with_embeddings: bool = True,
    ) -> None:
        self.market, self.persona, self.product = market, persona, product
        self.retriever, self.llm = retriever, llm
        self.moderator = Moderator(market.code)
        self.intake = ChatIntake(intake_capacity)
        embed = retriever.embedder.query if merge_with_embeddings else None
        self.queue = QuestionQueue(queue_size, embed=embed)
        self.answered: Counter[str] = Counter()  # answers per path

    def ingest(self, msg: ChatMessage) -> ModerationDecision:
        """Moderate ``msg``; an allowed one enters the bounded intake (questions first)."""
        decision = self.moderator.check(msg)
        if decision.allowed:
            priority = Priority.HIGH if is_question(msg.text) else Priority.LOW
            self.intake.push(msg, priority)
        return decision

    def _drain_intake(self) -> None:
        for msg in self.intake.drain():
            self.queue.push(msg)

    def next_question(self) -> RankedQuestion | None:
        self._drain_intake()
        return self.queue.pop_next()

    def next_answer(self) -> Answer | None:
        """The answer to the best waiting question, or None when none waits."""
        question = self.next_question()
        if question is None:
            return None
        sku = self.product.sku if self.product else None
        hits = self.retriever.search(question.text, 4, sku=sku)
        answer = compose_answer(question, hits, self.product, self.market, self.persona, self.llm)
        self.answered[answer.path] += 1
        return answer
