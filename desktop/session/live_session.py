"""One Gemini Live conversation over google-genai: connect, serve turns, reconnect.

A thin edge: what to send is decided by `core.live_config`, what a server message means by
`core.live_codec`, what an error means by `core.failures`, and the life cycle by
`core.session_machine`. This module moves data between the SDK and those, and calls
`on_event` with `core.events` values on the asyncio loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import socket
import ssl
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import websockets.exceptions
from google import genai
from google.genai import errors as genai_errors
from google.genai import types

from desktop.core.events import Event, ResumptionUpdate, SessionError, SessionState
from desktop.core.failures import Failure, FailureKind, classify
from desktop.core.live_codec import LiveEventDecoder
from desktop.core.live_config import MAX_MESSAGE_BYTES, build_connect_config, model_path
from desktop.core.session_machine import Backoff, SessionMachine, Trigger
from desktop.session.endpoint import Endpoint
from desktop.settings import Settings

log = logging.getLogger(__name__)

API_VERSION = "v1beta"
OPEN_TIMEOUT_S = 15.0
PING_INTERVAL_S = 20.0


class Input(StrEnum):
    TEXT = "text"
    AUDIO = "audio"
    VIDEO = "video"
    ACTIVITY_START = "activity_start"
    ACTIVITY_END = "activity_end"
    AUDIO_STREAM_END = "audio_stream_end"


@dataclass(frozen=True)
class _Outgoing:
    kind: Input
    text: str = ""
    data: bytes = b""
    mime_type: str = ""


# Media waiting while the connection is busy or down is bounded: stale audio and frames are
# worth less than a prompt session. Text and activity markers are never dropped.
MAX_QUEUED_MEDIA = 100


def build_client(endpoint: Endpoint, settings: Settings) -> genai.Client:
    """The SDK client. Its WebSocket options tolerate Google's slow ping replies."""
    ws_args: dict[str, Any] = {
        "ping_interval": PING_INTERVAL_S,
        "ping_timeout": settings.ping_timeout_s,
        "max_size": MAX_MESSAGE_BYTES,
        "open_timeout": OPEN_TIMEOUT_S,
    }
    if endpoint.ca_file:
        ws_args["ssl"] = ssl.create_default_context(cafile=endpoint.ca_file)
    options = types.HttpOptions(
        api_version=API_VERSION, base_url=endpoint.base_url, async_client_args=ws_args
    )
    return genai.Client(api_key=endpoint.api_key, http_options=options)


def failure_from_exception(exc: BaseException, where: str) -> Failure:
    """Map what the SDK and websockets raise to a `Failure` (message + retry policy)."""
    if isinstance(exc, genai_errors.APIError):
        reason = exc.details if isinstance(exc.details, str) else (exc.message or "")
        kind = FailureKind.HTTP if isinstance(exc.code, int) and exc.code < 1000 else None
        return classify(kind or FailureKind.CLOSED, exc.code, str(reason), where)
    if isinstance(exc, ssl.SSLCertVerificationError):
        return classify(FailureKind.TLS, reason=exc.verify_message or str(exc), where=where)
    if isinstance(exc, ssl.SSLError):
        return classify(FailureKind.TLS, reason=exc.reason or str(exc), where=where)
    if isinstance(exc, websockets.exceptions.InvalidStatus):
        return classify(FailureKind.HTTP, exc.response.status_code, where=where)
    if isinstance(exc, websockets.exceptions.InvalidHandshake | websockets.exceptions.InvalidURI):
        return classify(FailureKind.HTTP, None, str(exc), where)
    if isinstance(exc, websockets.exceptions.ConnectionClosed):
        frame = exc.rcvd
        return classify(
            FailureKind.CLOSED, frame.code if frame else 1006, frame.reason if frame else "", where
        )
    if isinstance(exc, ConnectionRefusedError):
        return classify(FailureKind.REFUSED, where=where)
    if isinstance(exc, TimeoutError):
        return classify(FailureKind.TIMEOUT, where=where)
    if isinstance(exc, socket.gaierror | OSError):
        return classify(FailureKind.UNREACHABLE, reason=str(exc), where=where)
    if isinstance(exc, ValueError):
        return classify(FailureKind.MALFORMED, reason=str(exc)[:200], where=where)
    return classify(FailureKind.INTERNAL, reason=f"{type(exc).__name__}: {exc}", where=where)


async def _deliver(sdk_session: Any, item: _Outgoing) -> None:
    """One realtime input per call, as the SDK requires; never the deprecated `send()`."""
    if item.kind is Input.TEXT:
        await sdk_session.send_realtime_input(text=item.text)
    elif item.kind is Input.AUDIO:
        await sdk_session.send_realtime_input(
            audio=types.Blob(data=item.data, mime_type=item.mime_type)
        )
    elif item.kind is Input.VIDEO:
        await sdk_session.send_realtime_input(
            video=types.Blob(data=item.data, mime_type=item.mime_type)
        )
    elif item.kind is Input.ACTIVITY_START:
        await sdk_session.send_realtime_input(activity_start=types.ActivityStart())
    elif item.kind is Input.ACTIVITY_END:
        await sdk_session.send_realtime_input(activity_end=types.ActivityEnd())
    elif item.kind is Input.AUDIO_STREAM_END:
        await sdk_session.send_realtime_input(audio_stream_end=True)


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
    ) -> None:
        self.endpoint = endpoint
        self.settings = settings
        self._on_event = on_event
        self._machine = SessionMachine()
        self._decoder = LiveEventDecoder(clock)
        self._backoff = backoff or Backoff()
        self._max_attempts = max_attempts
        self._rng = rng or random.Random()
        self._outbox: deque[_Outgoing] = deque()
        self._queued_media = 0
        self.dropped_media = 0
        self._outbox_changed = asyncio.Event()
        self._stopping = asyncio.Event()
        self._finished = asyncio.Event()
        self._handle: str | None = None
        self._client: genai.Client | None = None

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
        self._enqueue(_Outgoing(Input.TEXT, text=text))

    def send_audio(self, pcm: bytes, sample_rate: int = 16_000) -> None:
        """One block of mono PCM16 little-endian mic audio (20-40 ms is right); never blocks."""
        if pcm:
            self._enqueue(
                _Outgoing(Input.AUDIO, data=pcm, mime_type=f"audio/pcm;rate={sample_rate}")
            )

    def send_video(self, jpeg: bytes) -> None:
        """One JPEG frame of the shared picture; never blocks."""
        if jpeg:
            self._enqueue(_Outgoing(Input.VIDEO, data=jpeg, mime_type="image/jpeg"))

    def send_activity_start(self) -> None:
        """Push-to-talk pressed (automatic activity detection must be off)."""
        self._enqueue(_Outgoing(Input.ACTIVITY_START))

    def send_activity_end(self) -> None:
        """Push-to-talk released: the model answers what it heard since the start."""
        self._enqueue(_Outgoing(Input.ACTIVITY_END))

    def send_audio_stream_end(self) -> None:
        """The mic paused or was muted (hands-free mode): flush the server's VAD."""
        self._enqueue(_Outgoing(Input.AUDIO_STREAM_END))

    def _enqueue(self, item: _Outgoing) -> None:
        if item.kind in (Input.AUDIO, Input.VIDEO):
            if self._queued_media >= MAX_QUEUED_MEDIA:
                self._drop_oldest_media()
            self._queued_media += 1
        self._outbox.append(item)
        self._outbox_changed.set()

    def _drop_oldest_media(self) -> None:
        for i, queued in enumerate(self._outbox):
            if queued.kind in (Input.AUDIO, Input.VIDEO):
                del self._outbox[i]
                self._queued_media -= 1
                self.dropped_media += 1
                return

    async def stop(self) -> None:
        """End the session cleanly; returns once `run()` has finished (if it was running)."""
        self._stopping.set()
        self._outbox_changed.set()
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
                self._emit_all(self._decoder.connection_lost())
                if failure.drop_handle:
                    self._handle = None
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
            self._finished.set()

    async def _connect_and_serve(self) -> Failure | None:
        """None when stopped by the user; otherwise why the connection ended."""
        try:
            if self._client is None:
                self._client = build_client(self.endpoint, self.settings)
            config = build_connect_config(self.settings, resume_handle=self._handle)
            async with self._client.aio.live.connect(
                model=model_path(self.settings.model),
                config=config,  # type: ignore[arg-type]
            ) as sdk_session:
                self._fire(Trigger.CONNECTED, self.endpoint.label)
                return await self._serve(sdk_session)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            if self._stopping.is_set():
                return None
            failure = failure_from_exception(exc, self.endpoint.where)
            log.info("connection ended: %s (%r)", failure.message, exc)
            if failure.message.startswith("Internal error"):
                log.exception("unexpected failure in the live session")
            return failure

    async def _serve(self, sdk_session: Any) -> Failure | None:
        receiving = asyncio.create_task(self._receive_loop(sdk_session), name="live-receive")
        sending = asyncio.create_task(self._send_loop(sdk_session), name="live-send")
        stopping = asyncio.create_task(self._stopping.wait(), name="live-stop")
        tasks = {receiving, sending, stopping}
        try:
            done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        if stopping in done:
            return None
        for task in (receiving, sending):
            if task in done and task.exception() is not None:
                raise task.exception()  # type: ignore[misc]
        return classify(FailureKind.CLOSED, 1006, "", self.endpoint.where)

    async def _receive_loop(self, sdk_session: Any) -> None:
        # receive() ends after every turnComplete, so loop over it for the next turn.
        while True:
            async for message in sdk_session.receive():
                self._emit_all(self._decoder.decode(message.model_dump(exclude_none=True)))

    async def _send_loop(self, sdk_session: Any) -> None:
        while True:
            while self._outbox:
                item = self._outbox[0]
                await _deliver(sdk_session, item)
                # Only once the SDK took it: a drop before this keeps it for the next connection.
                self._outbox.popleft()
                if item.kind in (Input.AUDIO, Input.VIDEO):
                    self._queued_media -= 1
            self._outbox_changed.clear()
            await self._outbox_changed.wait()

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
        try:
            self._on_event(event)
        except Exception:
            # A consumer's bug must not end the conversation.
            log.exception("event consumer failed on %s", type(event).__name__)
