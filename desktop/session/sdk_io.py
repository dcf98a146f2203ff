"""The google-genai SDK edge: the client, one open connection (`Link`), and what its errors mean."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import ssl
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any

import websockets.exceptions
from google import genai
from google.genai import errors as genai_errors
from google.genai import types

from desktop.core.events import Role
from desktop.core.failures import Failure, FailureKind, classify
from desktop.core.live_config import MAX_MESSAGE_BYTES, build_connect_config, model_path
from desktop.core.resilience import InputKind
from desktop.core.tool_calls import ToolImage
from desktop.session.endpoint import Endpoint, normalise_base_url
from desktop.settings import Settings

log = logging.getLogger(__name__)

API_VERSION = "v1beta"
OPEN_TIMEOUT_S = 15.0
# The SDK waits for setupComplete after the handshake with no time limit of its own.
SETUP_TIMEOUT_S = 20.0
PING_INTERVAL_S = 20.0
# A connection we leave (stalled, replaced after goAway) must not hold anything up: its
# closing handshake gets this long, then the socket is dropped.
CLOSE_TIMEOUT_S = 2.0

Input = InputKind


@dataclass(frozen=True)
class Outgoing:
    kind: InputKind
    text: str = ""
    data: bytes = b""
    mime_type: str = ""

    @property
    def seconds(self) -> float:
        """Duration of an audio block (PCM16 mono at the rate in its MIME type)."""
        if self.kind is not InputKind.AUDIO:
            return 0.0
        rate = 16_000
        if "rate=" in self.mime_type:
            with contextlib.suppress(ValueError):
                rate = int(self.mime_type.split("rate=", 1)[1].split(";")[0])
        return len(self.data) / 2 / rate


_PART_LEVELS = {
    "low": types.PartMediaResolutionLevel.MEDIA_RESOLUTION_LOW,
    "medium": types.PartMediaResolutionLevel.MEDIA_RESOLUTION_MEDIUM,
    "high": types.PartMediaResolutionLevel.MEDIA_RESOLUTION_HIGH,
}


def function_response_part(image: ToolImage) -> types.FunctionResponsePart:
    """An inline JPEG part of a FunctionResponse, at the image's own media resolution."""
    level = _PART_LEVELS.get(image.media_resolution.lower().removeprefix("media_resolution_"))
    return types.FunctionResponsePart(
        inline_data=types.FunctionResponseBlob(mime_type="image/jpeg", data=image.jpeg),
        media_resolution=types.PartMediaResolution(level=level) if level else None,
    )


def build_client(endpoint: Endpoint, settings: Settings) -> genai.Client:
    """The SDK client. Its WebSocket options tolerate Google's slow ping replies."""
    ws_args: dict[str, Any] = {
        "ping_interval": PING_INTERVAL_S,
        "ping_timeout": settings.ping_timeout_s,
        "close_timeout": CLOSE_TIMEOUT_S,
        "max_size": MAX_MESSAGE_BYTES,
        "open_timeout": OPEN_TIMEOUT_S,
    }
    if endpoint.ca_file:
        ws_args["ssl"] = ssl.create_default_context(cafile=endpoint.ca_file)
    options = types.HttpOptions(
        api_version=API_VERSION,
        base_url=normalise_base_url(endpoint.base_url),
        async_client_args=ws_args,
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
    if isinstance(exc, ConnectionResetError | BrokenPipeError):
        return classify(FailureKind.CLOSED, 1006, "", where)
    if isinstance(exc, ConnectionRefusedError):
        return classify(FailureKind.REFUSED, where=where)
    if isinstance(exc, TimeoutError):
        return classify(FailureKind.TIMEOUT, where=where)
    if isinstance(exc, socket.gaierror | OSError):
        return classify(FailureKind.UNREACHABLE, reason=str(exc), where=where)
    if isinstance(exc, ValueError):
        return classify(FailureKind.MALFORMED, reason=str(exc)[:200], where=where)
    return classify(FailureKind.INTERNAL, reason=f"{type(exc).__name__}: {exc}", where=where)


class Link:
    """One open Live connection: the SDK session, entered by hand so that its lifetime is
    not tied to one block (make-before-break holds two for a moment)."""

    def __init__(self, index: int, manager: Any, sdk: Any, handle: str | None) -> None:
        self.index = index
        self.resumed_from = handle
        self.config_gen = 0  # which settings it was opened with (`LiveSession.reconfigure`)
        self.model = ""  # the model of its session (a handle it issues resumes only that)
        self._manager = manager
        self.sdk = sdk
        # A new session that takes the recent conversation as client content first.
        self.initial_history = False
        self._closing: asyncio.Task[None] | None = None
        self._skipped: set[str] = set()

    @classmethod
    async def open(
        cls,
        client: genai.Client,
        settings: Settings,
        *,
        index: int,
        handle: str | None,
        initial_history: bool = False,
        tools: Sequence[dict[str, Any]] = (),
        tool_instruction: str = "",
    ) -> Link:
        """Connect and wait for setupComplete. With `initial_history` (a new session), the
        caller sends the history (`send_history`) before anything else."""
        config = build_connect_config(
            settings,
            resume_handle=handle,
            initial_history=initial_history and not handle,
            function_declarations=tools,
            instruction_addition=tool_instruction,
        )
        manager = client.aio.live.connect(
            model=model_path(settings.model),
            config=config,  # type: ignore[arg-type]
        )
        sdk = await asyncio.wait_for(manager.__aenter__(), SETUP_TIMEOUT_S)
        link = cls(index, manager, sdk, handle)
        link.initial_history = initial_history and not handle
        return link

    async def send_history(self, seed: Sequence[tuple[Role, str]]) -> None:
        """The recent conversation as context turns of a new session (no reply is asked)."""
        if seed:
            await self.sdk.send_client_content(
                turns=[
                    types.Content(role=role.value, parts=[types.Part(text=text)])
                    for role, text in seed
                ],
                turn_complete=True,
            )

    async def messages(self) -> AsyncIterator[dict[str, Any]]:
        """Server messages as dicts, across turns (`receive()` ends after each turnComplete).

        A message the SDK cannot read (an unknown top-level field such as an in-band
        `{"error": {...}}` makes it raise) is logged once per kind and skipped: the socket is
        still open, so it is not this connection's failure. Invalid JSON and closes end it."""
        while True:
            try:
                async for message in self.sdk.receive():
                    yield message.model_dump(exclude_none=True)
            except Exception as exc:
                if not self._unreadable(exc):
                    raise

    def _unreadable(self, exc: Exception) -> bool:
        """True (and logged once per kind) for a message the SDK could not convert while
        the connection itself is fine."""
        if isinstance(exc, genai_errors.APIError) and isinstance(exc.code, int):
            if exc.code >= 1000 or exc.code < 0:  # a close, as the SDK reports it
                return False
        elif isinstance(exc, ValueError) and str(exc).startswith("Failed to parse response"):
            return False  # not JSON at all: the stream is broken
        elif not isinstance(
            exc, TypeError | ValueError | KeyError | AttributeError | genai_errors.APIError
        ):
            return False
        ws = getattr(self.sdk, "_ws", None)
        if ws is None or getattr(getattr(ws, "state", None), "name", "") != "OPEN":
            return False
        kind = f"{type(exc).__name__}: {str(exc)[:120]}"
        if kind not in self._skipped:
            self._skipped.add(kind)
            log.warning(
                "link %d: skipped a server message the SDK cannot read (%s)", self.index, kind
            )
        return True

    async def deliver(self, item: Outgoing) -> None:
        """One realtime input per call, as the SDK requires; never the deprecated `send()`."""
        session = self.sdk
        if item.kind is InputKind.TEXT:
            await session.send_realtime_input(text=item.text)
        elif item.kind is InputKind.AUDIO:
            await session.send_realtime_input(
                audio=types.Blob(data=item.data, mime_type=item.mime_type)
            )
        elif item.kind is InputKind.VIDEO:
            await session.send_realtime_input(
                video=types.Blob(data=item.data, mime_type=item.mime_type)
            )
        elif item.kind is InputKind.ACTIVITY_START:
            await session.send_realtime_input(activity_start=types.ActivityStart())
        elif item.kind is InputKind.ACTIVITY_END:
            await session.send_realtime_input(activity_end=types.ActivityEnd())
        elif item.kind is InputKind.AUDIO_STREAM_END:
            await session.send_realtime_input(audio_stream_end=True)

    async def respond(
        self,
        call_id: str,
        name: str,
        response: dict[str, Any],
        images: Sequence[ToolImage] = (),
        scheduling: str = "",
    ) -> None:
        """The result (`{"result": ...}`) or error (`{"error": ...}`) of one function call,
        with the images a tool returned as its parts (each at its own media resolution) and,
        for models that call asynchronously, its `scheduling` (INTERRUPT, WHEN_IDLE, SILENT)."""
        parts = [function_response_part(image) for image in images] or None
        function_response = types.FunctionResponse(
            id=call_id, name=name, response=response, parts=parts
        )
        if scheduling:
            function_response.scheduling = types.FunctionResponseScheduling(scheduling)
        await self.sdk.send_tool_response(function_responses=[function_response])

    def close_soon(self) -> asyncio.Task[None]:
        """Close in the background (bounded); returns the task, the same one each call."""
        if self._closing is None:
            self._closing = asyncio.ensure_future(self.close())
        return self._closing

    async def close(self) -> None:
        try:
            await asyncio.wait_for(self._manager.__aexit__(None, None, None), CLOSE_TIMEOUT_S + 1)
        except asyncio.CancelledError:
            self._abort()
            raise
        except Exception as exc:
            log.debug("link %d closed uncleanly: %r", self.index, exc)
            self._abort()

    def _abort(self) -> None:
        ws = getattr(self.sdk, "_ws", None)
        transport = getattr(ws, "transport", None)
        if transport is not None:
            transport.abort()
