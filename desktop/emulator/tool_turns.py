"""Function calls in a conversation: a call in the reply plan, the results coming back, a
cancellation, and 3.8 Live's asynchronous calls (the model talks on while a tool runs and uses
the result as its `scheduling` says). A mixin of `Conversation`, which owns the state."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Collection
from typing import Any

from desktop.emulator.plan import ASYNC_FILLER, Decision, Knobs, Message, Phase, ReplyPlan, Step
from desktop.emulator.replies import ToolOutcome, TurnInput
from desktop.emulator.resumption import SessionState
from desktop.emulator.setup import SessionConfig
from desktop.emulator.tokens import Tokens, text_tokens
from desktop.emulator.wire import ToolResponse

log = logging.getLogger(__name__)


class ToolTurns:
    config: SessionConfig
    knobs: Knobs
    state: SessionState
    phase: Phase
    _turn: TurnInput
    _outcomes: list[ToolOutcome]
    _calls: dict[str, str]  # outstanding (blocking) call id -> name
    _plan: ReplyPlan
    _call_id_prefix: str
    async_calls: dict[str, str]  # asynchronous call id -> name, until its result comes
    async_results: list[ToolOutcome]  # results to speak about once idle

    # Provided by `Conversation`.
    @property
    def busy(self) -> bool:
        raise NotImplementedError

    def _input_transcription_steps(self) -> list[Step]:
        raise NotImplementedError

    def _audio_steps(self, text: str) -> list[Step]:
        raise NotImplementedError

    def _reply_plan(self, script: str | None) -> ReplyPlan:
        raise NotImplementedError

    @property
    def outstanding_calls(self) -> list[str]:
        return list(self._calls)

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
            outcome = ToolOutcome(
                name, response.response, images=sizes, silent=silent, call_id=response.id
            )
            self._outcomes.append(outcome)
        ready = self.phase is Phase.AWAITING_TOOL and not self._calls and bool(self._outcomes)
        return Decision(resume=ready)

    def _requested_tool(self) -> str | None:
        for name in self.config.function_names:
            pattern = rf"\bcall\s+{re.escape(name)}\b"
            if any(re.search(pattern, text, re.IGNORECASE) for text in self._turn.texts):
                return name
        return None

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
            outcome = ToolOutcome(
                name, response.response, silent=scheduling == "SILENT", call_id=response.id
            )
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

    def cancel_tool_calls(self, ids: Collection[str] | None = None) -> tuple[list[Message], bool]:
        """Cancel outstanding calls; returns (messages, whether the reply can now continue).
        An asynchronous call is simply forgotten: the model was not waiting for it."""
        gone = [i for i in self.async_calls if ids is None or i in ids]
        for call_id in gone:
            del self.async_calls[call_id]
        chosen = [i for i in self._calls if ids is None or i in ids]
        if not chosen:
            return ([{"toolCallCancellation": {"ids": gone}}] if gone else []), False
        for call_id in chosen:
            self._outcomes.append(
                ToolOutcome(self._calls.pop(call_id), cancelled=True, call_id=call_id)
            )
        ready = self.phase is Phase.AWAITING_TOOL and not self._calls
        return [{"toolCallCancellation": {"ids": chosen}}], ready
