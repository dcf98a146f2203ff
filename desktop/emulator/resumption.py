"""Session state that survives reconnects, stored under resumption handles."""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass, field

from desktop.emulator.tokens import Tokens


@dataclass
class SessionState:
    """What a resumed session continues with."""

    replies: int = 0  # completed model turns
    history: list[tuple[str, str]] = field(default_factory=list)  # (role, text)
    context: Tokens = field(default_factory=Tokens)  # tokens accumulated in the context
    tool_calls: int = 0  # function calls issued (for ids)


class ResumptionStore:
    """Handles -> snapshots of session state, the newest `limit` of them.

    Each snapshot holds the whole conversation, and a new handle comes after every turn: kept
    forever they grew with the square of the turns (the offline demo's memory climbed for as
    long as the window was open). Google keeps a handle ~2 h; a client only ever resumes with
    its latest, so an evicted old handle is simply unknown ("session not found")."""

    def __init__(self, salt: str = "emulator", limit: int = 64) -> None:
        self._states: dict[str, SessionState] = {}
        self._limit = limit
        self._salt = salt
        self._count = 0
        self.refuse_next = False

    def __len__(self) -> int:
        return len(self._states)

    def __contains__(self, handle: object) -> bool:
        return handle in self._states

    def save(self, state: SessionState) -> str:
        self._count += 1
        digest = hashlib.sha256(f"{self._salt}:{self._count}".encode()).hexdigest()[:24]
        handle = f"emu-{self._count}-{digest}"
        self._states[handle] = copy.deepcopy(state)
        while len(self._states) > self._limit:
            del self._states[next(iter(self._states))]  # dicts keep insertion order
        return handle

    def restore(self, handle: str) -> SessionState | None:
        """A copy of the state saved under `handle`; None if unknown or refused."""
        if self.refuse_next:
            self.refuse_next = False
            return None
        state = self._states.get(handle)
        return copy.deepcopy(state) if state is not None else None
