"""Periodic commerce upkeep: delete expired reservations, deliver outbox events left pending.

``run_maintenance`` is one pass (call it from cron, a CLI or a test); ``maintenance_loop`` runs
it every ``interval_s`` seconds in a worker thread so the event loop never blocks.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from shopcast.commerce.service import CommerceService

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MaintenanceResult:
    reservations_released: int
    events_published: int


def run_maintenance(service: CommerceService) -> MaintenanceResult:
    released = service.release_expired_reservations()
    published = service.outbox.publish_pending(service.now())
    return MaintenanceResult(reservations_released=released, events_published=published)


async def maintenance_loop(service: CommerceService, interval_s: float) -> None:
    while True:
        await asyncio.sleep(interval_s)
        try:
            await asyncio.to_thread(run_maintenance, service)
        except Exception:  # keep the loop alive; the next pass retries
            log.exception("commerce maintenance failed")
