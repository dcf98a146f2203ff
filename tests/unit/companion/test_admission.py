"""Who may open a connection to the companion port: counts per stage, per address and in all
(issue 14: the unauthenticated count went wrong on failures, nothing limited TLS handshakes,
and a flood could take every descriptor)."""

from __future__ import annotations

from desktop.core.companion_admission import (
    Admission,
    AdmissionLimits,
    Refusal,
    RefusalLog,
    Stage,
    Ticket,
    source_key,
)

LIMITS = AdmissionLimits(
    max_handshakes=4,
    max_handshakes_per_source=2,
    max_preauth=6,
    max_preauth_per_source=3,
    max_devices=2,
    fd_reserve=10,
    fd_budget=9,
)


def admitted(gate: Admission, source: str) -> Ticket:
    ticket = gate.admit(source)
    assert isinstance(ticket, Ticket), ticket
    return ticket


def test_handshakes_are_limited_per_address_and_in_all() -> None:
    gate = Admission(LIMITS)
    a = [admitted(gate, "a") for _ in range(2)]
    assert gate.admit("a") is Refusal.SOURCE_HANDSHAKES
    b = [admitted(gate, "b") for _ in range(2)]
    assert gate.admit("c") is Refusal.HANDSHAKES
    gate.closed(a[0])  # a failed handshake frees its place at once
    assert isinstance(gate.admit("c"), Ticket)
    for ticket in b:
        gate.handshake_done(ticket)
    assert gate.handshakes["b"] == 0 and gate.preauth["b"] == 2


def test_preauth_limits_count_until_authenticated_and_devices_keep_their_own_slots() -> None:
    gate = Admission(LIMITS)
    tickets = [admitted(gate, "a") for _ in range(2)]
    for ticket in tickets:
        gate.handshake_done(ticket)
    third = admitted(gate, "a")
    gate.handshake_done(third)
    assert gate.admit("a") is Refusal.SOURCE_PREAUTH  # 3 unauthenticated from "a"
    assert gate.authenticated(tickets[0]) is None  # a paired device: no longer preauth
    assert isinstance(gate.admit("a"), Ticket)
    assert gate.authenticated(tickets[1]) is None
    assert gate.authenticated(third) is Refusal.DEVICES  # both device slots taken
    assert gate.devices == 2 and third.stage is Stage.PREAUTH


def test_every_close_path_counts_once() -> None:
    gate = Admission(LIMITS)
    in_tls, in_http, device = (admitted(gate, "a"), admitted(gate, "b"), admitted(gate, "c"))
    gate.handshake_done(in_http)
    gate.authenticated(device)
    for ticket in (in_tls, in_http, device):
        gate.closed(ticket)
        gate.closed(ticket)  # a second close (both sides closing) changes nothing
    assert not gate.handshakes and not gate.preauth and gate.devices == 0 and gate.total == 0


def test_descriptors_running_short_refuse_early() -> None:
    gate = Admission(LIMITS)
    assert gate.admit("a", fds_left=9) is Refusal.DESCRIPTORS  # fewer than the reserve
    tickets = [admitted(gate, s) for s in "abcd"]
    for ticket in tickets[:2]:
        assert gate.authenticated(ticket) is None  # devices count towards the budget too
    gate.limits = AdmissionLimits(fd_budget=4)
    assert gate.admit("e") is Refusal.DESCRIPTORS  # all stages together at the budget


def test_a_flood_is_logged_once_then_summarised() -> None:
    log = RefusalLog(every_s=30)
    lines = [log.refused_now(Refusal.HANDSHAKES, t * 0.01) for t in range(1000)]
    assert sum(line is not None for line in lines) == 1
    later = log.refused_now(Refusal.SOURCE_PREAUTH, 31.0)
    assert later is not None and "999 x too many TLS handshakes" in later
    assert log.refused[Refusal.HANDSHAKES] == 1000


def test_a_source_is_an_ipv4_address_or_an_ipv6_slash_64() -> None:
    assert source_key("192.168.1.7") == "192.168.1.7"
    assert source_key("::ffff:192.168.1.7") == "192.168.1.7"
    one = source_key("2001:db8:1:2:aaaa::1")
    assert one == source_key("2001:db8:1:2:bbbb:cccc:dddd:eeee") == "2001:db8:1:2::/64"
    assert source_key("2001:db8:1:3::1") != one
    assert source_key("fe80::1%eth0") == "fe80::/64"
    assert source_key("::1") == "::1"
