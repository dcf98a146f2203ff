"""Level-meter maths and echo measurements on PCM16 mono audio (pure numpy)."""

from __future__ import annotations

import math

import numpy as np

FLOOR_DB = -60.0


def as_samples(pcm: bytes | np.ndarray) -> np.ndarray:
    if isinstance(pcm, bytes):
        return np.frombuffer(pcm, dtype="<i2")
    return pcm


def power(pcm: bytes | np.ndarray) -> float:
    """Mean square as a fraction of full scale squared (0.0 for no samples)."""
    samples = as_samples(pcm)
    if samples.size == 0:
        return 0.0
    values = samples.astype(np.float64) / 32768.0
    return float(np.mean(values * values))


def rms_dbfs(pcm: bytes | np.ndarray, floor: float = FLOOR_DB) -> float:
    p = power(pcm)
    return max(floor, 10.0 * math.log10(p)) if p > 0 else floor


def erle_db(echo: bytes | np.ndarray, residual: bytes | np.ndarray) -> float:
    """Echo return loss enhancement: how much the canceller lowered the echo's power, in dB."""
    before, after = power(echo), power(residual)
    if before <= 0:
        return 0.0
    return 10.0 * math.log10(before / max(after, 1e-12))


class LevelMeter:
    """An input level for a meter, 0.0 (at or below `floor` dBFS) to 1.0 (full scale).

    Rises at once, falls at `release_db_per_s` so a meter does not flicker.
    """

    def __init__(self, floor: float = FLOOR_DB, release_db_per_s: float = 30.0) -> None:
        self.floor = floor
        self.release = release_db_per_s
        self._db = floor

    @property
    def db(self) -> float:
        return self._db

    @property
    def level(self) -> float:
        return (self._db - self.floor) / -self.floor

    def update(self, pcm: bytes | np.ndarray, seconds: float) -> float:
        db = rms_dbfs(pcm, self.floor)
        self._db = db if db >= self._db else max(db, self._db - self.release * seconds)
        return self.level

    def reset(self) -> None:
        self._db = self.floor
