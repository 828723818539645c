"""A realistic generated interaction log for evaluating recommenders offline.

No public live-shopping log fits this product (and none may be downloaded at run time), so the
benchmark and the tests draw one from a documented model of how shoppers behave:

- **Catalog.** Five categories (skincare, streetwear, kitchen, gadgets, home), each with
  product types (serum, sun fluid, hoodie, pan, knife, earbuds, power bank, ...). Every product
  has a style (budget / classic / premium) and a base popularity drawn from a log-normal
  distribution (sigma ``popularity_sigma``), so a few products get most of the attention.
- **Viewers.** Each belongs to a segment: skincare buyers, streetwear, kitchen, gadgets, or
  browsers. A segment gives a category affinity (``primary_affinity`` on the segment's
  category, ``secondary_affinity`` on one other category picked per viewer, the rest spread
  thin; browsers spread evenly) and a preferred style (70% of the style weight). Activity is
  heavy-tailed: sessions per viewer ~ 1 + Poisson(log-normal around ``sessions_median``).
- **Sessions.** A session picks a category from the viewer's affinity and looks at
  1 + Poisson(``items_per_session`` - 1) products of it, chosen by popularity × style
  weight. Each look runs the funnel view → click (``p_click``) → ask (``p_ask``, after a click)
  → cart (``p_cart``, after a click) → buy (``p_buy``, after a cart): about 5% of views end in
  a purchase, as in live shopping.
- **Co-purchase.** Buying a product makes its complements likely next: the next session opens
  on a complement type with probability ``p_complement`` (serum → sun fluid, pan → knife,
  hoodie → cap, earbuds → power bank, ...; the table is :data:`COMPLEMENTS`), and that look
  converts better (click and cart odds × ``complement_intent``).
- **Noise.** With probability ``p_noise`` a look goes to a uniformly random product anywhere
  in the catalog (mis-taps, curiosity), and only ever as a view or a click.

Times increase per viewer (sessions hours to days apart, looks seconds apart), so a
leave-last-item-out split is meaningful. Everything is drawn from one ``numpy`` generator seeded
with ``seed``: the same config gives the same log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import numpy as np

from shopcast.assistant.recommend.signals import Interaction, Signal

CATEGORY_TYPES: dict[str, tuple[str, ...]] = {
    "skincare": ("serum", "sun fluid", "barrier cream", "cleanser", "toner", "sheet mask"),
    "streetwear": ("hoodie", "tee", "cap", "sneakers", "cargo pants", "socks"),
    "kitchen": ("pan", "knife", "mug", "cutting board", "kettle", "spatula"),
    "gadgets": ("earbuds", "power bank", "charger", "smartwatch", "phone case", "speaker"),
    "home": ("candle", "diffuser", "throw blanket", "vase"),
}
# Bought type → types bought next more often than chance (co-purchase patterns).
COMPLEMENTS: dict[str, tuple[str, ...]] = {
    "serum": ("sun fluid", "barrier cream"),
    "cleanser": ("toner",),
    "toner": ("serum",),
    "barrier cream": ("serum",),
    "pan": ("knife", "spatula"),
    "knife": ("cutting board",),
    "kettle": ("mug",),
    "hoodie": ("cap", "cargo pants"),
    "tee": ("cargo pants",),
    "sneakers": ("socks",),
    "earbuds": ("power bank", "phone case"),
    "smartwatch": ("charger",),
    "phone case": ("power bank",),
    "candle": ("diffuser",),
}
SEGMENTS: dict[str, str | None] = {  # segment → its main category (None: browsers)
    "skincare buyers": "skincare",
    "streetwear": "streetwear",
    "kitchen": "kitchen",
    "gadgets": "gadgets",
    "browsers": None,
}
SEGMENT_SHARES = (0.27, 0.25, 0.18, 0.18, 0.12)
STYLES = ("budget", "classic", "premium")


@dataclass(frozen=True)
class SyntheticConfig:
    n_viewers: int = 4000
    n_products: int = 300
    seed: int = 7
    sessions_median: float = 3.0
    items_per_session: float = 2.5
    primary_affinity: float = 0.75
    secondary_affinity: float = 0.15
    style_preference: float = 0.7
    popularity_sigma: float = 1.4
    p_click: float = 0.35
    p_ask: float = 0.15
    p_cart: float = 0.30
    p_buy: float = 0.55
    p_complement: float = 0.5
    complement_intent: float = 2.0  # click and cart odds multiply by this on a complement
    p_noise: float = 0.08
    segment_shares: tuple[float, ...] = SEGMENT_SHARES  # in the order of SEGMENTS


@dataclass(frozen=True)
class SyntheticProduct:
    sku: str
    category: str
    kind: str  # product type: "serum", "pan", ...
    style: str
    popularity: float


@dataclass
class SyntheticLog:
    config: SyntheticConfig
    products: list[SyntheticProduct]
    segments: dict[str, str]  # viewer → segment
    interactions: list[Interaction] = field(default_factory=list)

    def summary(self) -> dict[str, float]:
        kinds: dict[str, int] = {}
        for it in self.interactions:
            kinds[it.signal] = kinds.get(it.signal, 0) + 1
        views = max(kinds.get("view", 0), 1)
        return {
            "viewers": len(self.segments),
            "products": len(self.products),
            "events": len(self.interactions),
            **{f"{k}s": float(v) for k, v in sorted(kinds.items())},
            "view_to_buy": kinds.get("buy", 0) / views,
        }


def _catalog(cfg: SyntheticConfig, rng: np.random.Generator) -> list[SyntheticProduct]:
    types = [(cat, kind) for cat, kinds in CATEGORY_TYPES.items() for kind in kinds]
    products = []
    for n in range(cfg.n_products):
        cat, kind = types[n % len(types)]
        products.append(
            SyntheticProduct(
                sku=f"{kind.replace(' ', '-')}-{n:04d}",
                category=cat,
                kind=kind,
                style=STYLES[int(rng.integers(len(STYLES)))],
                popularity=float(rng.lognormal(0.0, cfg.popularity_sigma)),
            )
        )
    return products


class _Viewer:
    def __init__(
        self,
        vid: str,
        segment: str,
        cfg: SyntheticConfig,
        rng: np.random.Generator,
        categories: list[str],
    ) -> None:
        self.id = vid
        self.segment = segment
        main = SEGMENTS[segment]
        if main is None:
            weights = np.ones(len(categories))
        else:
            other = [c for c in categories if c != main]
            second = other[int(rng.integers(len(other)))]
            rest = (1.0 - cfg.primary_affinity - cfg.secondary_affinity) / (len(categories) - 2)
            weights = np.array(
                [
                    cfg.primary_affinity
                    if c == main
                    else cfg.secondary_affinity
                    if c == second
                    else rest
                    for c in categories
                ]
            )
        self.category_p = weights / weights.sum()
        liked = int(rng.integers(len(STYLES)))
        other_share = (1.0 - cfg.style_preference) / (len(STYLES) - 1)
        self.style_w = {
            s: cfg.style_preference if i == liked else other_share for i, s in enumerate(STYLES)
        }
        self.pending: list[str] = []  # complement types to look at next
        self.bought: set[str] = set()


def generate(cfg: SyntheticConfig | None = None) -> SyntheticLog:
    """Draw a log from ``cfg`` (see the module docstring for the model)."""
    cfg = cfg or SyntheticConfig()
    rng = np.random.default_rng(cfg.seed)
    products = _catalog(cfg, rng)
    categories = list(CATEGORY_TYPES)
    by_category = {c: [p for p in products if p.category == c] for c in categories}
    by_kind: dict[str, list[SyntheticProduct]] = {}
    for p in products:
        by_kind.setdefault(p.kind, []).append(p)
    segment_names = list(SEGMENTS)
    log = SyntheticLog(cfg, products, {})
    start = datetime(2026, 10, 1, tzinfo=UTC)
    for v in range(cfg.n_viewers):
        segment = segment_names[int(rng.choice(len(segment_names), p=cfg.segment_shares))]
        viewer = _Viewer(f"viewer-{v:05d}", segment, cfg, rng, categories)
        log.segments[viewer.id] = segment
        at = start + timedelta(hours=float(rng.uniform(0, 24 * 14)))
        sessions = 1 + int(rng.poisson(rng.lognormal(np.log(cfg.sessions_median), 0.8)))
        for _ in range(sessions):
            _session(viewer, cfg, rng, by_category, by_kind, products, at, log.interactions)
            at += timedelta(hours=float(rng.exponential(36.0)) + 0.5)
    return log


def _pick(
    pool: list[SyntheticProduct], viewer: _Viewer, rng: np.random.Generator
) -> SyntheticProduct:
    w = np.array([p.popularity * viewer.style_w[p.style] for p in pool])
    return pool[int(rng.choice(len(pool), p=w / w.sum()))]


def _session(
    viewer: _Viewer,
    cfg: SyntheticConfig,
    rng: np.random.Generator,
    by_category: dict[str, list[SyntheticProduct]],
    by_kind: dict[str, list[SyntheticProduct]],
    products: list[SyntheticProduct],
    at: datetime,
    out: list[Interaction],
) -> None:
    looks: list[tuple[SyntheticProduct, str]] = []  # (product, "noise" | "complement" | "")
    if viewer.pending and rng.random() < cfg.p_complement:
        kind = viewer.pending.pop(int(rng.integers(len(viewer.pending))))
        looks.append((_pick(by_kind[kind], viewer, rng), "complement"))
    category = list(by_category)[int(rng.choice(len(by_category), p=viewer.category_p))]
    for _ in range(1 + int(rng.poisson(cfg.items_per_session - 1))):
        if rng.random() < cfg.p_noise:
            looks.append((products[int(rng.integers(len(products)))], "noise"))
        else:
            looks.append((_pick(by_category[category], viewer, rng), ""))

    def emit(product: SyntheticProduct, signal: Signal) -> None:
        nonlocal at
        at += timedelta(seconds=float(rng.uniform(5, 90)))
        out.append(Interaction(viewer.id, product.sku, signal, at, source="synthetic"))

    for product, why in looks:
        boost = cfg.complement_intent if why == "complement" else 1.0
        emit(product, "view")
        if rng.random() >= min(cfg.p_click * boost, 0.95):
            continue
        emit(product, "click")
        if why == "noise":
            continue
        if rng.random() < cfg.p_ask:
            emit(product, "ask")
        if rng.random() >= min(cfg.p_cart * boost, 0.95):
            continue
        emit(product, "cart")
        if product.sku in viewer.bought or rng.random() >= cfg.p_buy:
            continue
        emit(product, "buy")
        viewer.bought.add(product.sku)
        viewer.pending.extend(COMPLEMENTS.get(product.kind, ()))
