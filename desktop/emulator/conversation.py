"""The per-connection conversation: a pure state machine with no I/O.

Client events go in through `handle()`, which says whether the reply in progress must be cut
and whether a reply is due. The server then asks for a `ReplyPlan` (the messages to stream),
and reports back how the reply ended (`complete_reply()` or `interrupt()`), which yields the
closing messages (turnComplete with usageMetadata, sessionResumptionUpdate, ...).
"""

from __future__ import annotations

import enum
import json
import logging
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from desktop.emulator import speech
from desktop.emulator.media import image_size
from desktop.emulator.replies import (
    ToolOutcome,
    TurnInput,
    grounding_metadata,
    reply_text,
    speech_placeholder,
)
from desktop.emulator.resumption import ResumptionStore, SessionState
from desktop.emulator.setup import SessionConfig
from desktop.emulator.tokens import Tokens, audio_tokens, text_tokens, usage_metadata
from desktop.emulator.vad import EnergyVad, SpeechEnded, SpeechStarted, VadEvent
from desktop.emulator.wire import (
    ActivityEnd,
    ActivityStart,
    AudioIn,
    AudioStreamEnd,
    ClientContent,
    ClientEvent,
    TextIn,
    ToolResponse,
    VideoIn,
    audio_part,
)

log = logging.getLogger(__name__)

Message = dict[str, Any]
# What the model says right after an asynchronous call, while the tool runs.
ASYNC_FILLER = "One moment, I am on it."


class Knobs(Protocol):
    """Settings the conversation reads from its owner (the emulator) at the time of use."""

    transcriber: Callable[[bytes], str] | None
    turn_complete_after_interrupt: bool
    # The reply to a turn's typed texts (None: the default account), for scripted sessions
    # whose replies must not depend on how often a turn was cut and asked again.
    responder: Callable[[list[str]], str | None] | None


@dataclass
class DefaultKnobs:
    transcriber: Callable[[bytes], str] | None = None
    turn_complete_after_interrupt: bool = True
    responder: Callable[[list[str]], str | None] | None = None


class Phase(enum.Enum):
    IDLE = "idle"
    GENERATING = "generating"
    AWAITING_TOOL = "awaiting_tool"


@dataclass(frozen=True)
class Decision:
    interrupt: bool = False  # cut the reply in progress
    respond: bool = False  # a reply is due
    resume: bool = False  # the tool results are in: continue the reply
    results: bool = False  # results of asynchronous calls to speak about (when idle)

    def __or__(self, other: Decision) -> Decision:
        return Decision(
            self.interrupt or other.interrupt,
            self.respond or other.respond,
            self.resume or other.resume,
            self.results or other.results,
        )


@dataclass(frozen=True)
class Step:
    message: Message
    audio_chunk: bool = False  # counts towards `after_chunks` faults
    words: int = 0  # reply words this step delivers
    audio_s: float = 0.0


@dataclass
class ReplyPlan:
    steps: list[Step] = field(default_factory=list)
    text: str = ""
    awaits_tools: bool = False

    @property
    def audio_chunks(self) -> int:
        return sum(1 for s in self.steps if s.audio_chunk)


class Conversation:
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

    # --- input -------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.phase is not Phase.IDLE

    @property
    def outstanding_calls(self) -> list[str]:
        return list(self._calls)

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

    def _tool_response(self, event: ToolResponse) -> Decision:
        if any(r.id in self.async_calls for r in event.responses):
            return self._async_results(event)
        for response in event.responses:
            name = self._calls.pop(response.id, None)
            if name is None:
                log.warning("toolResponse for unknown call id %r ignored", response.id)
                continue
            sizes = tuple(image.size for image in response.images)
            silent = response.scheduling.upper() == "SILENT"
            self._outcomes.append(ToolOutcome(name, response.response, images=sizes, silent=silent))
        ready = self.phase is Phase.AWAITING_TOOL and not self._calls and bool(self._outcomes)
        return Decision(resume=ready)

    # --- replies -----------------------------------------------------------------------------

    def _requested_tool(self) -> str | None:
        for name in self.config.function_names:
            pattern = rf"\bcall\s+{re.escape(name)}\b"
            if any(re.search(pattern, text, re.IGNORECASE) for text in self._turn.texts):
                return name
        return None

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
            tool_call = (name, {}) if name else None
        if tool_call is not None:
            return self._tool_plan(*tool_call)
        return self._reply_plan(script)

    def _tool_plan(self, name: str, args: dict[str, Any]) -> ReplyPlan:
        self.state.tool_calls += 1
        call_id = f"{self._call_id_prefix}-{self.state.tool_calls}"
        steps = self._input_transcription_steps()
        steps.append(
            Step({"toolCall": {"functionCalls": [{"id": call_id, "name": name, "args": args}]}})
        )
        if name in self.config.non_blocking and getattr(self.knobs, "async_calls", False):
            # Asynchronous: the call goes out and the model goes on talking; its result is
            # used as its scheduling says (`_async_results`).
            self.async_calls[call_id] = name
            steps += self._audio_steps(ASYNC_FILLER) if self.config.audio_out else []
            self.phase = Phase.GENERATING
            self._plan = ReplyPlan(steps, text=ASYNC_FILLER)
            return self._plan
        self._calls[call_id] = name
        self.phase = Phase.AWAITING_TOOL
        self._plan = ReplyPlan(steps, awaits_tools=True)
        return self._plan

    def _async_results(self, event: ToolResponse) -> Decision:
        """SILENT: taken in without a word; INTERRUPT: cut the answer in progress and say
        it; WHEN_IDLE (the default): say it once the model is idle."""
        decision = Decision()
        for response in event.responses:
            name = self.async_calls.pop(response.id, None)
            if name is None:
                continue
            scheduling = response.scheduling.upper() or "WHEN_IDLE"
            outcome = ToolOutcome(name, response.response, silent=scheduling == "SILENT")
            self.state.context += Tokens(text=text_tokens(json.dumps(response.response)))
            if outcome.silent:
                continue
            self.async_results.append(outcome)
            decision |= Decision(results=True, interrupt=scheduling == "INTERRUPT" and self.busy)
        return decision

    def speak_results(self, script: str | None = None) -> ReplyPlan:
        """A turn of its own about the asynchronous results that came in."""
        self._turn, self._outcomes, self.async_results = TurnInput(), self.async_results, []
        return self._reply_plan(script)

    def continue_after_tools(self, script: str | None = None) -> ReplyPlan:
        """The reply after all tool calls were answered or cancelled. Results sent with
        scheduling SILENT are taken in without a word: the turn just ends."""
        if self._outcomes and all(o.silent for o in self._outcomes) and script is None:
            self.phase = Phase.GENERATING
            self._plan = ReplyPlan([], text="")
            return self._plan
        return self._reply_plan(script)

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

    def cancel_tool_calls(self, ids: Collection[str] | None = None) -> tuple[list[Message], bool]:
        """Cancel outstanding calls; returns (messages, whether the reply can now continue)."""
        chosen = [i for i in self._calls if ids is None or i in ids]
        if not chosen:
            return [], False
        for call_id in chosen:
            self._outcomes.append(ToolOutcome(self._calls.pop(call_id), cancelled=True))
        ready = self.phase is Phase.AWAITING_TOOL and not self._calls
        return [{"toolCallCancellation": {"ids": chosen}}], ready

    @property
    def has_pending_input(self) -> bool:
        p = self.pending
        return bool(p.texts or p.transcripts or p.frames)
