"""Read implicit feedback from the database: analytics events, orders and open carts.

- analytics ``view`` (and a ``join`` that names a product) → view, ``product_click`` → click,
  ``ask`` → ask, ``add_to_cart`` → cart, ``order`` → buy (events the commerce outbox wrote for
  an order, ``order-<id>``, are skipped: the order's own lines are read instead, all of them);
- order lines of orders not cancelled → buy (the customer id is the viewer id);
- lines of carts not checked out → cart.

Variant SKUs are mapped to their product handle; SKUs the catalog does not know are dropped.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from shopcast.analytics.tables import AnalyticsEventRow
from shopcast.assistant.recommend.signals import Interaction, Signal
from shopcast.commerce.tables import CartLineRow, CartRow, OrderLineRow, OrderRow
from shopcast.store import Database
from shopcast.store.tables import ProductRow, VariantRow

EVENT_SIGNALS: dict[str, Signal] = {
    "view": "view",
    "join": "view",
    "product_click": "click",
    "ask": "ask",
    "add_to_cart": "cart",
    "order": "buy",
}


def sku_to_product(session: Session) -> dict[str, str]:
    """Every product handle and variant SKU → its product handle."""
    out = {sku: sku for sku in session.scalars(select(ProductRow.sku))}
    rows = session.execute(select(VariantRow.sku, ProductRow.sku).join(ProductRow)).all()
    out.update({variant: product for variant, product in rows})
    return out


def load_interactions(db: Database, viewer_id: str | None = None) -> list[Interaction]:
    """All interactions (or one viewer's) with catalog products, oldest first per source."""
    with db.session() as session:
        products = sku_to_product(session)
        out = list(_events(session, products, viewer_id))
        out += _orders(session, products, viewer_id)
        out += _carts(session, products, viewer_id)
    return out


def _events(
    session: Session, products: dict[str, str], viewer_id: str | None
) -> Iterable[Interaction]:
    query: Select = select(
        AnalyticsEventRow.viewer_id,
        AnalyticsEventRow.sku,
        AnalyticsEventRow.kind,
        AnalyticsEventRow.event_id,
        AnalyticsEventRow.occurred_at,
    ).where(AnalyticsEventRow.sku.is_not(None), AnalyticsEventRow.kind.in_(list(EVENT_SIGNALS)))
    if viewer_id is not None:
        query = query.where(AnalyticsEventRow.viewer_id == viewer_id)
    for viewer, sku, kind, event_id, at in session.execute(query.order_by(AnalyticsEventRow.id)):
        product = products.get(sku)
        if product is None or (kind == "order" and event_id.startswith("order-")):
            continue
        yield Interaction(viewer, product, EVENT_SIGNALS[kind], at, source="events")


def _orders(session: Session, products: dict[str, str], viewer_id: str | None) -> list[Interaction]:
    query = (
        select(OrderRow.customer_id, OrderLineRow.sku, OrderRow.created_at)
        .join(OrderLineRow, OrderLineRow.order_id == OrderRow.id)
        .where(OrderRow.status != "cancelled")
    )
    if viewer_id is not None:
        query = query.where(OrderRow.customer_id == viewer_id)
    return [
        Interaction(viewer, products[sku], "buy", at, source="orders")
        for viewer, sku, at in session.execute(query.order_by(OrderRow.id))
        if sku in products
    ]


def _carts(session: Session, products: dict[str, str], viewer_id: str | None) -> list[Interaction]:
    query = (
        select(CartRow.viewer_id, CartLineRow.sku, CartRow.created_at)
        .join(CartLineRow, CartLineRow.cart_id == CartRow.id)
        .where(CartRow.order_id.is_(None))
    )
    if viewer_id is not None:
        query = query.where(CartRow.viewer_id == viewer_id)
    return [
        Interaction(viewer, products[sku], "cart", at, source="carts")
        for viewer, sku, at in session.execute(query.order_by(CartRow.id))
        if sku in products
    ]
