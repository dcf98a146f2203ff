"""Keeping the mic and the speaker open: each stream sits in a `DeviceSlot` (open, missing,
lost, when to try again), and `DeviceWatch` notices a stream that PortAudio ended or that
stopped delivering, and reopens what is closed in the background, with a growing delay for a
device that stays missing. The session is never touched by a device fault: what a lost device
means for talking is `Voice`'s business (`on_lost`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from desktop.audio import devices
from desktop.audio.devices import AudioUnavailable

log = logging.getLogger(__name__)

SUPERVISE_S = 0.25
STALL_S = 1.5  # no audio for this long from a stream PortAudio no longer runs: it is gone
RETRY_LOST_S = 1.0
RETRY_MISSING_S = 3.0
# A device that stays missing is looked for less and less often, up to this: each look
# re-initialises PortAudio (~40 ms of CPU here), which at 3 s kept an idle app at ~1.5 % of a core.
RETRY_CEILING_S = 30.0


class DeviceState(StrEnum):
    OFF = "off"  # not wanted (voice disabled)
    STARTING = "starting"
    OK = "ok"
    MISSING = "missing"  # never opened: no such device
    LOST = "lost"  # was open, went away; retrying


class DeviceSlot:
    """Open/lost/retry bookkeeping for one stream (a `Microphone` or a `Speaker`)."""

    def __init__(self, label: str, stream: Any) -> None:
        self.label = label
        self.stream = stream
        self.state = DeviceState.STARTING
        self.next_try = 0.0
        self.misses = 0  # failed opens in a row: the retry delay doubles with each
        self.message = ""

    @property
    def name(self) -> str:
        """The device's own name once open, else the name asked for."""
        device = self.stream.device
        return str(device.name if device else self.stream.wanted)

    def retry_later(self, base: float, now: float) -> None:
        self.misses += 1
        self.next_try = now + min(base * 2 ** (self.misses - 1), RETRY_CEILING_S)


class DeviceWatch:
    """Opens the two slots, watches them and retries; says what changed through callbacks
    (`on_lost(slot, why)` after a stream went away, `on_change()` after one came back)."""

    def __init__(
        self,
        mic: DeviceSlot,
        speaker: DeviceSlot,
        *,
        clock: Callable[[], float],
        on_lost: Callable[[DeviceSlot, str], None],
        on_change: Callable[[], None],
    ) -> None:
        self.mic = mic
        self.speaker = speaker
        self._clock = clock
        self._on_lost = on_lost
        self._on_change = on_change
        self._task: asyncio.Task[None] | None = None
        self._wake: asyncio.Event | None = None
        self._mic_quiet = False  # open and running, but no audio for a while

    def start(self) -> None:
        self.open(self.speaker)
        self.open(self.mic)
        self._task = asyncio.create_task(self._run(), name="voice-supervisor")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self.mic.stream.close()
        self.speaker.stream.close()

    def replace(self, slot: DeviceSlot, stream: Any) -> None:
        """Another device for `slot` (the user picked one): close the old, open the new."""
        slot.stream.close()
        slot.stream, slot.state, slot.next_try = stream, DeviceState.STARTING, 0.0
        slot.misses = 0
        self.open(slot)
        if self._wake is not None:
            self._wake.set()  # the watch may sleep long while nothing is open

    def reopen_all(self) -> None:
        """Re-read the system's devices (a headset plugged in) and reopen both streams."""
        self.mic.stream.close()
        self.speaker.stream.close()
        devices.refresh()
        self.open(self.speaker)
        self.open(self.mic)

    def open(self, slot: DeviceSlot) -> bool:
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

    def _lost(self, slot: DeviceSlot, why: str) -> None:
        log.warning("%s %s: %s", slot.label.lower(), slot.name, why)
        slot.stream.close()
        slot.state = DeviceState.LOST
        slot.message = f"{slot.label} “{slot.name}” {why}; retrying in the background…"
        slot.next_try = self._clock() + RETRY_LOST_S
        self._on_lost(slot, why)

    def _next_check_in(self) -> float:
        """Watch open streams for stalls often; otherwise sleep until a retry is due."""
        slots = (self.mic, self.speaker)
        if any(slot.stream.is_open for slot in slots):
            return SUPERVISE_S
        due = min(slot.next_try for slot in slots)
        return max(SUPERVISE_S, due - self._clock())

    async def _run(self) -> None:
        self._wake = asyncio.Event()
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._next_check_in())
            self._wake.clear()
            try:
                self.check()
            except Exception:
                log.exception("voice supervisor failed")

    def check(self) -> None:
        now = self._clock()
        mic, speaker = self.mic.stream, self.speaker.stream
        quiet = mic.is_open and now - mic.last_block_at > STALL_S
        if mic.is_open and (mic.failed or (quiet and not mic.running)):
            self._lost(self.mic, "stopped" if mic.failed else "stopped delivering audio")
        elif quiet and not self._mic_quiet:
            # Still running: a source with nothing to deliver (a PulseAudio pipe source nobody
            # writes to, a suspended source). Reopening it every few seconds helped nothing.
            log.info("the microphone is open but delivers no audio; waiting for it")
        self._mic_quiet = quiet
        if speaker.is_open and (speaker.failed or now - speaker.last_callback_at > STALL_S):
            self._lost(self.speaker, "stopped" if speaker.failed else "stopped playing")
        due = [s for s in (self.speaker, self.mic) if not s.stream.is_open and now >= s.next_try]
        if not due:
            return
        # PortAudio lists devices only when initialised: re-read while nothing is open.
        if not mic.is_open and not speaker.is_open:
            devices.refresh()
        if any([self.open(slot) for slot in due]):
            self._on_change()
