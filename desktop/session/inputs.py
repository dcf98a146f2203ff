"""What the user and the capture side give a session: typed text, mic audio, picture frames and
push-to-talk / stream markers. None of these block or raise: each waits in the ordered outbox
(media bounded, text and markers never dropped) until a connection takes it.

No question is answered from a stale picture: while a picture is shared (`use_fresh_frames`),
a typed line goes after a frame of the current screen, captured when it was typed, waiting at
most `TEXT_FRAME_WAIT_S` of live sharing for it (then it goes anyway; typed while connecting,
it goes after the first frame once live); lines typed meanwhile queue behind it.
The start of speech (a push-to-talk press, or the first loud mic block after a quiet second)
asks for a fresh frame too, without holding anything up: the answer comes after the speech.
"""

from __future__ import annotations

import asyncio
from collections import deque
from typing import Protocol

import numpy as np

from desktop.session.outbox import Outbox
from desktop.session.sdk_io import Input, Outgoing

# How long a typed line waits (while live) for the frame of the screen it was typed at.
TEXT_FRAME_WAIT_S = 0.45
# While connecting it waits for the first frame once live; never longer than this in all.
MAX_TEXT_HOLD_S = 30.0
# Hands-free speech start: a block this loud (RMS, of full scale) after this much quiet.
SPEECH_RMS = 0.02
QUIET_BEFORE_SPEECH_S = 1.0


class FreshFrames(Protocol):
    """The shared picture's side (`capture.pipeline.FramePipeline`)."""

    def request_fresh_frame(self) -> None:
        """Capture and send the current picture now (the user starts speaking)."""
        ...

    def fresh_frame(self, wait_s: float) -> asyncio.Future[None] | None:
        """None when nothing is shared, else done once the current picture was sent, or
        after `wait_s` of live sharing without one."""
        ...


def block_rms(pcm: bytes) -> float:
    """RMS of a PCM16 block, as a share of full scale."""
    samples = np.frombuffer(pcm[: len(pcm) // 2 * 2], "<i2").astype(np.float32)
    return float(np.sqrt(np.mean(samples**2)) / 32768.0) if samples.size else 0.0


class LiveInputs:
    """The input half of `LiveSession`: subclasses provide the outbox and show typed lines."""

    _outbox: Outbox
    _fresh: FreshFrames | None = None
    _held: deque[str] | None = None  # typed lines waiting for their frame
    _holding: asyncio.Task[None] | None = None
    _quiet_s = QUIET_BEFORE_SPEECH_S  # mic time below SPEECH_RMS since the last loud block

    def _typed(self, text: str) -> None:
        """Show a typed line in the transcript at once."""
        raise NotImplementedError

    def _enqueue(self, item: Outgoing) -> None:
        self._outbox.put(item)

    @property
    def dropped_media(self) -> int:
        """Audio blocks and frames let go while the connection was busy or down."""
        return self._outbox.dropped_media

    def use_fresh_frames(self, frames: FreshFrames | None) -> None:
        """Where the shared picture comes from (None: nothing is ever shared)."""
        self._fresh = frames

    def send_text(self, text: str) -> None:
        """Show the typed line at once and deliver it when live, after a frame of the screen
        it was typed at when a picture is shared; never blocks or raises."""
        text = text.strip()
        if not text:
            return
        self._typed(text)
        if self._held is not None:  # lines typed before it wait for their frame: keep order
            self._held.append(text)
            return
        frame = self._fresh.fresh_frame(TEXT_FRAME_WAIT_S) if self._fresh is not None else None
        if frame is None:
            self._enqueue(Outgoing(Input.TEXT, text=text))
            return
        self._held = deque([text])
        self._holding = asyncio.ensure_future(self._text_after(frame))

    async def _text_after(self, frame: asyncio.Future[None]) -> None:
        try:
            # The picture's side bounds the wait; this only guards against a wait without end.
            # Not wait_for: a frame late for this line must still go out (after it).
            await asyncio.wait({frame}, timeout=MAX_TEXT_HOLD_S)
        finally:
            held, self._held = self._held or deque(), None
            for text in held:
                self._enqueue(Outgoing(Input.TEXT, text=text))

    def send_audio(self, pcm: bytes, sample_rate: int = 16_000) -> None:
        """One block of mono PCM16 little-endian mic audio (20-40 ms is right); never blocks."""
        if pcm:
            self._enqueue(
                Outgoing(Input.AUDIO, data=pcm, mime_type=f"audio/pcm;rate={sample_rate}")
            )
            if self._fresh is not None:
                self._speech_start(pcm, sample_rate)

    def _speech_start(self, pcm: bytes, sample_rate: int) -> None:
        """Hands-free: the first loud block after a quiet second asks for a fresh frame."""
        if block_rms(pcm) < SPEECH_RMS:
            self._quiet_s += len(pcm) / 2 / sample_rate
            return
        if self._quiet_s >= QUIET_BEFORE_SPEECH_S and self._fresh is not None:
            self._fresh.request_fresh_frame()
        self._quiet_s = 0.0

    def send_video(self, jpeg: bytes) -> None:
        """One JPEG frame of the shared picture; never blocks."""
        if jpeg:
            self._enqueue(Outgoing(Input.VIDEO, data=jpeg, mime_type="image/jpeg"))

    def send_activity_start(self) -> None:
        """Push-to-talk pressed (automatic activity detection must be off)."""
        self._enqueue(Outgoing(Input.ACTIVITY_START))
        if self._fresh is not None:
            self._fresh.request_fresh_frame()

    def send_activity_end(self) -> None:
        """Push-to-talk released: the model answers what it heard since the start."""
        self._enqueue(Outgoing(Input.ACTIVITY_END))

    def send_audio_stream_end(self) -> None:
        """The mic paused or was muted (hands-free mode): flush the server's VAD."""
        self._enqueue(Outgoing(Input.AUDIO_STREAM_END))
