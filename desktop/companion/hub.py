"""The companion hub: one live session shared by the desktop and every connected device.

It subscribes to the session's `EventFanout` (transcript, state, the model's audio) and puts
what each device should get into that device's `ClientQueue`; it turns what devices send
(typed text, push-to-talk audio) into calls on the *current* session, reached through a
callable because the GUI replaces sessions on settings changes. Who may speak is decided by
the shared `Floor`; the desktop's Talk controller uses the same floor with `DESKTOP`.

Nothing here touches a socket: the server gives each `CompanionClient` a `wake` event and a
`close` callback, and a task of its own sends what the queue holds.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from desktop.core import companion_protocol as proto
from desktop.core.companion_flow import ClientQueue, Outbound
from desktop.core.events import (
    Event,
    Interrupted,
    LineSource,
    ModelAudio,
    Role,
    SessionState,
    StateChanged,
    TranscriptLine,
)
from desktop.core.floor import DESKTOP, Floor, companion_holder
from desktop.core.live_config import build_connect_config
from desktop.settings import Settings

log = logging.getLogger(__name__)

BACKLOG_LINES = 30


class SessionInputs(Protocol):
    """What the hub needs of a `LiveSession`."""

    @property
    def settings(self) -> Settings: ...

    def send_text(self, text: str) -> None: ...
    def send_audio(self, pcm: bytes, sample_rate: int = 16_000) -> None: ...
    def send_activity_start(self) -> None: ...
    def send_activity_end(self) -> None: ...
    def send_audio_stream_end(self) -> None: ...


class ReplyAudio(StrEnum):
    """Where the model's spoken answer plays."""

    ASKING = "asking"  # the device (or the desktop) that asked
    ALL = "all"  # every device and the desktop
    DESKTOP = "desktop"  # the desktop only


def uses_activity_markers(settings: Settings) -> bool:
    """True when automatic activity detection is off (push-to-talk talk mode): then a turn is
    bracketed by activity start/end; otherwise the server's VAD finds speech in the stream."""
    config = build_connect_config(settings)
    realtime = config.get("realtime_input_config") or {}
    detection = realtime.get("automatic_activity_detection") or {}
    return bool(detection.get("disabled"))


_conn_ids = itertools.count(1)


@dataclass(eq=False)
class CompanionClient:
    """One authenticated connection of a paired device."""

    device_id: str
    name: str
    close: Callable[[proto.CloseCode, str], None]
    queue: ClientQueue = field(default_factory=ClientQueue)
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    conn_id: int = field(default_factory=lambda: next(_conn_ids))
    warned_floor: bool = False

    @property
    def holder(self) -> str:
        return companion_holder(f"{self.device_id}#{self.conn_id}")

    def push(self, data: str | bytes | dict[str, Any], *, droppable: bool = False) -> None:
        if isinstance(data, dict):
            data = proto.dumps(data)
        self.queue.push(Outbound(data, droppable))
        self.wake.set()


class CompanionHub:
    def __init__(
        self,
        session: Callable[[], SessionInputs | None],
        floor: Floor,
        *,
        clock: Callable[[], float],
        reply_audio: ReplyAudio = ReplyAudio.ASKING,
        activity_markers: Callable[[SessionInputs], bool] | None = None,
    ) -> None:
        self._session = session
        self.floor = floor
        self._clock = clock
        self.reply_audio = reply_audio
        self._activity_markers = activity_markers or (lambda s: uses_activity_markers(s.settings))
        self._clients: list[CompanionClient] = []
        self._state = proto.server_state(SessionState.IDLE)
        self._backlog: deque[dict[str, Any]] = deque(maxlen=BACKLOG_LINES)
        self._asker = DESKTOP
        self._sending_for: str | None = None
        self._talking: tuple[str, bool] | None = None  # (holder, with activity markers)
        self._speech_pending = False  # a companion's turn ended; its transcription is due
        self._speaker_rate = proto.SPEAKER_SAMPLE_RATE
        self._listeners: list[Callable[[], None]] = []
        floor.subscribe(self._floor_changed)

    # -- who is here --------------------------------------------------------------------

    @property
    def clients(self) -> list[CompanionClient]:
        return list(self._clients)

    def connected_device_ids(self) -> set[str]:
        return {c.device_id for c in self._clients}

    def on_change(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Called when a device connects or disconnects. Returns the unsubscribe, which a
        listener shorter-lived than the hub (a dialog) must call when it goes."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def attach(self, client: CompanionClient) -> None:
        client.push(
            {
                "type": "welcome",
                "v": proto.PROTOCOL_VERSION,
                "device": {"id": client.device_id, "name": client.name},
                "state": self._state,
                "floor": self._floor_message(client),
                "reply_audio": self.reply_audio.value,
                "audio": {"mic_rate": proto.MIC_SAMPLE_RATE, "speaker_rate": self._speaker_rate},
                "transcript": list(self._backlog),
            }
        )
        self._clients.append(client)
        log.info("companion %s (%s) connected", client.name, client.device_id)
        self._changed()

    def detach(self, client: CompanionClient) -> None:
        if client not in self._clients:
            return
        self._clients.remove(client)
        self.floor.release(client.holder)  # ends its turn through _floor_changed
        log.info("companion %s (%s) disconnected", client.name, client.device_id)
        self._changed()

    def disconnect_device(self, device_id: str, code: proto.CloseCode, reason: str) -> None:
        for client in self.clients:
            if client.device_id == device_id:
                client.close(code, reason)
                self.detach(client)

    def disconnect_all(self, code: proto.CloseCode, reason: str) -> None:
        for client in self.clients:
            client.close(code, reason)
            self.detach(client)

    # -- what devices send --------------------------------------------------------------

    def text(self, client: CompanionClient, text: str) -> None:
        session = self._session()
        if session is None:
            client.push(proto.server_error(proto.ProtocolError("no_session", "not connected")))
            return
        self._asker = client.device_id
        self._sending_for = client.device_id
        try:
            session.send_text(text)
        finally:
            self._sending_for = None

    def talk_start(self, client: CompanionClient) -> None:
        session = self._session()
        if session is None:
            client.push({"type": "talk", "granted": False, "reason": "no_session"})
            return
        if not self.floor.acquire(client.holder):
            holder, name = self._describe(self.floor.holder, client)
            client.push(
                {"type": "talk", "granted": False, "reason": "busy", "holder": holder, "name": name}
            )
            return
        client.warned_floor = False
        self._asker = client.device_id
        if self._talking is None or self._talking[0] != client.holder:
            markers = self._activity_markers(session)
            self._talking = (client.holder, markers)
            if markers:
                session.send_activity_start()
        client.push({"type": "talk", "granted": True})

    def audio(self, client: CompanionClient, pcm: bytes) -> None:
        session = self._session()
        if self.floor.holder != client.holder or session is None:
            if not client.warned_floor:
                client.warned_floor = True
                client.push(
                    proto.server_error(
                        proto.ProtocolError("not_holding_floor", "send talk_start first")
                    )
                )
            return
        session.send_audio(pcm, proto.MIC_SAMPLE_RATE)

    def talk_end(self, client: CompanionClient) -> None:
        self.floor.release(client.holder)

    def handle(self, client: CompanionClient, message: proto.ClientMessage) -> None:
        if isinstance(message, proto.AudioChunk):
            self.audio(client, message.pcm)
        elif isinstance(message, proto.Text):
            self.text(client, message.text)
        elif isinstance(message, proto.TalkStart):
            self.talk_start(client)
        elif isinstance(message, proto.TalkEnd):
            self.talk_end(client)
        elif isinstance(message, proto.Ping):
            client.push({"type": "pong", "id": message.ping_id})

    # -- what the session says ----------------------------------------------------------

    def __call__(self, event: Event) -> None:
        """Subscribe the hub to the session's EventFanout with this."""
        if isinstance(event, ModelAudio):
            self._audio_out(event)
            return
        if isinstance(event, StateChanged):
            self._state = proto.server_state(event.state, event.detail, event.attempt)
        elif isinstance(event, TranscriptLine) and event.role is Role.USER:
            self._note_user_line(event)
        # Serialised once, scrubbed of anything that cannot be sent (proto.dumps): what goes
        # into the backlog and to every device is text that encodes (issue 14).
        encoded = [proto.dumps(m) for m in proto.messages_for_event(event)]
        if isinstance(event, TranscriptLine):
            self._backlog.extend(json.loads(text) for text in encoded)
        for client in self.clients:
            try:
                if isinstance(event, Interrupted):
                    client.queue.drop_audio()
                for text in encoded:
                    client.push(text)
                self._check(client)
            except Exception:  # one device's trouble never stops the others
                log.exception("companion %s: could not queue an event", client.device_id)

    def _note_user_line(self, line: TranscriptLine) -> None:
        """Lines the hub did not cause were said or typed at the desktop: answer there."""
        if line.source is LineSource.TYPED:
            if self._sending_for is None:
                self._asker = DESKTOP
        elif self._talking is None and not self._speech_pending:
            self._asker = DESKTOP
        elif self._talking is None:
            self._speech_pending = False  # the transcription of a companion's turn

    def asker_name(self) -> str:
        """The name of the paired device the latest user line came from ("" for the desktop);
        right after the hub has seen that line."""
        if self._asker == DESKTOP:
            return ""
        client = next((c for c in self._clients if c.device_id == self._asker), None)
        return client.name if client is not None else ""

    def desktop_plays_reply(self) -> bool:
        """Whether the desktop speaker should play the current answer (for the voice wiring)."""
        if self.reply_audio is ReplyAudio.ASKING:
            return self._asker == DESKTOP
        return True

    def _audio_out(self, event: ModelAudio) -> None:
        if self.reply_audio is ReplyAudio.DESKTOP:
            return
        targets = [
            c
            for c in self.clients
            if self.reply_audio is ReplyAudio.ALL or c.device_id == self._asker
        ]
        if event.sample_rate != self._speaker_rate:
            self._speaker_rate = event.sample_rate
            for client in self.clients:
                client.push({"type": "audio_format", "rate": event.sample_rate})
        for client in targets:
            client.push(event.pcm, droppable=True)
            self._check(client)

    def check_stalls(self) -> None:
        for client in self.clients:
            self._check(client)

    def _check(self, client: CompanionClient) -> None:
        if client.queue.stalled(self._clock()):
            log.warning(
                "companion %s (%s) is not reading; disconnecting it", client.name, client.device_id
            )
            client.close(proto.CloseCode.TOO_SLOW, "too slow: stopped reading")
            self.detach(client)

    # -- the floor ----------------------------------------------------------------------

    def _floor_changed(self, holder: str | None) -> None:
        if self._talking is not None and self._talking[0] != holder:
            self._end_turn(*self._talking)
            self._talking = None
        if holder == DESKTOP:
            self._asker = DESKTOP
        for client in self.clients:
            client.push(self._floor_message(client))

    def _end_turn(self, holder: str, markers: bool) -> None:
        session = self._session()
        if session is None:
            return
        self._speech_pending = holder != DESKTOP
        if markers:
            session.send_activity_end()
        else:
            # Hands-free (server VAD): say the stream paused so the VAD ends the utterance.
            session.send_audio_stream_end()

    def _floor_message(self, client: CompanionClient) -> dict[str, Any]:
        holder, name = self._describe(self.floor.holder, client)
        return proto.server_floor(holder, name)

    def _describe(self, holder: str | None, client: CompanionClient) -> tuple[str, str]:
        if holder is None:
            return "none", ""
        if holder == DESKTOP:
            return "desktop", ""
        if holder == client.holder:
            return "you", client.name
        other = next((c for c in self._clients if c.holder == holder), None)
        return "companion", other.name if other else ""

    def _changed(self) -> None:
        for listener in list(self._listeners):
            try:
                listener()
            except Exception:
                log.exception("companion listener failed")
