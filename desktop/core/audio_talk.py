"""What to send when: the talk modes as a pure state machine (no audio, no clock, no I/O).

`Talk` is the ONE code path every talk control uses: the window's big button today, the tray
and the global hotkey later, the headless `/press` commands. Each call returns the actions to
carry out, in order; the caller (``desktop.audio.voice``) turns them into session calls and
speaker commands.

- hands-free: every mic block is sent and the server's voice activity detection decides when
  the user spoke. Muting, pausing or losing the mic sends one `EndAudioStream`.
- push-to-talk: nothing is sent until `press()`; then `StartActivity`, the last ~300 ms kept in
  a pre-roll ring (so the first syllable is not cut), and live blocks until `release()` sends
  `EndActivity`. Pressing also silences the model (barge-in). A short tap (shorter than
  `click_s`) latches the talk on; the next press ends it — so one button does hold-to-talk and
  click-to-toggle.
- half-duplex (echo without headphones): while the model speaks, the mic is gated (nothing is
  sent, the pre-roll is emptied); push-to-talk still barges in.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from enum import StrEnum


class TalkMode(StrEnum):
    HANDS_FREE = "hands-free"
    PUSH_TO_TALK = "push-to-talk"


class EchoMode(StrEnum):
    """How the app keeps the model from hearing itself without headphones."""

    AEC = "aec"  # acoustic echo cancellation (WebRTC APM), half-duplex if it cannot load
    HALF_DUPLEX = "half-duplex"  # mic gated while the model speaks
    OFF = "off"  # headphones: nothing to do


@dataclass(frozen=True)
class SendAudio:
    pcm: bytes


@dataclass(frozen=True)
class StartActivity:
    pass


@dataclass(frozen=True)
class EndActivity:
    pass


@dataclass(frozen=True)
class EndAudioStream:
    pass


@dataclass(frozen=True)
class SilenceSpeaker:
    """Drop the model audio still queued (local barge-in)."""


TalkAction = SendAudio | StartActivity | EndActivity | EndAudioStream | SilenceSpeaker


@dataclass(frozen=True)
class TalkState:
    mode: TalkMode
    talking: bool  # push-to-talk held or latched
    latched: bool
    muted: bool
    gated: bool  # half-duplex gate closed (model speaking)
    model_speaking: bool


class PreRoll:
    """The last `max_samples` of mic audio as whole blocks (blocks are never split)."""

    def __init__(self, max_samples: int) -> None:
        self.max_samples = max_samples
        self._blocks: deque[bytes] = deque()
        self._samples = 0

    def push(self, pcm: bytes) -> None:
        if self.max_samples <= 0:
            return
        self._blocks.append(pcm)
        self._samples += len(pcm) // 2
        while self._blocks and self._samples - len(self._blocks[0]) // 2 >= self.max_samples:
            self._samples -= len(self._blocks.popleft()) // 2

    def take(self) -> list[bytes]:
        blocks = list(self._blocks)
        self.clear()
        return blocks

    def clear(self) -> None:
        self._blocks.clear()
        self._samples = 0

    @property
    def samples(self) -> int:
        return self._samples


class Talk:
    """The talk controller. Methods return the actions to carry out, in order."""

    def __init__(
        self,
        mode: TalkMode = TalkMode.HANDS_FREE,
        *,
        half_duplex: bool = False,
        pre_roll_ms: int = 300,
        sample_rate: int = 16_000,
        click_s: float = 0.35,
    ) -> None:
        self._mode = mode
        self._half_duplex = half_duplex
        self._click_s = click_s
        self._pre_roll = PreRoll(sample_rate * pre_roll_ms // 1000)
        self._talking = False
        self._latched = False
        self._pressed_at = 0.0
        self._ignore_release = False
        self._muted = False
        self._model_speaking = False
        self._streaming = False  # hands-free audio sent since the last stream end

    # -- state ----------------------------------------------------------------------------

    @property
    def state(self) -> TalkState:
        return TalkState(
            self._mode, self._talking, self._latched, self._muted, self._gated, self._model_speaking
        )

    @property
    def mode(self) -> TalkMode:
        return self._mode

    @property
    def talking(self) -> bool:
        return self._talking

    @property
    def muted(self) -> bool:
        return self._muted

    @property
    def pre_roll_samples(self) -> int:
        return self._pre_roll.samples

    @property
    def _gated(self) -> bool:
        return self._half_duplex and self._model_speaking and not self._talking

    # -- the talk control (button, tray, hotkey) --------------------------------------------

    def press(self, now: float) -> list[TalkAction]:
        """The talk control went down at `now` (seconds, any monotonic clock)."""
        if self._mode is not TalkMode.PUSH_TO_TALK or self._muted:
            return []
        if self._talking:
            # A press while latched ends the talk; its release must not start anything.
            self._ignore_release = True
            return self._stop()
        self._pressed_at = now
        return self._start()

    def release(self, now: float) -> list[TalkAction]:
        """The talk control came up at `now`. A tap shorter than `click_s` latches the talk."""
        if self._ignore_release:
            self._ignore_release = False
            return []
        if not self._talking or self._latched:
            return []
        if now - self._pressed_at < self._click_s:
            self._latched = True
            return []
        return self._stop()

    def toggle(self) -> list[TalkAction]:
        """Start talking if not, stop if so (menus and other click-only controls)."""
        if self._mode is not TalkMode.PUSH_TO_TALK or self._muted:
            return []
        if self._talking:
            return self._stop()
        actions = self._start()
        self._latched = True
        return actions

    def _start(self) -> list[TalkAction]:
        self._talking = True
        self._latched = False
        actions: list[TalkAction] = [SilenceSpeaker(), StartActivity()]
        actions += [SendAudio(block) for block in self._pre_roll.take()]
        return actions

    def _stop(self) -> list[TalkAction]:
        self._talking = False
        self._latched = False
        self._pre_roll.clear()
        return [EndActivity()]

    # -- audio and the rest of the world ------------------------------------------------------

    def mic(self, pcm: bytes) -> list[TalkAction]:
        """One block of 16 kHz mono PCM16 from the microphone."""
        if self._muted or not pcm:
            return []
        if self._mode is TalkMode.PUSH_TO_TALK:
            if self._talking:
                return [SendAudio(pcm)]
            if not self._gated:
                self._pre_roll.push(pcm)
            return []
        if self._gated:
            return self._end_stream()
        self._streaming = True
        return [SendAudio(pcm)]

    def set_muted(self, muted: bool) -> list[TalkAction]:
        if muted == self._muted:
            return []
        self._muted = muted
        if not muted:
            return []
        self._pre_roll.clear()
        if self._talking:
            return self._stop()
        return self._end_stream()

    def set_mode(self, mode: TalkMode) -> list[TalkAction]:
        if mode is self._mode:
            return []
        actions = self.end_input()
        self._mode = mode
        return actions

    def set_half_duplex(self, on: bool) -> list[TalkAction]:
        self._half_duplex = on
        if self._gated:
            self._pre_roll.clear()
            return self._end_stream() if self._mode is TalkMode.HANDS_FREE else []
        return []

    def model_speaking(self, speaking: bool) -> list[TalkAction]:
        """The speaker started (True) or finished (False) playing the model's audio."""
        self._model_speaking = speaking
        if self._gated:
            self._pre_roll.clear()
            return self._end_stream() if self._mode is TalkMode.HANDS_FREE else []
        return []

    def mic_lost(self) -> list[TalkAction]:
        """The mic stopped delivering: the server must not wait for the rest of a sentence."""
        self._pre_roll.clear()
        return self._end_stream()

    def end_input(self) -> list[TalkAction]:
        """Close whatever input is open (a talk in progress, a hands-free stream)."""
        if self._talking:
            return self._stop()
        return self._end_stream()

    def reset(self) -> None:
        """A new session: nothing is open on it."""
        self._talking = self._latched = self._ignore_release = False
        self._streaming = False
        self._model_speaking = False
        self._pre_roll.clear()

    def _end_stream(self) -> list[TalkAction]:
        if not self._streaming:
            return []
        self._streaming = False
        return [EndAudioStream()]
