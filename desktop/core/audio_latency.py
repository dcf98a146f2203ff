"""How much audio the output device may hold: small by default, larger only when needed (pure).

A device buffer of 20 ms keeps the model's voice prompt and a barge-in short, but a callback
that comes late (CPU steal, a loaded machine) then plays a gap: the jitter buffer cannot help,
its audio never reached the device. `DeviceLatency` counts late callbacks while the model
speaks; more than `tolerate` of them within `window_s` ask for the next step of the ladder
(20 → 40 → 80 ms). The speaker applies a step between replies (reopening mid-reply would be a
gap itself). A step down is never taken by itself: a machine that was loaded once tends to be
loaded again, and 80 ms is still a short wait.
"""

from __future__ import annotations

from collections import deque

LADDER_S = (0.02, 0.04, 0.08)


class DeviceLatency:
    def __init__(
        self,
        ladder: tuple[float, ...] = LADDER_S,
        *,
        tolerate: int = 2,
        window_s: float = 10.0,
    ) -> None:
        self.ladder = ladder
        self.tolerate = tolerate
        self.window_s = window_s
        self.level = 0  # the step in use
        self.wanted = 0  # the step asked for (applied between replies)
        self._late: deque[float] = deque()
        self.late_callbacks = 0
        self.steps_taken = 0

    @property
    def current_s(self) -> float:
        return self.ladder[self.level]

    @property
    def wanted_s(self) -> float:
        return self.ladder[self.wanted]

    @property
    def pending(self) -> bool:
        """A larger latency was asked for and not applied yet."""
        return self.wanted != self.level

    def late(self, now: float) -> None:
        """A callback came too late while model audio played (the device played a gap)."""
        self.late_callbacks += 1
        self._late.append(now)
        while self._late and now - self._late[0] > self.window_s:
            self._late.popleft()
        if len(self._late) > self.tolerate and self.wanted < len(self.ladder) - 1:
            self.wanted = max(self.wanted, self.level) + 1
            self._late.clear()

    def applied(self) -> None:
        """The device now runs at `wanted_s`."""
        if self.wanted != self.level:
            self.level = self.wanted
            self.steps_taken += 1
