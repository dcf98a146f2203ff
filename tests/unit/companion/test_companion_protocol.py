"""Parsing and validating companion frames, building server messages, checking origins."""

from __future__ import annotations

import json

import pytest
from desktop.core.companion_protocol import (
    MAX_AUDIO_FRAME_BYTES,
    MAX_TEXT_FRAME_BYTES,
    AudioChunk,
    CloseCode,
    Hello,
    Pair,
    Ping,
    ProtocolError,
    TalkEnd,
    TalkStart,
    Text,
    clean_name,
    dumps,
    host_allowed,
    messages_for_event,
    origin_allowed,
    parse_client_frame,
)
from desktop.core.events import (
    LineSource,
    ModelAudio,
    Role,
    SessionState,
    StateChanged,
    TranscriptDelta,
    TranscriptLine,
)


def parse(obj: object, authenticated: bool = True) -> object:
    return parse_client_frame(json.dumps(obj), authenticated=authenticated)


def test_first_message_hello_or_pair() -> None:
    assert parse({"type": "hello", "v": 1, "token": "t"}, False) == Hello("t")
    assert parse({"type": "pair", "code": "123456", "name": "Watch\x07 7"}, False) == Pair(
        "Watch 7", code="123456"
    )
    assert parse({"type": "pair", "secret": "s"}, False) == Pair("Companion", secret="s")


@pytest.mark.parametrize(
    "frame",
    [
        "{",
        "[]",
        '{"type": 3}',
        '{"type": "text", "text": "hi"}',
        '{"type": "hello"}',
        '{"type": "hello", "token": 5}',
        '{"type": "hello", "token": "t", "v": "1"}',
        '{"type": "pair", "name": "x"}',
        b"\x00\x01",
        "x" * (MAX_TEXT_FRAME_BYTES + 1),
    ],
)
def test_anything_else_first_closes_the_socket(frame: str | bytes) -> None:
    result = parse_client_frame(frame, authenticated=False)
    assert isinstance(result, ProtocolError)
    assert result.close is CloseCode.PROTOCOL_ERROR


def test_unsupported_version_says_what_is_supported() -> None:
    result = parse({"type": "hello", "v": 2, "token": "t"}, False)
    assert isinstance(result, ProtocolError)
    assert result.close is CloseCode.UNSUPPORTED_VERSION and "1" in result.message


def test_authenticated_messages() -> None:
    assert parse({"type": "text", "text": "  hi  "}) == Text("hi")
    assert parse({"type": "talk_start"}) == TalkStart()
    assert parse({"type": "talk_end", "extra": 1}) == TalkEnd()
    assert parse({"type": "ping", "id": 4}) == Ping(4)
    assert parse({"type": "ping", "id": [1]}) == Ping(None)
    assert parse_client_frame(b"\x01\x00" * 10, authenticated=True) == AudioChunk(b"\x01\x00" * 10)


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ('{"type": "dance"}', "unknown_type"),
        ('{"type": "hello", "token": "t"}', "already_authenticated"),
        ('{"type": "text", "text": "   "}', "bad_message"),
        ('{"type": "text", "text": "' + "a" * 2001 + '"}', "too_big"),
        ("nope", "bad_json"),
        (b"\x00" * 3, "bad_audio"),
        (b"\x00" * (MAX_AUDIO_FRAME_BYTES + 2), "too_big"),
    ],
)
def test_bad_frames_after_auth_are_answered_not_closed(frame: str | bytes, code: str) -> None:
    result = parse_client_frame(frame, authenticated=True)
    assert isinstance(result, ProtocolError)
    assert result.code == code and result.close is None


def test_names_are_cleaned() -> None:
    assert clean_name("  My\tWatch\n ") == "MyWatch"
    assert clean_name("") == "Companion"
    assert len(clean_name("x" * 100)) == 40


def test_session_events_become_messages_and_audio_is_not_json() -> None:
    delta = TranscriptDelta(3, Role.MODEL, "Hel", LineSource.SPEECH, 1.0)
    line = TranscriptLine(3, Role.MODEL, "Hello", LineSource.SPEECH, 1.0, 2.0)
    assert messages_for_event(delta)[0]["final"] is False
    assert messages_for_event(line)[0] == {
        "type": "transcript",
        "line_id": 3,
        "role": "model",
        "source": "speech",
        "text": "Hello",
        "final": True,
        "interrupted": False,
        "revised": False,
        "started_at": 1.0,
    }
    # A late transcription piece completed the line: the watch replaces it, never adds one.
    revised = TranscriptLine(
        3, Role.MODEL, "Hello there", LineSource.SPEECH, 1.0, 2.5, revised=True
    )
    assert messages_for_event(revised)[0]["revised"] is True
    late_piece = TranscriptDelta(3, Role.MODEL, " there", LineSource.SPEECH, 1.0, late=True)
    assert messages_for_event(late_piece) == []  # the revised line carries it
    assert messages_for_event(StateChanged(SessionState.LIVE))[0]["state"] == "live"
    assert messages_for_event(ModelAudio(b"\x00\x00")) == []


def test_hosts_and_origins() -> None:
    hosts = frozenset({"192.168.1.5", "127.0.0.1", "::1", "pc.local"})
    assert host_allowed("192.168.1.5:8765", hosts)
    assert host_allowed("[::1]:8765", hosts)
    assert host_allowed("PC.local:8765", hosts)
    assert not host_allowed("evil.example:8765", hosts)
    assert not host_allowed(None, hosts)
    assert not host_allowed("::1", hosts)
    assert origin_allowed("https://192.168.1.5:8765", "192.168.1.5:8765", "https")
    assert origin_allowed(None, "192.168.1.5:8765", "https")  # native apps
    assert not origin_allowed("https://evil.example", "192.168.1.5:8765", "https")
    assert not origin_allowed("http://192.168.1.5:8765", "192.168.1.5:8765", "https")
    assert not origin_allowed("null", "192.168.1.5:8765", "https")


# -- issue 14: strings that are not Unicode text ---------------------------------------------

SURROGATE_FRAMES = [
    ('{"type": "pair", "v": 1, "secret": "\\ud800", "code": "123456"}', False, True),
    ('{"type": "pair", "code": "123456", "name": "\\udfff"}', False, True),
    ('{"type": "pair", "code": "123456", "\\ud800": 1}', False, True),
    ('{"type": "hello", "token": "\\ud83d"}', False, False),
    ('{"type": "text", "text": "hi \\ud800 there"}', True, False),
    ('{"type": "ping", "id": "\\udc00"}', True, False),
    ('{"type": "talk_start", "x": ["\\ud800"]}', True, False),
]


@pytest.mark.parametrize(("frame", "authenticated", "pairing"), SURROGATE_FRAMES)
def test_lone_surrogates_anywhere_are_a_bad_message(
    frame: str, authenticated: bool, pairing: bool
) -> None:
    error = parse_client_frame(frame, authenticated=authenticated)
    assert isinstance(error, ProtocolError) and error.code == "bad_message"
    assert error.pairing is pairing  # a malformed pair message counts as a wrong attempt
    assert (error.close is None) is authenticated


def test_paired_surrogates_are_ordinary_text_and_nul_names_are_refused() -> None:
    assert parse({"type": "text", "text": "\U0001f600"}) == Text("\U0001f600")
    frame = '{"type": "text", "text": "\\ud83d\\ude00"}'  # an escaped pair: one emoji
    assert parse_client_frame(frame, authenticated=True) == Text("\U0001f600")
    nul = parse({"type": "pair", "code": "1", "name": "a\x00b"}, False)
    assert isinstance(nul, ProtocolError) and nul.pairing
    non_ascii = parse({"type": "pair", "code": "１２３４５６"}, False)  # fullwidth digits
    assert isinstance(non_ascii, ProtocolError) and non_ascii.pairing


def test_dumps_always_gives_text_that_encodes() -> None:
    text = dumps({"type": "transcript", "text": "bad \ud800 line"})
    assert text.encode("utf-8")  # would raise before the fix
    assert json.loads(text)["text"] == "bad \ufffd line"


def test_a_ping_id_beyond_javascript_numbers_is_dropped() -> None:
    assert parse({"type": "ping", "id": 2**64}) == Ping(None)
    assert parse({"type": "ping", "id": 7}) == Ping(7)
