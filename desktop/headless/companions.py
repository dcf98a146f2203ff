"""Companions in `screenmate --headless --companion-port P`: JSON lines a script can pair with.

Prints `companion_listening` (URLs, certificate, fingerprint), then a `pairing_code` event for
every offer: at start, after each successful pairing and whenever the shown one expired.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from typing import Any

from desktop.companion.hub import ReplyAudio, SessionInputs
from desktop.companion.service import CompanionService
from desktop.core.fanout import EventFanout
from desktop.core.pairing import PairedDevice, PairingOffer
from desktop.settings import Settings

Printer = Callable[[dict[str, Any]], None]


class HeadlessCompanions:
    def __init__(self, service: CompanionService, print_json: Printer) -> None:
        self.service = service
        self._print = print_json
        self._reoffer: asyncio.Task[None] | None = None

    @classmethod
    async def start(
        cls,
        events: EventFanout,
        session: Callable[[], SessionInputs | None],
        settings: Settings,
        print_json: Printer,
        *,
        host: str | None,
        port: int,
    ) -> HeadlessCompanions:
        try:
            reply = ReplyAudio(settings.companion_reply_audio)
        except ValueError:
            reply = ReplyAudio.ASKING
        service = CompanionService(events, session, reply_audio=reply)
        await service.start(host=host, port=port)
        self = cls(service, print_json)
        print_json(
            {
                "event": "companion_listening",
                "port": service.port,
                "urls": service.urls(),
                "ca_file": str(service.cert_file) if service.cert_file else None,
                "fingerprint": service.fingerprint,
            }
        )
        service.access.on_paired.append(self._paired)
        self._offer()
        return self

    def _offer(self) -> None:
        offer = self.service.offer()
        self._print(_offer_json(offer, self.service.pairing_url(offer)))
        if self._reoffer is not None:
            self._reoffer.cancel()
        self._reoffer = asyncio.ensure_future(self._offer_again_after(offer))

    async def _offer_again_after(self, offer: PairingOffer) -> None:
        await asyncio.sleep(offer.seconds_left(time.time()) + 0.05)
        self._reoffer = None
        self._offer()

    def _paired(self, device: PairedDevice) -> None:
        self._print(
            {"event": "companion_paired", "device": {"id": device.device_id, "name": device.name}}
        )
        asyncio.get_running_loop().call_soon(self._offer)

    async def stop(self) -> None:
        if self._reoffer is not None:
            self._reoffer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reoffer
        await self.service.stop()
        self.service.close()


def _offer_json(offer: PairingOffer, url: str) -> dict[str, Any]:
    return {
        "event": "pairing_code",
        "code": offer.code,
        "secret": offer.secret,
        "url": url,
        "expires_at": round(offer.expires_at, 3),
        "expires_in_s": round(offer.expires_at - offer.issued_at, 1),
    }
