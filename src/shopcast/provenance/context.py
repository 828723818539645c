"""The c2pa-python settings shopcast signs and reads with: offline, trusting given anchors."""

from __future__ import annotations

from typing import Any

import c2pa


def c2pa_context(anchors_pem: str) -> c2pa.Context:
    """No remote manifests, no OCSP (shopcast runs offline); ``anchors_pem`` (PEM roots) are
    trusted in addition to the SDK's own."""
    config: dict[str, Any] = {
        "verify": {"remote_manifest_fetch": False, "ocsp_fetch": False},
        "builder": {"thumbnail": {"enabled": False}},
    }
    if anchors_pem.strip():
        config["trust"] = {"user_anchors": anchors_pem}
    return c2pa.Context(settings=c2pa.Settings.from_dict(config))
