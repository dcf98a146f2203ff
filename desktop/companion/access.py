"""Who may connect: the pairing offer on screen and the paired devices, saved on change."""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable
from pathlib import Path

from desktop.companion.store import DeviceStore
from desktop.core.companion_admission import RefusalLog
from desktop.core.pairing import (
    Attempts,
    DeviceRegistry,
    PairedDevice,
    PairingGate,
    PairingOffer,
    RandomBytes,
    Redeem,
)

log = logging.getLogger(__name__)


class DeviceAccess:
    """Pairing (`offer`, `pair`), authentication (`hello`) and the device list (`revoke`).

    `on_offer` listeners hear about each new offer (the headless mode prints it); `on_paired`
    about each newly paired device; `on_revoked` about each revocation (the hub disconnects
    that device); `on_attempt` about each wrong pairing attempt (the dialog shows them).
    """

    def __init__(
        self,
        store_path: Path,
        *,
        clock: Callable[[], float] = time.time,
        random_bytes: RandomBytes = secrets.token_bytes,
        offer_ttl_s: float = 120.0,
    ) -> None:
        self._store = DeviceStore(store_path)
        self.gate = PairingGate(clock, random_bytes, ttl_s=offer_ttl_s)
        self.registry = DeviceRegistry(clock, random_bytes, self._store.load())
        self.registry.on_change(self.save)
        self.on_offer: list[Callable[[PairingOffer], None]] = []
        self.on_paired: list[Callable[[PairedDevice], None]] = []
        self.on_revoked: list[Callable[[str], None]] = []
        self.on_attempt: list[Callable[[], None]] = []  # a wrong pairing attempt
        self._refusals = RefusalLog("refused pairings and tokens")

    @property
    def devices(self) -> list[PairedDevice]:
        return self.registry.devices

    def save(self) -> None:
        try:
            self._store.save(self.registry)
        except OSError:
            log.exception("cannot save the paired devices to %s", self._store.path)

    def current_offer(self) -> PairingOffer | None:
        return self.gate.current

    def offer(self) -> PairingOffer:
        offer = self.gate.offer()
        for listener in list(self.on_offer):
            listener(offer)
        return offer

    def pair(
        self, name: str, *, code: str = "", secret: str = "", source: str = ""
    ) -> tuple[PairedDevice, str] | Redeem:
        result = self.gate.redeem(code=code, secret=secret, source=source)
        if result is not Redeem.OK:
            self._note(f"pairing {result.value} from {source or '?'}")
            self._attempted()
            return result
        device, token = self.registry.add(name)
        log.info("paired %s (%s)", device.name, device.device_id)
        for listener in list(self.on_paired):
            listener(device)
        return device, token

    def miss(self, source: str) -> Redeem:
        """A pairing message that could not be read: a wrong attempt all the same."""
        result = self.gate.miss(source)
        self._note(f"pairing {result.value} (malformed) from {source or '?'}")
        self._attempted()
        return result

    def attempts(self) -> list[Attempts]:
        return self.gate.attempts()

    def _note(self, what: str) -> None:
        """Refusals are logged once, then summarised at most every 30 s (floods)."""
        line = self._refusals.refused_now(what, time.monotonic())
        if line is not None:
            log.warning("%s", line)

    def _attempted(self) -> None:
        for listener in list(self.on_attempt):
            listener()

    def hello(self, token: str) -> PairedDevice | None:
        device = self.registry.authenticate(token)
        if device is None:
            self._note("unknown or revoked token")
        return device

    def seen(self, device_id: str) -> None:
        """Record a last-seen time (on disconnect) and save it."""
        if self.registry.touch(device_id) is not None:
            self.save()

    def revoke(self, device_id: str) -> bool:
        if not self.registry.revoke(device_id):
            return False
        log.info("revoked device %s", device_id)
        for listener in list(self.on_revoked):
            listener(device_id)
        return True
