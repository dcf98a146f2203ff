"""A small playback jitter buffer for the model's PCM16 mono audio (pure; not thread-safe).

The network delivers the model's audio in bursts (often faster than real time), the sound card
pulls fixed blocks at a steady pace. The buffer:

- waits for `prefill_ms` before it starts (or restarts after running dry) so a late packet
  does not cause a gap at once; `end_of_turn()` plays out a short tail without waiting;
- never repeats or invents audio: when it runs dry it plays silence, reached through a short
  fade from the last sample played, so neither an underrun nor a barge-in clicks;
- `clear()` drops everything queued (barge-in): the next block pulled is silent;
- holds at most `max_ms` (memory bound): beyond it the oldest audio is dropped.
"""

from __future__ import annotations

from collections import deque

import numpy as np


class JitterBuffer:
    def __init__(
        self,
        sample_rate: int,
        *,
        prefill_ms: int = 60,
        max_ms: int = 300_000,
        fade_ms: float = 3.0,
    ) -> None:
        self.sample_rate = sample_rate
        self.prefill = sample_rate * prefill_ms // 1000
        self.max_samples = sample_rate * max_ms // 1000
        self.fade = max(1, int(sample_rate * fade_ms / 1000))
        self._chunks: deque[np.ndarray] = deque()
        self._head = 0  # samples of _chunks[0] already played
        self._queued = 0
        self._playing = False
        self._end = False
        self._last = 0  # last sample handed out, for the fade to silence
        self.underruns = 0
        self.dropped_samples = 0
        self.played_samples = 0

    @property
    def queued_samples(self) -> int:
        return self._queued

    @property
    def queued_ms(self) -> float:
        return 1000.0 * self._queued / self.sample_rate

    @property
    def playing(self) -> bool:
        """Audio is being handed out (or waiting for more in the middle of a reply)."""
        return self._playing and self._queued > 0

    def push(self, pcm: bytes | np.ndarray) -> None:
        samples = (
            np.frombuffer(pcm, dtype="<i2") if isinstance(pcm, bytes) else pcm.astype(np.int16)
        )
        if samples.size == 0:
            return
        self._chunks.append(samples)
        self._queued += samples.size
        self._end = False
        while self._queued > self.max_samples:
            self._drop(self._queued - self.max_samples)

    def end_of_turn(self) -> None:
        """No more audio is coming for now: play what is queued without waiting to prefill."""
        self._end = True

    def clear(self) -> int:
        """Drop everything queued (barge-in). Returns the samples dropped."""
        dropped = self._queued
        self._chunks.clear()
        self._head = 0
        self._queued = 0
        self._playing = False
        self._end = False
        self.dropped_samples += dropped
        return dropped

    def pull(self, frames: int) -> np.ndarray:
        """Exactly `frames` int16 samples: queued audio, then silence (faded in from the last)."""
        out = np.zeros(frames, dtype=np.int16)
        if not self._playing and (self._queued >= self.prefill or (self._end and self._queued)):
            self._playing = True
        filled = 0
        if self._playing:
            filled = self._copy_into(out)
            if filled < frames:
                if not self._end:
                    self.underruns += 1
                self._playing = False
        self.played_samples += filled
        if filled < frames:
            self._fade_out(out, filled)
        self._last = int(out[-1]) if frames else self._last
        return out

    def _copy_into(self, out: np.ndarray) -> int:
        filled = 0
        while filled < out.size and self._chunks:
            chunk = self._chunks[0]
            take = min(out.size - filled, chunk.size - self._head)
            out[filled : filled + take] = chunk[self._head : self._head + take]
            filled += take
            self._head += take
            self._queued -= take
            if self._head >= chunk.size:
                self._chunks.popleft()
                self._head = 0
        return filled

    def _fade_out(self, out: np.ndarray, start: int) -> None:
        last = int(out[start - 1]) if start > 0 else self._last
        if last == 0:
            return
        n = min(self.fade, out.size - start)
        ramp = np.linspace(1.0, 0.0, self.fade + 1, dtype=np.float64)[1 : n + 1]
        out[start : start + n] = np.round(last * ramp).astype(np.int16)

    def _drop(self, samples: int) -> None:
        while samples > 0 and self._chunks:
            chunk = self._chunks[0]
            take = min(samples, chunk.size - self._head)
            self._head += take
            self._queued -= take
            samples -= take
            self.dropped_samples += take
            if self._head >= chunk.size:
                self._chunks.popleft()
                self._head = 0


def drain_budget_s(
    queued_samples: int, sample_rate: int, device_latency_s: float, margin_s: float
) -> float:
    """How long a speaker may take to play out what is queued before the app gives up on it:
    the queued audio's length, the device's own buffer, and a small margin (callbacks late
    under CPU steal)."""
    return queued_samples / sample_rate + max(0.0, device_latency_s) + max(0.0, margin_s)
