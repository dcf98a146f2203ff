"""Pairing companion devices and recognising them later. Pure: clock and randomness injected.

`PairingGate` issues a short-lived, single-use offer: a 6-digit code to type and a secret for
the QR code. Redeeming it (either half) once succeeds; wrong attempts count per source address
(5 lock that address out for a while) and at most 20 per offer (then the code stops working,
the QR secret still does): `pairing_guard.MissLedger`. `DeviceRegistry` hands each paired
device a token of 256 random bits and keeps only its SHA-256; a token is recognised until
the device is revoked.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from desktop.core.pairing_guard import LOCKOUT_S, MAX_MISSES, MAX_OFFER_MISSES, Attempts, MissLedger

Clock = Callable[[], float]
RandomBytes = Callable[[int], bytes]

CODE_DIGITS = 6
OFFER_TTL_S = 120.0
SECRET_BYTES = 24  # 192 bits
TOKEN_BYTES = 32  # 256 bits
DEVICE_ID_BYTES = 8
REMEMBERED_USED_SECRETS = 32


def random_digits(random_bytes: RandomBytes, digits: int = CODE_DIGITS) -> str:
    """Uniform decimal digits (rejection sampling, so no digit is more likely than another)."""
    limit = 10**digits
    span = 1 << 32
    cutoff = span - span % limit
    while True:
        value = int.from_bytes(random_bytes(4), "big")
        if value < cutoff:
            return str(value % limit).zfill(digits)


def random_token(random_bytes: RandomBytes, n: int) -> str:
    return base64.urlsafe_b64encode(random_bytes(n)).rstrip(b"=").decode("ascii")


def token_hash(token: str) -> str:
    return hashlib.sha256(_raw(token)).hexdigest()


@dataclass(frozen=True)
class PairingOffer:
    code: str
    secret: str
    issued_at: float
    expires_at: float

    def seconds_left(self, now: float) -> float:
        return max(0.0, self.expires_at - now)


class Redeem(StrEnum):
    OK = "ok"
    WRONG = "wrong"  # no offer matches (includes: no offer at all)
    EXPIRED = "expired"
    REPLAYED = "replayed"  # a secret that already paired a device
    LOCKED = "locked"


REDEEM_MESSAGES: dict[Redeem, str] = {
    Redeem.OK: "paired",
    Redeem.WRONG: "wrong or unknown pairing code",
    Redeem.EXPIRED: "the pairing code expired; show a new one on the desktop",
    Redeem.REPLAYED: "this pairing link was already used; show a new code on the desktop",
    Redeem.LOCKED: "too many wrong codes; pairing is locked for a few minutes",
}


class PairingGate:
    """At most one offer is valid at a time; a new offer voids the previous one.

    Wrong attempts are counted per source address with a ceiling per offer (`MissLedger`,
    core/pairing_guard.py); strangers never void the offer. `source` is the peer's address.
    """

    def __init__(
        self,
        clock: Clock,
        random_bytes: RandomBytes,
        *,
        ttl_s: float = OFFER_TTL_S,
        max_misses: int = MAX_MISSES,
        lockout_s: float = LOCKOUT_S,
        max_offer_misses: int = MAX_OFFER_MISSES,
    ) -> None:
        self._clock = clock
        self._random = random_bytes
        self._ttl_s = ttl_s
        self.ledger = MissLedger(
            max_misses=max_misses, lockout_s=lockout_s, max_offer_misses=max_offer_misses
        )
        self._offer: PairingOffer | None = None
        self._used_secrets: deque[str] = deque(maxlen=REMEMBERED_USED_SECRETS)

    @property
    def current(self) -> PairingOffer | None:
        """The valid offer, or None (none issued, used or expired)."""
        offer = self._offer
        if offer is None or self._clock() >= offer.expires_at:
            return None
        return offer

    @property
    def misses(self) -> int:
        """Wrong attempts against the current offer, from every source."""
        return self.ledger.offer_misses

    def locked_until(self, source: str = "") -> float | None:
        return self.ledger.locked_until(source, self._clock())

    def attempts(self) -> list[Attempts]:
        """Who guessed wrong against the current offer (for the pairing dialog)."""
        return self.ledger.attempts(self._clock())

    def offer(self) -> PairingOffer:
        now = self._clock()
        self._offer = PairingOffer(
            code=random_digits(self._random),
            secret=random_token(self._random, SECRET_BYTES),
            issued_at=now,
            expires_at=now + self._ttl_s,
        )
        self.ledger.new_offer()
        return self._offer

    def withdraw(self) -> None:
        self._offer = None

    def miss(self, source: str = "") -> Redeem:
        """A pairing attempt that could not even be read counts as a wrong one."""
        now = self._clock()
        if self.ledger.locked(source, now):
            return Redeem.LOCKED
        return Redeem.LOCKED if self.ledger.miss(source, now) else Redeem.WRONG

    def redeem(self, *, code: str = "", secret: str = "", source: str = "") -> Redeem:
        """Nothing here can raise before a miss is counted: strings are compared as bytes
        with `surrogatepass`, so even a lone surrogate is just a wrong guess."""
        now = self._clock()
        if self.ledger.locked(source, now):
            if not secret:
                return Redeem.LOCKED
            # The QR secret (192 bits) cannot be guessed, so a locked-out address may still
            # scan it: the owner sharing an address with a guesser can always pair.
            code = ""
        offer = self._offer
        code_ok = bool(
            code
            and offer is not None
            and not self.ledger.code_burnt
            and hmac.compare_digest(_raw(code), _raw(offer.code))
        )
        secret_ok = bool(
            secret and offer is not None and hmac.compare_digest(_raw(secret), _raw(offer.secret))
        )
        if offer is None or not (code_ok or secret_ok):
            locked = self.ledger.miss(source, now)
            if locked:
                return Redeem.LOCKED
            if code and not secret and self.ledger.code_burnt:
                return Redeem.LOCKED
            if secret and token_hash(secret) in self._used_secrets:
                return Redeem.REPLAYED
            return Redeem.WRONG
        if now >= offer.expires_at:
            self._offer = None
            return Redeem.EXPIRED
        self._offer = None
        self.ledger.success(source)
        self._used_secrets.append(token_hash(offer.secret))
        return Redeem.OK


def _raw(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


@dataclass(frozen=True)
class PairedDevice:
    device_id: str
    name: str
    token_hash: str
    paired_at: float
    last_seen: float

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.device_id,
            "name": self.name,
            "token_sha256": self.token_hash,
            "paired_at": self.paired_at,
            "last_seen": self.last_seen,
        }

    @staticmethod
    def from_json(raw: Any) -> PairedDevice | None:
        if not isinstance(raw, dict):
            return None
        try:
            device = PairedDevice(
                device_id=str(raw["id"]),
                name=str(raw["name"]),
                token_hash=str(raw["token_sha256"]),
                paired_at=float(raw["paired_at"]),
                last_seen=float(raw["last_seen"]),
            )
        except (KeyError, TypeError, ValueError):
            return None
        if len(device.token_hash) != 64 or not device.device_id:
            return None
        return device


class DeviceRegistry:
    """Paired devices by id; tokens are only ever compared by their hash."""

    def __init__(
        self, clock: Clock, random_bytes: RandomBytes, devices: list[PairedDevice] | None = None
    ) -> None:
        self._clock = clock
        self._random = random_bytes
        self._devices: dict[str, PairedDevice] = {d.device_id: d for d in devices or []}
        self._by_hash: dict[str, str] = {d.token_hash: d.device_id for d in self._devices.values()}
        self._listeners: list[Callable[[], None]] = []

    def on_change(self, listener: Callable[[], None]) -> None:
        """Called after a device is added, revoked or renamed (not for last-seen updates)."""
        self._listeners.append(listener)

    @property
    def devices(self) -> list[PairedDevice]:
        return sorted(self._devices.values(), key=lambda d: d.paired_at)

    def get(self, device_id: str) -> PairedDevice | None:
        return self._devices.get(device_id)

    def add(self, name: str) -> tuple[PairedDevice, str]:
        """A new device and its token (give it to the device; it is not kept here)."""
        token = random_token(self._random, TOKEN_BYTES)
        device_id = self._random(DEVICE_ID_BYTES).hex()
        while device_id in self._devices:
            device_id = self._random(DEVICE_ID_BYTES).hex()
        now = self._clock()
        device = PairedDevice(device_id, name, token_hash(token), now, now)
        self._devices[device_id] = device
        self._by_hash[device.token_hash] = device_id
        self._changed()
        return device, token

    def authenticate(self, token: str) -> PairedDevice | None:
        device_id = self._by_hash.get(token_hash(token))
        if device_id is None:
            return None
        return self.touch(device_id)

    def touch(self, device_id: str) -> PairedDevice | None:
        device = self._devices.get(device_id)
        if device is None:
            return None
        device = replace(device, last_seen=self._clock())
        self._devices[device_id] = device
        return device

    def revoke(self, device_id: str) -> bool:
        device = self._devices.pop(device_id, None)
        if device is None:
            return False
        self._by_hash.pop(device.token_hash, None)
        self._changed()
        return True

    def to_json(self) -> dict[str, Any]:
        return {"version": 1, "devices": [d.to_json() for d in self.devices]}

    @staticmethod
    def devices_from_json(raw: Any) -> list[PairedDevice]:
        """The valid entries of a stored registry; broken entries are skipped."""
        if not isinstance(raw, dict) or not isinstance(raw.get("devices"), list):
            return []
        found = (PairedDevice.from_json(item) for item in raw["devices"])
        return [d for d in found if d is not None]

    def _changed(self) -> None:
        for listener in list(self._listeners):
            listener()
