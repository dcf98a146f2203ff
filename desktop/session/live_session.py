"""One Gemini Live conversation over google-genai: connect, serve turns, survive every drop.

A thin edge: what to send is decided by `core.live_config`, what a server message means by
`core.live_codec`, what an error means by `core.failures`, the life cycle by
`core.session_machine`, and what to replay, when a server has stalled and when to switch
connections after a goAway by `core.resilience`. This module moves data between the SDK
(`sdk_io.Link`) and those, and calls `on_event` with `core.events` values on the asyncio loop.

- goAway: the next connection is opened with the newest handle while the old one still
  serves (make-before-break); the switch happens between turns, so nothing is cut or heard
  twice, and what the new connection has not taken (mic audio, text not answered yet) is
  replayed on it.
- A drop (1011, 1006, a reset, a stalled server): jittered capped back-off, resume with the
  handle, replay what was not answered. A refused handle starts a new session seeded with
  the recent conversation, and the user is told in one line (`Notice`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from google import genai

from desktop.core.events import (
    Event,
    GenerationComplete,
    GoAway,
    Interrupted,
    ModelAudio,
    Notice,
    ResumptionUpdate,
    Role,
    SessionError,
    SessionState,
    ToolCallCancelled,
    ToolCallRequested,
    TranscriptDelta,
    TranscriptLine,
    TurnComplete,
)
from desktop.core.failures import Failure, FailureKind, classify
from desktop.core.live_codec import LiveEventDecoder
from desktop.core.resilience import Handover, InputKind, TurnTracker, seed_turns
from desktop.core.session_machine import Backoff, SessionMachine, Trigger
from desktop.core.tool_calls import CallBook, ToolImage, Verdict
from desktop.session.endpoint import Endpoint
from desktop.session.handover import HandoverRunner, Switch
from desktop.session.outbox import MAX_QUEUED_MEDIA, Outbox
from desktop.session.sdk_io import Input, Link, Outgoing, build_client, failure_from_exception
from desktop.settings import Settings

__all__ = ["MAX_QUEUED_MEDIA", "Input", "LiveSession", "Switch", "build_client"]

log = logging.getLogger(__name__)

RECENT_LINES = 60  # answered lines kept to seed a new session


@dataclass
class _Run:
    """The tasks serving one link."""

    link: Link
    tasks: list[asyncio.Task[None]] = field(default_factory=list)
    failure: Failure | None = None


def _model_side(event: Event) -> bool:
    if isinstance(event, TranscriptDelta | TranscriptLine):
        return event.role is Role.MODEL
    return isinstance(event, ModelAudio | Interrupted | GenerationComplete | TurnComplete)


class LiveSession:
    """Runs one conversation until `stop()`; survives retryable drops by reconnecting.

    `max_attempts` bounds consecutive failed connection attempts (None: keep trying, as a
    desktop app should while the network is down; the headless mode sets a bound).
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
        rng: random.Random | None = None,
        tool_declarations: Sequence[dict[str, Any]] = (),
        tool_instruction: str = "",
    ) -> None:
        self.endpoint = endpoint
        self.settings = settings
        self._on_event = on_event
        self._machine = SessionMachine()
        self._decoder = LiveEventDecoder(clock)
        self._backoff = backoff or Backoff()
        self._max_attempts = max_attempts
        self._rng = rng or random.Random()
        self._outbox = Outbox()
        self._stopping = asyncio.Event()
        self._finished = asyncio.Event()
        self._wake = asyncio.Event()
        self._handle: str | None = None
        self._handle_gen = 0  # bumped with every new (or dropped) handle
        self._client: genai.Client | None = None
        self._turns: TurnTracker[Outgoing] = TurnTracker(settings.stall_timeout_s)
        self._answered: deque[tuple[Role, str]] = deque(maxlen=RECENT_LINES)
        self._unanswered: list[tuple[Role, str]] = []
        self._links = 0
        self._lost_at: float | None = None
        self._handover: HandoverRunner | None = None
        self._closing: set[asyncio.Task[None]] = set()
        self.switches: list[Switch] = []
        # Function calling: declarations for the connect config, open calls per connection.
        self._tool_declarations = list(tool_declarations)
        self._tool_instruction = tool_instruction
        self._calls = CallBook()
        self._current: _Run | None = None
        self._responses: set[asyncio.Task[None]] = set()

    @property
    def state(self) -> SessionState:
        return self._machine.state

    @property
    def resumption_handle(self) -> str | None:
        return self._handle

    # -- inputs -------------------------------------------------------------------------

    def send_text(self, text: str) -> None:
        """Show the typed line at once and deliver it when live; never blocks or raises."""
        text = text.strip()
        if not text:
            return
        self._emit(self._decoder.transcript.typed(text))
        self._enqueue(Outgoing(Input.TEXT, text=text))

    def send_audio(self, pcm: bytes, sample_rate: int = 16_000) -> None:
        """One block of mono PCM16 little-endian mic audio (20-40 ms is right); never blocks."""
        if pcm:
            self._enqueue(
                Outgoing(Input.AUDIO, data=pcm, mime_type=f"audio/pcm;rate={sample_rate}")
            )

    def send_video(self, jpeg: bytes) -> None:
        """One JPEG frame of the shared picture; never blocks."""
        if jpeg:
            self._enqueue(Outgoing(Input.VIDEO, data=jpeg, mime_type="image/jpeg"))

    def send_activity_start(self) -> None:
        """Push-to-talk pressed (automatic activity detection must be off)."""
        self._enqueue(Outgoing(Input.ACTIVITY_START))

    def send_activity_end(self) -> None:
        """Push-to-talk released: the model answers what it heard since the start."""
        self._enqueue(Outgoing(Input.ACTIVITY_END))

    def send_audio_stream_end(self) -> None:
        """The mic paused or was muted (hands-free mode): flush the server's VAD."""
        self._enqueue(Outgoing(Input.AUDIO_STREAM_END))

    def send_tool_response(
        self,
        call_id: str,
        name: str,
        response: dict[str, Any],
        images: Sequence[ToolImage] = (),
    ) -> str | None:
        """Answer a function call on the connection that issued it; never blocks. `images` go
        out as parts of the same function response. Returns None
        when it is being sent, else why not: a cancelled call (by the server, or because its
        connection was replaced: see `core.tool_calls`) or an unknown one is never answered."""
        verdict = self._calls.answer(call_id)
        run = self._current
        if verdict is not Verdict.SEND:
            return verdict.value
        if run is None:
            return Verdict.CANCELLED.value
        task = asyncio.ensure_future(self._respond(run, call_id, name, response, tuple(images)))
        self._responses.add(task)
        task.add_done_callback(self._responses.discard)
        return None

    async def _respond(
        self,
        run: _Run,
        call_id: str,
        name: str,
        response: dict[str, Any],
        images: tuple[ToolImage, ...] = (),
    ) -> None:
        try:
            await run.link.respond(call_id, name or self._calls.name_of(call_id), response, images)
        except Exception as exc:
            run.failure = run.failure or self._failure_of(exc)
            self._wake.set()
            return
        if self._current is run and not self._calls.open_on(run.link.index):
            self._turns.tool_answered(time.monotonic())
            self._wake.set()

    def _enqueue(self, item: Outgoing) -> None:
        self._outbox.put(item)

    @property
    def dropped_media(self) -> int:
        return self._outbox.dropped_media

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
                failure = await self._connect_and_serve()
                if failure is None or self._stopping.is_set():
                    break
                if self._lost_at is None:
                    self._lost_at = time.monotonic()
                self._connection_ended()
                if failure.drop_handle:
                    self._forget_handle()
                attempts_left = self._max_attempts is None or (
                    self._machine.attempt + 1 < self._max_attempts
                )
                if not (failure.retryable and attempts_left):
                    self._emit(SessionError(failure.message, failure.code, fatal=True))
                    self._fire(Trigger.FAILED, failure.message)
                    return
                self._emit(SessionError(failure.message, failure.code, fatal=False))
                self._fire(Trigger.LOST, failure.message)
                delay = self._backoff.delay(self._machine.attempt, self._rng)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stopping.wait(), delay)
                if not self._stopping.is_set():
                    self._fire(Trigger.START)
            # A reply still streaming when the user stops was cut off: keep it, marked.
            self._emit_all(self._decoder.transcript.close_all(interrupted=True))
            self._fire(Trigger.STOP)
        finally:
            self._end_handover()
            if self._closing:
                await asyncio.wait(set(self._closing), timeout=5.0)
            self._finished.set()

    async def _connect_and_serve(self) -> Failure | None:
        """None when stopped by the user; otherwise why the connection ended."""
        try:
            link = await self._open_link()
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            return None if self._stopping.is_set() else self._failure_of(exc)
        self._fire(Trigger.CONNECTED, self.endpoint.label)
        return await self._serve(link, self._lost_at)

    async def _open_link(self) -> Link:
        if self._client is None:
            self._client = build_client(self.endpoint, self.settings)
        handle = self._handle if self.settings.session_resumption else None
        seed = [] if handle else seed_turns(list(self._answered))
        self._links += 1
        try:
            link = await Link.open(
                self._client,
                self.settings,
                index=self._links,
                handle=handle,
                seed=seed,
                tools=self._tool_declarations,
                tool_instruction=self._tool_instruction,
            )
        except Exception as exc:
            if not seed or failure_from_exception(exc, "").retryable:
                raise
            # A model that does not take initial history must not end the conversation.
            log.warning("the server refused the seeded history (%s); starting without it", exc)
            seed = []
            link = await Link.open(
                self._client,
                self.settings,
                index=self._links,
                handle=None,
                tools=self._tool_declarations,
                tool_instruction=self._tool_instruction,
            )
        if not handle and self._answered:
            link.notice = (
                f"Started a new session with the last {sum(1 for _ in seed)} turns as context."
                if seed
                else "Started a new session; the model does not know the earlier conversation."
            )
        return link

    def _failure_of(self, exc: BaseException) -> Failure:
        failure = failure_from_exception(exc, self.endpoint.where)
        log.info("connection ended: %s (%r)", failure.message, exc)
        if failure.message.startswith("Internal error"):
            log.error("unexpected failure in the live session", exc_info=exc)
        return failure

    # -- serving one connection, and moving to the next ---------------------------------

    async def _serve(self, link: Link, lost_at: float | None) -> Failure | None:
        run = self._start_run(link)
        if lost_at is not None:
            self._record("reconnect", lost_at, run)
            self._lost_at = None
        try:
            while True:
                self._wake.clear()
                if self._stopping.is_set():
                    return None
                now = time.monotonic()
                if run.failure is None and self._turns.overdue(now):
                    log.warning("link %d: the server stopped answering", run.link.index)
                    run.failure = classify(FailureKind.STALLED, where=self.endpoint.where)
                if self._handover is not None:
                    switched = self._advance_handover(run, now)
                    if switched is not None:
                        run = switched
                        continue
                if run.failure is not None and self._handover is None:
                    return run.failure
                await self._sleep(now)
        finally:
            self._stop_run(run)
            self._end_handover()

    def _start_run(self, link: Link) -> _Run:
        run = _Run(link)
        self._current = run
        replay = deque(self._turns.replay())
        self._turns.connection_changed(time.monotonic())
        if link.notice:
            self._emit(Notice(link.notice))
        run.tasks = [
            asyncio.create_task(self._receive(run), name=f"live-receive-{link.index}"),
            asyncio.create_task(self._send(run, replay), name=f"live-send-{link.index}"),
        ]
        return run

    def _stop_run(self, run: _Run) -> None:
        for task in run.tasks:
            task.cancel()
        self._close_link(run.link)
        if self._current is run:
            self._current = None
        # Calls the old connection asked for are never answered on another one.
        gone = self._calls.connection_gone(run.link.index)
        self._calls.forget_link(run.link.index)
        if gone:
            self._emit(ToolCallCancelled(tuple(gone)))

    def _close_link(self, link: Link) -> None:
        closing = link.close_soon()
        self._closing.add(closing)
        closing.add_done_callback(self._closing.discard)

    def _connection_ended(self) -> None:
        """Lines and audio in flight on the connection that ended."""
        if self._turns.in_turn:
            self._emit(Interrupted())  # the speaker drops the cut reply's queued audio
        replaying_audio = InputKind.AUDIO in self._turns.replay_kinds()
        self._emit_all(self._decoder.connection_changed(replaying_audio=replaying_audio))

    def _record(self, kind: str, started_at: float, run: _Run, forced: bool = False) -> None:
        replayed = self._turns.replay_kinds()
        self.switches.append(
            Switch(
                kind,
                started_at,
                time.monotonic(),
                len(replayed),
                self._turns.replay_audio_s,
                forced,
            )
        )
        log.info("link %d serving after %s (%s)", run.link.index, kind, self.switches[-1])

    async def _sleep(self, now: float) -> None:
        # A missing deadline is no deadline: `(None or now) + 0.01` woke the loop every 10 ms
        # forever (~6 % of a core in an idle window).
        stall = self._turns.stall_deadline(now)
        deadlines = [now + 1.0] + ([stall + 0.01] if stall is not None else [])
        if self._handover is not None:
            settle = self._turns.settle_deadline()
            deadlines.append(self._handover.handover.deadline)
            if settle is not None:
                deadlines.append(settle + 0.01)
        timeout = min(d - now for d in deadlines if d > now)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout)

    async def _receive(self, run: _Run) -> None:
        try:
            async for message in run.link.messages():
                self._on_message(message, run.link.index)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            run.failure = run.failure or self._failure_of(exc)
        finally:
            self._wake.set()

    async def _send(self, run: _Run, replay: deque[Outgoing]) -> None:
        link = run.link
        try:
            while replay:
                await link.deliver(replay[0])
                replay.popleft()
            while True:
                while self._outbox:
                    await link.deliver(self._outbox.peek())
                    # Only once the SDK took it: a drop before this keeps it for the next link.
                    item = self._outbox.taken()
                    self._turns.sent(item, item.kind, time.monotonic(), item.seconds)
                self._outbox.changed.clear()
                await self._outbox.changed.wait()
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            run.failure = run.failure or self._failure_of(exc)
        finally:
            self._wake.set()

    def _on_message(self, message: dict[str, Any], link: int = 0) -> None:
        events = self._decoder.decode(message)
        for event in events:
            if isinstance(event, ToolCallRequested):
                for call in event.calls:
                    self._calls.issued(call.call_id, call.name, link)
            elif isinstance(event, ToolCallCancelled):
                self._calls.cancelled(event.call_ids)
        self._turns.heard(
            time.monotonic(),
            model_turn=any(_model_side(e) for e in events),
            turn_complete=any(isinstance(e, TurnComplete) for e in events),
            tool_call=any(isinstance(e, ToolCallRequested) for e in events),
            handle=any(isinstance(e, ResumptionUpdate) and e.resumable for e in events),
        )
        for event in events:
            if isinstance(event, GoAway) and self._handover is None:
                self._begin_handover(event)
            self._emit(event)
            if isinstance(event, GoAway | TurnComplete | ResumptionUpdate):
                self._wake.set()

    # -- make-before-break --------------------------------------------------------------

    def _begin_handover(self, event: GoAway) -> None:
        log.info("goAway: %.1f s left; preparing the next connection", event.time_left_s)
        self._handover = HandoverRunner(
            Handover(time.monotonic(), event.time_left_s),
            open_link=self._open_link,
            close_link=self._close_link,
            failure_of=self._failure_of,
            refused_handle=self._forget_handle,
            handle_gen=lambda: self._handle_gen,
            wake=self._wake.set,
        )

    def _advance_handover(self, run: _Run, now: float) -> _Run | None:
        runner = self._handover
        assert runner is not None
        link = runner.step(
            now, old_busy=not self._turns.settled(now), old_alive=run.failure is None
        )
        if runner.ended:
            self._handover = None
        if link is None:
            return None
        forced = run.failure is None and self._turns.busy
        self._stop_run(run)
        self._connection_ended()
        new = self._start_run(link)
        self._record("handover", runner.handover.received_at, new, forced)
        return new

    def _end_handover(self) -> None:
        if self._handover is not None:
            self._handover.end()
            self._handover = None

    def _forget_handle(self) -> None:
        self._handle = None
        self._handle_gen += 1

    # -- events -------------------------------------------------------------------------

    def _fire(self, trigger: Trigger, detail: str = "") -> None:
        change = self._machine.fire(trigger, detail)
        if change is not None:
            self._emit(change)

    def _emit_all(self, events: Sequence[Event]) -> None:
        for event in events:
            self._emit(event)

    def _emit(self, event: Event) -> None:
        if isinstance(event, ResumptionUpdate) and event.resumable:
            self._handle = event.handle
            self._handle_gen += 1
        elif isinstance(event, TranscriptLine):
            self._unanswered.append((event.role, event.text))
        elif isinstance(event, TurnComplete):
            self._answered.extend(self._unanswered)
            self._unanswered.clear()
        try:
            self._on_event(event)
        except Exception:
            # A consumer's bug must not end the conversation.
            log.exception("event consumer failed on %s", type(event).__name__)
