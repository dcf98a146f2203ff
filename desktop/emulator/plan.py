"""The conversation's vocabulary: what it reads from its owner (`Knobs`), its phase, what
a client event calls for (`Decision`), and the messages a reply streams (`ReplyPlan`)."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

Message = dict[str, Any]
# What the model says right after an asynchronous call, while the tool runs.
ASYNC_FILLER = "One moment, I am on it."


class Knobs(Protocol):
    """Settings the conversation reads from its owner (the emulator) at the time of use."""

    transcriber: Callable[[bytes], str] | None
    turn_complete_after_interrupt: bool
    # The reply to a turn's typed texts (None: the default account), for scripted sessions
    # whose replies must not depend on how often a turn was cut and asked again.
    responder: Callable[[list[str]], str | None] | None


@dataclass
class DefaultKnobs:
    transcriber: Callable[[bytes], str] | None = None
    turn_complete_after_interrupt: bool = True
    responder: Callable[[list[str]], str | None] | None = None


class Phase(enum.Enum):
    IDLE = "idle"
    GENERATING = "generating"
    AWAITING_TOOL = "awaiting_tool"


@dataclass(frozen=True)
class Decision:
    interrupt: bool = False  # cut the reply in progress
    respond: bool = False  # a reply is due
    resume: bool = False  # the tool results are in: continue the reply
    results: bool = False  # results of asynchronous calls to speak about (when idle)

    def __or__(self, other: Decision) -> Decision:
        return Decision(
            self.interrupt or other.interrupt,
            self.respond or other.respond,
            self.resume or other.resume,
            self.results or other.results,
        )


@dataclass(frozen=True)
class Step:
    message: Message
    audio_chunk: bool = False  # counts towards `after_chunks` faults
    words: int = 0  # reply words this step delivers
    audio_s: float = 0.0


@dataclass
class ReplyPlan:
    steps: list[Step] = field(default_factory=list)
    text: str = ""
    awaits_tools: bool = False

    @property
    def audio_chunks(self) -> int:
        return sum(1 for s in self.steps if s.audio_chunk)
