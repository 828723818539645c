"""C2PA Content Credentials with c2pa-python: sign an MP4 made by the project's encoder, read the
manifest back (AI-generated, generator, persona, market), and catch a tampered file."""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shopcast.cli.main import app
from shopcast.config import Settings
from shopcast.errors import InvalidInputError, OutputError
from shopcast.media.probe import probe
from shopcast.provenance import ProvenanceFacts, VideoSigner, read_provenance
from shopcast.provenance.identity import ensure_local_identity
from shopcast.provenance.manifest import TRAINED_ALGORITHMIC_MEDIA

FACTS = ProvenanceFacts(
    title="ad.mp4",
    persona="mina",
    market="ko-KR",
    product="glow-serum",
    visible_label="AI 가상 호스트",
)


def tamper(path: Path) -> None:
    """Flip one byte of the coded media (inside ``mdat``), as an edit would."""
    data = bytearray(path.read_bytes())
    at = data.index(b"mdat") + 64
    data[at] ^= 0xFF
    path.write_bytes(bytes(data))


def test_signed_video_reads_back_as_ai_generated(
    settings: Settings, make_mp4: Callable[..., Path]
) -> None:
    video = make_mp4()
    before = probe(video)
    VideoSigner.from_settings(settings).sign_in_place(video, FACTS)
    report = read_provenance(video, settings)
    assert report.state == "Trusted", report.failures  # the local CA is the trust anchor
    assert report.failures == []
    assert report.ai_generated
    assert report.digital_source_types == [TRAINED_ALGORITHMIC_MEDIA]
    disclosure = report.disclosure or {}
    assert disclosure["ai_generated"] is True and "AI-generated" in disclosure["statement"]
    assert (disclosure["generator"], disclosure["persona"], disclosure["market"]) == (
        "shopcast",
        "mina",
        "ko-KR",
    )
    assert disclosure["visible_label"] == "AI 가상 호스트"
    assert report.manifest["claim_generator_info"][0]["name"] == "shopcast"
    assert report.assertions["stds.schema-org.CreativeWork"]["@type"] == "CreativeWork"
    assert report.signer["alg"].lower() == "es256"
    after = probe(video)  # still the same playable video
    assert (after.video_codec, after.audio_codec, after.frames) == (
        before.video_codec,
        before.audio_codec,
        before.frames,
    )
    assert [p.name for p in video.parent.iterdir()] == [video.name]  # no partials left


def test_a_tampered_video_fails_validation(
    settings: Settings, make_mp4: Callable[..., Path]
) -> None:
    video = make_mp4()
    VideoSigner.from_settings(settings).sign_in_place(video, FACTS)
    tamper(video)
    report = read_provenance(video, settings)
    assert report.state == "Invalid" and not report.verified
    assert any("mismatch" in f for f in report.failures), report.failures
    result = CliRunner().invoke(app, ["provenance", "show", str(video)])
    assert result.exit_code == 1 and "Invalid" in result.output


def test_provenance_show_prints_the_manifest(
    settings: Settings, make_mp4: Callable[..., Path]
) -> None:
    video = make_mp4()
    VideoSigner.from_settings(settings).sign_in_place(video, FACTS)
    result = CliRunner().invoke(app, ["provenance", "show", str(video)])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "Trusted" in text and "AI-generated: yes" in text
    assert "persona: mina" in text and "market: ko-KR" in text and "trainedAlgorithmicMedia" in text
    as_json = CliRunner().invoke(app, ["provenance", "show", str(video), "--json"])
    assert '"shopcast.ai_disclosure"' in as_json.stdout


def test_an_unsigned_video_has_no_credentials(
    settings: Settings, make_mp4: Callable[..., Path]
) -> None:
    with pytest.raises(InvalidInputError, match="carries no C2PA Content Credentials"):
        read_provenance(make_mp4(), settings)


def test_a_file_that_cannot_be_signed_is_left_untouched(settings: Settings, tmp_path: Path) -> None:
    broken = tmp_path / "broken.mp4"
    content = b"\x00\x00\x00\x18ftypisom" + b"not really a video" * 50
    broken.write_bytes(content)
    with pytest.raises(OutputError, match="could not sign broken.mp4"):
        VideoSigner.from_settings(settings).sign_in_place(broken, FACTS)
    assert broken.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.mp4"]


def test_local_identity_is_made_once_private_and_renewed(settings: Settings) -> None:
    first = ensure_local_identity(settings.home)
    folder = settings.home / "provenance"
    for key in ("ca.key", "signer.key"):
        assert stat.S_IMODE(os.stat(folder / key).st_mode) == 0o600
    assert ensure_local_identity(settings.home) == first  # reused, not re-made
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=720)  # within 30 days of its end
    renewed = ensure_local_identity(settings.home, now=later)
    assert renewed.chain_pem != first.chain_pem
    assert renewed.anchors_pem == first.anchors_pem  # same CA: older videos still verify


def test_another_signer_verifies_but_is_trusted_only_when_anchored(
    settings: Settings,
    make_mp4: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A brand's own certificate (here: a CA made elsewhere) via SHOPCAST_C2PA_CERT/KEY."""
    brand_home = tmp_path / "brand"
    ensure_local_identity(brand_home)
    monkeypatch.setenv("SHOPCAST_C2PA_CERT", str(brand_home / "provenance" / "signer.pem"))
    monkeypatch.setenv("SHOPCAST_C2PA_KEY", str(brand_home / "provenance" / "signer.key"))
    video = make_mp4()
    VideoSigner.from_settings(settings).sign_in_place(video, FACTS)
    untrusted = read_provenance(video, settings)
    assert untrusted.state == "Valid" and untrusted.ai_generated
    monkeypatch.setenv("SHOPCAST_C2PA_TRUST_ANCHORS", str(brand_home / "provenance" / "ca.pem"))
    assert read_provenance(video, settings).state == "Trusted"


def test_bad_brand_identities_fail_before_any_work(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "old"
    ensure_local_identity(old, now=dt.datetime.now(dt.UTC) - dt.timedelta(days=1000))
    monkeypatch.setenv("SHOPCAST_C2PA_CERT", str(old / "provenance" / "signer.pem"))
    with pytest.raises(InvalidInputError, match="must be set together"):
        VideoSigner.from_settings(settings)
    monkeypatch.setenv("SHOPCAST_C2PA_KEY", str(old / "provenance" / "signer.key"))
    with pytest.raises(InvalidInputError, match="not now"):
        VideoSigner.from_settings(settings)
    monkeypatch.setenv("SHOPCAST_C2PA_KEY", str(old / "provenance" / "ca.key"))
    with pytest.raises(InvalidInputError, match="is not the key of the first certificate"):
        VideoSigner.from_settings(settings)
