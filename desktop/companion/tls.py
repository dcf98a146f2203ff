"""This machine's LAN names, and the companion listener's certificates for them.

Browsers allow the microphone only in a secure context, which on a LAN address means HTTPS.
A phone or watch trusts this install's name-constrained CA once (companion/certs.py,
docs/companion-protocol.md "Trusting the certificate"), and the pairing screen shows the CA's
SHA-256 fingerprint so the user can check it is this desktop's. The pair is made anew (and
must be trusted again) when it expires or the machine's names or addresses change.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import socket
from dataclasses import dataclass
from pathlib import Path

import ifaddr
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from desktop.companion.certs import CompanionCerts, ensure_certs

log = logging.getLogger(__name__)

LOOPBACK_IPS = ("127.0.0.1", "::1")


@dataclass(frozen=True)
class LanNames:
    hostnames: tuple[str, ...]
    ips: tuple[str, ...]  # LAN first, loopback last

    @property
    def lan_ips(self) -> tuple[str, ...]:
        return tuple(ip for ip in self.ips if ip not in LOOPBACK_IPS)

    @property
    def all_hosts(self) -> frozenset[str]:
        return frozenset(h.lower() for h in self.hostnames) | frozenset(self.ips)


def lan_names() -> LanNames:
    """This machine's hostnames and the addresses of its interfaces (no traffic is sent)."""
    ips: list[str] = []
    try:
        adapters = ifaddr.get_adapters()
    except OSError:  # pragma: no cover - unusual platforms
        adapters = []
    for adapter in adapters:
        for ip in adapter.ips:
            address = ip.ip[0] if isinstance(ip.ip, tuple) else ip.ip
            try:
                parsed = ipaddress.ip_address(address)
            except ValueError:
                continue
            if parsed.is_loopback or parsed.is_link_local or parsed.is_multicast:
                continue
            if str(parsed) not in ips:
                ips.append(str(parsed))
    # IPv4 first: it is what people read off a screen and type.
    ips.sort(key=lambda a: ipaddress.ip_address(a).version)
    host = socket.gethostname().strip().lower()
    hostnames = ["localhost"]
    if host and host != "localhost":
        hostnames += [host, f"{host.split('.')[0]}.local"]
    return LanNames(tuple(dict.fromkeys(hostnames)), (*ips, *LOOPBACK_IPS))


def ensure_companion_cert(cert_dir: Path, names: LanNames) -> CompanionCerts:
    return ensure_certs(cert_dir, names.hostnames, names.ips)


def fingerprint(cert_file: Path) -> str:
    """SHA-256 of the certificate (DER) as colon-separated hex, as browsers show it."""
    cert = x509.load_pem_x509_certificate(cert_file.read_bytes())
    digest = hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))
