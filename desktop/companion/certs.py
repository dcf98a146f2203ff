"""The companion port's certificates: a name-constrained CA that phones trust, and a leaf.

A phone's browser gives a LAN page the microphone only over HTTPS it trusts, so the user
installs a CA certificate once. An ordinary CA could then vouch for any website on that phone
(issue 14). This one cannot:

- **Name constraints** (critical): the CA may only certify this machine's hostnames and
  addresses (`permittedSubtrees`: each DNS name, each IP as a /32 or /128).
- **`pathLenConstraint` 0**, and its private key is **never stored**: it signs the leaf once,
  in memory, and is gone. Nobody, not even someone who copies the data folder, can mint
  another certificate under it.
- The **leaf** (CA:FALSE, serverAuth, the same names) is what the server presents, with the
  CA behind it in `companion-cert.pem`; its key `companion-key.pem` is created 0600.

When the machine's names change or the pair nears its end, both are made anew (the phone must
trust the new CA; the pairing dialog shows its fingerprint). An install from before this change
(a self-signed certificate without name constraints) is replaced at the next start.
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
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from desktop.private_files import private_dir, private_file, write_private

log = logging.getLogger(__name__)

CA_NAME = "companion-ca.pem"
CERT_NAME = "companion-cert.pem"  # the leaf, then the CA
KEY_NAME = "companion-key.pem"  # the leaf's key
VALIDITY = dt.timedelta(days=825)
RENEW_BEFORE = dt.timedelta(days=7)


@dataclass(frozen=True)
class CompanionCerts:
    ca_file: Path  # what a phone installs, and what the pairing dialog fingerprints
    cert_file: Path  # leaf + CA
    key_file: Path

    def server_context(self) -> ssl.SSLContext:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        ctx.load_cert_chain(self.cert_file, self.key_file)
        return ctx


def ensure_certs(
    cert_dir: Path, hostnames: tuple[str, ...], ips: tuple[str, ...], now: dt.datetime | None = None
) -> CompanionCerts:
    private_dir(cert_dir)
    certs = CompanionCerts(cert_dir / CA_NAME, cert_dir / CERT_NAME, cert_dir / KEY_NAME)
    private_file(certs.key_file)
    now = now or dt.datetime.now(dt.UTC)
    problem = _problem(certs, hostnames, ips, now)
    if problem is None:
        return certs
    log.info("making the companion certificates in %s (%s)", cert_dir, problem)
    ca_pem, chain_pem, key_pem = generate(hostnames, ips, now)
    write_private(certs.key_file, key_pem)
    write_private(certs.cert_file, chain_pem)
    write_private(certs.ca_file, ca_pem)
    return certs


def _constraints(hostnames: tuple[str, ...], ips: tuple[str, ...]) -> x509.NameConstraints:
    return x509.NameConstraints(
        permitted_subtrees=[x509.DNSName(h) for h in hostnames]
        + [x509.IPAddress(ipaddress.ip_network(ip)) for ip in ips],
        excluded_subtrees=None,
    )


def _san(hostnames: tuple[str, ...], ips: tuple[str, ...]) -> x509.SubjectAlternativeName:
    return x509.SubjectAlternativeName(
        [x509.DNSName(h) for h in hostnames]
        + [x509.IPAddress(ipaddress.ip_address(ip)) for ip in ips]
    )


def _key_usage(*, cert_sign: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )


def generate(
    hostnames: tuple[str, ...], ips: tuple[str, ...], now: dt.datetime
) -> tuple[bytes, bytes, bytes]:
    """(CA PEM, leaf + CA PEM, leaf key PEM); the CA's key is dropped on return."""
    ca_key = ec.generate_private_key(ec.SECP256R1())
    host = next((h for h in hostnames if h != "localhost"), "localhost")
    ca_name = x509.Name(
        [x509.NameAttribute(NameOID.COMMON_NAME, f"Screenmate companion CA ({host})")]
    )
    start, end = now - dt.timedelta(minutes=5), now + VALIDITY
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(cert_sign=True), critical=True)
        .add_extension(_constraints(hostnames, ips), critical=True)
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    leaf_key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Screenmate companion")]))
        .issuer_name(ca_name)
        .public_key(leaf_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(cert_sign=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(_san(hostnames, ips), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    ca_pem = ca.public_bytes(pem)
    key_pem = leaf_key.private_bytes(
        pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return ca_pem, leaf.public_bytes(pem) + ca_pem, key_pem


def _problem(
    certs: CompanionCerts, hostnames: tuple[str, ...], ips: tuple[str, ...], now: dt.datetime
) -> str | None:
    """Why the stored pair must be made anew, or None when it serves as it is."""
    try:
        ca = x509.load_pem_x509_certificate(certs.ca_file.read_bytes())
        chain = x509.load_pem_x509_certificates(certs.cert_file.read_bytes())
        key = serialization.load_pem_private_key(certs.key_file.read_bytes(), password=None)
    except FileNotFoundError:
        return "none yet, or an unconstrained one from an older version"
    except (OSError, ValueError, TypeError) as exc:
        return f"unreadable: {exc}"
    leaf = chain[0]
    try:
        constraints = ca.extensions.get_extension_for_class(x509.NameConstraints)
        basic = leaf.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        return "the CA has no name constraints"
    wanted = _constraints(hostnames, ips)
    found = constraints.value
    if not constraints.critical or set(found.permitted_subtrees or ()) != set(
        wanted.permitted_subtrees or ()
    ):
        return "the machine's names or addresses changed"
    if basic.ca or leaf.issuer != ca.subject:
        return "the leaf is not this CA's"
    if len(chain) < 2 or chain[1] != ca:
        return "the chain does not end in this CA"
    for cert in (ca, leaf):
        if cert.not_valid_after_utc - RENEW_BEFORE < now or cert.not_valid_before_utc > now:
            return "expired or about to"
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    der = serialization.Encoding.DER
    if key.public_key().public_bytes(der, spki) != leaf.public_key().public_bytes(der, spki):
        return "the key does not match"
    try:
        leaf.verify_directly_issued_by(ca)
    except Exception as exc:  # cryptography's InvalidSignature among others
        return f"the leaf's signature does not verify: {exc!r}"
    return None
