"""Every message `desktop/core/failures.py` can produce reads in German and Chinese in the
status line (the server's own reason kept in brackets), and stays exactly as it is in English.
The messages come from the core itself, so a new or reworded form fails here until
`desktop/ui/session_messages.py` knows it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from desktop.core.events import SessionState, StateChanged
from desktop.core.failures import Context, FailureKind, classify, decide
from desktop.settings import Settings, SettingsStore
from desktop.ui.i18n import install_translations
from desktop.ui.main_window import MainWindow
from desktop.ui.session_messages import localise_session_message
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

REASONS = ("", "[Errno -2] Name or service not known")
CLOSE_REASONS = (
    "",
    "API key not valid. Please pass a valid API key.",
    "Permission denied on resource project",
    "User location is not supported for the API use.",
    "You exceeded your current quota",
    "BidiGenerateContent session not found",
    "models/gemini-x is not found for API version v1beta",
    "Request contains an invalid argument.",
    "Requested entity was not found.",
)


def every_message() -> list[str]:
    messages: set[str] = set()
    for kind in FailureKind:
        if kind is FailureKind.CLOSED:
            continue
        for code in (None, 401, 404, 429, 500, 503):
            for reason in REASONS:
                messages.add(classify(kind, code, reason, "Google").message)
    for code in (None, 1000, 1006, 1007, 1008, 1011, 1013, 4000):
        for reason in CLOSE_REASONS:
            failure = classify(FailureKind.CLOSED, code, reason, "Google")
            messages.add(failure.message)
            for ctx in (
                Context(after_go_away=True),
                Context(resuming=True, resume_failures=2),
                Context(repeats=4),
            ):
                messages.add(decide(failure, ctx).message)
    return sorted(messages)


@pytest.fixture
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    install_translations(qapp, request.param)
    yield request.param
    install_translations(qapp, "en")


@pytest.mark.parametrize("language", ["de", "zh_CN"], indirect=True)
def test_every_failure_message_is_translated(language: str) -> None:
    messages = every_message()
    assert len(messages) > 25
    left = []
    for message in messages:
        said = localise_session_message(message)
        head = message.split(":")[0].split(".")[0]
        if said == message or said.startswith(head):
            left.append(message)
    assert left == [], f"{language}: not translated:\n" + "\n".join(left)


@pytest.mark.parametrize("language", ["de"], indirect=True)
def test_the_servers_reason_is_kept(language: str) -> None:
    said = localise_session_message(
        "Cannot reach Google: [Errno -2] Name or service not known. Check the network connection."
    )
    assert said.startswith("Kein Netzwerk: Google war nicht erreichbar.")
    assert said.endswith("([Errno -2] Name or service not known)")
    said = localise_session_message("Cannot reach 127.0.0.1:8443. Check the network connection.")
    assert "127.0.0.1:8443" in said and "(" not in said


def test_english_is_shown_as_it_is(qapp: QApplication) -> None:
    install_translations(qapp, "en")
    for message in every_message():
        assert localise_session_message(message) == message


@pytest.mark.parametrize("language", ["de"], indirect=True)
def test_the_status_line_says_it_in_german(language: str, qtbot: QtBot, tmp_path: object) -> None:
    from pathlib import Path

    window = MainWindow(Settings(), settings_store=SettingsStore(Path(str(tmp_path)) / "s.json"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    detail = classify(
        FailureKind.UNREACHABLE, None, "[Errno -2] Name or service not known", "Google"
    ).message
    window.apply_event(StateChanged(SessionState.RECONNECTING, detail, attempt=2, retry_in_s=4))
    assert "Kein Netzwerk: Google war nicht erreichbar." in window.status_text
    assert "Cannot reach" not in window.status_text


def session_notices() -> list[str]:
    """The notices the session gives, made by the session's own code."""
    from desktop.core.events import LineSource, Role, TranscriptLine, TurnComplete
    from desktop.session.memory import ConversationMemory

    notices = []
    for takes_history in (True, False):
        memory = ConversationMemory()
        memory.observe(TranscriptLine(1, Role.USER, "hello", LineSource.TYPED, 0.0, 1.0))
        memory.observe(TranscriptLine(2, Role.MODEL, "hi", LineSource.SPEECH, 1.0, 2.0))
        memory.observe(TurnComplete(1))
        _, notice = memory.fresh_start(takes_history)
        notices.append(notice)
    return notices


@pytest.mark.parametrize("language", ["de", "zh_CN"], indirect=True)
def test_the_sessions_notices_in_the_transcript(
    language: str, qtbot: QtBot, tmp_path: object
) -> None:
    from desktop.ui.transcript_view import TranscriptView

    view = TranscriptView()
    qtbot.addWidget(view)
    english = [*session_notices(), "New settings in use; the conversation goes on."]
    assert all(english)
    for at, text in enumerate(english):
        view.add_notice(text, float(at))
    shown = view.toPlainText()
    for text in english:
        assert text not in shown, text
    assert localise_session_message("x: the server failed on it twice.") != (
        "x: the server failed on it twice."
    )
