"""The PortAudio device list as `core.audio_devices.DeviceInfo` values, and its refreshing.

PortAudio enumerates devices once, when it is initialised: a headset plugged in later, or a
sound server that was down at start-up, only appears after a re-initialisation, which would
break open streams. `refresh()` therefore re-initialises only while no stream is open (the
`Voice` closes its streams first when the user asks for a refresh).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any

from desktop.core.audio_devices import DeviceChoice, DeviceInfo, Direction, choose_device

log = logging.getLogger(__name__)

_lock = threading.Lock()
_open_streams = 0


class AudioUnavailable(RuntimeError):
    """No usable audio device (or PortAudio itself is missing); the message is for the user."""


def sounddevice() -> Any:
    """The sounddevice module; AudioUnavailable if PortAudio cannot be loaded."""
    try:
        import sounddevice as sd
    except (ImportError, OSError) as exc:
        raise AudioUnavailable(f"PortAudio is not available ({exc}).") from exc
    return sd


def stream_opened() -> None:
    global _open_streams
    with _lock:
        _open_streams += 1


def stream_closed() -> None:
    global _open_streams
    with _lock:
        _open_streams = max(0, _open_streams - 1)


def refresh() -> bool:
    """Re-read the device list from the system if no stream is open; True if it did."""
    sd = sounddevice()
    with _lock:
        if _open_streams:
            return False
        try:
            sd._terminate()
            sd._initialize()
        except Exception as exc:  # PortAudio failing to start is "no devices", not a crash
            log.warning("could not re-initialise PortAudio: %s", exc)
            return False
        return True


def list_devices() -> list[DeviceInfo]:
    sd = sounddevice()
    try:
        raw = sd.query_devices()
    except Exception as exc:
        log.warning("cannot list audio devices: %s", exc)
        return []
    return [
        DeviceInfo(
            index=int(d["index"]),
            name=str(d["name"]),
            inputs=int(d["max_input_channels"]),
            outputs=int(d["max_output_channels"]),
            default_rate=float(d["default_samplerate"]),
        )
        for d in raw
    ]


def default_index(direction: Direction) -> int | None:
    sd = sounddevice()
    try:
        pair = sd.default.device
        index = int(pair[0] if direction is Direction.INPUT else pair[1])
    except Exception:
        return None
    if index < 0:
        try:
            info = sd.query_hostapis(0)
            key = (
                "default_input_device" if direction is Direction.INPUT else "default_output_device"
            )
            index = int(info[key])
        except Exception:
            return None
    return index if index >= 0 else None


def find(wanted: str, direction: Direction) -> DeviceChoice:
    """The device to open for a persisted name ("default" or "" for the system's choice)."""
    return choose_device(list_devices(), wanted, direction, default_index(direction))


def start_stream(make: Callable[[], Any], what: str) -> Any:
    """Create and start a PortAudio stream with `make()`; AudioUnavailable names `what`
    ("the microphone “X”") and the reason if it cannot. Counts the stream as open."""
    try:
        stream = make()
        stream.start()
    except Exception as exc:
        raise AudioUnavailable(f"Cannot open {what}: {exc}") from exc
    stream_opened()
    return stream


def restart_stream(stream: Any) -> bool:
    """Drop what the device still has queued: abort (no drain) and start again, ~1-2 ms
    through PulseAudio. False if the stream could not be started again."""
    try:
        stream.abort()
        stream.start()
    except Exception as exc:
        log.warning("could not restart an audio stream: %s", exc)
        return False
    return True


def is_active(stream: Any) -> bool:
    """The stream is running (a restarted stream is; one that ended or failed is not)."""
    try:
        return bool(stream.active)
    except Exception:
        return False


def close_stream(stream: Any) -> None:
    """Stop at once and release. abort(), not stop(): stop() on a stalled PulseAudio stream
    spins at 100 % CPU."""
    with contextlib.suppress(Exception):
        stream.abort()
    with contextlib.suppress(Exception):
        stream.close()
    stream_closed()
