"""The LAN certificate, the mDNS record and the devices file, without any network."""

from __future__ import annotations

import contextlib
import datetime as dt
import ipaddress
import json
import random
import ssl
import tempfile
from pathlib import Path

import pytest
from cryptography import x509
from desktop.companion.mdns import SERVICE_TYPE, service_info
from desktop.companion.store import DeviceStore
from desktop.companion.tls import LanNames, ensure_companion_cert, fingerprint, lan_names
from desktop.core.pairing import DeviceRegistry


def test_certificate_covers_the_lan_names_and_is_reused(tmp_path: Path) -> None:
    names = LanNames(
        ("localhost", "box", "box.local"), ("192.168.1.20", "fd00::2", "127.0.0.1", "::1")
    )
    certs = ensure_companion_cert(tmp_path, names)
    leaf = x509.load_pem_x509_certificates(certs.cert_file.read_bytes())[0]
    san = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert set(san.get_values_for_type(x509.DNSName)) == {"localhost", "box", "box.local"}
    assert ipaddress.ip_address("192.168.1.20") in san.get_values_for_type(x509.IPAddress)
    first = fingerprint(certs.ca_file)
    again = ensure_companion_cert(tmp_path, names)
    assert again.ca_file.read_bytes() == certs.ca_file.read_bytes()
    moved = LanNames(names.hostnames, ("10.0.0.7", "127.0.0.1", "::1"))
    assert fingerprint(ensure_companion_cert(tmp_path, moved).ca_file) != first  # new address


def test_the_ca_is_name_constrained_keyless_and_the_leaf_is_not_a_ca(tmp_path: Path) -> None:
    """Issue 14: the CA phones install was unconstrained, and its key sat beside it."""
    names = LanNames(("localhost", "box", "box.local"), ("192.168.1.20", "127.0.0.1", "::1"))
    certs = ensure_companion_cert(tmp_path, names)
    ca = x509.load_pem_x509_certificate(certs.ca_file.read_bytes())
    constraints = ca.extensions.get_extension_for_class(x509.NameConstraints)
    assert constraints.critical
    permitted = set(constraints.value.permitted_subtrees or ())
    assert x509.DNSName("box.local") in permitted
    assert x509.IPAddress(ipaddress.ip_network("192.168.1.20/32")) in permitted
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.path_length == 0
    leaf = x509.load_pem_x509_certificates(certs.cert_file.read_bytes())[0]
    assert not leaf.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    leaf.verify_directly_issued_by(ca)
    # Only the leaf's key exists, and every private file is 0600 in a 0700 folder.
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "companion-ca.pem",
        "companion-cert.pem",
        "companion-key.pem",
    ]
    assert all(p.stat().st_mode & 0o077 == 0 for p in tmp_path.iterdir())
    assert tmp_path.stat().st_mode & 0o077 == 0


def _handshake(ca_pem: bytes, chain_pem: bytes, key_pem: bytes, server_name: str) -> None:
    """A real TLS handshake in memory (OpenSSL on both ends); raises when not trusted."""
    with tempfile.TemporaryDirectory() as tmp:
        chain, key = Path(tmp, "chain.pem"), Path(tmp, "key.pem")
        chain.write_bytes(chain_pem)
        key.write_bytes(key_pem)
        server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        server_ctx.load_cert_chain(chain, key)
    client_ctx = ssl.create_default_context(cadata=ca_pem.decode())
    c_in, c_out, s_in, s_out = (ssl.MemoryBIO() for _ in range(4))
    client = client_ctx.wrap_bio(c_in, c_out, server_hostname=server_name)
    server = server_ctx.wrap_bio(s_in, s_out, server_side=True)
    for _ in range(10):
        for side in (client, server):
            with contextlib.suppress(ssl.SSLWantReadError):
                side.do_handshake()
        s_in.write(c_out.read())
        c_in.write(s_out.read())
    assert client.version() is not None


def test_the_name_constraint_is_enforced_by_a_real_verifier() -> None:
    """A leaf for another name under a CA with this machine's constraints is refused by
    OpenSSL: that is what keeps an installed CA from vouching for other websites."""
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    from desktop.companion.certs import _constraints, generate

    now = dt.datetime.now(dt.UTC)
    ca_pem, chain_pem, key_pem = generate(("localhost",), ("127.0.0.1",), now)
    _handshake(ca_pem, chain_pem, key_pem, "localhost")  # this machine: trusted

    ca_key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "constrained")])
    valid = (now - dt.timedelta(minutes=1), now + dt.timedelta(days=1))

    def build(
        subject: x509.Name,
        key: ec.EllipticCurvePrivateKey,
        ca: bool,
        extra: list[x509.ExtensionType],
    ) -> x509.Certificate:
        builder = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(valid[0])
            .not_valid_after(valid[1])
            .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca else None), True)
        )
        for ext in extra:
            builder = builder.add_extension(ext, critical=isinstance(ext, x509.NameConstraints))
        return builder.sign(ca_key, hashes.SHA256())

    ca = build(name, ca_key, True, [_constraints(("localhost",), ("127.0.0.1",))])
    evil_key = ec.generate_private_key(ec.SECP256R1())
    evil = build(
        x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "evil")]),
        evil_key,
        False,
        [x509.SubjectAlternativeName([x509.DNSName("evil.example")])],
    )
    pem = serialization.Encoding.PEM
    evil_key_pem = evil_key.private_bytes(
        pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    with pytest.raises(ssl.SSLCertVerificationError, match=r"(?i)name constraint|permitted"):
        _handshake(
            ca.public_bytes(pem),
            evil.public_bytes(pem) + ca.public_bytes(pem),
            evil_key_pem,
            "evil.example",
        )


def test_an_old_unconstrained_install_is_replaced(tmp_path: Path) -> None:
    from desktop.emulator.certs import CertSpec, generate_cert

    old_cert, old_key = generate_cert(
        dt.datetime.now(dt.UTC),
        CertSpec("Screenmate companion", ("localhost",), ("127.0.0.1",)),
    )
    (tmp_path / "companion-cert.pem").write_bytes(old_cert)
    (tmp_path / "companion-key.pem").write_bytes(old_key)
    (tmp_path / "companion-key.pem").chmod(0o644)
    certs = ensure_companion_cert(tmp_path, LanNames(("localhost",), ("127.0.0.1", "::1")))
    ca = x509.load_pem_x509_certificate(certs.ca_file.read_bytes())
    assert ca.extensions.get_extension_for_class(x509.NameConstraints).critical
    assert certs.key_file.read_bytes() != old_key
    assert certs.key_file.stat().st_mode & 0o077 == 0


def test_lan_names_always_include_loopback() -> None:
    names = lan_names()
    assert names.ips[-2:] == ("127.0.0.1", "::1")
    assert "localhost" in names.hostnames
    assert "127.0.0.1" in names.all_hosts and "127.0.0.1" not in names.lan_ips


def test_mdns_record_carries_version_path_and_fingerprint() -> None:
    info = service_info(
        hostname="box.lan", port=48765, ips=("192.168.1.20",), tls=True, fingerprint="AB:CD"
    )
    assert info.type == SERVICE_TYPE and info.name.startswith("Screenmate on box.")
    assert info.port == 48765
    assert info.properties == {b"v": b"1", b"path": b"/ws", b"tls": b"1", b"fp": b"abcd"}


def test_device_store_round_trip_keeps_only_hashes_and_survives_garbage(tmp_path: Path) -> None:
    rng = random.Random(3)
    registry = DeviceRegistry(lambda: 5.0, rng.randbytes)
    _, token = registry.add("Watch")
    store = DeviceStore(tmp_path / "devices.json")
    store.save(registry)
    assert token not in store.path.read_text()
    assert store.path.stat().st_mode & 0o077 == 0
    assert [d.name for d in store.load()] == ["Watch"]
    store.path.write_text("{broken")
    assert store.load() == []
    assert (tmp_path / "devices.json.broken").exists()
    store.path.write_text(json.dumps({"devices": "no"}))
    assert store.load() == []
