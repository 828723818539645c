"""Commerce: carts, stock reservations, flash deals, coupons, orders, payments, the outbox.

Layout after saleor: ``tables`` (rows), ``schemas`` (in/out), ``locks`` (every row lock),
``stock``/``deals``/``coupons``/``carts``/``checkout``/``orders`` (rules over a session),
``payments`` (providers), ``outbox`` (side effects after commit), ``service`` (transactions).
"""

from shopcast.commerce.clock import Clock, ManualClock, system_clock
from shopcast.commerce.service import CommerceService

__all__ = ["Clock", "CommerceService", "ManualClock", "system_clock"]
