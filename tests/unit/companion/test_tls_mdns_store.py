"""The LAN certificate, the mDNS record and the devices file, without any network."""

from __future__ import annotations

import ipaddress
import json
import random
from pathlib import Path

from cryptography import x509
from desktop.companion.mdns import SERVICE_TYPE, service_info
from desktop.companion.store import DeviceStore
from desktop.companion.tls import LanNames, ensure_companion_cert, fingerprint, lan_names
from desktop.core.pairing import DeviceRegistry


def test_certificate_covers_the_lan_names_and_is_reused(tmp_path: Path) -> None:
    names = LanNames(
        ("localhost", "box", "box.local"), ("192.168.1.20", "fd00::2", "127.0.0.1", "::1")
    )
    pair = ensure_companion_cert(tmp_path, names)
    cert = x509.load_pem_x509_certificate(pair.cert_file.read_bytes())
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert set(san.get_values_for_type(x509.DNSName)) == {"localhost", "box", "box.local"}
    assert ipaddress.ip_address("192.168.1.20") in san.get_values_for_type(x509.IPAddress)
    first = fingerprint(pair.cert_file)
    assert (
        ensure_companion_cert(tmp_path, names).cert_file.read_bytes() == pair.cert_file.read_bytes()
    )
    moved = LanNames(names.hostnames, ("10.0.0.7", "127.0.0.1", "::1"))
    assert fingerprint(ensure_companion_cert(tmp_path, moved).cert_file) != first  # new address
    assert (tmp_path / "companion-key.pem").stat().st_mode & 0o077 == 0


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
