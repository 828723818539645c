"""The animated host: avatar packs (looks as data), the rig that draws them, and the motion
director that turns a timeline into poses.

Public API (imported lazily so ``shopcast.avatar.state`` stays import-cycle free):
``load_pack``, ``list_packs``, ``AvatarPack``, ``AvatarRig``, ``MotionDirector``, ``mouth_for``.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "AvatarPack": "shopcast.avatar.pack",
    "list_packs": "shopcast.avatar.pack",
    "load_pack": "shopcast.avatar.pack",
    "AvatarRig": "shopcast.avatar.rig",
    "MotionDirector": "shopcast.avatar.motion",
    "mouth_for": "shopcast.avatar.mouth",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'shopcast.avatar' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
