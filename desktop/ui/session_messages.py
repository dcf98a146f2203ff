"""The session's failure messages in the interface language.

`desktop/core/failures.py` (no Qt) words what went wrong with a connection in English, with
the server's own reason after a colon ("Cannot reach Google: [Errno -2] Name or service not
known. Check the network connection."). The status line shows that message; here each form
`failures.classify` and `failures.decide` produce is matched and said again with
`QCoreApplication.translate`: the sentence in the user's language, the server's reason (which
is Google's or the OS's English) kept in brackets after it. In English, or for a text no form
matches, the message is shown as it is. `tests/ui/test_session_messages.py` runs every form of
the core through this and fails if one is left in English.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.ui.i18n import current_language

CONTEXT = "SessionMessages"
_AT = r"(?P<at>\S+)"  # "Google", "127.0.0.1:8443"
_CODE = r"(?P<code>\w+)"  # a number, or "None" when the server gave no status
_REASON = r"(?:: (?P<reason>.+?))?"  # the server's words, when it gave any


def _form(pattern: str, source: object) -> tuple[re.Pattern[str], str]:
    return re.compile(pattern.replace("{R}", _REASON), re.DOTALL), str(source)


# (the core's English, without a trailing full stop where the reason may sit; the source)
_FORMS = (
    _form(
        rf"Cannot connect to {_AT}: connection refused\.",
        QT_TRANSLATE_NOOP("SessionMessages", "Cannot connect to %1: the connection was refused."),
    ),
    _form(
        rf"Cannot reach {_AT}{{R}}\. Check the network connection\.",
        QT_TRANSLATE_NOOP(
            "SessionMessages", "No network: couldn't reach %1. Check the network connection."
        ),
    ),
    _form(
        rf"Connecting to {_AT} timed out\.",
        QT_TRANSLATE_NOOP("SessionMessages", "Connecting to %1 timed out."),
    ),
    _form(
        rf"Secure connection to {_AT} failed{{R}}\. The server's certificate is not trusted\.",
        QT_TRANSLATE_NOOP(
            "SessionMessages",
            "The secure connection to %1 failed: the server's certificate is not trusted.",
        ),
    ),
    _form(
        rf"The server refused access \(HTTP {_CODE}\)\. Check the API key\.",
        QT_TRANSLATE_NOOP(
            "SessionMessages", "The server refused access (HTTP %3). Check the API key."
        ),
    ),
    _form(
        rf"The Live API endpoint was not found at {_AT} \(HTTP 404\)\.",
        QT_TRANSLATE_NOOP(
            "SessionMessages", "The Live API endpoint was not found at %1 (HTTP 404)."
        ),
    ),
    _form(
        r"Too many requests \(HTTP 429\)\. Try again later\.",
        QT_TRANSLATE_NOOP("SessionMessages", "Too many requests (HTTP 429). Try again later."),
    ),
    _form(
        rf"The server answered HTTP {_CODE}{{R}}\.",
        QT_TRANSLATE_NOOP("SessionMessages", "The server answered HTTP %3."),
    ),
    _form(
        rf"The server at {_AT} stopped answering{{R}}\.",
        QT_TRANSLATE_NOOP("SessionMessages", "The server at %1 stopped answering."),
    ),
    _form(
        r"The server sent a malformed message{R}\.",
        QT_TRANSLATE_NOOP("SessionMessages", "The server sent a malformed message."),
    ),
    _form(
        r"Internal error{R}\.",
        QT_TRANSLATE_NOOP("SessionMessages", "Internal error in Screenmate."),
    ),
    _form(
        r"The API key was rejected{R}\. Check or renew the key in Settings\.",
        QT_TRANSLATE_NOOP(
            "SessionMessages", "The API key was rejected. Check or renew the key in Settings."
        ),
    ),
    _form(
        r"Permission denied{R}\. Check that the key's project may use the Live API\.",
        QT_TRANSLATE_NOOP(
            "SessionMessages",
            "Permission denied. Check that the key's project may use the Live API.",
        ),
    ),
    _form(
        r"The Live API is not available where you are{R}\.",
        QT_TRANSLATE_NOOP(
            "SessionMessages", "The Live API isn't available in your country or region."
        ),
    ),
    _form(
        r"Quota exceeded{R}\. Check the plan and billing of the key's project, or try again "
        r"later\.",
        QT_TRANSLATE_NOOP(
            "SessionMessages",
            "Quota exceeded. Check the plan and billing of the key's project, or try again later.",
        ),
    ),
    _form(
        r"The session could not be resumed{R}; starting a new one\.",
        QT_TRANSLATE_NOOP(
            "SessionMessages", "The session could not be resumed; starting a new one."
        ),
    ),
    _form(
        r"The model is not available{R}\. Pick another in Settings\.",
        QT_TRANSLATE_NOOP(
            "SessionMessages", "The model is not available. Pick another in Settings."
        ),
    ),
    _form(
        r"The server rejected the request as invalid{R}\.",
        QT_TRANSLATE_NOOP("SessionMessages", "The server rejected the request as invalid."),
    ),
    _form(
        r"The server refused the session \(policy\){R}\.",
        QT_TRANSLATE_NOOP("SessionMessages", "The server refused the session (policy)."),
    ),
    _form(
        r"The server had an internal error{R}\.",
        QT_TRANSLATE_NOOP("SessionMessages", "The server had an internal error."),
    ),
    _form(
        r"The server is busy{R}\.",
        QT_TRANSLATE_NOOP("SessionMessages", "The server is busy."),
    ),
    _form(
        r"The connection dropped\.",
        QT_TRANSLATE_NOOP("SessionMessages", "The connection dropped."),
    ),
    _form(
        r"The server ended the connection as announced; resuming\.",
        QT_TRANSLATE_NOOP(
            "SessionMessages", "The server ended the connection as announced; resuming."
        ),
    ),
    _form(
        r"The server ended the connection{R}\.",
        QT_TRANSLATE_NOOP("SessionMessages", "The server ended the connection."),
    ),
    _form(
        rf"The connection closed with code {_CODE}{{R}}\.",
        QT_TRANSLATE_NOOP("SessionMessages", "The connection closed with code %3."),
    ),
    # The session's notices in the transcript (session/memory.py, session/live_session.py).
    _form(
        rf"Started a new session with the last {_CODE} turns as context\.",
        QT_TRANSLATE_NOOP(
            "SessionMessages", "Started a new session with the last %3 turns as context."
        ),
    ),
    _form(
        r"Started a new session; the model does not know the earlier conversation\.",
        QT_TRANSLATE_NOOP(
            "SessionMessages",
            "Started a new session; the model does not know the earlier conversation.",
        ),
    ),
    _form(
        r"New settings in use; the conversation goes on\.",
        QT_TRANSLATE_NOOP("SessionMessages", "New settings in use; the conversation goes on."),
    ),
)
# Words of the session inside a sentence the window builds ("... was not delivered: %2").
_PHRASES = (
    (
        "the server failed on it twice",
        QT_TRANSLATE_NOOP("SessionMessages", "the server failed on it twice"),
    ),
)
# What `failures.decide` adds to a message (its full stop taken off first).
_FRESH = re.compile(r"(?P<message>.+); starting a new session\.", re.DOTALL)
_REPEATED = re.compile(
    r"(?P<message>.+), (?P<count>\d+) times in a row\. Check the model and the key in Settings, "
    r"then reconnect\.",
    re.DOTALL,
)


def localise_session_message(text: str) -> str:
    """`text` (a message of `desktop.core.failures`) in the current interface language."""
    if not text or current_language() == "en":
        return text
    fresh = _FRESH.fullmatch(text)
    said = _said(fresh["message"] + ".") if fresh is not None else None
    if fresh is not None and said is not None:
        return _tr("%1 Starting a new session.").replace("%1", said)
    repeated = _REPEATED.fullmatch(text)
    said = _said(repeated["message"] + ".") if repeated is not None else None
    if repeated is not None and said is not None:
        return (
            _tr(
                "%1 This happened %2 times in a row: check the model and the key in Settings, "
                "then reconnect."
            )
            .replace("%1", said)
            .replace("%2", repeated["count"])
        )
    said = _said(text)
    if said is not None:
        return said
    for english, source in _PHRASES:
        text = text.replace(english, _tr(str(source)))
    return text


def _said(message: str) -> str | None:
    for pattern, source in _FORMS:
        match = pattern.fullmatch(message)
        if match is None:
            continue
        groups = match.groupdict()
        sentence = (
            _tr(source)
            .replace("%1", groups.get("at") or "")
            .replace("%3", groups.get("code") or "")
        )
        reason = groups.get("reason")
        return _tr("%1 (%2)").replace("%1", sentence).replace("%2", reason) if reason else sentence
    return None


def _tr(source: str) -> str:
    return QCoreApplication.translate(CONTEXT, source)


# lupdate: the sources `_tr` is called with through a variable.
_WRAPPERS = (
    QT_TRANSLATE_NOOP("SessionMessages", "%1 Starting a new session."),
    QT_TRANSLATE_NOOP(
        "SessionMessages",
        "%1 This happened %2 times in a row: check the model and the key in Settings, "
        "then reconnect.",
    ),
    QT_TRANSLATE_NOOP("SessionMessages", "%1 (%2)"),
)
