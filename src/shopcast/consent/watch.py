"""Consent during a live show: a cheap poll the show runner makes every tick, so revoking consent
(or its expiry) stops a running show within a few seconds.

    watch = ConsentWatch(registry, persona, market.code)
    watch.require()                      # before going live: raises ConsentError
    ...
    if (error := watch.still_valid()) is not None:   # every tick; reads the DB at most every 2 s
        stop_show(reason=error.message)
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from sqlalchemy.exc import SQLAlchemyError

from shopcast.consent.registry import ConsentRegistry, rights_needed
from shopcast.consent.types import ConsentRecord
from shopcast.errors import ConsentError
from shopcast.persona.types import Persona


class ConsentWatch:
    def __init__(
        self,
        registry: ConsentRegistry,
        persona: Persona,
        market: str,
        use: str = "live",
        *,
        every_s: float = 2.0,
        unreachable_grace_s: float = 60.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.registry = registry
        self.persona = persona
        self.market = market
        self.use = use
        self.every_s = every_s
        self.unreachable_grace_s = unreachable_grace_s
        self._monotonic = monotonic
        self._needed = bool(rights_needed(persona))
        self._lock = threading.Lock()
        self._checked_at: float | None = None
        self._confirmed_at: float | None = None
        self._error: ConsentError | None = None

    def require(self) -> list[ConsentRecord]:
        """Check now, documents included (before going live); raises ``ConsentError``."""
        try:
            records = self.registry.require(self.persona, self.market, self.use)
        except ConsentError as error:
            with self._lock:
                self._error = error
            raise
        with self._lock:
            self._checked_at = self._confirmed_at = self._monotonic()
        return records

    def still_valid(self) -> ConsentError | None:
        """``None`` while consent holds; the reason once it does not (and from then on).

        Re-reads the database at most every ``every_s`` seconds. If the database cannot be read
        for longer than ``unreachable_grace_s``, consent counts as unconfirmed and the show stops.
        """
        if not self._needed:
            return None
        with self._lock:
            if self._error is not None:
                return self._error
            now = self._monotonic()
            if self._checked_at is not None and now - self._checked_at < self.every_s:
                return None
            self._checked_at = now
            try:
                self.registry.require(self.persona, self.market, self.use, verify_documents=False)
            except ConsentError as error:
                self._error = error
                return error
            except SQLAlchemyError as exc:
                since = self._confirmed_at if self._confirmed_at is not None else now
                if now - since < self.unreachable_grace_s:
                    return None
                self._error = ConsentError(
                    f"consent for persona {self.persona.name!r} could not be confirmed for "
                    f"{now - since:.0f} s (database unreachable: {exc.__class__.__name__}); "
                    "the show stops until it can be",
                    hint="Check the database, then start the show again.",
                )
                return self._error
            self._confirmed_at = now
            return None
