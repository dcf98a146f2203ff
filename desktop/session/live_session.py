"""One Gemini Live conversation over google-genai: connect, serve turns, survive every drop.

A thin edge: what to send is decided by `core.live_config`, what a server message means by
`core.live_codec`, what an error means by `core.failures`, the life cycle by
`core.session_machine`, and what to replay, when a server has stalled and when to switch
connections after a goAway by `core.resilience`. This module moves data between the SDK
(`sdk_io.Link`) and those, and calls `on_event` with `core.events` values on the asyncio loop.
It holds the conversation across connections: the public API (the inputs: `inputs.py`), each
attempt to connect and what a failure means, and what each server message means. Its other
half, `serving.py`, serves the current connection and moves to the next between turns; the
pieces it uses: `connector.py` opens a connection, `link_run.py` runs one connection's send
and receive tasks, `handover.py` prepares and records the moves, `closing.py` closes the old.

- goAway: the next connection is opened with the newest handle while the old one still
  serves (make-before-break); the switch happens between turns, so nothing is cut or heard
  twice, and what the new connection has not taken (mic audio, text not answered yet) is
  replayed on it.
- A drop (1011, 1006, a reset, a stalled server): jittered capped back-off that keeps growing
  until a connection proves healthy, under a floor of attempts per minute (`reconnect.py`);
  resume with the handle, replay what was not answered. A resume refused (or failing twice)
  starts a new session seeded with the recent conversation, and the user is told in one line
  (`Notice`). A typed line the server failed on twice is not replayed again (`NotDelivered`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections import deque
from collections.abc import Callable, Sequence
from typing import Any

from desktop.core.events import (
    Event,
    GenerationComplete,
    GoAway,
    Interrupted,
    ModelAudio,
    NotDelivered,
    ResumptionUpdate,
    Role,
    SessionError,
    SessionState,
    ToolCallRequested,
    TranscriptDelta,
    TranscriptLine,
    TurnComplete,
)
from desktop.core.failures import Action, Failure
from desktop.core.live_codec import LiveEventDecoder
from desktop.core.live_config import Reconfigure
from desktop.core.resilience import TurnTracker
from desktop.core.session_machine import (
    Backoff,
    RetryBudget,
    RetryPlanner,
    SessionMachine,
    Trigger,
)
from desktop.core.tool_calls import ToolImage
from desktop.session.closing import LinkCloser
from desktop.session.connector import Connector
from desktop.session.endpoint import Endpoint
from desktop.session.handover import QUICK_SWITCH_S, SETTINGS_SWITCH_S, Switch, Switching
from desktop.session.inputs import LiveInputs
from desktop.session.link_run import LinkRun
from desktop.session.memory import ConversationMemory
from desktop.session.outbox import MAX_QUEUED_MEDIA, Outbox
from desktop.session.reconnect import Reconnector
from desktop.session.sdk_io import Input, Link, Outgoing, build_client
from desktop.session.serving import Serving
from desktop.session.tool_link import ToolLink
from desktop.settings import Settings

__all__ = ["MAX_QUEUED_MEDIA", "Input", "LiveSession", "Reconfigure", "Switch", "build_client"]

log = logging.getLogger(__name__)


def _model_side(event: Event) -> bool:
    if isinstance(event, TranscriptDelta):
        return event.role is Role.MODEL and not event.late
    if isinstance(event, TranscriptLine):
        return event.role is Role.MODEL and not event.revised
    return isinstance(event, ModelAudio | Interrupted | GenerationComplete | TurnComplete)


class LiveSession(LiveInputs, Serving):
    """Runs one conversation until `stop()`; survives retryable drops by reconnecting.

    `retry` holds the retry rules (default: production timings, or `backoff`'s scaled);
    `budget` when to give up (None: keep trying, as a desktop app should while the network is
    down; the headless mode sets one). `max_attempts` is the budget's `first_attempts`.
    """

    def __init__(
        self,
        endpoint: Endpoint,
        settings: Settings,
        on_event: Callable[[Event], None],
        *,
        clock: Callable[[], float] = time.time,
        backoff: Backoff | None = None,
        max_attempts: int | None = None,
        retry: RetryPlanner | None = None,
        budget: RetryBudget | None = None,
        rng: random.Random | None = None,
        tool_declarations: Sequence[dict[str, Any]] = (),
        tool_instruction: str = "",
    ) -> None:
        self.endpoint = endpoint
        self._on_event = on_event
        self._machine = SessionMachine()
        self._decoder = LiveEventDecoder(clock)
        self._rng = rng or random.Random()
        if retry is None:
            retry = RetryPlanner.scaled(backoff) if backoff else RetryPlanner()
        if budget is None and max_attempts is not None:
            budget = RetryBudget(first_attempts=max_attempts)
        self._retry = Reconnector(retry, budget, self._rng)
        self._outbox = Outbox()
        self._stopping = asyncio.Event()
        self._finished = asyncio.Event()
        self._wake = asyncio.Event()
        self._memory = ConversationMemory()
        self._connector = Connector(
            endpoint,
            settings,
            self._memory,
            self._retry,
            self._stopping,
            tool_declarations=tool_declarations,
            tool_instruction=tool_instruction,
        )
        self._turns: TurnTracker[Outgoing] = TurnTracker(settings.stall_timeout_s)
        # How the last attempt ended, for `core.failures.decide`.
        self._during_setup = False
        self._resuming = False
        self._lost_at: float | None = None
        self._closer = LinkCloser()
        self._switching = Switching(
            self._connector, self._memory, close_link=self._closer.close, wake=self._wake
        )
        # The newest moves to another connection (status and benchmarks; bounded: all day).
        self.switches: deque[Switch] = self._switching.switches
        # Function calling: the open calls per connection.
        self._current: LinkRun | None = None
        self._tools = ToolLink(
            current=lambda: self._current.link if self._current else None,
            failed=self._tool_failed,
            settled=self._tools_settled,
        )

    @property
    def settings(self) -> Settings:
        return self._connector.settings

    @property
    def state(self) -> SessionState:
        return self._machine.state

    @property
    def resumption_handle(self) -> str | None:
        return self._memory.handle

    @property
    def attempt_times(self) -> list[float]:
        """When each connection attempt started (monotonic), reconnects and handovers alike."""
        return self._retry.attempt_times

    def retry_now(self) -> None:
        """While waiting to reconnect: connect now instead (the user's Retry now)."""
        self._retry.retry_now()

    # -- new settings and Reconnect without ending the conversation --------------------

    def reconfigure(
        self,
        settings: Settings,
        *,
        tool_declarations: Sequence[dict[str, Any]] | None = None,
        tool_instruction: str | None = None,
    ) -> Reconfigure:
        """Use new settings from now on, keeping the conversation: what the server sees
        changed moves the session to a new connection (made before the old one is left,
        between turns) that resumes with the handle; another model cannot resume this
        model's session, so it starts a new one seeded with the recent turns, said once."""
        talk_mode_changed = settings.talk_mode != self.settings.talk_mode
        change = self._connector.configure(settings, tool_declarations, tool_instruction)
        self._turns.stall_timeout_s = settings.stall_timeout_s
        log.info("new settings: %s", change.value)
        if change is Reconfigure.NONE:
            return change
        # Another model: the handle (its session's) is left unused (`Connector.resumable`).
        window = QUICK_SWITCH_S if talk_mode_changed else SETTINGS_SWITCH_S
        self._switching.want("settings", window, self._current.link if self._current else None)
        self._retry.retry_now()  # while waiting to reconnect, the next attempt carries them now
        return change

    def reconnect(self) -> None:
        """The user's Reconnect: a new connection that resumes the conversation (or, while
        waiting to reconnect, the next attempt now)."""
        if self._current is None:
            self._retry.retry_now()
            return
        self._switching.want("user", QUICK_SWITCH_S, self._current.link)

    # -- inputs (text, audio, frames, markers: `inputs.LiveInputs`) and tool responses ---

    def _typed(self, text: str) -> None:
        self._emit(self._decoder.transcript.typed(text))

    def send_tool_response(
        self,
        call_id: str,
        name: str,
        response: dict[str, Any],
        images: Sequence[ToolImage] = (),
        *,
        scheduling: str = "",
    ) -> str | None:
        """Answer a function call on the connection that issued it; never blocks. `images` go
        out as parts of the same function response, `scheduling` (3.8 Live) beside it. Returns None
        when it is being sent, else why not: a cancelled call (by the server, or because its
        connection was replaced: see `core.tool_calls`) or an unknown one is never answered."""
        return self._tools.respond(call_id, name, response, images, scheduling)

    def _tool_failed(self, link: Link, exc: BaseException) -> None:
        run = self._current
        if run is not None and run.link is link:
            run.failed(exc)
        self._wake.set()

    def _tools_settled(self, link: Link) -> None:
        self._turns.tool_answered(time.monotonic())
        self._wake.set()

    async def stop(self) -> None:
        """End the session cleanly; returns once `run()` has finished (if it was running)."""
        self._stopping.set()
        self._outbox.changed.set()
        self._wake.set()
        if self._machine.state is not SessionState.IDLE:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._finished.wait(), 5.0)

    # -- the life cycle -----------------------------------------------------------------

    async def run(self) -> None:
        try:
            self._fire(Trigger.START)
            while not self._stopping.is_set():
                failure, after_go_away = await self._connect_and_serve()
                if failure is None or self._stopping.is_set():
                    break
                if self._lost_at is None:
                    self._lost_at = time.monotonic()
                if not await self._after_failure(failure, after_go_away):
                    return
                if not self._stopping.is_set():
                    self._fire(Trigger.START)
            # A reply still streaming when the user stops was cut off: keep it, marked.
            self._emit_all(self._decoder.transcript.close_all(interrupted=True))
            self._fire(Trigger.STOP)
        finally:
            self._switching.end()
            await self._closer.wait(5.0)
            self._finished.set()

    async def _after_failure(self, failure: Failure, after_go_away: bool) -> bool:
        """Decide and wait; False when the session ends here (fatal)."""
        plan = self._retry.judge(
            failure,
            during_setup=self._during_setup,
            resuming=self._resuming,
            after_go_away=after_go_away,
        )
        poisoned = None
        if not after_go_away and not self._during_setup and plan.verdict.action is not Action.STOP:
            poisoned = self._turns.connection_failed((failure.code, failure.cause))
        self._connection_ended()
        if poisoned is not None:
            log.warning("the server failed twice on %r: not sending it again", poisoned.text)
            self._emit(NotDelivered(poisoned.text, "the server failed on it twice"))
        if plan.verdict.action is Action.FRESH or failure.drop_handle:
            self._forget_handle()
        message = plan.verdict.message
        if plan.fatal:
            self._emit(SessionError(message, failure.code, fatal=True))
            self._fire(Trigger.FAILED, message)
            return False
        self._emit(SessionError(message, failure.code, fatal=False))
        self._fire(Trigger.LOST, message, round(plan.delay_s, 1))
        await self._retry.wait(plan.delay_s, self._stopping)
        return True

    async def _connect_and_serve(self) -> tuple[Failure | None, bool]:
        """(None, _) when stopped by the user; otherwise why the connection ended, and
        whether the server had announced it (goAway)."""
        self._during_setup = True
        self._resuming = self._connector.resumable() is not None
        try:
            link = await self._connector.open()
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            return (None if self._stopping.is_set() else self._connector.failure_of(exc)), False
        self._during_setup = False
        self._resuming = link.resumed_from is not None
        self._fire(Trigger.CONNECTED, self.endpoint.label)
        # The serve loop moves on to other links (goAway, new settings): this frame must not
        # keep the first one, or its closed connection (~0.5 MB) stays until the loop ends.
        serving = self._serve(self._start_run(link), self._lost_at)
        del link
        return await serving

    # -- what the server says (serving one connection: `serving.Serving`) ---------------

    def _on_message(self, message: dict[str, Any], link: Link) -> None:
        events = self._decoder.decode(message)
        if any(isinstance(e, ResumptionUpdate) and e.resumable for e in events):
            self._connector.handle_model = link.model  # a handle resumes its model's session
        now = time.monotonic()
        settled_tools = self._tools.observe(events, link.index)
        turn_complete = any(isinstance(e, TurnComplete) for e in events)
        self._turns.heard(
            now,
            model_turn=any(_model_side(e) for e in events),
            turn_complete=turn_complete,
            tool_call=any(isinstance(e, ToolCallRequested) for e in events),
            handle=any(isinstance(e, ResumptionUpdate) and e.resumable for e in events),
            generation_complete=any(isinstance(e, GenerationComplete) for e in events),
        )
        if settled_tools:
            # Every open call was cancelled: the server owes the rest of the turn again.
            self._turns.tool_answered(now)
        if self._retry.heard() or (turn_complete and self._retry.proved()):
            self._machine.healthy()
        for event in events:
            if isinstance(event, GoAway):
                if self._current is not None and self._current.link is link:
                    self._current.go_away = True
                log.info("goAway: %.1f s left; preparing the next connection", event.time_left_s)
                self._switching.go_away(event)
            self._emit(event)
            if isinstance(event, GoAway | TurnComplete | ResumptionUpdate):
                self._wake.set()

    def _forget_handle(self) -> None:
        self._memory.forget_handle()

    # -- events -------------------------------------------------------------------------

    def _fire(self, trigger: Trigger, detail: str = "", retry_in_s: float = 0.0) -> None:
        change = self._machine.fire(trigger, detail, retry_in_s)
        if change is not None:
            self._emit(change)

    def _emit_all(self, events: Sequence[Event]) -> None:
        for event in events:
            self._emit(event)

    def _emit(self, event: Event) -> None:
        self._memory.observe(event)
        try:
            self._on_event(event)
        except Exception:
            # A consumer's bug must not end the conversation.
            log.exception("event consumer failed on %s", type(event).__name__)
