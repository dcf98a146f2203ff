"""Self-signed TLS certificate for the emulator (127.0.0.1, ::1, localhost).

The certificate is generated once into a directory and reused; it is regenerated when it is
missing, unreadable, about to expire or does not cover the names we serve. The file given to
clients as their CA is the certificate itself.

`CertSpec` says which names a certificate covers; the default is the emulator's loopback one.
The companion listener reuses this with the machine's LAN names (`desktop.companion.tls`).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import logging
import ssl
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

log = logging.getLogger(__name__)

CERT_NAME = "emulator-cert.pem"
KEY_NAME = "emulator-key.pem"
VALIDITY = dt.timedelta(days=825)
RENEW_BEFORE = dt.timedelta(days=7)
DNS_NAMES = ("localhost",)
IP_ADDRESSES = ("127.0.0.1", "::1")


@dataclass(frozen=True)
class CertSpec:
    """What a certificate is for: its common name, the names it covers and its file names."""

    common_name: str = "Screenmate Live emulator"
    dns_names: tuple[str, ...] = DNS_NAMES
    ip_addresses: tuple[str, ...] = IP_ADDRESSES
    cert_name: str = CERT_NAME
    key_name: str = KEY_NAME


EMULATOR_SPEC = CertSpec()


@dataclass(frozen=True)
class CertPair:
    cert_file: Path
    key_file: Path

    def server_context(self) -> ssl.SSLContext:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(self.cert_file, self.key_file)
        return ctx


def ensure_cert(
    cert_dir: Path, now: dt.datetime | None = None, spec: CertSpec = EMULATOR_SPEC
) -> CertPair:
    """Return a valid certificate pair in `cert_dir`, creating it if needed."""
    cert_dir.mkdir(parents=True, exist_ok=True)
    pair = CertPair(cert_dir / spec.cert_name, cert_dir / spec.key_name)
    now = now or dt.datetime.now(dt.UTC)
    if _usable(pair, now, spec):
        return pair
    log.info("generating a self-signed certificate in %s", cert_dir)
    cert_pem, key_pem = generate_cert(now, spec)
    pair.key_file.write_bytes(key_pem)
    pair.key_file.chmod(0o600)
    pair.cert_file.write_bytes(cert_pem)
    return pair


def generate_cert(now: dt.datetime, spec: CertSpec = EMULATOR_SPEC) -> tuple[bytes, bytes]:
    """A fresh self-signed (certificate PEM, private key PEM) for the names in `spec`."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, spec.common_name)])
    san = x509.SubjectAlternativeName(
        [x509.DNSName(n) for n in spec.dns_names]
        + [x509.IPAddress(ipaddress.ip_address(a)) for a in spec.ip_addresses]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + VALIDITY)
        .add_extension(san, critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return cert.public_bytes(serialization.Encoding.PEM), key_pem


def _usable(pair: CertPair, now: dt.datetime, spec: CertSpec) -> bool:
    try:
        cert = x509.load_pem_x509_certificate(pair.cert_file.read_bytes())
        key = serialization.load_pem_private_key(pair.key_file.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        if pair.cert_file.exists() or pair.key_file.exists():
            log.warning("certificate in %s is unusable (%s); regenerating", pair.cert_file, exc)
        return False
    if cert.not_valid_after_utc - RENEW_BEFORE < now or cert.not_valid_before_utc > now:
        log.info("certificate %s expired or not yet valid; regenerating", pair.cert_file)
        return False
    if key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    ) != cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    ):
        return False
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return False
    ips = {str(ip) for ip in san.get_values_for_type(x509.IPAddress)}
    dns = set(san.get_values_for_type(x509.DNSName))
    wanted_ips = {str(ipaddress.ip_address(a)) for a in spec.ip_addresses}
    return wanted_ips <= ips and set(spec.dns_names) <= dns
