"""Destinations and their rules as data (which modes per market, simulcast bans, the AI label),
and the guard that refuses going live against them before anything is sent."""

from shopcast.platforms.guard import (
    Decision,
    Destination,
    GoLiveRefusedError,
    PolicyGuard,
    Refusal,
    check_go_live,
)
from shopcast.platforms.policy import MODES, PolicyFile, load_policies

__all__ = [
    "MODES",
    "Decision",
    "Destination",
    "GoLiveRefusedError",
    "PolicyFile",
    "PolicyGuard",
    "Refusal",
    "check_go_live",
    "load_policies",
]
