"""What the user and the capture side give a session: typed text, mic audio, picture frames and
push-to-talk / stream markers. None of these block or raise: each waits in the ordered outbox
(media bounded, text and markers never dropped) until a connection takes it."""

from __future__ import annotations

from desktop.session.outbox import Outbox
from desktop.session.sdk_io import Input, Outgoing


class LiveInputs:
    """The input half of `LiveSession`: subclasses provide the outbox and show typed lines."""

    _outbox: Outbox

    def _typed(self, text: str) -> None:
        """Show a typed line in the transcript at once."""
        raise NotImplementedError

    def _enqueue(self, item: Outgoing) -> None:
        self._outbox.put(item)

    @property
    def dropped_media(self) -> int:
        """Audio blocks and frames let go while the connection was busy or down."""
        return self._outbox.dropped_media

    def send_text(self, text: str) -> None:
        """Show the typed line at once and deliver it when live; never blocks or raises."""
        text = text.strip()
        if not text:
            return
        self._typed(text)
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
