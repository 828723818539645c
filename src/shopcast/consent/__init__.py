"""Consent for real likenesses and voices: a registry of signed authorisations (who, scope,
markets, expiry, document), the check every render and show makes, and a watch that stops a
running show when consent is revoked or runs out."""

from shopcast.consent.registry import ConsentRegistry, rights_needed
from shopcast.consent.types import ConsentRecord
from shopcast.consent.watch import ConsentWatch

__all__ = ["ConsentRecord", "ConsentRegistry", "ConsentWatch", "rights_needed"]
