"""`Voice`: mic → session and session events → speaker, for the window and headless alike.

Decisions come from the pure `core.audio_talk.Talk` controller (what to send when); this module
carries them out and keeps the devices alive:

- mic blocks → echo canceller (if on) → level meter → `Talk.mic()` → the session;
- `ModelAudio` → speaker; `Interrupted` → speaker silenced; turn end → play out the tail;
- the speaker's "speaking" state → `Talk.model_speaking()` (half-duplex gate, with a short
  hang-over for the room's echo tail) and the window's speaking indicator;
- a supervisor task notices a device that vanished (PortAudio ended the stream, or it stopped
  delivering) and retries in the background; the session is never touched by a device fault.
  With no device at all the app says so and keeps working by text.

Talk controls — the window's button now, the tray and hotkey later — call `press()`,
`release()`, `toggle()`, `set_muted()` here, which go through the one `Talk` controller.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any, Protocol

from desktop.audio import devices
from desktop.audio.devices import AudioUnavailable
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

MIC_RATE = 16_000
SUPERVISE_S = 0.25
STALL_S = 1.5  # no audio for this long from a stream PortAudio no longer runs: it is gone
RETRY_LOST_S = 1.0
RETRY_MISSING_S = 3.0
# A device that stays missing is looked for less and less often, up to this: each look
# re-initialises PortAudio (~40 ms of CPU here), which at 3 s kept an idle app at ~1.5 % of a core.
RETRY_CEILING_S = 30.0
HANGOVER_S = 0.25  # half-duplex: keep the gate closed this long after the model stops


class SessionInput(Protocol):
    def send_audio(self, pcm: bytes, sample_rate: int = 16_000) -> None: ...
    def send_activity_start(self) -> None: ...
    def send_activity_end(self) -> None: ...
    def send_audio_stream_end(self) -> None: ...


class DeviceState(StrEnum):
    OFF = "off"  # not wanted (voice disabled)
    STARTING = "starting"
    OK = "ok"
    MISSING = "missing"  # never opened: no such device
    LOST = "lost"  # was open, went away; retrying


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


class _Device:
    """Open/lost/retry bookkeeping for one stream (mic or speaker)."""

    def __init__(self, label: str, stream: Any) -> None:
        self.label = label
        self.stream = stream
        self.state = DeviceState.STARTING
        self.next_try = 0.0
        self.misses = 0  # failed opens in a row: the retry delay doubles with each
        self.message = ""

    def retry_later(self, base: float, now: float) -> None:
        self.misses += 1
        self.next_try = now + min(base * 2 ** (self.misses - 1), RETRY_CEILING_S)


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
        self._supervisor: asyncio.Task[None] | None = None
        self._mic_quiet = False  # open and running, but no audio for a while
        self._wake: asyncio.Event | None = None
        self._hangover: asyncio.TimerHandle | None = None
        self._mic = _Device("Microphone", self._make_mic(settings.mic_device))
        self._speaker = _Device("Speaker", self._make_speaker(settings.speaker_device))
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
            self._replace(self._mic, self._make_mic(settings.mic_device))
        if settings.speaker_device != old.speaker_device:
            self._replace(self._speaker, self._make_speaker(settings.speaker_device))
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
        self._open(self._speaker)
        self._open(self._mic)
        self._publish()
        self._supervisor = asyncio.create_task(self._supervise(), name="voice-supervisor")

    async def stop(self) -> None:
        if self._supervisor is not None:
            self._supervisor.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._supervisor
            self._supervisor = None
        if self._hangover is not None:
            self._hangover.cancel()
        self._do(self.talk.end_input())
        self._mic.stream.close()
        self._speaker.stream.close()

    def refresh_devices(self) -> None:
        """Re-read the system's devices (a headset plugged in) and reopen the streams."""
        self._mic.stream.close()
        self._speaker.stream.close()
        devices.refresh()
        self._open(self._speaker)
        self._open(self._mic)
        self._publish()

    # -- internals --------------------------------------------------------------------------------

    def _make_mic(self, device: str) -> Microphone:
        return self._mic_factory(device, self._on_mic_block)

    def _make_speaker(self, device: str) -> Speaker:
        return self._speaker_factory(
            device, on_speaking=self._on_speaking, on_played=self._on_played,
            block_ms=block_ms_for(self._echo is not None),
        )  # fmt: skip

    def _replace(self, slot: _Device, stream: Any) -> None:
        slot.stream.close()
        slot.stream, slot.state, slot.next_try = stream, DeviceState.STARTING, 0.0
        slot.misses = 0
        self._open(slot)
        if self._wake is not None:
            self._wake.set()  # the supervisor may sleep long while nothing is open

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

    def _open(self, slot: _Device) -> bool:
        was_lost = slot.state is DeviceState.LOST
        try:
            slot.stream.open()
        except AudioUnavailable as exc:
            if slot.state is not DeviceState.LOST:
                slot.state = DeviceState.MISSING
                slot.message = str(exc)
            delay = RETRY_LOST_S if slot.state is DeviceState.LOST else RETRY_MISSING_S
            slot.retry_later(delay, self._clock())
            return False
        except Exception as exc:  # never let a device problem take the app down
            log.exception("unexpected error opening the %s", slot.label.lower())
            slot.state = DeviceState.MISSING
            slot.message = f"{slot.label} failed: {exc}"
            slot.retry_later(RETRY_MISSING_S, self._clock())
            return False
        slot.state = DeviceState.OK
        slot.misses = 0
        slot.message = slot.stream.note
        if was_lost:
            log.info("%s is back", slot.label.lower())
        return True

    def _lost(self, slot: _Device, why: str) -> None:
        name = slot.stream.device.name if slot.stream.device else slot.stream.wanted
        log.warning("%s %s: %s", slot.label.lower(), name, why)
        slot.stream.close()
        slot.state = DeviceState.LOST
        slot.message = f"{slot.label} “{name}” {why}; retrying in the background…"
        slot.next_try = self._clock() + RETRY_LOST_S
        if slot is self._mic:
            self._do(self.talk.mic_lost())
            self.meter.reset()
        else:
            self._on_speaking(False)
        self._publish()

    def _next_check_in(self) -> float:
        """Watch open streams for stalls often; otherwise sleep until a retry is due."""
        slots = (self._mic, self._speaker)
        if any(slot.stream.is_open for slot in slots):
            return SUPERVISE_S
        due = min(slot.next_try for slot in slots)
        return max(SUPERVISE_S, due - self._clock())

    async def _supervise(self) -> None:
        self._wake = asyncio.Event()
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._next_check_in())
            self._wake.clear()
            try:
                self._check()
            except Exception:
                log.exception("voice supervisor failed")

    def _check(self) -> None:
        now = self._clock()
        mic, speaker = self._mic.stream, self._speaker.stream
        quiet = mic.is_open and now - mic.last_block_at > STALL_S
        if mic.is_open and (mic.failed or (quiet and not mic.running)):
            self._lost(self._mic, "stopped" if mic.failed else "stopped delivering audio")
        elif quiet and not self._mic_quiet:
            # Still running: a source with nothing to deliver (a PulseAudio pipe source nobody
            # writes to, a suspended source). Reopening it every few seconds helped nothing.
            log.info("the microphone is open but delivers no audio; waiting for it")
        self._mic_quiet = quiet
        if speaker.is_open and (speaker.failed or now - speaker.last_callback_at > STALL_S):
            self._lost(self._speaker, "stopped" if speaker.failed else "stopped playing")
        due = [s for s in (self._speaker, self._mic) if not s.stream.is_open and now >= s.next_try]
        if not due:
            return
        # PortAudio lists devices only when initialised: re-read while nothing is open.
        if not mic.is_open and not speaker.is_open:
            devices.refresh()
        if any([self._open(slot) for slot in due]):
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

    def _on_mic_block(self, pcm: bytes) -> None:
        if self._echo is not None:
            pcm = self._echo.process(pcm)
        self.meter.update(pcm, len(pcm) / 2 / MIC_RATE)
        if self._companion_has_floor():
            return
        self._do(self.talk.mic(pcm))

    def _on_played(self, pcm: bytes, rate: int) -> None:
        if self._echo is not None:
            self._echo.set_output_latency(self.speaker.device_latency_s)
            self._echo.far_end(pcm, rate)

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
            mic_name=mic.stream.device.name if mic.stream.device else mic.stream.wanted,
            speaker_name=(
                speaker.stream.device.name if speaker.stream.device else speaker.stream.wanted
            ),
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
