"""Google Search grounding and how a turn ended, read off server messages (pure)."""

from __future__ import annotations

from desktop.core.events import Grounding, Source, TurnComplete, event_to_json
from desktop.core.grounding import merge, parse_grounding, sources_html, sources_text
from desktop.core.live_codec import LiveEventDecoder
from desktop.emulator.replies import grounding_metadata

ENTRY = (
    '<div class="container"><a class="chip" href="https://www.google.com/search?q=x">x</a></div>'
)
MESSAGE = {
    "serverContent": {
        "outputTranscription": {"text": "It is sunny."},
        "groundingMetadata": {
            "webSearchQueries": ["weather berlin"],
            "groundingChunks": [
                {"web": {"uri": "https://example.org/w", "title": "Weather <Berlin>"}},
                {"web": {"uri": "https://example.org/w", "title": "Weather <Berlin>"}},
                {"web": {"uri": "https://example.org/d", "domain": "example.org"}},
                {"retrievedContext": {"uri": "ignored"}},
            ],
            "searchEntryPoint": {"renderedContent": ENTRY},
        },
    }
}


def test_grounding_metadata_becomes_one_event() -> None:
    decoder = LiveEventDecoder(clock=lambda: 0.0)
    (grounding,) = [e for e in decoder.decode(MESSAGE) if isinstance(e, Grounding)]
    assert grounding.turn == 0
    assert grounding.sources == (
        Source("Weather <Berlin>", "https://example.org/w"),
        Source("example.org", "https://example.org/d"),
    )
    assert grounding.queries == ("weather berlin",)
    assert grounding.entry_point_html == ENTRY
    as_json = event_to_json(grounding)
    assert as_json["event"] == "grounding"
    assert as_json["sources"][0] == {"title": "Weather <Berlin>", "uri": "https://example.org/w"}


def test_sources_are_escaped_and_merged_per_turn() -> None:
    first = parse_grounding({"grounding_chunks": [{"web": {"uri": "u1", "title": "A"}}]}, 3)
    second = parse_grounding(
        {
            "grounding_chunks": [{"web": {"uri": "u2", "title": "B & C"}}],
            "web_search_queries": ["q"],
        },
        3,
    )
    both = merge(first, second)
    assert [s.uri for s in both.sources] == ["u1", "u2"] and both.queries == ("q",)
    assert merge(both, parse_grounding({}, 4)).turn == 4  # a new answer starts afresh
    assert "B &amp; C" in sources_html(both)
    assert sources_text(both) == "Sources: [1] A (u1) [2] B & C (u2)"
    assert sources_html(parse_grounding({}, 0)) == ""


def test_the_emulators_grounding_reads_back() -> None:
    decoder = LiveEventDecoder(clock=lambda: 0.0)
    message = {"serverContent": {"groundingMetadata": grounding_metadata("what is new?")}}
    (grounding,) = [e for e in decoder.decode(message) if isinstance(e, Grounding)]
    assert grounding.queries == ("what is new?",) and len(grounding.sources) == 2
    assert "google.com/search?q=what+is+new%3F" in grounding.entry_point_html


def test_turn_complete_reason_and_waiting_for_input() -> None:
    decoder = LiveEventDecoder(clock=lambda: 0.0)
    events = decoder.decode(
        {"serverContent": {"turnComplete": True, "turnCompleteReason": "NEED_MORE_INPUT"}}
    )
    (done,) = [e for e in events if isinstance(e, TurnComplete)]
    assert done.reason == "NEED_MORE_INPUT" and not done.waiting_for_input
    events = decoder.decode(
        {
            "serverContent": {
                "turnComplete": True,
                "turnCompleteReason": "TURN_COMPLETE_REASON_UNSPECIFIED",
                "waitingForInput": True,
            }
        }
    )
    (done,) = [e for e in events if isinstance(e, TurnComplete)]
    assert done.reason == "" and done.waiting_for_input and done.turn == 1


def test_the_servers_view_of_the_user_speaking() -> None:
    from desktop.core.events import UserSpeech

    decoder = LiveEventDecoder(clock=lambda: 0.0)

    def heard(message: dict[str, object]) -> list[UserSpeech]:
        return [e for e in decoder.decode(message) if isinstance(e, UserSpeech)]

    assert heard({"voiceActivity": {"voiceActivityType": "ACTIVITY_START"}}) == [UserSpeech(True)]
    assert heard({"voiceActivity": {"voiceActivityType": "ACTIVITY_END"}}) == [UserSpeech(False)]
    assert heard({"voiceActivityDetectionSignal": {"vadSignalType": "VAD_SIGNAL_TYPE_SOS"}}) == [
        UserSpeech(True)
    ]
    assert heard({"voiceActivityDetectionSignal": {"vadSignalType": "VAD_SIGNAL_TYPE_EOS"}}) == [
        UserSpeech(False)
    ]
    assert heard({"serverContent": {"interimInputTranscription": {"text": "what is"}}}) == [
        UserSpeech(True, "what is")
    ]
    assert heard({"serverContent": {"inputTranscription": {"text": "what is"}}}) == []
    assert event_to_json(UserSpeech(True, "hi")) == {
        "event": "user_speech",
        "speaking": True,
        "text": "hi",
    }
