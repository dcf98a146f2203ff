"""Faults a test can inject into live connections (now, or mid-reply)."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from desktop.emulator.wire import CLOSE_INTERNAL, REASON_INTERNAL


class FaultKind(enum.Enum):
    GO_AWAY = "go_away"
    CLOSE = "close"
    DROP = "drop"
    RESET = "reset"
    STALL = "stall"
    INVALID_JSON = "invalid_json"
    REFUSE_NEXT_HANDLE = "refuse_next_handle"


@dataclass(frozen=True)
class Fault:
    kind: FaultKind
    time_left_s: float = 0.0
    code: int = CLOSE_INTERNAL
    reason: str = ""
    seconds: float = 0.0

    @classmethod
    def go_away(cls, time_left_s: float = 10.0) -> Fault:
        """Send `goAway{timeLeft}`, then close with 1000 when the time is up."""
        return cls(FaultKind.GO_AWAY, time_left_s=time_left_s)

    @classmethod
    def close(cls, code: int = CLOSE_INTERNAL, reason: str = REASON_INTERNAL) -> Fault:
        """Close the WebSocket with `code` and `reason`."""
        return cls(FaultKind.CLOSE, code=code, reason=reason)

    @classmethod
    def drop(cls) -> Fault:
        """Abort the TCP connection without a close frame (the client sees 1006)."""
        return cls(FaultKind.DROP)

    @classmethod
    def reset(cls) -> Fault:
        """Reset the TCP connection (RST, as a NAT or a crashed proxy does)."""
        return cls(FaultKind.RESET)

    @classmethod
    def stall(cls, seconds: float) -> Fault:
        """Stop sending and stop reading (so pings go unanswered) for `seconds`."""
        return cls(FaultKind.STALL, seconds=seconds)

    @classmethod
    def invalid_json(cls) -> Fault:
        """Send a frame that is not JSON."""
        return cls(FaultKind.INVALID_JSON)

    @classmethod
    def refuse_next_handle(cls) -> Fault:
        """Refuse the next session resumption handle presented in a setup (close 1008)."""
        return cls(FaultKind.REFUSE_NEXT_HANDLE)

    @property
    def per_connection(self) -> bool:
        return self.kind is not FaultKind.REFUSE_NEXT_HANDLE
