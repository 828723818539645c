"""Embedding Content Credentials in an MP4 with c2pa-python, all-or-nothing: the signed copy is
written beside the file, read back and checked, and only then replaces it."""

from __future__ import annotations

import os
from pathlib import Path

import c2pa

from shopcast.config import Settings
from shopcast.errors import OutputError
from shopcast.provenance.context import c2pa_context
from shopcast.provenance.identity import C2paSettings, SigningIdentity, signing_identity
from shopcast.provenance.manifest import ProvenanceFacts, build_manifest
from shopcast.provenance.reader import read_provenance_with

MP4 = "video/mp4"


class VideoSigner:
    """Signs exported MP4s with one identity (see ``provenance.identity``)."""

    def __init__(self, identity: SigningIdentity) -> None:
        self.identity = identity

    @classmethod
    def from_settings(cls, settings: Settings) -> VideoSigner:
        return cls(signing_identity(settings.home, C2paSettings()))

    def sign_in_place(self, path: Path, facts: ProvenanceFacts) -> None:
        """Embed the manifest in ``path``. On any failure ``path`` is left as it was and
        ``OutputError`` is raised (the caller's all-or-nothing export then removes it)."""
        path = Path(path)
        signed = path.with_name(f".{path.name}.c2pa.partial{path.suffix}")
        try:
            self._sign(path, signed, facts)
            report = read_provenance_with(signed, c2pa_context(self.identity.anchors_pem))
            if report.state == "Invalid" or not report.ai_generated:
                raise OutputError(
                    f"the Content Credentials written to {path.name} do not verify: "
                    f"{'; '.join(report.failures) or 'no AI-generated assertion'}"
                )
            os.replace(signed, path)
        except c2pa.C2paError as exc:
            raise OutputError(
                f"could not sign {path.name} with C2PA Content Credentials: {exc}",
                hint=f"Signing identity: {self.identity.source}. Check SHOPCAST_C2PA_CERT/KEY, "
                "or unset them to use the local identity.",
            ) from exc
        except OSError as exc:
            raise OutputError(f"could not write the signed copy of {path}: {exc}") from exc
        finally:
            signed.unlink(missing_ok=True)

    def _sign(self, source: Path, dest: Path, facts: ProvenanceFacts) -> None:
        info = c2pa.C2paSignerInfo(
            self.identity.alg,
            self.identity.chain_pem.encode(),
            self.identity.key_pem.encode(),
            None,
        )
        with (
            c2pa.Signer.from_info(info) as signer,
            c2pa.Builder(
                build_manifest(facts), context=c2pa_context(self.identity.anchors_pem)
            ) as builder,
            source.open("rb") as src,
            dest.open("w+b") as dst,
        ):
            builder.sign(signer, MP4, src, dst)
