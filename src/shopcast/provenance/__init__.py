"""Provenance and disclosure: C2PA Content Credentials on every exported video (signed with a
brand's certificate or a local CA made on first use), reading them back, and telling each
viewer who chats that the host is an AI."""

from shopcast.provenance.disclosure import DisclosureTracker
from shopcast.provenance.manifest import ProvenanceFacts
from shopcast.provenance.reader import ProvenanceReport, read_provenance
from shopcast.provenance.signer import VideoSigner

__all__ = [
    "DisclosureTracker",
    "ProvenanceFacts",
    "ProvenanceReport",
    "VideoSigner",
    "read_provenance",
]
