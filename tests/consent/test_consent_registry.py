"""The consent registry: recording (document kept under its SHA-256), the check before a render
or a show, and a clear refusal for each way consent can fail."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from shopcast.consent.registry import ConsentRegistry
from shopcast.errors import ConsentError, InvalidInputError, NotFoundError
from shopcast.persona.service import PersonaService

ADD = dict(
    subject="Jane Doe",
    scope=["video", "live"],
    markets=["en-US", "ko-KR"],
    expires="2027-06-30",
    created_by="tester",
)


def test_synthetic_persona_needs_no_consent(
    registry: ConsentRegistry, personas: PersonaService
) -> None:
    assert registry.require(personas.get("mina"), "en-US", "video") == []


def test_real_likeness_without_a_record_is_refused_with_the_fix(
    registry: ConsentRegistry, personas: PersonaService
) -> None:
    with pytest.raises(ConsentError) as caught:
        registry.require(personas.get("nova"), "en-US", "video")
    error = caught.value
    assert "'nova'" in error.message and "likeness" in error.message
    assert "Jane Doe" in error.message and "Refused" in error.message
    assert error.hint is not None
    assert 'shopcast consent add --persona nova --subject "Jane Doe"' in error.hint
    assert "--markets en-US" in error.hint and "--scope video" in error.hint


def test_recorded_consent_allows_and_keeps_the_document(
    registry: ConsentRegistry, personas: PersonaService, signed_pdf: Path, settings
) -> None:
    record = registry.add(persona="nova", document=signed_pdf, **ADD)
    assert record.scope == ["video", "live"] and record.markets == ["en-US", "ko-KR"]
    assert record.document.is_relative_to(settings.home)
    assert record.document.read_bytes() == signed_pdf.read_bytes()
    assert record.document_sha256 == hashlib.sha256(signed_pdf.read_bytes()).hexdigest()
    assert f"{record.expires_at:%Y-%m-%d %H:%M}" == "2027-06-30 23:59"
    signed_pdf.unlink()  # the original may go: the registry keeps its own copy
    nova = personas.get("nova")
    assert registry.require(nova, "en-US", "video") == [record]
    assert registry.require(nova, "ko-KR", "live") == [record]
    assert registry.get(record.id) == record
    assert registry.list(persona="nova") == [record] and registry.list(persona="mina") == []


def test_wrong_market_and_wrong_use_name_what_the_record_covers(
    registry: ConsentRegistry, personas: PersonaService, signed_pdf: Path
) -> None:
    record = registry.add(
        persona="nova", document=signed_pdf, **{**ADD, "scope": ["video"], "markets": ["en-US"]}
    )
    nova = personas.get("nova")
    with pytest.raises(ConsentError, match=rf"#{record.id} .*covers markets en-US, not ko-KR"):
        registry.require(nova, "ko-KR", "video")
    with pytest.raises(ConsentError, match=rf"#{record.id} .*covers video, not live"):
        registry.require(nova, "en-US", "live")


def test_expired_consent_is_refused(
    registry: ConsentRegistry, personas: PersonaService, signed_pdf: Path, clock
) -> None:
    registry.add(persona="nova", document=signed_pdf, **{**ADD, "expires": "2026-12-01"})
    nova = personas.get("nova")
    assert registry.require(nova, "en-US", "video")
    clock.advance(days=5, hours=12)  # 2026-12-01 24:00 UTC: the last day is over
    with pytest.raises(ConsentError, match="expired on 2026-12-01"):
        registry.require(nova, "en-US", "video")


def test_revoked_consent_is_refused_with_the_reason(
    registry: ConsentRegistry, personas: PersonaService, signed_pdf: Path
) -> None:
    record = registry.add(persona="nova", document=signed_pdf, **ADD)
    revoked = registry.revoke(record.id, reason="contract ended early", by="legal")
    assert revoked.revoked_at is not None and revoked.revoked_by == "legal"
    with pytest.raises(ConsentError, match="was revoked on .*: contract ended early"):
        registry.require(personas.get("nova"), "en-US", "video")
    with pytest.raises(InvalidInputError, match="already revoked"):
        registry.revoke(record.id, reason="again", by="legal")
    with pytest.raises(NotFoundError, match="#999"):
        registry.revoke(999, reason="nothing", by="legal")
    with pytest.raises(InvalidInputError, match="why"):
        registry.revoke(record.id, reason="  ", by="legal")


def test_a_newer_record_covers_after_one_is_revoked(
    registry: ConsentRegistry, personas: PersonaService, signed_pdf: Path
) -> None:
    first = registry.add(persona="nova", document=signed_pdf, **ADD)
    registry.revoke(first.id, reason="renegotiated", by="legal")
    second = registry.add(persona="nova", document=signed_pdf, **{**ADD, "expires": "2028-01-31"})
    assert registry.require(personas.get("nova"), "en-US", "video") == [second]
    assert second.document == first.document  # the same signed file is kept once


def test_likeness_and_voice_need_each_a_grant(
    registry: ConsentRegistry, personas: PersonaService, signed_pdf: Path, tmp_path: Path
) -> None:
    echo = personas.get("echo")  # real face and real voice
    face = registry.add(
        persona="echo", document=signed_pdf, **{**ADD, "scope": ["video", "likeness"]}
    )
    with pytest.raises(ConsentError, match="voice.*none covers its voice"):
        registry.require(echo, "en-US", "video")
    voice_doc = tmp_path / "voice.pdf"
    voice_doc.write_bytes(b"%PDF-1.4 voice actor authorisation")
    voice = registry.add(
        persona="echo",
        document=voice_doc,
        **{**ADD, "subject": "Sam Roe", "scope": ["video", "voice"]},
    )
    assert registry.require(echo, "en-US", "video") == [face, voice]


def test_a_changed_or_missing_document_is_refused(
    registry: ConsentRegistry, personas: PersonaService, signed_pdf: Path
) -> None:
    record = registry.add(persona="nova", document=signed_pdf, **ADD)
    nova = personas.get("nova")
    record.document.write_bytes(b"%PDF-1.4 a different document")
    with pytest.raises(ConsentError, match="has changed since it was recorded"):
        registry.require(nova, "en-US", "video")
    # the live watch's cheap poll skips the re-hash
    assert registry.require(nova, "en-US", "video", verify_documents=False) == [record]
    record.document.unlink()
    with pytest.raises(ConsentError, match="is missing"):
        registry.require(nova, "en-US", "video")


@pytest.mark.parametrize(
    ("change", "error", "expected"),
    [
        ({"scope": ["video", "hologram"]}, InvalidInputError, "unknown consent scope 'hologram'"),
        ({"scope": ["likeness"]}, InvalidInputError, "names no use"),
        ({"markets": ["en-US", "xx-YY"]}, InvalidInputError, "unknown market 'xx-YY'"),
        ({"markets": []}, InvalidInputError, "at least one market"),
        ({"expires": "2026-01-01"}, InvalidInputError, "in the past"),
        ({"expires": "next year"}, InvalidInputError, "YYYY-MM-DD"),
        ({"subject": "  "}, InvalidInputError, "subject"),
        ({"persona": "ghost"}, NotFoundError, "No persona 'ghost'"),
        ({"document": Path("/nonexistent/consent.pdf")}, NotFoundError, "document not found"),
    ],
)
def test_bad_records_are_refused_with_a_clear_message(
    registry: ConsentRegistry, signed_pdf: Path, change: dict, error: type, expected: str
) -> None:
    arguments = {"persona": "nova", "document": signed_pdf, **ADD, **change}
    with pytest.raises(error, match=expected):
        registry.add(**arguments)
    assert registry.list() == []


def test_unknown_use_is_an_input_error(registry: ConsentRegistry, personas: PersonaService) -> None:
    with pytest.raises(InvalidInputError, match="unknown use 'radio'"):
        registry.require(personas.get("nova"), "en-US", "radio")
