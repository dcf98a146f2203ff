"""Pure decisions that keep a session alive across connections.

- `TurnTracker` follows what was sent and what the server did with it: which inputs a
  completed model turn has answered (those are never sent again), which must be replayed on
  the next connection (typed text, the mic audio of an utterance not answered yet), whether
  a model turn is in progress, and whether a server that should be talking has gone quiet
  (a stall).
- `Handover` decides, after a `goAway`, when to open the next connection and when to switch
  to it (make-before-break).
- `seed_turns` turns the recent transcript into the turns that seed a new session when a
  resumption handle is refused.

The replay rule: an input is answered once a model turn that *started after it was sent*
completes (`turnComplete`, or `generationComplete` followed by `generation_grace_s` of
silence: some servers never send the turnComplete). A resumed session continues from the
newest handle, which the server only issues between turns, so everything not answered yet is
unknown to it and is replayed, in order; everything answered is not, so the model never
answers a line twice.

The poison rule: the oldest unanswered prompt (typed text) that was delivered on a connection
that then failed gets a strike; at `POISON_STRIKES` (it was replayed and the next connection
failed on it the same way) it is taken out of the replay and handed back to the session, which tells
the user it was not delivered. A server that fails on one input therefore cannot hold the rest
of the conversation hostage.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from desktop.core.events import Role

T = TypeVar("T")

DEFAULT_STALL_TIMEOUT_S = 20.0
# Unanswered mic audio kept for a replay: an utterance rarely lasts longer. Older audio (the
# silence of a quiet hands-free session) is let go.
MAX_REPLAY_AUDIO_S = 10.0
MAX_REPLAY_FRAMES = 2
SEED_MAX_CHARS = 4000
# After turnComplete the server sends the handle that includes the turn in a message of its
# own: a switch waits this long for it, or the next connection would miss the last turn.
HANDLE_GRACE_S = 1.0
# After generationComplete with no turnComplete, the turn is taken as ended after this much
# silence (at most half the stall timeout, so it never turns into a stall).
GENERATION_GRACE_S = 5.0
POISON_STRIKES = 2


class InputKind(StrEnum):
    TEXT = "text"
    AUDIO = "audio"
    VIDEO = "video"
    ACTIVITY_START = "activity_start"
    ACTIVITY_END = "activity_end"
    AUDIO_STREAM_END = "audio_stream_end"


# Inputs the server always answers: after one of these a silent server is stalled.
PROMPTS = frozenset({InputKind.TEXT})


@dataclass
class _Sent(Generic[T]):
    seq: int
    item: T
    kind: InputKind
    seconds: float
    conn: int = 0  # the connection it was last delivered on
    strikes: int = 0  # connections that failed alike while it was the oldest open prompt
    failure: object = None  # how the last of them failed


class TurnTracker(Generic[T]):
    """Inputs sent but not answered yet, the model turn in progress, and stall detection.

    The session calls `sent()` once the transport took an input, `heard()` for every server
    message, and `connection_changed()` when it moves to a new connection.
    """

    def __init__(
        self,
        stall_timeout_s: float = DEFAULT_STALL_TIMEOUT_S,
        *,
        max_audio_s: float = MAX_REPLAY_AUDIO_S,
        max_frames: int = MAX_REPLAY_FRAMES,
        generation_grace_s: float = GENERATION_GRACE_S,
    ) -> None:
        self.stall_timeout_s = stall_timeout_s
        self.generation_grace_s = min(generation_grace_s, stall_timeout_s / 2)
        self._max_audio_s = max_audio_s
        self._max_frames = max_frames
        self._log: deque[_Sent[T]] = deque()
        self._seq = 0
        self._audio_s = 0.0
        self._frames = 0
        self._turn_start: int | None = None  # inputs sent before the model turn in progress
        self._awaiting_tool = False
        self._expecting_since: float | None = None
        self._last_heard = 0.0
        self._handle_due_until: float | None = None
        self._generation_done = False  # generationComplete heard in the turn in progress
        self._conn = 0
        self.let_go_audio_s = 0.0  # unanswered audio older than the replay window

    # -- what happened ------------------------------------------------------------------

    def sent(self, item: T, kind: InputKind, now: float, seconds: float = 0.0) -> None:
        self._seq += 1
        self._log.append(_Sent(self._seq, item, kind, seconds, self._conn))
        if kind is InputKind.AUDIO:
            self._audio_s += seconds
        elif kind is InputKind.VIDEO:
            self._frames += 1
        self._trim()
        if kind in PROMPTS and self._expecting_since is None:
            self._expecting_since = now

    def heard(
        self,
        now: float,
        *,
        model_turn: bool,
        turn_complete: bool,
        tool_call: bool = False,
        handle: bool = False,
        generation_complete: bool = False,
    ) -> None:
        """One server message. `model_turn`: it carries the model's side of a turn (audio,
        text, output transcription, interrupted...); a late transcription of a turn already
        complete is not one. `handle`: a new resumption handle."""
        self._last_heard = now
        if handle:
            self._handle_due_until = None
        if (model_turn or tool_call or turn_complete) and self._turn_start is None:
            self._turn_start = self._seq
            self._generation_done = False
        if generation_complete and self._turn_start is not None:
            self._generation_done = True
        if tool_call:
            self._awaiting_tool = True  # the server now waits for us
        elif model_turn:
            self._awaiting_tool = False
        if turn_complete:
            self._end_turn(now, handle)

    def _end_turn(self, now: float, handle: bool = False) -> None:
        self._retire(self._turn_start if self._turn_start is not None else self._seq)
        self._turn_start = None
        self._generation_done = False
        if not handle:
            self._handle_due_until = now + HANDLE_GRACE_S
        self._awaiting_tool = False
        self._expecting_since = now if self._has_prompt() else None

    def generation_over(self, now: float) -> bool:
        """generationComplete came and then `generation_grace_s` of silence: the turn is over
        although no turnComplete came. The session then calls `turn_ended_quietly`."""
        return (
            self._generation_done
            and self._turn_start is not None
            and now - self._last_heard >= self.generation_grace_s
        )

    def turn_ended_quietly(self, now: float) -> None:
        """End the turn in progress as if turnComplete had come (no stall, no replay)."""
        if self._turn_start is not None:
            self._end_turn(now)

    def redelivered(self, item: T) -> None:
        """A replayed input was delivered on the current connection."""
        for sent in self._log:
            if sent.item is item:
                sent.conn = self._conn
                return

    def connection_failed(self, failure: object = None) -> T | None:
        """The current connection failed (not as announced by a goAway), as `failure` says
        (e.g. its close code). Strikes the oldest open prompt if it was delivered on it; a
        failure unlike the last one starts the count again (two unrelated drops are bad luck,
        not poison). Returns the prompt once it is poison (dropped from the replay: the
        session tells the user)."""
        first = next((sent for sent in self._log if sent.kind in PROMPTS), None)
        if first is None or first.conn != self._conn:
            return None
        if first.strikes and first.failure != failure:
            first.strikes = 0
        first.failure = failure
        first.strikes += 1
        if first.strikes < POISON_STRIKES:
            return None
        self._log.remove(first)
        if not self._has_prompt():
            self._expecting_since = None
        return first.item

    def tool_answered(self, now: float) -> None:
        """Every open function call got its response: the server owes the rest of the turn,
        so the stall watch is back on (from now)."""
        if self._awaiting_tool:
            self._awaiting_tool = False
            self._last_heard = now

    def connection_changed(self, now: float) -> None:
        """A new connection: nothing is in progress on it; unanswered prompts still are due."""
        self._conn += 1
        self._turn_start = None
        self._generation_done = False
        self._awaiting_tool = False
        self._handle_due_until = None
        self._last_heard = now
        self._expecting_since = now if self._has_prompt() else None

    # -- what to do ---------------------------------------------------------------------

    @property
    def in_turn(self) -> bool:
        return self._turn_start is not None

    @property
    def busy(self) -> bool:
        """A model turn is in progress or an answer is due: not the moment to switch."""
        return self._turn_start is not None or self._expecting_since is not None

    def settled(self, now: float) -> bool:
        """Between turns, with the handle of the last turn in hand (or its grace over)."""
        due = self._handle_due_until
        return not self.busy and (due is None or now >= due)

    def settle_deadline(self) -> float | None:
        return self._handle_due_until

    def overdue(self, now: float) -> bool:
        """The server should be talking but has said nothing for `stall_timeout_s`."""
        if self._awaiting_tool or self.generation_over(now):
            return False
        if self._turn_start is not None:
            return now - self._last_heard > self.stall_timeout_s
        if self._expecting_since is not None:
            return now - max(self._expecting_since, self._last_heard) > self.stall_timeout_s
        return False

    def stall_deadline(self, now: float) -> float | None:
        """When `overdue` (or `generation_over`) would next turn true (None: not watching)."""
        if self._awaiting_tool:
            return None
        if self._turn_start is not None and self._generation_done:
            return self._last_heard + self.generation_grace_s
        if self._turn_start is not None:
            return self._last_heard + self.stall_timeout_s
        if self._expecting_since is not None:
            return max(self._expecting_since, self._last_heard) + self.stall_timeout_s
        return None

    def replay(self) -> list[T]:
        """The unanswered inputs, oldest first, to send again on a new connection."""
        return [sent.item for sent in self._log]

    def replay_kinds(self) -> list[InputKind]:
        return [sent.kind for sent in self._log]

    @property
    def replay_audio_s(self) -> float:
        return self._audio_s

    # -- internals ----------------------------------------------------------------------

    def _has_prompt(self) -> bool:
        return any(sent.kind in PROMPTS for sent in self._log)

    def _retire(self, up_to: int) -> None:
        while self._log and self._log[0].seq <= up_to:
            self._forget(self._log.popleft())

    def _forget(self, sent: _Sent[T]) -> None:
        if sent.kind is InputKind.AUDIO:
            self._audio_s -= sent.seconds
        elif sent.kind is InputKind.VIDEO:
            self._frames -= 1

    def _trim(self) -> None:
        if self._audio_s <= self._max_audio_s + 1e-9 and self._frames <= self._max_frames:
            return
        kept: deque[_Sent[T]] = deque()
        for sent in self._log:
            if sent.kind is InputKind.AUDIO and self._audio_s > self._max_audio_s + 1e-9:
                self.let_go_audio_s += sent.seconds
                self._forget(sent)
            elif sent.kind is InputKind.VIDEO and self._frames > self._max_frames:
                self._forget(sent)
            else:
                kept.append(sent)
        self._log = kept


class HandoverAction(StrEnum):
    WAIT = "wait"
    PREPARE = "prepare"  # open the next connection with the newest handle
    SWITCH = "switch"  # move to the prepared connection now


@dataclass(frozen=True)
class Handover:
    """After `goAway{timeLeft}`: prepare the next connection at once, switch when the old one
    is between turns (no reply is cut, nothing is heard twice), and at the latest `margin_s`
    before the server closes the old one."""

    received_at: float
    time_left_s: float
    margin_s: float = 1.0

    @property
    def deadline(self) -> float:
        margin = min(self.margin_s, self.time_left_s / 2)
        return self.received_at + max(0.0, self.time_left_s - margin)

    def decide(
        self,
        now: float,
        *,
        preparing: bool,
        prepared: bool,
        prepared_fresh: bool,
        old_busy: bool,
        old_alive: bool = True,
    ) -> HandoverAction:
        """`prepared_fresh`: no newer handle arrived since the prepared connection opened
        (otherwise it resumed an older state and lacks the last turn)."""
        if preparing:
            return HandoverAction.WAIT
        if not prepared or not prepared_fresh:
            return HandoverAction.PREPARE
        if not old_alive or not old_busy or now >= self.deadline:
            return HandoverAction.SWITCH
        return HandoverAction.WAIT


def seed_turns(
    lines: Sequence[tuple[Role, str]], max_chars: int = SEED_MAX_CHARS
) -> list[tuple[Role, str]]:
    """The newest lines that fit in `max_chars`, oldest first, consecutive lines of one role
    merged into one turn: the context a new session starts from when it cannot resume."""
    picked: list[tuple[Role, str]] = []
    used = 0
    for role, text in reversed(lines):
        text = " ".join(text.split())
        if not text:
            continue
        if used + len(text) > max_chars:
            if not picked:  # one long line: keep its end
                picked.append((role, "…" + text[-(max_chars - 1) :]))
            break
        picked.append((role, text))
        used += len(text)
    turns: list[tuple[Role, str]] = []
    for role, text in reversed(picked):
        if turns and turns[-1][0] is role:
            turns[-1] = (role, f"{turns[-1][1]}\n{text}")
        else:
            turns.append((role, text))
    return turns
