"""Who may speak into the live session right now: the desktop mic or one companion device.

One holder at a time. A push-to-talk press asks `acquire(who)`; a refusal means "busy" (show
who holds it); release on let-go. A holder that never lets go (a device that vanished) loses
the floor after `max_hold_s`, checked whenever the floor is asked about. Pure: the clock is
injected and listeners are plain callables.

    floor = Floor(time.monotonic)
    if floor.acquire(DESKTOP):      # Talk button pressed
        ...stream the mic...
    floor.release(DESKTOP)          # Talk button released
"""

from __future__ import annotations

from collections.abc import Callable

DESKTOP = "desktop"
MAX_HOLD_S = 120.0

FloorListener = Callable[[str | None], None]


def companion_holder(device_id: str) -> str:
    """The holder name of a companion device (never equal to DESKTOP)."""
    return f"device:{device_id}"


class Floor:
    def __init__(self, clock: Callable[[], float], *, max_hold_s: float = MAX_HOLD_S) -> None:
        self._clock = clock
        self._max_hold_s = max_hold_s
        self._holder: str | None = None
        self._since = 0.0
        self._listeners: list[FloorListener] = []

    @property
    def holder(self) -> str | None:
        self.expire()
        return self._holder

    def is_free_for(self, who: str) -> bool:
        holder = self.holder
        return holder is None or holder == who

    def acquire(self, who: str) -> bool:
        """True when `who` now holds the floor (also when it already did: that renews it)."""
        holder = self.holder
        if holder is not None and holder != who:
            return False
        self._since = self._clock()
        if holder is None:
            self._set(who)
        return True

    def release(self, who: str) -> bool:
        """Let go; False (and no change) when `who` did not hold the floor."""
        if self._holder != who:
            return False
        self._set(None)
        return True

    def expire(self) -> str | None:
        """Take the floor from a holder that kept it past `max_hold_s`; returns who lost it."""
        if self._holder is not None and self._clock() - self._since > self._max_hold_s:
            lost = self._holder
            self._set(None)
            return lost
        return None

    def subscribe(self, listener: FloorListener) -> Callable[[], None]:
        """`listener(new_holder)` after every change; returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _set(self, holder: str | None) -> None:
        self._holder = holder
        for listener in list(self._listeners):
            listener(holder)
