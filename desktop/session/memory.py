"""What the next connection needs from the conversation so far: the newest resumption handle
(with a generation count, so a connection prepared before a newer handle arrived knows it is
stale) and the recent answered lines that seed a new session when resuming is not possible.

The seed is taken when a new session starts serving (`fresh_start`), not when its connection
was prepared: after a goAway with no handle, the turn answered in between is part of it.
"""

from __future__ import annotations

from collections import deque

from desktop.core.events import Event, ResumptionUpdate, Role, TranscriptLine, TurnComplete
from desktop.core.resilience import seed_turns

RECENT_LINES = 60  # answered lines kept to seed a new session


class ConversationMemory:
    def __init__(self) -> None:
        self.handle: str | None = None
        self.handle_gen = 0  # bumped with every new (or dropped) handle
        self._answered: deque[tuple[Role, str]] = deque(maxlen=RECENT_LINES)
        self._unanswered: list[tuple[Role, str]] = []
        self._told_fresh = False  # the new-session notice was given; no turn since

    def observe(self, event: Event) -> None:
        if isinstance(event, ResumptionUpdate) and event.resumable:
            self.handle = event.handle
            self.handle_gen += 1
        elif isinstance(event, TranscriptLine) and not event.revised:
            self._unanswered.append((event.role, event.text))
        elif isinstance(event, TranscriptLine) and self._answered:
            # A late transcription completed the last model line: seed the whole line.
            role, _ = self._answered[-1]
            if role is event.role:
                self._answered[-1] = (role, event.text)
        elif isinstance(event, TurnComplete):
            self._told_fresh = False
            self._answered.extend(self._unanswered)
            self._unanswered.clear()

    def forget_handle(self) -> None:
        self.handle = None
        self.handle_gen += 1

    @property
    def has_context(self) -> bool:
        """There are answered turns to seed a new session with (`fresh_start` seeds only
        those: a session opened for a seed it never gets would wait for it)."""
        return bool(self._answered)

    def fresh_start(self, takes_history: bool) -> tuple[list[tuple[Role, str]], str]:
        """A new session starts serving: (the turns to seed it with, the notice to give, or
        "" when it was given already for this streak of new sessions)."""
        if not self._answered:
            return [], ""
        seed = seed_turns(list(self._answered)) if takes_history else []
        if self._told_fresh:
            return seed, ""
        self._told_fresh = True
        if seed:
            return seed, f"Started a new session with the last {len(seed)} turns as context."
        return [], "Started a new session; the model does not know the earlier conversation."
