"""Opens the connections of one conversation with what it is configured with now.

`Connector` holds the settings and tools of the conversation, the SDK client, and decides per
connection what `LiveSession` should not have to: which handle to resume (none for another
model's session), whether a new session is seeded with the recent turns (and, when the server
refuses a seed, opening without one), the attempt floor before each try. Each `Link` is tagged
with the settings generation it was opened with: a link older than the newest settings is
stale, and `LiveSession` moves off it between turns.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

from google import genai

from desktop.core.failures import Failure
from desktop.core.live_config import Reconfigure, reconfiguration
from desktop.session.endpoint import Endpoint
from desktop.session.memory import ConversationMemory
from desktop.session.reconnect import Reconnector
from desktop.session.sdk_io import Link, build_client, failure_from_exception
from desktop.settings import Settings

log = logging.getLogger(__name__)


class Connector:
    def __init__(
        self,
        endpoint: Endpoint,
        settings: Settings,
        memory: ConversationMemory,
        retry: Reconnector,
        stopping: asyncio.Event,
        *,
        tool_declarations: Sequence[dict[str, Any]] = (),
        tool_instruction: str = "",
    ) -> None:
        self.endpoint = endpoint
        self.settings = settings
        self.tool_declarations = list(tool_declarations)
        self.tool_instruction = tool_instruction
        self.config_gen = 0  # bumped for every switch wanted: a link opened before is stale
        self.handle_model = ""  # the model whose session the newest handle resumes
        self._memory = memory
        self._retry = retry
        self._stopping = stopping
        self._client: genai.Client | None = None
        self._links = 0

    def configure(
        self,
        settings: Settings,
        tool_declarations: Sequence[dict[str, Any]] | None = None,
        tool_instruction: str | None = None,
    ) -> Reconfigure:
        """Take new settings (and tools) for the connections opened from now on; what that
        asks of the running conversation (`core.live_config.reconfiguration`)."""
        tools = self.tool_declarations if tool_declarations is None else list(tool_declarations)
        instruction = self.tool_instruction if tool_instruction is None else tool_instruction
        change = reconfiguration(
            self.settings,
            settings,
            old_tools=self.tool_declarations,
            new_tools=tools,
            old_instruction=self.tool_instruction,
            new_instruction=instruction,
        )
        if settings.ping_timeout_s != self.settings.ping_timeout_s:
            self._client = None  # the next connection gets the new WebSocket options
        self.settings = settings
        self.tool_declarations, self.tool_instruction = tools, instruction
        return change

    def resumable(self) -> str | None:
        """The handle the next connection resumes, if any."""
        handle = self._memory.handle if self.settings.session_resumption else None
        if handle and self.handle_model not in ("", self.settings.model):
            return None  # it resumes another model's session: start one seeded instead
        return handle

    async def open(self) -> Link:
        """Open the next connection (paced by the attempt floor). A new session (no handle)
        is seeded with the recent conversation when it starts serving (`LiveSession`), so the
        context is the one at switch time, not at preparation time."""
        if self._client is None:
            self._client = build_client(self.endpoint, self.settings)
        handle = self.resumable()
        history = not handle and self._memory.has_context
        config_gen = self.config_gen
        await self._retry.pace(self._stopping)
        if self._stopping.is_set():
            raise ConnectionAbortedError("the session is stopping")
        try:
            link = await self._link(self._client, handle, history)
        except Exception as exc:
            if not history or failure_from_exception(exc, "").retryable:
                raise
            # A model that does not take initial history must not end the conversation.
            log.warning("the server refused the seeded history (%s); starting without it", exc)
            await self._retry.pace(self._stopping)
            link = await self._link(self._client, None, False)
        link.config_gen = config_gen
        link.model = self.settings.model
        return link

    async def _link(self, client: genai.Client, handle: str | None, history: bool) -> Link:
        self._links += 1
        return await Link.open(
            client,
            self.settings,
            index=self._links,
            handle=handle,
            initial_history=history,
            tools=self.tool_declarations,
            tool_instruction=self.tool_instruction,
        )

    def failure_of(self, exc: BaseException) -> Failure:
        failure = failure_from_exception(exc, self.endpoint.where)
        log.info("connection ended: %s (%r)", failure.message, exc)
        if failure.message.startswith("Internal error"):
            log.error("unexpected failure in the live session", exc_info=exc)
        return failure
