"""Pairing codes, secrets, lockout and device tokens, with a fake clock and fixed randomness."""

from __future__ import annotations

import itertools
import random

from desktop.core.pairing import (
    CODE_DIGITS,
    DeviceRegistry,
    PairedDevice,
    PairingGate,
    Redeem,
    random_digits,
    token_hash,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def seeded(seed: int = 7):  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    return lambda n: rng.randbytes(n)


def make_gate(clock: FakeClock | None = None) -> tuple[PairingGate, FakeClock]:
    clock = clock or FakeClock()
    return PairingGate(clock, seeded()), clock


def test_offer_has_six_digits_a_long_secret_and_expires_within_two_minutes() -> None:
    gate, clock = make_gate()
    offer = gate.offer()
    assert len(offer.code) == CODE_DIGITS and offer.code.isdigit()
    assert len(offer.secret) >= 22  # >= 128 bits of url-safe base64
    assert offer.expires_at - offer.issued_at <= 120
    assert gate.current == offer
    clock.now += 120
    assert gate.current is None


def test_code_works_once_and_the_secret_of_the_same_offer_is_then_a_replay() -> None:
    gate, _ = make_gate()
    offer = gate.offer()
    assert gate.redeem(code=offer.code) is Redeem.OK
    assert gate.redeem(code=offer.code) is Redeem.WRONG
    assert gate.redeem(secret=offer.secret) is Redeem.REPLAYED
    assert gate.current is None


def test_secret_pairs_and_a_replayed_secret_is_refused() -> None:
    gate, _ = make_gate()
    offer = gate.offer()
    assert gate.redeem(secret=offer.secret) is Redeem.OK
    assert gate.redeem(secret=offer.secret) is Redeem.REPLAYED


def test_expired_code_is_refused() -> None:
    gate, clock = make_gate()
    offer = gate.offer()
    clock.now += 121
    assert gate.redeem(code=offer.code) is Redeem.EXPIRED


def test_new_offer_voids_the_previous_one() -> None:
    gate, _ = make_gate()
    first = gate.offer()
    second = gate.offer()
    assert first.code != second.code or first.secret != second.secret
    assert gate.redeem(secret=first.secret) is Redeem.WRONG
    assert gate.redeem(secret=second.secret) is Redeem.OK


def test_five_misses_lock_that_address_only_and_the_offer_stays_valid() -> None:
    gate, clock = make_gate()
    offer = gate.offer()
    wrong = "000000" if offer.code != "000000" else "111111"
    results = [gate.redeem(code=wrong, source="10.0.0.66") for _ in range(5)]
    assert results == [Redeem.WRONG] * 4 + [Redeem.LOCKED]
    assert gate.redeem(code=offer.code, source="10.0.0.66") is Redeem.LOCKED  # even the right one
    assert gate.current == offer  # a stranger does not void the owner's offer
    assert gate.locked_until("10.0.0.66") is not None and gate.locked_until("10.0.0.5") is None
    assert gate.attempts()[0].source == "10.0.0.66" and gate.attempts()[0].misses == 5
    assert gate.redeem(secret="wrong", source="10.0.0.66") is Redeem.LOCKED
    assert gate.redeem(code=offer.code, source="10.0.0.5") is Redeem.OK  # the owner's phone
    again = gate.offer()
    # The QR secret cannot be guessed, so it works even from the locked-out address (the
    # owner behind the same NAT as the guesser); the code does not.
    assert gate.redeem(code=again.code, source="10.0.0.66") is Redeem.LOCKED
    assert gate.redeem(code=again.code, secret=again.secret, source="10.0.0.66") is Redeem.OK
    clock.now += 301
    assert gate.locked_until("10.0.0.66") is None
    fresh = gate.offer()
    assert gate.redeem(code=fresh.code, source="10.0.0.66") is Redeem.OK


def test_the_offer_ceiling_burns_the_code_but_not_the_secret_and_a_new_offer_works() -> None:
    gate, _ = make_gate()
    offer = gate.offer()
    wrong = "000000" if offer.code != "000000" else "111111"
    for i in range(19):  # 20 addresses, 1 guess each: no address is locked, the ceiling is hit
        assert gate.redeem(code=wrong, source=f"10.0.1.{i}") is Redeem.WRONG
    assert gate.redeem(code=wrong, source="10.0.1.19") is Redeem.LOCKED
    assert gate.redeem(code=offer.code, source="10.0.0.5") is Redeem.LOCKED  # code burnt
    assert gate.redeem(secret=offer.secret, source="10.0.0.5") is Redeem.OK  # QR still pairs
    fresh = gate.offer()  # the owner's own new offer always works
    assert gate.misses == 0 and gate.attempts() == []
    assert gate.redeem(code=fresh.code, source="10.0.0.5") is Redeem.OK


def test_a_lone_surrogate_is_just_a_counted_miss() -> None:
    """Issue 14: "\\ud800" as the secret raised UnicodeEncodeError before the miss counted."""
    gate, _ = make_gate()
    offer = gate.offer()
    for _ in range(4):
        assert gate.redeem(code="000001", secret="\ud800", source="x") is Redeem.WRONG
    assert gate.redeem(secret="\udfff\x00", source="x") is Redeem.LOCKED
    assert gate.redeem(code=offer.code, source="x") is Redeem.LOCKED
    assert gate.misses == 5


def test_success_resets_the_miss_count() -> None:
    gate, _ = make_gate()
    offer = gate.offer()
    for _ in range(4):
        gate.redeem(code="x", source="a")
    assert gate.redeem(code=offer.code, source="a") is Redeem.OK
    fresh = gate.offer()
    for _ in range(4):  # a fresh allowance of 4 for that address, not 0
        assert gate.redeem(code="x", source="a") is Redeem.WRONG
    assert gate.redeem(code=fresh.code, source="a") is Redeem.OK


def test_random_digits_are_uniform_enough_and_padded() -> None:
    counter = itertools.count()
    # 0 maps to "000000": leading zeros are kept.
    assert random_digits(lambda n: bytes(n)) == "000000"
    # Values above the rejection cutoff are skipped, not folded onto small codes.
    values = [b"\xff\xff\xff\xff", (123456).to_bytes(4, "big")]
    assert random_digits(lambda n: values[next(counter)]) == "123456"
    rng = random.Random(1)
    firsts = [random_digits(rng.randbytes)[0] for _ in range(5000)]
    assert set(firsts) == set("0123456789")


def test_registry_issues_long_tokens_keeps_only_hashes_and_revokes() -> None:
    clock = FakeClock()
    registry = DeviceRegistry(clock, seeded())
    changes: list[int] = []
    registry.on_change(lambda: changes.append(1))
    device, token = registry.add("Watch")
    assert len(token) >= 43  # 256 bits
    assert device.token_hash == token_hash(token)
    assert token not in str(registry.to_json())
    clock.now += 50
    seen = registry.authenticate(token)
    assert seen is not None and seen.last_seen == clock.now
    assert registry.authenticate(token + "x") is None
    assert registry.revoke(device.device_id)
    assert registry.authenticate(token) is None
    assert not registry.revoke(device.device_id)
    assert len(changes) == 2


def test_registry_round_trips_and_skips_broken_entries() -> None:
    clock = FakeClock()
    registry = DeviceRegistry(clock, seeded())
    _, token = registry.add("Phone")
    raw = registry.to_json()
    raw["devices"].append({"id": "x"})
    raw["devices"].append("nonsense")
    devices = DeviceRegistry.devices_from_json(raw)
    assert [d.name for d in devices] == ["Phone"]
    again = DeviceRegistry(clock, seeded(), devices)
    assert again.authenticate(token) is not None
    assert DeviceRegistry.devices_from_json([1, 2]) == []
    assert (
        PairedDevice.from_json(
            {"id": "a", "name": "n", "token_sha256": "short", "paired_at": 1, "last_seen": 1}
        )
        is None
    )
