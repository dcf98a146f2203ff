"""`Voice`: mic → session and session events → speaker, for the window and headless alike.

Decisions come from the pure `core.audio_talk.Talk` controller (what to send when); this module
carries them out and keeps the devices alive:

- mic blocks → echo canceller (if on) → level meter → `Talk.mic()` → the session;
- `ModelAudio` → speaker; `Interrupted` → speaker silenced; turn end → play out the tail;
- the speaker's "speaking" state → `Talk.model_speaking()` (half-duplex gate, with a short
  hang-over for the room's echo tail) and the window's speaking indicator;
- `device_watch.DeviceWatch` notices a device that vanished (PortAudio ended the stream, or it
  stopped delivering) and retries in the background; the session is never touched by a device
  fault. With no device at all the app says so and keeps working by text.

Talk controls — the window's button now, the tray and hotkey later — call `press()`,
`release()`, `toggle()`, `set_muted()` here, which go through the one `Talk` controller.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Protocol

from desktop.audio.device_watch import DeviceSlot, DeviceState, DeviceWatch
from desktop.audio.echo import EchoCanceller, load_echo_canceller
from desktop.capture.mic import Microphone
from desktop.core.audio_level import LevelMeter
from desktop.core.audio_talk import (
    EchoMode,
    EndActivity,
    EndAudioStream,
    SendAudio,
    SilenceSpeaker,
    StartActivity,
    Talk,
    TalkAction,
    TalkMode,
)
from desktop.core.events import Event, GenerationComplete, Interrupted, ModelAudio, TurnComplete
from desktop.core.floor import DESKTOP, Floor
from desktop.outputs.speaker import Speaker, block_ms_for
from desktop.settings import Settings

log = logging.getLogger(__name__)

__all__ = ["DeviceState", "SessionInput", "Voice", "VoiceStatus"]

MIC_RATE = 16_000
HANGOVER_S = 0.25  # half-duplex: keep the gate closed this long after the model stops


class SessionInput(Protocol):
    def send_audio(self, pcm: bytes, sample_rate: int = 16_000) -> None: ...
    def send_activity_start(self) -> None: ...
    def send_activity_end(self) -> None: ...
    def send_audio_stream_end(self) -> None: ...


@dataclass(frozen=True)
class VoiceStatus:
    mic: DeviceState = DeviceState.OFF
    speaker: DeviceState = DeviceState.OFF
    mic_name: str = ""
    speaker_name: str = ""
    mic_message: str = ""
    speaker_message: str = ""
    echo: str = ""
    # Set while a companion device holds the floor: the desktop mic is not sent meanwhile.
    floor_message: str = ""

    @property
    def message(self) -> str:
        """What the user should read about audio ("" when all is well)."""
        parts = [m for m in (self.mic_message, self.speaker_message) if m]
        if DeviceState.MISSING in (self.mic, self.speaker):
            parts.append("Voice is off; you can still type.")  # said once, not per device
        return " ".join([*parts, self.floor_message]).strip()


class Voice:
    def __init__(
        self,
        settings: Settings,
        *,
        mic_factory: Callable[..., Microphone] = Microphone,
        speaker_factory: Callable[..., Speaker] = Speaker,
        echo_loader: Callable[[], tuple[EchoCanceller | None, str]] = load_echo_canceller,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._settings = settings
        self._mic_factory = mic_factory
        self._speaker_factory = speaker_factory
        self._echo_loader = echo_loader
        self._clock = clock
        self.talk = Talk(_talk_mode(settings.talk_mode))
        self.meter = LevelMeter()
        self._session: SessionInput | None = None
        self._echo: EchoCanceller | None = None
        self._echo_note = ""
        self._listeners: list[Callable[[], None]] = []
        self._status = VoiceStatus()
        self._hangover: asyncio.TimerHandle | None = None
        self._mic = DeviceSlot("Microphone", self._make_mic(settings.mic_device))
        self._speaker = DeviceSlot("Speaker", self._make_speaker(settings.speaker_device))
        self._devices = DeviceWatch(
            self._mic, self._speaker, clock=clock, on_lost=self._lost, on_change=self._publish
        )
        self.model_speaking = False
        self.sent_blocks = 0
        self._floor: Floor | None = None
        self._plays_reply: Callable[[], bool] = lambda: True
        self._configure_echo()

    # -- what the window and headless see --------------------------------------------------

    @property
    def status(self) -> VoiceStatus:
        return self._status

    @property
    def level(self) -> float:
        return 0.0 if self.talk.muted else self.meter.level

    @property
    def mic(self) -> Microphone:
        return self._mic.stream

    @property
    def speaker(self) -> Speaker:
        return self._speaker.stream

    def on_change(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call `listener()` whenever status, talk state or speaking changes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    # -- talk controls: ONE path for button, tray, hotkey and headless ---------------------------

    def press(self) -> None:
        if self.talk.talking or self._claim_floor():
            self._do(self.talk.press(self._clock()))

    def release(self) -> None:
        self._do(self.talk.release(self._clock()))

    def toggle(self) -> None:
        if self.talk.talking or self._claim_floor():
            self._do(self.talk.toggle())

    # -- the floor shared with companion devices --------------------------------------------

    def use_floor(self, floor: Floor, plays_reply: Callable[[], bool] | None = None) -> None:
        """Share the session with companions: one speaker at a time. Push-to-talk asks for the
        floor on press; while a companion holds it the desktop mic is not sent (either mode).
        `plays_reply()` says whether this speaker plays the current answer (it may belong on
        the device that asked)."""
        self._floor = floor
        if plays_reply is not None:
            self._plays_reply = plays_reply
        floor.subscribe(self._on_floor)

    def _claim_floor(self) -> bool:
        floor = self._floor
        if floor is None or self.talk.mode is not TalkMode.PUSH_TO_TALK:
            return True
        return floor.acquire(DESKTOP)

    def _companion_has_floor(self) -> bool:
        holder = self._floor.holder if self._floor is not None else None
        return holder is not None and holder != DESKTOP

    def _on_floor(self, holder: str | None) -> None:
        busy = holder is not None and holder != DESKTOP
        note = "A companion device is talking; the microphone waits." if busy else ""
        if note != self._status.floor_message:
            self._status = replace(self._status, floor_message=note)
            self._notify()

    def set_muted(self, muted: bool) -> None:
        self._do(self.talk.set_muted(muted))
        if muted:
            self.meter.reset()

    def set_talk_mode(self, mode: TalkMode) -> None:
        """Switch locally at once. The session config must follow (the caller reconnects)."""
        self._settings = self._settings.replace(talk_mode=mode.value)
        self._do(self.talk.set_mode(mode))

    def apply_settings(self, settings: Settings) -> None:
        old, self._settings = self._settings, settings
        self.set_talk_mode(_talk_mode(settings.talk_mode))
        if settings.echo_mode != old.echo_mode:
            self._configure_echo()
        if settings.mic_device != old.mic_device:
            self._devices.replace(self._mic, self._make_mic(settings.mic_device))
        if settings.speaker_device != old.speaker_device:
            self._devices.replace(self._speaker, self._make_speaker(settings.speaker_device))
        self._publish()

    # -- the session ----------------------------------------------------------------------------

    def attach(self, session: SessionInput | None) -> None:
        """Mic audio goes to `session` from now on (None: nowhere). A new session starts clean."""
        self._session = session
        self.talk.reset()
        self._notify()

    def on_event(self, event: Event) -> None:
        """Subscribe this to the session's events."""
        if isinstance(event, ModelAudio):
            if self._plays_reply():
                self.speaker.play(event.pcm, event.sample_rate)
        elif isinstance(event, Interrupted):
            self.speaker.clear()
        elif isinstance(event, TurnComplete | GenerationComplete):
            self.speaker.end_of_turn()

    # -- life cycle -----------------------------------------------------------------------------

    async def start(self) -> None:
        self._devices.start()
        self._publish()

    async def stop(self) -> None:
        if self._hangover is not None:
            self._hangover.cancel()
        self._do(self.talk.end_input())
        await self._devices.stop()

    def refresh_devices(self) -> None:
        """Re-read the system's devices (a headset plugged in) and reopen the streams."""
        self._devices.reopen_all()
        self._publish()

    # -- internals --------------------------------------------------------------------------------

    def _make_mic(self, device: str) -> Microphone:
        return self._mic_factory(device, self._on_mic_block)

    def _make_speaker(self, device: str) -> Speaker:
        return self._speaker_factory(
            device, on_speaking=self._on_speaking, on_played=self._on_played,
            block_ms=block_ms_for(self._echo is not None),
        )  # fmt: skip

    def _configure_echo(self) -> None:
        mode = _echo_mode(self._settings.echo_mode)
        self._echo, self._echo_note = None, ""
        if mode is EchoMode.AEC:
            self._echo, why = self._echo_loader()
            if self._echo is None:
                log.warning("%s; using half-duplex instead", why)
                self._echo_note = f"Half-duplex ({why})."
            else:
                self._echo_note = "Echo cancellation on."
        elif mode is EchoMode.HALF_DUPLEX:
            self._echo_note = "Half-duplex: the mic pauses while the model speaks."
        else:
            self._echo_note = "No echo handling (headphones)."
        half = mode is EchoMode.HALF_DUPLEX or (mode is EchoMode.AEC and self._echo is None)
        self._do(self.talk.set_half_duplex(half))
        self.speaker.set_block_ms(block_ms_for(self._echo is not None))

    def _lost(self, slot: DeviceSlot, why: str) -> None:
        """A stream went away (`DeviceWatch` retries it): what that means for talking."""
        if slot is self._mic:
            self._do(self.talk.mic_lost())
            self.meter.reset()
        else:
            self._on_speaking(False)
        self._publish()

    def _do(self, actions: list[TalkAction]) -> None:
        session = self._session
        for action in actions:
            if isinstance(action, EndActivity) and self._floor is not None:
                self._floor.release(DESKTOP)  # even with no session: never keep the floor
            if isinstance(action, SilenceSpeaker):
                self.speaker.clear()
            elif session is None:
                continue
            elif isinstance(action, SendAudio):
                session.send_audio(action.pcm, MIC_RATE)
                self.sent_blocks += 1
            elif isinstance(action, StartActivity):
                session.send_activity_start()  # it asks the shared picture for a fresh frame
            elif isinstance(action, EndActivity):
                session.send_activity_end()
            elif isinstance(action, EndAudioStream):
                session.send_audio_stream_end()
        if any(not isinstance(a, SendAudio) for a in actions):
            self._notify()

    def _on_mic_block(self, pcm: bytes, at: float) -> None:
        if self._echo is not None:
            pcm = self._echo.process(pcm, at)
        self.meter.update(pcm, len(pcm) / 2 / MIC_RATE)
        if self._companion_has_floor():
            return
        self._do(self.talk.mic(pcm))

    def _on_played(self, pcm: bytes, rate: int, at: float) -> None:
        if self._echo is not None:
            self._echo.set_output_latency(self.speaker.device_latency_s)
            self._echo.far_end(pcm, rate, at)

    def _on_speaking(self, speaking: bool) -> None:
        if self._hangover is not None:
            self._hangover.cancel()
            self._hangover = None
        if speaking:
            self._set_model_speaking(True)
        elif self.model_speaking:
            loop = asyncio.get_running_loop()
            self._hangover = loop.call_later(HANGOVER_S, self._set_model_speaking, False)

    def _set_model_speaking(self, speaking: bool) -> None:
        self._hangover = None
        if speaking != self.model_speaking:
            self.model_speaking = speaking
            self._do(self.talk.model_speaking(speaking))
            self._notify()

    def _publish(self) -> None:
        mic, speaker = self._mic, self._speaker
        self._status = replace(
            self._status,
            mic=mic.state,
            speaker=speaker.state,
            mic_name=mic.name,
            speaker_name=speaker.name,
            mic_message=mic.message,
            speaker_message=speaker.message,
            echo=self._echo_note,
        )
        self._notify()

    def _notify(self) -> None:
        for listener in list(self._listeners):
            try:
                listener()
            except Exception:
                log.exception("voice listener failed")


def _talk_mode(value: str) -> TalkMode:
    try:
        return TalkMode(value)
    except ValueError:
        log.warning("unknown talk mode %r; using hands-free", value)
        return TalkMode.HANDS_FREE


def _echo_mode(value: str) -> EchoMode:
    try:
        return EchoMode(value)
    except ValueError:
        return EchoMode.AEC
