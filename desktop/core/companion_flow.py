"""Flow control per companion connection: what to drop for a slow device, when it counts as
stalled, and how many messages a device may send. Pure: `now` is passed in.

`ClientQueue` holds what is still to be sent to one device. Audio is droppable: past
`max_audio_bytes` the oldest audio goes first (late audio is worth nothing). Everything else
(transcript, state, floor, errors) is kept; a device whose kept backlog passes
`max_kept_bytes`, or whose current send has not finished for `stall_after_s`, is stalled and
should be disconnected - that is the only way a live client loses a transcript line.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

MAX_AUDIO_BYTES = 192_000  # 4 s of 24 kHz PCM16
MAX_KEPT_BYTES = 1_000_000
STALL_AFTER_S = 5.0


@dataclass(frozen=True)
class Outbound:
    data: str | bytes
    droppable: bool = False

    @property
    def size(self) -> int:
        return len(self.data)


class ClientQueue:
    def __init__(
        self,
        *,
        max_audio_bytes: int = MAX_AUDIO_BYTES,
        max_kept_bytes: int = MAX_KEPT_BYTES,
        stall_after_s: float = STALL_AFTER_S,
    ) -> None:
        self._items: deque[Outbound] = deque()
        self._max_audio = max_audio_bytes
        self._max_kept = max_kept_bytes
        self._stall_after_s = stall_after_s
        self._audio_bytes = 0
        self._kept_bytes = 0
        self._sending_since: float | None = None
        self.dropped_items = 0
        self.dropped_bytes = 0

    def __len__(self) -> int:
        return len(self._items)

    @property
    def queued_bytes(self) -> int:
        return self._audio_bytes + self._kept_bytes

    def push(self, item: Outbound) -> None:
        if item.droppable:
            if item.size > self._max_audio:
                self._count_drop(item)
                return
            while self._audio_bytes + item.size > self._max_audio:
                self._drop_oldest_audio()
            self._audio_bytes += item.size
        else:
            self._kept_bytes += item.size
        self._items.append(item)

    def drop_audio(self) -> int:
        """Forget all queued audio (the model was interrupted); returns how many chunks."""
        kept = deque(item for item in self._items if not item.droppable)
        dropped = len(self._items) - len(kept)
        self._items = kept
        self._audio_bytes = 0
        return dropped

    def pop(self, now: float) -> Outbound | None:
        """The next item to send; call `sent(now)` once the send finished."""
        if not self._items:
            return None
        item = self._items.popleft()
        if item.droppable:
            self._audio_bytes -= item.size
        else:
            self._kept_bytes -= item.size
        self._sending_since = now
        return item

    def sent(self) -> None:
        self._sending_since = None

    def stalled(self, now: float) -> bool:
        if self._kept_bytes > self._max_kept:
            return True
        return self._sending_since is not None and now - self._sending_since > self._stall_after_s

    def _drop_oldest_audio(self) -> None:
        for i, queued in enumerate(self._items):
            if queued.droppable:
                del self._items[i]
                self._audio_bytes -= queued.size
                self._count_drop(queued)
                return

    def _count_drop(self, item: Outbound) -> None:
        self.dropped_items += 1
        self.dropped_bytes += item.size


class TokenBucket:
    """`rate` messages per second on average, bursts up to `burst`; `take` says if one may pass."""

    def __init__(self, rate: float, burst: float, now: float) -> None:
        self._rate = rate
        self._burst = burst
        self._tokens = burst
        self._at = now

    def take(self, now: float, cost: float = 1.0) -> bool:
        self._tokens = min(self._burst, self._tokens + (now - self._at) * self._rate)
        self._at = now
        if self._tokens >= cost:
            self._tokens -= cost
            return True
        return False
