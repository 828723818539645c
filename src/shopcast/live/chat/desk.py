"""The chat desk: one object that wires moderation, the bounded intake, the question queue,
retrieval and answer composition for a live channel.

    desk = ChatDesk(market, persona, product, retriever, llm, shelf=products)
    desk.ingest(msg)              # from the platform adapter, as messages arrive
    answer = desk.next_answer()   # when the host is ready to answer (None: nothing to answer)

A show that takes questions itself (the runner) calls ``desk.answer(question, on_screen=...)``:
the desk finds which products the question is about — those it names, else the ones the same
viewer asked about in the last ``FOLLOW_UP_S`` ("does it come in black?" after "how much is the
hoodie?"), else the one on screen — and remembers them for that viewer's next question.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from shopcast.assistant.retrieval import Retriever
from shopcast.catalog.models import Product
from shopcast.live.chat.answers import Answer, compose_answer
from shopcast.live.chat.intake import ChatIntake, Priority
from shopcast.live.chat.intent import is_question
from shopcast.live.chat.messages import ChatMessage
from shopcast.live.chat.moderation import ModerationDecision, Moderator
from shopcast.live.chat.questions import QuestionQueue, RankedQuestion
from shopcast.live.chat.shelf import ViewerContext
from shopcast.markets.types import Market
from shopcast.persona.types import Persona
from shopcast.writing.llm.base import LLM

RETRIEVED = 6  # passages retrieved per question


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
        shelf: Sequence[Product] = (),
        shipping: Mapping | None = None,
        viewers: ViewerContext | None = None,
    ) -> None:
        """``shelf``: every product of the show (questions may name any of them; default: the
        retriever's products). ``shipping``: the seller's terms per market code
        (:func:`shopcast.assistant.shipping.load_shipping_policy`); None → "checkout shows
        them"."""
        self.market, self.persona, self.product = market, persona, product
        self.retriever, self.llm = retriever, llm
        self.shelf = list(shelf) or list(retriever.products.values())
        self.shipping = shipping
        self.viewers = viewers or ViewerContext()
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

    def products_for(
        self, question: RankedQuestion | ChatMessage, on_screen: Product | None
    ) -> list[Product]:
        """The products ``question`` is about (named, else this viewer's recent, else the one
        on screen), remembered for the viewer's next question."""
        msg = question.message if isinstance(question, RankedQuestion) else question
        return self.viewers.products_for(msg.user_id, msg.text, self.shelf, on_screen)

    def answer(
        self,
        question: RankedQuestion,
        *,
        on_screen: Product | None = None,
        guidance: str | None = None,
    ) -> Answer:
        """The answer to ``question`` (``on_screen``: the pinned product; default: the desk's)."""
        pinned = on_screen if on_screen is not None else self.product
        about = self.products_for(question, pinned)
        sku = about[0].sku if about else None
        hits = self.retriever.search(question.text, RETRIEVED, sku=sku)
        answer = compose_answer(
            question,
            hits,
            about[0] if about else None,
            self.market,
            self.persona,
            self.llm,
            guidance=guidance,
            about=about,
            shipping=self.shipping,
        )
        self.answered[answer.path] += 1
        return answer

    def next_answer(self) -> Answer | None:
        """The answer to the best waiting question, or None when none waits."""
        question = self.next_question()
        if question is None:
            return None
        return self.answer(question)
