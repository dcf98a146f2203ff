"""Who may open a connection to the companion port, counted from the TCP accept on. Pure.

Every accepted connection gets a `Ticket` and passes through three stages:

    handshake (TLS) -> preauth (HTTP request, WebSocket before hello/pair) -> device

and is counted in exactly one of them until it closes. Limits (docs/companion-protocol.md,
"Limits"):

- handshakes: at most `max_handshakes_per_source` per address and `max_handshakes` in all;
- preauth (handshakes included): at most `max_preauth_per_source` per address and
  `max_preauth` in all;
- devices (authenticated): at most `max_devices`. They never count against the preauth
  limits, so strangers cannot take a paired device's place: the reserved slots.
- descriptors: a connection is refused while the process has fewer than `fd_reserve` file
  descriptors left, or when all stages together would pass `fd_budget`.

A source is an IPv4 address or an IPv6 /64 (`source_key`). Refusals are summarised by
`RefusalLog` so a flood gives a few log lines, not one per socket.
"""

from __future__ import annotations

import ipaddress
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

IPV6_PREFIX = 64  # one host on a LAN can use any address of its /64


def source_key(address: str) -> str:
    """What counts as one source: an IPv4 address, or an IPv6 /64 (a device picks new
    addresses within its /64 at will, so per-address limits would not hold otherwise)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        if not ip.is_loopback:
            return str(ipaddress.ip_network(f"{ip}/{IPV6_PREFIX}", strict=False))
    return str(ip)


class Stage(StrEnum):
    HANDSHAKE = "handshake"
    PREAUTH = "preauth"
    DEVICE = "device"
    CLOSED = "closed"


class Refusal(StrEnum):
    DESCRIPTORS = "file descriptors run short"
    HANDSHAKES = "too many TLS handshakes in progress"
    SOURCE_HANDSHAKES = "too many TLS handshakes from one address"
    PREAUTH = "too many connections that have not authenticated"
    SOURCE_PREAUTH = "too many unauthenticated connections from one address"
    DEVICES = "too many connected devices"


@dataclass(frozen=True)
class AdmissionLimits:
    max_handshakes: int = 32
    max_handshakes_per_source: int = 8
    max_preauth: int = 48
    max_preauth_per_source: int = 16  # a browser loads the page over up to 6 connections
    max_devices: int = 64
    fd_reserve: int = 48  # descriptors always left to the rest of the app
    fd_budget: int = 1 << 30  # all stages together (the server sets it from RLIMIT_NOFILE)


@dataclass(eq=False)
class Ticket:
    source: str
    stage: Stage = Stage.HANDSHAKE


@dataclass
class Admission:
    limits: AdmissionLimits = field(default_factory=AdmissionLimits)
    handshakes: Counter[str] = field(default_factory=Counter)
    preauth: Counter[str] = field(default_factory=Counter)
    devices: int = 0

    @property
    def total(self) -> int:
        return self.preauth.total() + self.devices

    def admit(self, source: str, fds_left: int | None = None) -> Ticket | Refusal:
        """A newly accepted connection from `source`; `fds_left` if the OS tells."""
        limits = self.limits
        if (fds_left is not None and fds_left < limits.fd_reserve) or (
            self.total >= limits.fd_budget
        ):
            return Refusal.DESCRIPTORS
        if self.handshakes.total() >= limits.max_handshakes:
            return Refusal.HANDSHAKES
        if self.handshakes[source] >= limits.max_handshakes_per_source:
            return Refusal.SOURCE_HANDSHAKES
        if self.preauth.total() >= limits.max_preauth:
            return Refusal.PREAUTH
        if self.preauth[source] >= limits.max_preauth_per_source:
            return Refusal.SOURCE_PREAUTH
        self.handshakes[source] += 1
        self.preauth[source] += 1
        return Ticket(source)

    def handshake_done(self, ticket: Ticket) -> None:
        if ticket.stage is Stage.HANDSHAKE:
            self._drop(self.handshakes, ticket.source)
            ticket.stage = Stage.PREAUTH

    def authenticated(self, ticket: Ticket) -> Refusal | None:
        """The connection is a paired device now (None), unless every device slot is taken."""
        self.handshake_done(ticket)
        if ticket.stage is not Stage.PREAUTH:
            return None
        if self.devices >= self.limits.max_devices:
            return Refusal.DEVICES
        self._drop(self.preauth, ticket.source)
        self.devices += 1
        ticket.stage = Stage.DEVICE
        return None

    def closed(self, ticket: Ticket) -> None:
        """Safe to call more than once: only the first call counts."""
        if ticket.stage is Stage.HANDSHAKE:
            self._drop(self.handshakes, ticket.source)
        if ticket.stage in (Stage.HANDSHAKE, Stage.PREAUTH):
            self._drop(self.preauth, ticket.source)
        elif ticket.stage is Stage.DEVICE:
            self.devices -= 1
        ticket.stage = Stage.CLOSED

    @staticmethod
    def _drop(counter: Counter[str], source: str) -> None:
        counter[source] -= 1
        if counter[source] <= 0:
            del counter[source]


class RefusalLog:
    """Say the first refusal of a flood at once, then at most one summary per `every_s`.
    Reasons are `Refusal`s or any short text (e.g. a protocol error code)."""

    def __init__(self, what: str = "refused companion connections", every_s: float = 30.0) -> None:
        self._what = what
        self._every_s = every_s
        self._last_said = float("-inf")
        self._unsaid: Counter[str] = Counter()
        self.refused: Counter[str] = Counter()

    def refused_now(self, reason: str, now: float) -> str | None:
        """Count a refusal; a line to log, or None to stay quiet."""
        self.refused[reason] += 1
        self._unsaid[reason] += 1
        if now - self._last_said < self._every_s:
            return None
        self._last_said = now
        said = ", ".join(f"{n} x {r}" for r, n in self._unsaid.most_common())
        self._unsaid.clear()
        return f"{self._what}: {said}"
