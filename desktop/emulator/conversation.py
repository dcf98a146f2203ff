"""The per-connection conversation: a pure state machine with no I/O.

Client events go in through `handle()`, which says whether the reply in progress must be cut
and whether a reply is due. The server then asks for a `ReplyPlan` (the messages to stream),
and reports back how the reply ended (`complete_reply()` or `interrupt()`), which yields the
closing messages (turnComplete with usageMetadata, sessionResumptionUpdate, ...).
"""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from typing import Any

from desktop.emulator import speech
from desktop.emulator.media import image_size
from desktop.emulator.plan import (
    ASYNC_FILLER,
    Decision,
    DefaultKnobs,
    Knobs,
    Message,
    Phase,
    ReplyPlan,
    Step,
)
from desktop.emulator.replies import (
    ToolOutcome,
    TurnInput,
    grounding_metadata,
    reply_text,
    speech_placeholder,
)
from desktop.emulator.resumption import ResumptionStore, SessionState
from desktop.emulator.setup import SessionConfig
from desktop.emulator.showcase import Showcase, read_ask, target_after
from desktop.emulator.tokens import Tokens, audio_tokens, text_tokens, usage_metadata
from desktop.emulator.tool_turns import ToolTurns
from desktop.emulator.vad import EnergyVad, SpeechEnded, SpeechStarted, VadEvent
from desktop.emulator.wire import (
    ActivityEnd,
    ActivityStart,
    AudioIn,
    AudioStreamEnd,
    ClientContent,
    ClientEvent,
    TextIn,
    VideoIn,
    audio_part,
)

log = logging.getLogger(__name__)

__all__ = [
    "ASYNC_FILLER",
    "Conversation",
    "Decision",
    "DefaultKnobs",
    "Knobs",
    "Message",
    "Phase",
    "ReplyPlan",
    "Step",
]


class Conversation(ToolTurns):
    def __init__(
        self,
        config: SessionConfig,
        *,
        knobs: Knobs | None = None,
        state: SessionState | None = None,
        store: ResumptionStore | None = None,
        call_id_prefix: str = "function-call",
        chunk_ms: int = speech.CHUNK_MS,
    ) -> None:
        self.config = config
        self.knobs: Knobs = knobs or DefaultKnobs()
        self.state = state or SessionState()
        self.store = store
        self.phase = Phase.IDLE
        self.pending = TurnInput()
        self._call_id_prefix = call_id_prefix
        self._chunk_ms = chunk_ms
        self._vad: EnergyVad | None = None
        self._in_activity = False
        self._activity_pcm = bytearray()
        self._activity_rate = 16000
        # The turn being answered.
        self._turn = TurnInput()
        self._plan = ReplyPlan()
        self._calls: dict[str, str] = {}  # outstanding function call id -> name
        self._outcomes: list[ToolOutcome] = []
        self._input_transcription_sent = False
        self.awaiting_history = config.initial_history
        # NON_BLOCKING calls (3.8 Live, `async_calls` knob): the model talks on meanwhile.
        self.async_calls: dict[str, str] = {}
        self.async_results: list[ToolOutcome] = []
        # The last frame received, and what pointing calls pointed at (the offline showcase).
        self.showcase = Showcase()

    # --- input -------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.phase is not Phase.IDLE

    def _barge_in(self) -> Decision:
        return Decision(interrupt=self.busy and self.config.interruptible)

    def handle(self, event: ClientEvent) -> Decision:
        if self.awaiting_history and not isinstance(event, ClientContent):
            log.warning("realtime input before the initial history was complete")
            self.awaiting_history = False
        if isinstance(event, AudioIn):
            return self._audio(event)
        if isinstance(event, VideoIn):
            self.pending.frames += 1
            self.pending.frame_size = image_size(event.data) or self.pending.frame_size
            self.showcase.frame = event.data
            return Decision()
        if isinstance(event, TextIn):
            if event.text:
                self.pending.texts.append(event.text)
            return self._barge_in() | Decision(respond=True)
        if isinstance(event, ActivityStart):
            return self._activity_start()
        if isinstance(event, ActivityEnd):
            return self._activity_end()
        if isinstance(event, AudioStreamEnd):
            if self._in_activity:
                return self._activity_end()
            return self._vad_events(self._vad.flush() if self._vad else [])
        if isinstance(event, ClientContent):
            return self._client_content(event)
        return self._tool_response(event)

    def _audio(self, event: AudioIn) -> Decision:
        rate = event.rate or 16000
        self.pending.audio_s += len(event.pcm) / 2 / rate
        if self.config.vad.disabled:
            if self._in_activity:
                self._activity_rate = rate
                self._activity_pcm += event.pcm
            return Decision()
        flushed: list[VadEvent] = []
        if self._vad is None or self._vad.sample_rate != rate:
            flushed = self._vad.flush() if self._vad else []
            self._vad = EnergyVad(self.config.vad, rate)
        return self._vad_events(flushed + self._vad.feed(event.pcm))

    def _vad_events(self, events: list[VadEvent]) -> Decision:
        decision = Decision()
        for ev in events:
            if isinstance(ev, SpeechStarted):
                log.debug("speech started at sample %d", ev.start_sample)
                decision |= self._barge_in()
            elif isinstance(ev, SpeechEnded):
                log.debug("speech ended: %.2f s", ev.duration_s)
                self._add_speech(ev.pcm, ev.duration_s)
                decision |= Decision(respond=True)
        return decision

    def _activity_start(self) -> Decision:
        if not self.config.vad.disabled:
            log.warning("activityStart ignored: automatic activity detection is on")
            return Decision()
        self._in_activity = True
        self._activity_pcm = bytearray()
        return self._barge_in()

    def _activity_end(self) -> Decision:
        if not self._in_activity:
            log.warning("activityEnd without activityStart ignored")
            return Decision()
        self._in_activity = False
        pcm = bytes(self._activity_pcm)
        self._activity_pcm = bytearray()
        self._add_speech(pcm, len(pcm) / 2 / self._activity_rate)
        return Decision(respond=True)

    def _add_speech(self, pcm: bytes, seconds: float) -> None:
        self.pending.speech_s += seconds
        text = speech_placeholder(seconds)
        transcriber = self.knobs.transcriber
        if transcriber is not None:
            try:
                text = transcriber(pcm)
            except Exception:
                log.exception("transcriber failed; using the placeholder")
        self.pending.transcripts.append(text)

    def _client_content(self, event: ClientContent) -> Decision:
        if self.awaiting_history:
            # Initial history: every turn is context, and turnComplete ends it without a reply.
            for turn in event.turns:
                text = " ".join(turn.texts)
                self.state.history.append(("model" if turn.role == "model" else "user", text))
                self.state.context += Tokens(text=text_tokens(text))
            self.awaiting_history = not event.turn_complete
            return Decision()
        for turn in event.turns:
            if turn.role == "model":
                self.state.history.append(("model", " ".join(turn.texts)))
                self.state.context += Tokens(text=sum(text_tokens(t) for t in turn.texts))
            else:
                self.pending.texts.extend(t for t in turn.texts if t)
        # Google treats any clientContent as a barge-in; only turnComplete asks for a reply.
        return self._barge_in() | Decision(respond=event.turn_complete)

    # --- replies -----------------------------------------------------------------------------

    def begin_reply(
        self, script: str | None = None, tool_call: tuple[str, dict[str, Any]] | None = None
    ) -> ReplyPlan:
        """Start answering what is pending: a tool call or the reply itself."""
        self._turn, self.pending = self.pending, TurnInput()
        self._outcomes = []
        self._calls = {}
        self._input_transcription_sent = False
        if tool_call is None and script is None:
            name = self._requested_tool()
            if name in self.config.pointers:
                target = target_after(self._turn.texts, name)
                return self._pointing_plan(name, *self.showcase.pointing_args(target))
            tool_call = (name, {}) if name else None
            if tool_call is None and (showcase := self._showcase_plan()) is not None:
                return showcase
        if tool_call is not None:
            return self._tool_plan(*tool_call)
        return self._reply_plan(script)

    def _showcase_plan(self) -> ReplyPlan | None:
        """Typed questions about the screen, answered from the last frame (not when replies
        are scripted by a responder)."""
        ask = read_ask(self._turn.texts) if self.knobs.responder is None else None
        if ask is None:
            return None
        if ask.kind == "describe":
            return self._reply_plan(self.showcase.describe_reply(self._turn))
        pointed = self.showcase.point(ask.target) if self.config.pointers else None
        if pointed is None:  # nothing to point with, or at: said in words
            return self._reply_plan(self.showcase.where_reply(ask.target))
        return self._pointing_plan(self.config.pointers[0], *pointed)

    def _pointing_plan(self, name: str, args: dict[str, Any], note: str) -> ReplyPlan:
        plan = self._tool_plan(name, args)
        self.showcase.notes[f"{self._call_id_prefix}-{self.state.tool_calls}"] = note
        return plan

    def _showcase_text(self) -> str | None:
        """The words after the showcase's own pointing calls came back."""
        said = [self.showcase.outcome_sentence(o) for o in self._outcomes]
        if not said or not all(said):
            return None
        return " ".join(s for s in said if s)

    def _input_transcription_steps(self) -> list[Step]:
        if not (self.config.input_transcription and self._turn.transcripts):
            return []
        self._input_transcription_sent = True
        text = " ".join(self._turn.transcripts)
        return [Step({"serverContent": {"inputTranscription": {"text": text}}})]

    def _reply_plan(self, script: str | None) -> ReplyPlan:
        responder = self.knobs.responder
        scripted = responder(list(self._turn.texts)) if responder and self._turn.texts else None
        text = (
            script
            or scripted
            or self._showcase_text()
            or reply_text(
                self._turn,
                self.state.replies + 1,
                transcribed=self.knobs.transcriber is not None,
                outcomes=self._outcomes,
            )
        )
        prelude = [] if self._input_transcription_sent else self._input_transcription_steps()
        steps = self._audio_steps(text) if self.config.audio_out else self._text_steps(text)
        if prelude and steps:
            # Google lets the input transcription share a message with the first model chunk.
            first = steps[0]
            content = {**prelude[0].message["serverContent"], **first.message["serverContent"]}
            steps[0] = Step(
                {"serverContent": content}, first.audio_chunk, first.words, first.audio_s
            )
        else:
            steps = prelude + steps
        if self.config.google_search and self._turn.texts and steps:
            grounding = grounding_metadata(" ".join(self._turn.texts))
            content = {**steps[-1].message["serverContent"], "groundingMetadata": grounding}
            steps[-1] = replace(steps[-1], message={"serverContent": content})
        self.phase = Phase.GENERATING
        self._plan = ReplyPlan(steps, text=text)
        return self._plan

    def _audio_steps(self, text: str) -> list[Step]:
        steps = []
        chunk_s = self._chunk_ms / 1000
        for chunk in speech.speak(text, self._chunk_ms):
            content: Message = {"modelTurn": {"parts": [audio_part(chunk.pcm, speech.SAMPLE_RATE)]}}
            if chunk.text and self.config.output_transcription:
                content["outputTranscription"] = {"text": chunk.text}
            steps.append(Step({"serverContent": content}, True, chunk.words, chunk_s))
        return steps

    def _text_steps(self, text: str) -> list[Step]:
        return [
            Step(
                {"serverContent": {"modelTurn": {"parts": [{"text": part}]}}},
                False,
                len(part.split()),
            )
            for part in speech.text_parts(text)
        ]

    # --- endings -----------------------------------------------------------------------------

    def _prompt_tokens(self) -> tuple[Tokens, Tokens]:
        """(tokens this turn adds to the context, the whole prompt of this turn)."""
        turn = self._turn.tokens(self.config.media_resolution)
        results = sum(text_tokens(json.dumps(o.response, default=str)) for o in self._outcomes)
        turn += Tokens(text=results)
        prompt = self.state.context + turn + Tokens(text=self.config.static_prompt_tokens)
        return turn, prompt

    def _response_tokens(self, delivered: list[Step], text: str) -> Tokens:
        tool_text = sum(
            text_tokens(json.dumps(s.message)) for s in delivered if "toolCall" in s.message
        )
        if self.config.audio_out:
            return Tokens(text=tool_text, audio=audio_tokens(sum(s.audio_s for s in delivered)))
        return Tokens(text=tool_text + text_tokens(text))

    def _finish(self, delivered: list[Step], text: str, *, interrupted: bool) -> list[Message]:
        turn, prompt = self._prompt_tokens()
        response = self._response_tokens(delivered, text)
        self.state.context = self.state.context + turn + response
        if self._turn.history_text:
            self.state.history.append(("user", self._turn.history_text))
        self.state.history.append(("model", text + (" ..." if interrupted else "")))
        if not interrupted:
            self.state.replies += 1
        self.phase = Phase.IDLE
        self._calls = {}
        messages: list[Message] = []
        if interrupted and not self.knobs.turn_complete_after_interrupt:
            return messages
        if not interrupted:
            # As Google does: generationComplete in a message of its own, then turnComplete
            # with the turn's usageMetadata.
            messages.append({"serverContent": {"generationComplete": True}})
        messages.append(
            {
                "serverContent": {"turnComplete": True},
                "usageMetadata": usage_metadata(prompt, response),
            }
        )
        if self.config.resumption and self.store is not None:
            handle = self.store.save(self.state)
            messages.append({"sessionResumptionUpdate": {"newHandle": handle, "resumable": True}})
        return messages

    def complete_reply(self) -> list[Message]:
        """The reply was streamed in full: turnComplete, usage and a resumption handle."""
        return self._finish(self._plan.steps, self._plan.text, interrupted=False)

    def interrupt(self, delivered_steps: int) -> list[Message]:
        """The reply was cut after `delivered_steps` steps of the current plan."""
        messages: list[Message] = []
        if self.phase is Phase.AWAITING_TOOL and self._calls:
            messages.append({"toolCallCancellation": {"ids": list(self._calls)}})
        delivered = self._plan.steps[:delivered_steps]
        words = sum(s.words for s in delivered)
        partial = " ".join(self._plan.text.split()[:words])
        messages.append({"serverContent": {"interrupted": True}})
        return messages + self._finish(delivered, partial, interrupted=True)

    @property
    def has_pending_input(self) -> bool:
        p = self.pending
        return bool(p.texts or p.transcripts or p.frames)
