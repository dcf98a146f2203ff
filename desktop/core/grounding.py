"""Server fields the user sees beside the conversation (SDK 3.6 era): Google Search grounding
(`serverContent.groundingMetadata`: the sources of an answer, the searches made, and the search
entry point, which Google's terms for grounding with Google Search ask apps to display with
the answer), and the server's own view of whether the user is speaking (`voiceActivity`,
`voiceActivityDetectionSignal`, `serverContent.interimInputTranscription`)."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from desktop.core.events import Event, Grounding, Source, UserSpeech

MAX_SOURCES = 10


def parse_grounding(metadata: Mapping[str, Any], turn: int) -> Grounding:
    """From snake_case `grounding_metadata` (a source is kept once, in the order given)."""
    sources: list[Source] = []
    for chunk in metadata.get("grounding_chunks") or []:
        web = chunk.get("web") if isinstance(chunk, Mapping) else None
        if not isinstance(web, Mapping) or not web.get("uri"):
            continue
        source = Source(str(web.get("title") or web.get("domain") or web["uri"]), str(web["uri"]))
        if source not in sources:
            sources.append(source)
    queries = tuple(str(q) for q in metadata.get("web_search_queries") or [] if q)
    entry = metadata.get("search_entry_point") or {}
    rendered = entry.get("rendered_content") if isinstance(entry, Mapping) else ""
    return Grounding(turn, tuple(sources[:MAX_SOURCES]), queries, str(rendered or ""))


def user_speech(msg: Mapping[str, Any]) -> list[Event]:
    """From one snake_case server message: whether the server hears the user speak."""
    activity = (msg.get("voice_activity") or {}).get("voice_activity_type")
    signal = (msg.get("voice_activity_detection_signal") or {}).get("vad_signal_type")
    interim = ((msg.get("server_content") or {}).get("interim_input_transcription") or {}).get(
        "text"
    )
    if activity == "ACTIVITY_START" or signal == "VAD_SIGNAL_TYPE_SOS":
        return [UserSpeech(True)]
    if activity == "ACTIVITY_END" or signal == "VAD_SIGNAL_TYPE_EOS":
        return [UserSpeech(False)]
    if interim:
        return [UserSpeech(True, str(interim))]
    return []


def merge(old: Grounding, new: Grounding) -> Grounding:
    """Several messages of one answer may each carry grounding: one set of sources per turn."""
    if old.turn != new.turn:
        return new
    sources = old.sources + tuple(s for s in new.sources if s not in old.sources)
    queries = old.queries + tuple(q for q in new.queries if q not in old.queries)
    return Grounding(
        new.turn, sources[:MAX_SOURCES], queries, new.entry_point_html or old.entry_point_html
    )


def sources_html(grounding: Grounding) -> str:
    """The sources as a numbered list of links (escaped), for a rich-text view."""
    items = "".join(
        f'<li><a href="{html.escape(s.uri, quote=True)}">{html.escape(s.title)}</a></li>'
        for s in grounding.sources
    )
    return f"<ol>{items}</ol>" if items else ""


def sources_text(grounding: Grounding) -> str:
    """`Sources: [1] Title (uri) ...` for plain text (headless logs, copy)."""
    parts = [f"[{i}] {s.title} ({s.uri})" for i, s in enumerate(grounding.sources, 1)]
    return "Sources: " + " ".join(parts) if parts else ""
