"""Wrong pairing attempts: counted per source address, with a ceiling per offer. Pure.

Two rules keep the 6-digit code from being guessed without letting a stranger keep pairing
locked for the owner:

- **Per source.** `max_misses` (5) wrong attempts from one address within `window_s` lock that
  address out for `lockout_s` (5 min). Other addresses are not affected.
- **Per offer (the global ceiling).** `max_offer_misses` (20) wrong attempts from all addresses
  together burn the offer's *code*: it stops working for everyone. Its 192-bit QR secret keeps
  working, and the owner's next offer starts with a fresh count, so strangers can never void
  the offer or block the owner. At most 20 guesses per offer bound the chance of guessing a
  code to 20 in a million per offer.

A miss is counted before anything else happens with the attempt (see `PairingGate.redeem`).
At most `max_sources` addresses are remembered (the oldest entry is forgotten first).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

MAX_MISSES = 5
MISS_WINDOW_S = 300.0
LOCKOUT_S = 300.0
MAX_OFFER_MISSES = 20
MAX_SOURCES = 1024


@dataclass
class _Source:
    misses: int = 0
    first_miss_at: float = 0.0
    locked_until: float = 0.0
    offer_misses: int = 0  # against the current offer (shown on the desktop)


@dataclass(frozen=True)
class Attempts:
    """Wrong attempts against the current offer from one address."""

    source: str
    misses: int
    locked: bool


class MissLedger:
    def __init__(
        self,
        *,
        max_misses: int = MAX_MISSES,
        window_s: float = MISS_WINDOW_S,
        lockout_s: float = LOCKOUT_S,
        max_offer_misses: int = MAX_OFFER_MISSES,
        max_sources: int = MAX_SOURCES,
    ) -> None:
        self.max_misses = max_misses
        self.window_s = window_s
        self.lockout_s = lockout_s
        self.max_offer_misses = max_offer_misses
        self.max_sources = max_sources
        self._sources: OrderedDict[str, _Source] = OrderedDict()
        self.offer_misses = 0

    def new_offer(self) -> None:
        """The owner showed a new offer: the ceiling starts again (source locks stay)."""
        self.offer_misses = 0
        for entry in self._sources.values():
            entry.offer_misses = 0

    def locked(self, source: str, now: float) -> bool:
        entry = self._sources.get(source)
        return entry is not None and now < entry.locked_until

    def locked_until(self, source: str, now: float) -> float | None:
        entry = self._sources.get(source)
        if entry is None or now >= entry.locked_until:
            return None
        return entry.locked_until

    @property
    def code_burnt(self) -> bool:
        """The current offer's code took too many wrong guesses (its QR secret still works)."""
        return self.offer_misses >= self.max_offer_misses

    def miss(self, source: str, now: float) -> bool:
        """Count a wrong attempt; True when this source is now locked out."""
        self.offer_misses += 1
        entry = self._sources.pop(source, None) or _Source()
        self._sources[source] = entry  # most recent last
        while len(self._sources) > self.max_sources:
            self._sources.popitem(last=False)
        entry.offer_misses += 1
        if now - entry.first_miss_at > self.window_s:
            entry.misses, entry.first_miss_at = 0, now
        entry.misses += 1
        if entry.misses >= self.max_misses:
            entry.locked_until = now + self.lockout_s
            entry.misses = 0
        return now < entry.locked_until

    def success(self, source: str) -> None:
        entry = self._sources.get(source)
        if entry is not None:
            entry.misses = 0

    def attempts(self, now: float) -> list[Attempts]:
        """Addresses with wrong attempts against the current offer, most first."""
        found = [
            Attempts(source, entry.offer_misses, now < entry.locked_until)
            for source, entry in self._sources.items()
            if entry.offer_misses
        ]
        return sorted(found, key=lambda a: -a.misses)
