"""Reading Content Credentials back: the validation state, the signer, and whether the manifest
says the media is AI-generated."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import c2pa

from shopcast.config import Settings
from shopcast.errors import InvalidInputError, NotFoundError
from shopcast.provenance.context import c2pa_context
from shopcast.provenance.identity import C2paSettings, reading_anchors
from shopcast.provenance.manifest import DISCLOSURE_LABEL, TRAINED_ALGORITHMIC_MEDIA


@dataclass
class ProvenanceReport:
    path: Path
    state: str  # Trusted (signature valid, signer trusted) | Valid (untrusted signer) | Invalid
    manifest: dict[str, Any]  # the active manifest
    failures: list[str] = field(default_factory=list)  # "code: explanation"
    store: dict[str, Any] = field(default_factory=dict)  # the whole manifest store as read

    @property
    def assertions(self) -> dict[str, Any]:
        return {a["label"]: a.get("data") for a in self.manifest.get("assertions", [])}

    @property
    def disclosure(self) -> dict[str, Any] | None:
        return self.assertions.get(DISCLOSURE_LABEL)

    @property
    def digital_source_types(self) -> list[str]:
        sources = []
        for label, data in self.assertions.items():
            if label.startswith("c2pa.actions"):
                for action in (data or {}).get("actions", []):
                    if action.get("action") == "c2pa.created":
                        sources.append(action.get("digitalSourceType", ""))
        return sources

    @property
    def ai_generated(self) -> bool:
        """The manifest states it: a ``c2pa.created`` action from trained algorithmic media,
        and shopcast's disclosure assertion."""
        stated = bool(self.disclosure and self.disclosure.get("ai_generated") is True)
        return stated and TRAINED_ALGORITHMIC_MEDIA in self.digital_source_types

    @property
    def signer(self) -> dict[str, Any]:
        return dict(self.manifest.get("signature_info") or {})

    @property
    def verified(self) -> bool:
        return self.state in ("Trusted", "Valid")


def read_provenance(path: Path, settings: Settings) -> ProvenanceReport:
    """Read and validate ``path``, trusting the local CA and SHOPCAST_C2PA_TRUST_ANCHORS."""
    return read_provenance_with(path, c2pa_context(reading_anchors(settings.home, C2paSettings())))


def read_provenance_with(path: Path, context: c2pa.Context) -> ProvenanceReport:
    path = Path(path)
    if not path.is_file():
        raise NotFoundError(f"no file {path}")
    try:
        with c2pa.Reader(path, context=context) as reader:
            store = json.loads(reader.json())
    except c2pa.C2paError as exc:
        if "ManifestNotFound" in type(exc).__name__ or "JUMBF" in str(exc):
            raise InvalidInputError(
                f"{path} carries no C2PA Content Credentials",
                hint="Videos exported by shopcast are signed; a re-encoded or edited copy loses "
                "its credentials.",
            ) from None
        raise InvalidInputError(f"cannot read Content Credentials from {path}: {exc}") from None
    active = store.get("active_manifest")
    manifest = store.get("manifests", {}).get(active, {}) if active else {}
    results = (store.get("validation_results") or {}).get("activeManifest") or {}
    failures = [f"{f.get('code')}: {f.get('explanation', '')}" for f in results.get("failure", [])]
    state = store.get("validation_state") or ("Invalid" if failures else "Valid")
    return ProvenanceReport(path, state, manifest, failures, store)
