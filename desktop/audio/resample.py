"""Streaming PCM16 mono resampling with python-soxr (a maintained libsoxr binding)."""

from __future__ import annotations

import numpy as np
import soxr


class Resampler:
    """Converts a stream of int16 blocks from `in_rate` to `out_rate`, keeping filter state
    across blocks (so block edges do not click). A pass-through when the rates are equal."""

    def __init__(self, in_rate: int, out_rate: int, quality: str = "HQ") -> None:
        self.in_rate = in_rate
        self.out_rate = out_rate
        self._stream = (
            None
            if in_rate == out_rate
            else soxr.ResampleStream(in_rate, out_rate, 1, dtype="int16", quality=quality)
        )

    @property
    def passthrough(self) -> bool:
        return self._stream is None

    def process(self, samples: np.ndarray, last: bool = False) -> np.ndarray:
        if self._stream is None:
            return samples
        out: np.ndarray = self._stream.resample_chunk(samples.astype(np.int16), last=last)
        return out.reshape(-1).astype(np.int16, copy=False)

    def reset(self) -> None:
        if self._stream is not None:
            self._stream.clear()
