"""Market readiness: what stops a product being presented in a market, with the fix; videos,
scripts, studio renders and live shows refuse before anything starts."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from shopcast.api import Shopcast
from shopcast.catalog.models import Product, ProductText, Variant
from shopcast.catalog.readiness import MarketNotReadyError, check_market
from shopcast.catalog.service import CatalogService
from shopcast.cli.main import app
from shopcast.markets.registry import get_market

KO = get_market("ko-KR")


def _product(sku: str, **fields) -> Product:
    variants = fields.pop("variants", None) or [
        Variant(sku=f"{sku}-1", price=Decimal(20), market_prices={"KRW": Decimal(27000)})
    ]
    return Product(sku=sku, title=sku.replace("-", " ").title(), variants=variants, **fields)


def _korean(**more) -> dict[str, ProductText]:
    return {"ko": ProductText(title="상품", **more)}


def test_each_reason_is_named_with_its_fix() -> None:
    ready = _product("ready", texts=_korean())
    written_in_korean = _product("toner", language="ko")
    archived = _product("old-tote", status="archived", texts=_korean())
    draft = _product("new-mug", status="draft", texts=_korean())
    usd_only = _product(
        "usd-only", texts=_korean(), variants=[Variant(sku="U-1", price=Decimal(5))]
    )
    partly = _product(
        "partly",
        texts=_korean(),
        variants=[
            Variant(sku="P-S", price=Decimal(5), market_prices={"KRW": Decimal(7000)}),
            Variant(sku="P-L", price=Decimal(9)),
        ],
    )
    drafted = _product("drafted", texts={"ko": ProductText(title="초안", origin="drafted")})
    approved = _product("approved", texts={"ko": ProductText(title="승인", origin="approved")})
    english = _product("english")
    readiness = check_market(
        [ready, written_in_korean, archived, draft, usd_only, partly, drafted, approved, english],
        KO,
    )
    assert not readiness.ready
    kinds = {(b.product, b.kind) for b in readiness.blockers}
    assert kinds == {
        ("old-tote", "not_on_sale"),
        ("new-mug", "not_on_sale"),
        ("usd-only", "no_price"),
        ("partly", "no_price"),
        ("drafted", "draft_text"),
        ("english", "no_text"),
    }
    for product in ("ready", "toner", "approved"):
        assert readiness.blocked(product) == []
    (archived_blocker,) = readiness.blocked("old-tote")
    assert "archived products are never presented or sold" in archived_blocker.problem
    (price,) = readiness.blocked("usd-only")
    assert "no price in KRW for any variant" in price.problem
    assert "shopcast catalog prices import" in price.fix
    assert "for P-L" in readiness.blocked("partly")[0].problem
    assert "shopcast catalog approve drafted --language ko" in readiness.blocked("drafted")[0].fix
    assert "shopcast catalog translate --language ko" in readiness.blocked("english")[0].fix
    # the same products are all ready in en-US: English words, USD prices
    assert check_market([ready, approved, english], get_market("en-US")).ready


def test_the_error_lists_products_and_fixes() -> None:
    readiness = check_market([_product("english"), _product("ok", texts=_korean())], KO)
    with pytest.raises(MarketNotReadyError) as caught:
        readiness.raise_if_blocked("show glow-hour cannot go live")
    message = caught.value.message
    assert message.startswith("show glow-hour cannot go live in ko-KR: 1 product(s) not ready")
    assert "english: no words in ko" in message and "ok:" not in message
    assert "shopcast catalog check --market ko-KR" in (caught.value.hint or "")


def _usd_catalog(settings) -> None:
    from shopcast.store import open_database

    db = open_database(settings)
    try:
        service = CatalogService(db, settings)
        service.upsert(_product("glow-serum", variants=[Variant(sku="GS-1", price=Decimal(28))]))
        service.upsert(_product("old-tote", status="archived"))
    finally:
        db.close()


def test_cli_check_prints_states_and_exits_1(settings) -> None:
    _usd_catalog(settings)
    runner = CliRunner()
    result = runner.invoke(app, ["catalog", "check", "--market", "ko-KR", "--json"])
    assert result.exit_code == 1, result.output
    document = json.loads(result.stdout)
    assert document["market"] == "ko-KR" and document["ready"] == []
    assert {(b["product"], b["kind"]) for b in document["blocked"]} == {
        ("glow-serum", "no_price"),
        ("glow-serum", "no_text"),
        ("old-tote", "not_on_sale"),
        ("old-tote", "no_text"),
    }
    table = runner.invoke(app, ["catalog", "check", "--market", "en-US", "--product", "GS-1"])
    assert table.exit_code == 0, table.output
    assert "ready" in table.output and "1 ready, 0 not ready in en-US" in table.output
    unknown = runner.invoke(app, ["catalog", "check", "--market", "xx-XX"])
    assert unknown.exit_code == 2 and "Unknown market" in unknown.output


def test_video_and_script_are_refused_before_anything_is_written(settings, tmp_path: Path) -> None:
    _usd_catalog(settings)
    sc = Shopcast(settings)
    out = tmp_path / "ad.mp4"
    with pytest.raises(MarketNotReadyError, match="no video of glow-serum can be made in ko-KR"):
        sc.render_video("glow-serum", "mina", "ko-KR", out)
    with pytest.raises(MarketNotReadyError, match="no price in KRW"):
        sc.write_scripts("glow-serum", "mina", "ko-KR")
    with pytest.raises(MarketNotReadyError, match="status is archived"):
        sc.render_video("old-tote", "mina", "en-US", out)
    assert list(tmp_path.iterdir()) == []


def test_a_korean_show_over_a_usd_catalog_is_refused_with_the_fix(settings, tmp_path: Path) -> None:
    """What crashed with "A product card needs a title and a price text": refused by the
    preflight, before anything goes live, with the products and the fix; no traceback."""
    _usd_catalog(settings)
    show = {
        "show": "glow-hour",
        "persona": "mina",
        "market": "ko-KR",
        "writer": "templates",
        "rundown": [{"product": "GS-1"}, {"product": "Old-Tote"}],  # a variant SKU, any case
    }
    path = tmp_path / "show.yaml"
    path.write_text(yaml.safe_dump(show), encoding="utf-8")
    result = CliRunner().invoke(app, ["live", "start", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "show glow-hour cannot go live in ko-KR: 2 product(s) not ready" in result.output
    assert "no price in KRW" in result.output and "status is archived" in result.output
    assert "shopcast catalog prices import" in result.output
    assert not (settings.home / "live" / "glow-hour" / "server.json").exists()
