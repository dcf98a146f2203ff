"""Advertise the companion port on the LAN with mDNS/DNS-SD (`_screenmate._tcp.local.`).

A native watch or phone app browses for this service type and reads the TXT record: protocol
version, the WebSocket path, whether TLS is on and the certificate's SHA-256 fingerprint (to
pin it). Only started when the listener is on the LAN; never for a loopback listener.
"""

from __future__ import annotations

import ipaddress
import logging
import socket

from zeroconf import ServiceInfo
from zeroconf.asyncio import AsyncZeroconf

from desktop.core.companion_protocol import PROTOCOL_VERSION

log = logging.getLogger(__name__)

SERVICE_TYPE = "_screenmate._tcp.local."


def service_info(
    *, hostname: str, port: int, ips: tuple[str, ...], tls: bool, fingerprint: str
) -> ServiceInfo:
    short = hostname.split(".")[0] or "desktop"
    return ServiceInfo(
        SERVICE_TYPE,
        f"Screenmate on {short}.{SERVICE_TYPE}",
        port=port,
        addresses=[ipaddress.ip_address(ip).packed for ip in ips],
        server=f"{short}.local.",
        properties={
            "v": str(PROTOCOL_VERSION),
            "path": "/ws",
            "tls": "1" if tls else "0",
            "fp": fingerprint.replace(":", "").lower(),
        },
    )


class MdnsAdvertiser:
    def __init__(self) -> None:
        self._zc: AsyncZeroconf | None = None
        self._info: ServiceInfo | None = None

    async def start(self, *, port: int, ips: tuple[str, ...], tls: bool, fingerprint: str) -> None:
        if not ips:
            log.info("no LAN address: not advertising the companion service")
            return
        info = service_info(
            hostname=socket.gethostname(), port=port, ips=ips, tls=tls, fingerprint=fingerprint
        )
        try:
            self._zc = AsyncZeroconf(interfaces=list(ips))
            await self._zc.async_register_service(info, allow_name_change=True)
        except Exception:  # mDNS is a convenience: the URL and QR code still work without it
            log.warning("could not advertise the companion service over mDNS", exc_info=True)
            await self.stop()
            return
        self._info = info
        log.info("advertising %s on port %d", info.name, port)

    async def stop(self) -> None:
        zc, info, self._zc, self._info = self._zc, self._info, None, None
        if zc is None:
            return
        try:
            if info is not None:
                await zc.async_unregister_service(info)
            await zc.async_close()
        except Exception:
            log.warning("could not stop the mDNS advertisement cleanly", exc_info=True)
