"""The playback jitter buffer for the model's PCM16 mono audio (pure; not thread-safe).

The network delivers the model's audio in bursts (often faster than real time), the sound card
pulls fixed blocks at a steady pace. The buffer:

- is adaptive: its start level (`target_ms`) begins tight (`prefill_ms`, 0 by default: the
  first chunk plays at once) and grows by `grow_ms` (up to `max_prefill_ms`) only after a
  real underrun, i.e. it ran dry in the middle of a reply; each one is counted in `underruns`
  and noted in `underrun_log` (played position, new target). After `relax_turns` replies in a
  row without one it steps back down towards the start level;
- after running dry mid-reply it waits for the target level again before it resumes, so one
  late packet does not become a stutter; `end_of_turn()` plays out a short tail without
  waiting (and running dry then is no underrun);
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
        prefill_ms: int = 0,
        grow_ms: int = 20,
        max_prefill_ms: int = 200,
        relax_turns: int = 3,
        max_ms: int = 300_000,
        fade_ms: float = 3.0,
    ) -> None:
        self.sample_rate = sample_rate
        self.min_prefill = sample_rate * prefill_ms // 1000
        self.prefill = self.min_prefill  # the adaptive start level, in samples
        self.grow = sample_rate * grow_ms // 1000
        self.max_prefill = max(self.min_prefill, sample_rate * max_prefill_ms // 1000)
        self.relax_turns = relax_turns
        self.max_samples = sample_rate * max_ms // 1000
        self.fade = max(1, int(sample_rate * fade_ms / 1000))
        self._chunks: deque[np.ndarray] = deque()
        self._head = 0  # samples of _chunks[0] already played
        self._queued = 0
        self._playing = False
        self._end = False
        self._last = 0  # last sample handed out, for the fade to silence
        self.underruns = 0
        # (samples played when it happened, the new target in ms), the newest 100.
        self.underrun_log: deque[tuple[int, float]] = deque(maxlen=100)
        self._clean_turns = 0  # replies in a row that played without an underrun
        self._turn_underruns = 0
        self._turn_pushed = 0  # samples pushed since the last end of a reply
        self.dropped_samples = 0
        self.played_samples = 0

    @property
    def queued_samples(self) -> int:
        return self._queued

    @property
    def queued_ms(self) -> float:
        return 1000.0 * self._queued / self.sample_rate

    @property
    def target_ms(self) -> float:
        """The level the buffer fills to before it starts (or resumes) playing."""
        return 1000.0 * self.prefill / self.sample_rate

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
        self._turn_pushed += samples.size
        self._end = False
        while self._queued > self.max_samples:
            self._drop(self._queued - self.max_samples)

    def end_of_turn(self) -> None:
        """No more audio is coming for now: play what is queued without waiting to prefill.
        A reply that played without an underrun counts towards relaxing the target."""
        if not self._end:
            self._settle_turn()
        self._end = True

    def _settle_turn(self) -> None:
        if self._turn_underruns:
            self._clean_turns = 0
        elif self._turn_pushed:
            self._clean_turns += 1
            if self._clean_turns >= self.relax_turns and self.prefill > self.min_prefill:
                self.prefill = max(self.min_prefill, self.prefill - self.grow)
                self._clean_turns = 0
        self._turn_underruns = 0
        self._turn_pushed = 0

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
        if not self._playing and self._queued and (self._queued >= self.prefill or self._end):
            self._playing = True
        filled = 0
        if self._playing:
            filled = self._copy_into(out)
            if filled < frames:
                if not self._end:
                    self._underrun(filled)
                self._playing = False
        self.played_samples += filled
        if filled < frames:
            self._fade_out(out, filled)
        self._last = int(out[-1]) if frames else self._last
        return out

    def _underrun(self, filled: int) -> None:
        """Ran dry in the middle of a reply: a real underrun. Start from a higher level."""
        self.underruns += 1
        self._turn_underruns += 1
        self.prefill = min(self.max_prefill, self.prefill + self.grow)
        self.underrun_log.append((self.played_samples + filled, self.target_ms))

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
