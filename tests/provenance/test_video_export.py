"""The short-video job end to end with consent and provenance: a persona with a real likeness is
refused before anything is made, renders once consent is recorded, and the exported MP4 carries
Content Credentials; a signing failure after encoding leaves no files behind."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from shopcast.api import Shopcast
from shopcast.config import Settings
from shopcast.errors import ConsentError, OutputError
from shopcast.persona.types import Persona
from shopcast.provenance import VideoSigner, read_provenance
from shopcast.provenance.identity import ensure_local_identity
from shopcast.video.job import render_video
from shopcast.writing.script import Beat, Script

pytestmark = pytest.mark.slow


def likeness_persona() -> Persona:
    market = {"voice": {"engine": "kokoro", "voice": "af_heart"}, "look": {"pack": "seoul-glow"}}
    return Persona.model_validate(
        {
            "name": "nova",
            "display_name": "Nova",
            "personality": "calm",
            "speaking_style": "short sentences",
            "markets": {"en-US": market},
            "real_likeness": True,
            "consent": {"subject": "Jane Doe", "scope": "video", "markets": ["en-US"]},
        }
    )


def short_script(sku: str) -> Script:
    return Script(
        product_sku=sku,
        persona="nova",
        market="en-US",
        language="en",
        length_target_s=2,
        beats=[Beat.make("hook", "Hi, look at this.", "en")],
    )


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory, models_dir: Path):
    home = tmp_path_factory.mktemp("export-home")
    sc = Shopcast(Settings(home=home, models=models_dir))
    sc.import_sample_catalog()
    sc.personas.save(likeness_persona())
    return sc, sc.catalog.list_products()[0].sku


def test_real_likeness_needs_consent_then_exports_signed(studio, tmp_path: Path) -> None:
    sc, sku = studio
    out = tmp_path / "nova.mp4"
    with pytest.raises(ConsentError, match="nova.*likeness.*rendering a video in en-US"):
        sc.render_video(sku, "nova", "en-US", out, script=short_script(sku))
    assert list(tmp_path.iterdir()) == []  # refused before anything was made

    document = tmp_path.parent / "nova-consent.pdf"
    document.write_bytes(b"%PDF-1.4 Jane Doe, video, en-US")
    sc.consents.add(
        persona="nova",
        subject="Jane Doe",
        scope=["video"],
        markets=["en-US"],
        expires=dt.date.today() + dt.timedelta(days=365),
        document=document,
        created_by="test",
    )
    result = sc.render_video(sku, "nova", "en-US", out, script=short_script(sku))
    assert "provenance" in result.seconds
    report = read_provenance(result.outputs.video, sc.settings)
    assert report.state == "Trusted" and report.ai_generated
    assert (report.disclosure or {})["persona"] == "nova"
    assert (report.disclosure or {})["product"] == sku
    assert (report.disclosure or {})["visible_label"] == sc.market("en-US").ai_label
    assert all(p.is_file() for p in result.outputs.all())


def test_a_signing_failure_after_encoding_leaves_nothing(studio, tmp_path: Path) -> None:
    sc, sku = studio
    expired = ensure_local_identity(
        tmp_path / "old-identity", now=dt.datetime.now(dt.UTC) - dt.timedelta(days=1000)
    )
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    stages: list[str] = []
    with pytest.raises(OutputError, match="could not sign"):
        render_video(
            short_script(sku),
            product=sc.product(sku),
            persona=sc.persona("mina"),
            market=sc.market("en-US"),
            out=out_dir / "ad.mp4",
            models_dir=sc.settings.models_dir,
            media_dir=sc.settings.media_dir,
            provenance=VideoSigner(expired),
            on_progress=lambda stage, done, total: stages.append(stage),
        )
    assert "render" in stages  # it failed after the frames were encoded
    assert list(out_dir.iterdir()) == []
