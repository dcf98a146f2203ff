"""Faults a test can inject into live connections (now, mid-reply, at the next setups, or
whenever an input arrives), and `Quirks`: behaviours of Google's server seen in recordings
that the emulator reproduces on demand (late transcription, generationComplete with no
turnComplete, no usageMetadata, no resumption handles)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from typing import Any

from desktop.emulator.wire import CLOSE_INTERNAL, CLOSE_NORMAL, REASON_GO_AWAY, REASON_INTERNAL

# What Google sends in-band at times: a top-level message the SDK has no field for.
UNKNOWN_MESSAGE: dict[str, Any] = {
    "error": {"code": 500, "message": "Emulated in-band error.", "status": "INTERNAL"}
}


class FaultKind(enum.Enum):
    GO_AWAY = "go_away"
    CLOSE = "close"
    DROP = "drop"
    RESET = "reset"
    STALL = "stall"
    INVALID_JSON = "invalid_json"
    REFUSE_NEXT_HANDLE = "refuse_next_handle"
    UNKNOWN_MESSAGE = "unknown_message"


@dataclass(frozen=True)
class Fault:
    kind: FaultKind
    time_left_s: float = 0.0
    code: int = CLOSE_INTERNAL
    reason: str = ""
    seconds: float = 0.0

    @classmethod
    def go_away(
        cls, time_left_s: float = 10.0, code: int = CLOSE_NORMAL, reason: str = REASON_GO_AWAY
    ) -> Fault:
        """Send `goAway{timeLeft}`, then close with `code` when the time is up (Google: 1008
        with no reason, or 1011 "Deadline expired before operation could complete.")."""
        return cls(FaultKind.GO_AWAY, time_left_s=time_left_s, code=code, reason=reason)

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

    @classmethod
    def unknown_message(cls) -> Fault:
        """Send a top-level message the SDK does not know (an in-band `{"error": ...}`)."""
        return cls(FaultKind.UNKNOWN_MESSAGE)

    @property
    def per_connection(self) -> bool:
        return self.kind is not FaultKind.REFUSE_NEXT_HANDLE


@dataclass
class Quirks:
    """Google's behaviours on demand: each count is the number of next replies it applies to."""

    late_transcription: int = 0  # the last transcription piece comes after turnComplete
    late_delay_s: float = 0.05
    no_turn_complete: int = 0  # generationComplete alone, then nothing (no usage either)
    no_usage: int = 0  # turnComplete without usageMetadata
    no_handles: bool = False  # never a sessionResumptionUpdate
    silent_after_cancel: int = 0  # after a toolCallCancellation, say nothing more

    def take(self, name: str) -> bool:
        left = getattr(self, name)
        if left > 0:
            setattr(self, name, left - 1)
            return True
        return False

    def closing(self, messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The messages that end a reply, as the quirks want them."""
        out: list[dict[str, Any]] = []
        silent = self.take("no_turn_complete")
        no_usage = self.take("no_usage")
        for message in messages:
            if "sessionResumptionUpdate" in message and self.no_handles:
                continue
            if "serverContent" in message:
                if silent:
                    # generationComplete (alone or beside turnComplete) and nothing after it.
                    if message["serverContent"].get("generationComplete"):
                        out.append({"serverContent": {"generationComplete": True}})
                    continue
                if no_usage:
                    message = {k: v for k, v in message.items() if k != "usageMetadata"}
            out.append(message)
        return out


def split_late(steps: list[Any]) -> tuple[list[Any], str]:
    """Take the last output transcription piece of a reply out of its step (its audio stays):
    it is sent after turnComplete instead. `steps` are the emulator's `Step`s."""
    for i in range(len(steps) - 1, -1, -1):
        content = steps[i].message.get("serverContent", {})
        text = (content.get("outputTranscription") or {}).get("text", "")
        if not text.strip() or i == 0:
            continue
        rest = {k: v for k, v in content.items() if k != "outputTranscription"}
        message = {"serverContent": rest}
        return [*steps[:i], replace(steps[i], message=message), *steps[i + 1 :]], text
    return steps, ""
