"""The chat desk: one object that wires moderation, the bounded intake, the question queue,
retrieval and answer composition for a live channel.

    desk = ChatDesk(market, persona, product, retriever, llm, shelf=products)
    desk.ingest(msg)              # from the platform adapter, as messages arrive
    answer = desk.next_answer()   # when the host is ready to answer (None: nothing to answer)

A show that takes questions itself (the runner) calls ``desk.answer(question, on_screen=...)``:
the desk finds which products the question is about — those it names, else the ones the same
viewer asked about in the last ``FOLLOW_UP_S`` ("does it come in black?" after "how much is the
hoodie?"), else the one on screen — and remembers them for that viewer's next question.

Nothing leaves the desk unseen: a message the intake drops to make room, a comment the queue
does not take (manipulation, abuse, chatter that asks nothing) and a question evicted or gone
stale are kept in ``outcomes`` until the show takes them (``take_outcomes``).
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from shopcast.assistant.retrieval import Hit, Retriever
from shopcast.catalog.models import Product
from shopcast.live.chat.answers import Answer, compose_answer
from shopcast.live.chat.intake import ChatIntake, Priority
from shopcast.live.chat.intent import classify_intent, is_question
from shopcast.live.chat.messages import ChatMessage
from shopcast.live.chat.moderation import ModerationDecision, Moderator
from shopcast.live.chat.questions import QuestionQueue, RankedQuestion
from shopcast.live.chat.shelf import ViewerContext
from shopcast.markets.types import Market
from shopcast.persona.types import Persona
from shopcast.writing.llm.base import LLM

RETRIEVED = 6  # passages retrieved per question


@dataclass(frozen=True)
class Unqueued:
    """A comment that will not be answered from the queue, and why: ``refused`` (not a
    question to answer: the intent says why) or ``lost`` (the intake overflowed: the message;
    the queue evicted it or it went stale: the entry, still answerable in text)."""

    kind: str  # refused | lost
    reason: str
    message: ChatMessage | None = None
    entry: RankedQuestion | None = None


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
        self.outcomes: deque[Unqueued] = deque(maxlen=5000)

    def ingest(self, msg: ChatMessage) -> ModerationDecision:
        """Moderate ``msg``; an allowed one enters the bounded intake (questions first)."""
        decision = self.moderator.check(msg)
        if decision.allowed:
            priority = Priority.HIGH if is_question(msg.text) else Priority.LOW
            dropped = self.intake.push(msg, priority)
            if dropped is not None:
                self.outcomes.append(Unqueued("lost", "chat intake full", message=dropped))
        return decision

    def _drain_intake(self) -> None:
        for msg in self.intake.drain():
            intent = classify_intent(msg.text)
            if self.queue.push(msg, intent) is None and intent not in self.queue.queued_intents:
                reason = "not a question" if intent == "small_talk" else str(intent)
                self.outcomes.append(Unqueued("refused", reason, message=msg))
        for entry, why in self.queue.take_lost():
            self.outcomes.append(Unqueued("lost", why, entry=entry))

    def waiting(self) -> list[RankedQuestion]:
        """The questions waiting, in answer order."""
        self._drain_intake()
        return self.queue.peek_all()

    def take(self, entry: RankedQuestion) -> bool:
        """Take ``entry`` out of the queue (answered another way: in text)."""
        return self.queue.remove(entry)

    def take_outcomes(self) -> list[Unqueued]:
        """Comments refused or lost since the last call."""
        self._drain_intake()
        out = list(self.outcomes)
        self.outcomes.clear()
        return out

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

    def context(
        self, question: RankedQuestion, on_screen: Product | None = None
    ) -> tuple[list[Product], list[Hit]]:
        """What ``question`` is answered from: the products it is about (remembered for the
        viewer's follow-ups) and the passages retrieved for it."""
        pinned = on_screen if on_screen is not None else self.product
        about = self.products_for(question, pinned)
        sku = about[0].sku if about else None
        return about, self.retriever.search(question.text, RETRIEVED, sku=sku)

    def answer(
        self,
        question: RankedQuestion,
        *,
        on_screen: Product | None = None,
        guidance: str | None = None,
        model: bool = True,
        timeout_s: float | None = None,
        context: tuple[list[Product], list[Hit]] | None = None,
    ) -> Answer:
        """The answer to ``question`` (``on_screen``: the pinned product; default: the desk's).
        ``model`` False: without the language model (what the catalog, the FAQ and the honest
        line say — milliseconds); ``timeout_s``: the model's time to write. ``context``: from
        :meth:`context` (a show that answers twice — without, then with the model — retrieves
        once)."""
        about, hits = context if context is not None else self.context(question, on_screen)
        answer = compose_answer(
            question,
            hits,
            about[0] if about else None,
            self.market,
            self.persona,
            self.llm if model else None,
            guidance=guidance,
            about=about,
            shipping=self.shipping,
            timeout_s=timeout_s,
        )
        self.answered[answer.path] += 1
        return answer

    def next_answer(self) -> Answer | None:
        """The answer to the best waiting question, or None when none waits."""
        question = self.next_question()
        if question is None:
            return None
        return self.answer(question)
