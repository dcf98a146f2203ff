"""The audio warnings in the interface language.

The voice layer (`desktop/audio`, `desktop/capture/mic.py`, `desktop/outputs/speaker.py`,
`desktop/core/audio_devices.py`) has no Qt and words its device problems in English, several
joined into one status line. Each known form is matched here (device names sit between “ ”,
so they never confuse a pattern) and said again with `QCoreApplication.translate`; the
library's own reason after a colon is kept as it is. Unknown text passes through unchanged.
"""

from __future__ import annotations

import re
from functools import partial

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "AudioMessages"
_NAME = r"“(?P<name>[^”]*)”"
_OTHER = r"“(?P<other>[^”]*)”"
_REASON = r"(?P<reason>[^\n]*?)"

# (pattern over the English message, its translatable source with %1 name, %2 reason/other)
_FORMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), str(source))
    for pattern, source in (
        (
            rf"Microphone {_NAME} stopped delivering audio; retrying in the background…",
            QT_TRANSLATE_NOOP(
                "AudioMessages",
                "The microphone “%1” stopped delivering audio; retrying in the background…",
            ),
        ),
        (
            rf"Microphone {_NAME} stopped; retrying in the background…",
            QT_TRANSLATE_NOOP(
                "AudioMessages", "The microphone “%1” stopped; retrying in the background…"
            ),
        ),
        (
            rf"Speaker {_NAME} stopped playing; retrying in the background…",
            QT_TRANSLATE_NOOP(
                "AudioMessages", "The speaker “%1” stopped playing; retrying in the background…"
            ),
        ),
        (
            rf"Speaker {_NAME} stopped; retrying in the background…",
            QT_TRANSLATE_NOOP(
                "AudioMessages", "The speaker “%1” stopped; retrying in the background…"
            ),
        ),
        (
            rf"Cannot open the microphone {_NAME}: {_REASON}(?=$| [A-Z])",
            QT_TRANSLATE_NOOP("AudioMessages", "Cannot open the microphone “%1”: %2"),
        ),
        (
            rf"Cannot open the speaker {_NAME}: {_REASON}(?=$| [A-Z])",
            QT_TRANSLATE_NOOP("AudioMessages", "Cannot open the speaker “%1”: %2"),
        ),
        (
            rf"Input device {_NAME} is not available; using {_OTHER}\.",
            QT_TRANSLATE_NOOP("AudioMessages", "The microphone “%1” is not available; using “%2”."),
        ),
        (
            rf"Output device {_NAME} is not available; using {_OTHER}\.",
            QT_TRANSLATE_NOOP("AudioMessages", "The speaker “%1” is not available; using “%2”."),
        ),
        (
            r"No audio input device was found\.",
            QT_TRANSLATE_NOOP("AudioMessages", "No microphone was found."),
        ),
        (
            r"No audio output device was found\.",
            QT_TRANSLATE_NOOP("AudioMessages", "No speaker or headphones were found."),
        ),
        (
            rf"PortAudio is not available \({_REASON}\)\.",
            QT_TRANSLATE_NOOP(
                "AudioMessages", "Sound is not available: the PortAudio library is missing (%2)."
            ),
        ),
        (
            rf"Microphone failed: {_REASON}(?=$| [A-Z])",
            QT_TRANSLATE_NOOP("AudioMessages", "The microphone failed: %2"),
        ),
        (
            rf"Speaker failed: {_REASON}(?=$| [A-Z])",
            QT_TRANSLATE_NOOP("AudioMessages", "The speaker failed: %2"),
        ),
        (
            r"Voice is off; you can still type\.",
            QT_TRANSLATE_NOOP("AudioMessages", "Voice is off; you can still type."),
        ),
        (
            r"A companion device is talking; the microphone waits\.",
            QT_TRANSLATE_NOOP(
                "AudioMessages", "A companion device is talking; the microphone waits."
            ),
        ),
    )
)


def localise_audio_message(text: str) -> str:
    """`text` (one or more English device messages) in the current interface language."""
    for pattern, source in _FORMS:
        text = pattern.sub(partial(_say, source), text)
    return text


def _say(source: str, match: re.Match[str]) -> str:
    groups = match.groupdict()
    second = groups.get("reason") or groups.get("other") or ""
    said = QCoreApplication.translate(CONTEXT, source)
    return said.replace("%1", groups.get("name") or "").replace("%2", second)
