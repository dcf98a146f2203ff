"""`CompanionService`: everything companion devices need, put together for the app and tests.

    service = CompanionService(controller.events, lambda: controller.session)
    await service.start()                   # LAN, TLS, mDNS; or host="127.0.0.1"
    offer = service.offer()                 # code + QR secret for the pairing screen
    service.pairing_url(offer)              # https://192.168.1.5:48765/#pair=<secret>
    service.floor                           # shared with the desktop's Talk controller
    await service.stop()

The service outlives session restarts: the hub reaches the current session through the
callable, and listens to the `EventFanout` that every session feeds.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from desktop.companion.access import DeviceAccess
from desktop.companion.hub import CompanionHub, ReplyAudio, SessionInputs
from desktop.companion.mdns import MdnsAdvertiser
from desktop.companion.server import CompanionServer, ServerLimits
from desktop.companion.tls import (
    LOOPBACK_IPS,
    LanNames,
    ensure_companion_cert,
    fingerprint,
    lan_names,
)
from desktop.companion.web import CERT_PATH, web_client_dir
from desktop.core.fanout import EventFanout
from desktop.core.floor import Floor
from desktop.core.pairing import PairingOffer
from desktop.private_files import private_dir
from desktop.settings import data_dir

log = logging.getLogger(__name__)

DEFAULT_PORT = 48765


class CompanionService:
    def __init__(
        self,
        events: EventFanout,
        session: Callable[[], SessionInputs | None],
        *,
        floor: Floor | None = None,
        reply_audio: ReplyAudio = ReplyAudio.ASKING,
        base_dir: Path | None = None,
        limits: ServerLimits | None = None,
        offer_ttl_s: float = 120.0,
    ) -> None:
        self._base_dir = base_dir or data_dir() / "companion"
        self.floor = floor or Floor(time.monotonic)
        self.access = DeviceAccess(self._base_dir / "devices.json", offer_ttl_s=offer_ttl_s)
        self.hub = CompanionHub(session, self.floor, clock=time.monotonic, reply_audio=reply_audio)
        self._unsubscribe = events.subscribe(self.hub)
        self._limits = limits
        self._server: CompanionServer | None = None
        self._mdns = MdnsAdvertiser()
        self._names = LanNames((), LOOPBACK_IPS)
        self._host: str | None = None
        self.cert_file: Path | None = None
        self.fingerprint = ""

    @property
    def running(self) -> bool:
        return self._server is not None

    @property
    def port(self) -> int:
        return self._server.port if self._server else 0

    @property
    def lan(self) -> bool:
        """Listening on every interface (not loopback only)."""
        return self.running and self._host is None

    async def start(
        self,
        *,
        host: str | None = None,
        port: int = DEFAULT_PORT,
        tls: bool = True,
        advertise: bool = True,
    ) -> None:
        """Listen on `host` (None: the LAN, every interface) and `port` (0: any free port).
        Idempotent while running."""
        if self._server is not None:
            return
        self._names = lan_names()
        private_dir(self._base_dir)  # keys and the devices file are this user's only
        ssl_context = None
        if tls:
            certs = ensure_companion_cert(self._base_dir / "tls", self._names)
            self.cert_file = certs.ca_file  # what devices trust (name-constrained CA)
            self.fingerprint = fingerprint(certs.ca_file)
            ssl_context = certs.server_context()
        server = CompanionServer(
            self.hub,
            self.access,
            host=host,
            port=port,
            ssl_context=ssl_context,
            static_dir=web_client_dir(),
            allowed_hosts=self._names.all_hosts,
            cert_file=self.cert_file,
            limits=self._limits,
        )
        await server.start()
        self._server, self._host = server, host
        if advertise and host is None:
            await self._mdns.start(
                port=server.port, ips=self._names.lan_ips, tls=tls, fingerprint=self.fingerprint
            )

    async def stop(self) -> None:
        server, self._server = self._server, None
        await self._mdns.stop()
        if server is not None:
            await server.stop()

    def close(self) -> None:
        """Stop listening to session events (after `stop`)."""
        self._unsubscribe()

    # -- pairing ------------------------------------------------------------------------

    def offer(self) -> PairingOffer:
        """A fresh code and QR secret (voids the previous one)."""
        return self.access.offer()

    def urls(self) -> list[str]:
        """Where devices open the web client: LAN addresses first, then this machine's names."""
        if self._server is None:
            return []
        scheme, port = self._server.scheme, self._server.port
        if self._host is not None:
            hosts = [self._host]
        else:
            hosts = [*self._names.lan_ips, *(h for h in self._names.hostnames if h != "localhost")]
            hosts = hosts or ["127.0.0.1"]
        return [f"{scheme}://{_bracket(h)}:{port}/" for h in hosts]

    def pairing_url(self, offer: PairingOffer) -> str:
        """The QR code's content. The secret is in the fragment, which browsers never send."""
        urls = self.urls()
        return f"{urls[0]}#pair={offer.secret}" if urls else ""

    def certificate_url(self) -> str:
        urls = self.urls()
        return urls[0].rstrip("/") + CERT_PATH if urls and self.cert_file else ""


def _bracket(host: str) -> str:
    return f"[{host}]" if ":" in host else host
