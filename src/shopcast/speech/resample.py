"""Sample-rate conversion (soxr, high quality) for engines that do not speak at 24 kHz."""

from __future__ import annotations

import numpy as np


def resample_to(audio: np.ndarray, from_rate: int, to_rate: int) -> np.ndarray:
    """Mono float32 audio at ``to_rate``; length is ``round(len * to_rate / from_rate)``."""
    audio = np.asarray(audio, dtype=np.float32)
    if from_rate == to_rate or len(audio) == 0:
        return audio.copy()
    import soxr

    out = soxr.resample(audio, from_rate, to_rate, quality="HQ")
    return np.clip(out.astype(np.float32, copy=False), -1.0, 1.0)
