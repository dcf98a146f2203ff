"""One client connection: thin I/O glue between a WebSocket and a `Conversation`."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import struct
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from desktop.emulator.access import Target, authorised, read_target
from desktop.emulator.conversation import Conversation, Decision, Message, ReplyPlan
from desktop.emulator.faults import UNKNOWN_MESSAGE, Fault, FaultKind, split_late
from desktop.emulator.models import personality_for, preview_closing
from desktop.emulator.setup import parse_setup
from desktop.emulator.wire import (
    CLOSE_INVALID,
    CLOSE_POLICY,
    REASON_BAD_HANDLE,
    REASON_BAD_KEY,
    REASON_NOT_SETUP,
    WireError,
    client_events,
    decode_frame,
    encode,
    format_duration,
)

if TYPE_CHECKING:
    from desktop.emulator.server import LiveEmulator

log = logging.getLogger(__name__)

INVALID_FRAME = b"emulator fault: this frame is not JSON"
MAX_REASON_BYTES = 123


def close_reason(reason: str) -> str:
    """A close reason trimmed to the 123 bytes a close frame can carry."""
    data = reason.encode("utf-8")[:MAX_REASON_BYTES]
    return data.decode("utf-8", errors="ignore")


def _retrieve(task: asyncio.Future[None]) -> None:
    """Mark a shielded send's exception as seen (its caller may have been cancelled)."""
    if not task.cancelled():
        task.exception()


class Connection:
    def __init__(self, emu: LiveEmulator, ws: ServerConnection, index: int) -> None:
        self.emu = emu
        self.ws = ws
        self.index = index
        self.conv: Conversation | None = None
        self.closed = False
        self._send_lock = asyncio.Lock()
        self._unstalled = asyncio.Event()
        self._unstalled.set()
        self._reply_task: asyncio.Task[None] | None = None
        self._delivered = 0
        self._queued_reply = False
        self._results_waiting = False  # asynchronous results to speak once idle
        self._deferred_tools: list[tuple[str, dict[str, Any]]] = []
        self._tasks: set[asyncio.Task[Any]] = set()

    # --- lifecycle ---------------------------------------------------------------------------

    async def run(self) -> None:
        try:
            await self._serve()
        except ConnectionClosed:
            pass
        except WireError as exc:
            await self.close(exc.code, exc.reason)
        except Exception:
            log.exception("connection %d failed", self.index)
            with contextlib.suppress(Exception):
                await self.close(1011, "Internal error encountered.")
        finally:
            self.closed = True
            current = asyncio.current_task()
            for task in [self._reply_task, *self._tasks]:
                if task is not None and task is not current and not task.done():
                    task.cancel()

    def spawn(self, coro: Awaitable[Any]) -> asyncio.Task[Any]:
        async def guarded() -> Any:
            try:
                return await coro
            except ConnectionClosed:
                return None
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("connection %d: background task failed", self.index)
                return None

        task = asyncio.get_running_loop().create_task(guarded())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def target(self) -> Target:
        request = self.ws.request
        return read_target(request.path if request else "", request.headers if request else None)

    async def _serve(self) -> None:
        target = self.target()
        version = target.version or "v1beta"
        decoded = decode_frame(await self.ws.recv())
        self.emu._record_received(self.index, decoded)
        if decoded.kind != "setup":
            raise WireError(REASON_NOT_SETUP, CLOSE_INVALID)
        if not authorised(target, self.emu.api_key, self.emu.ephemeral_tokens):
            raise WireError(REASON_BAD_KEY, CLOSE_INVALID)
        config = parse_setup(decoded.msg["setup"], version, self.emu.known_models)
        refusal = self.emu._claim_setup_fault(after_setup=False)
        if refusal is not None:
            log.info("connection %d: setup fault %s", self.index, refusal.kind.value)
            await self.apply_fault(refusal)
            return
        state = None
        if config.resume_handle:
            state = self.emu.store.restore(config.resume_handle)
            if state is None:
                raise WireError(REASON_BAD_HANDLE, CLOSE_POLICY)
            log.info("connection %d resumes after %d replies", self.index, state.replies)
        self.conv = Conversation(
            config,
            knobs=self.emu,
            state=state,
            store=self.emu.store,
            call_id_prefix=f"function-call-{self.index}",
        )
        await self.send({"setupComplete": {}})
        crash = self.emu._claim_setup_fault(after_setup=True)
        if crash is not None:
            log.info("connection %d: fault right after setup: %s", self.index, crash.kind.value)
            await self.apply_fault(crash)
            return
        while True:
            frame = await self.ws.recv()
            await self._unstalled.wait()
            await self._on_frame(frame)

    async def _on_frame(self, frame: str | bytes) -> None:
        assert self.conv is not None
        decoded = decode_frame(frame)
        events = client_events(decoded)
        self.emu._record_received(self.index, decoded)
        poison = self.emu._poison_fault(events)
        if poison is not None:
            log.info("connection %d: failing on a poison input", self.index)
            await self.apply_fault(poison)
            return
        for event in events:
            await self._apply(self.conv.handle(event))

    async def _apply(self, decision: Decision) -> None:
        assert self.conv is not None
        if decision.interrupt and self.conv.busy:
            await self._cut()
        if decision.resume:
            self._start(lambda conv: conv.continue_after_tools(self.emu._take_script()))
        if decision.results:
            self._results_waiting = True
            if not self.conv.busy:
                self._after_turn()
        if decision.respond:
            if self.conv.busy:
                self._queued_reply = True
            else:
                self.start_reply()

    # --- replies -----------------------------------------------------------------------------

    def start_reply(self, tool_call: tuple[str, dict[str, Any]] | None = None) -> None:
        tool_call = tool_call or self.emu._take_tool_call()
        script = None if tool_call else self.emu._take_script()
        self._start(lambda conv: conv.begin_reply(script, tool_call))

    def _start(self, plan_of: Callable[[Conversation], ReplyPlan]) -> None:
        assert self.conv is not None
        plan = plan_of(self.conv)
        previous = self._reply_task
        self._reply_task = asyncio.get_running_loop().create_task(self._stream(plan, previous))

    async def _stream(self, plan: ReplyPlan, previous: asyncio.Task[None] | None) -> None:
        assert self.conv is not None
        if previous is not None and not previous.done():
            # Let the previous turn finish its closing messages. asyncio.wait neither raises
            # the previous task's outcome nor cancels it if this reply is cut meanwhile.
            await asyncio.wait([previous])
        self._delivered = 0
        faults = [] if plan.awaits_tools else self.emu._claim_scheduled()
        quirks = self.emu.quirks
        steps, late = plan.steps, ""
        if not plan.awaits_tools and quirks.take("late_transcription"):
            steps, late = split_late(plan.steps)
        chunks = 0
        try:
            if self.emu.reply_delay_s > 0:
                await asyncio.sleep(self.emu.reply_delay_s)
            for step in steps:
                await self.send(step.message)
                self._delivered += 1
                if step.audio_chunk:
                    chunks += 1
                    faults = await self._fire(faults, lambda k: k <= chunks)  # noqa: B023
                if self.closed:
                    return
                if step.audio_chunk or not plan.awaits_tools:
                    await asyncio.sleep(self.emu.chunk_delay_s)
            faults = await self._fire(faults, lambda k: True)
            if plan.awaits_tools or self.closed:
                return
            closing = self.conv.complete_reply()
            if self.emu.preview_quirks and personality_for(self.conv.config.model).preview_quirks:
                closing = preview_closing(closing, self.conv.state.replies)
            for message in quirks.closing(closing):
                await self.send(message)
            if late:
                await asyncio.sleep(quirks.late_delay_s)
                await self.send({"serverContent": {"outputTranscription": {"text": late}}})
        except ConnectionClosed:
            return
        self._after_turn()

    async def _fire(
        self, faults: list[tuple[Fault, int]], due: Callable[[int], bool]
    ) -> list[tuple[Fault, int]]:
        left = []
        for fault, after in faults:
            if due(after) and not self.closed:
                log.info("connection %d: mid-reply fault %s", self.index, fault.kind.value)
                await self.apply_fault(fault)
            else:
                left.append((fault, after))
        return left

    def _after_turn(self) -> None:
        assert self.conv is not None
        if self.closed or self.conv.busy:
            return
        if self._results_waiting and self.conv.async_results:
            self._results_waiting = False
            self._start(lambda conv: conv.speak_results(self.emu._take_script()))
        elif self._deferred_tools:
            self.start_reply(self._deferred_tools.pop(0))
        elif self._queued_reply and self.conv.has_pending_input:
            self._queued_reply = False
            self.start_reply()

    async def _cut(self) -> None:
        assert self.conv is not None
        task = self._reply_task
        if task is not None and not task.done() and task is not asyncio.current_task():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        log.info("connection %d: reply interrupted after %d steps", self.index, self._delivered)
        for message in self.conv.interrupt(self._delivered):
            await self.send(message)
        self.emu._notify()

    # --- sending -----------------------------------------------------------------------------

    async def send(self, message: Message) -> None:
        """Send one message; a cancelled caller does not cut a frame in half."""
        await self._unstalled.wait()
        sending = asyncio.ensure_future(self._send_now(message))
        sending.add_done_callback(_retrieve)
        await asyncio.shield(sending)

    async def _send_now(self, message: Message) -> None:
        async with self._send_lock:
            await self.ws.send(encode(message))
            self.emu._record_sent(self.index, message)

    async def close(self, code: int, reason: str) -> None:
        log.info("connection %d: closing with %d %s", self.index, code, reason)
        self.closed = True
        task = self._reply_task
        if task is not None and task is not asyncio.current_task():
            task.cancel()
        await self.ws.close(code, close_reason(reason))

    # --- scripting ---------------------------------------------------------------------------

    async def apply_fault(self, fault: Fault) -> None:
        self.emu.faults_applied.append((self.index, fault.kind.value))
        if fault.kind is FaultKind.GO_AWAY:
            await self.send({"goAway": {"timeLeft": format_duration(fault.time_left_s)}})
            self.spawn(self._close_later(fault))
        elif fault.kind is FaultKind.CLOSE:
            await self.close(fault.code, fault.reason)
        elif fault.kind is FaultKind.DROP:
            log.info("connection %d: dropping the TCP connection", self.index)
            self.closed = True
            self.ws.transport.abort()
        elif fault.kind is FaultKind.RESET:
            log.info("connection %d: resetting the TCP connection", self.index)
            self.closed = True
            sock = self.ws.transport.get_extra_info("socket")
            if sock is not None:
                with contextlib.suppress(OSError):
                    # Linger 0: close() sends RST instead of FIN.
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.ws.transport.abort()
        elif fault.kind is FaultKind.STALL:
            self._stall(fault.seconds)
        elif fault.kind is FaultKind.INVALID_JSON:
            async with self._send_lock:
                await self.ws.send(INVALID_FRAME)
        elif fault.kind is FaultKind.REFUSE_NEXT_HANDLE:
            self.emu.store.refuse_next = True
        elif fault.kind is FaultKind.UNKNOWN_MESSAGE:
            await self.send(UNKNOWN_MESSAGE)

    async def _close_later(self, fault: Fault) -> None:
        await asyncio.sleep(fault.time_left_s)
        if not self.closed:
            await self.close(fault.code, fault.reason)

    def _stall(self, seconds: float) -> None:
        log.info("connection %d: stalling for %.1f s", self.index, seconds)
        self._unstalled.clear()
        self.ws.transport.pause_reading()
        asyncio.get_running_loop().call_later(seconds, self.unstall)

    def unstall(self) -> None:
        if self._unstalled.is_set():
            return
        if not self.ws.transport.is_closing():
            self.ws.transport.resume_reading()
        self._unstalled.set()

    async def issue_tool_call(self, name: str, args: dict[str, Any]) -> None:
        if self.conv is None or self.closed:
            return
        if self.conv.busy:
            self._deferred_tools.append((name, args))
        else:
            self.start_reply((name, args))

    async def cancel_tool_calls(self, ids: list[str] | None) -> None:
        if self.conv is None or self.closed:
            return
        messages, ready = self.conv.cancel_tool_calls(ids)
        for message in messages:
            await self.send(message)
        if ready and self.emu.quirks.take("silent_after_cancel"):
            log.info("connection %d: silent after the cancellation", self.index)
        elif ready:
            self._start(lambda conv: conv.continue_after_tools(self.emu._take_script()))
