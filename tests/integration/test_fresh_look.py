"""`look_closer` end to end: the real SDK and emulator, a frame pipeline sharing a synthetic
source larger than the frames it sends; the picture goes back inside the function response."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from desktop.capture.pipeline import FramePipeline, PipelineConfig
from desktop.capture.sources import Frame
from desktop.core.events import Event, Role, SessionState, TurnComplete
from desktop.core.session_machine import Backoff
from desktop.core.tool_calls import ToolStatus
from desktop.emulator import LiveEmulator
from desktop.emulator.media import image_size
from desktop.headless.tools import HeadlessEffects
from desktop.session.endpoint import Endpoint
from desktop.session.live_session import LiveSession
from desktop.settings import Settings
from desktop.tools.builtin import build_registry
from desktop.tools.runner import ToolRunner

from tests.support.events import EventLog

W, H = 1600, 1200
FAST = Backoff(first_s=0.05, factor=2, cap_s=0.2)


class BigSource:
    """A still 1600x1200 picture with fine detail (a stand-in for a screen region)."""

    label = "Synthetic 1600x1200"

    def __init__(self) -> None:
        rng = np.random.default_rng(7)
        self.pixels: npt.NDArray[np.uint8] = rng.integers(0, 256, (H, W, 4), dtype=np.uint8)
        self.pixels[..., 3] = 255
        self.grabs = 0

    def open(self) -> None:
        pass

    def grab(self) -> Frame:
        self.grabs += 1
        return Frame(self.pixels, None)

    def close(self) -> None:
        pass


class Harness:
    def __init__(self, emu: LiveEmulator) -> None:
        self.emu = emu
        self.log = EventLog()
        settings = Settings(tools_point_at=False, tools_fresh_look=True)
        self.effects = HeadlessEffects()
        registry = build_registry(settings, self.effects)
        self.session = LiveSession(
            Endpoint("test-key", emu.base_url, str(emu.ca_file), True, "emulator"),
            settings,
            self.on_event,
            backoff=FAST,
            tool_declarations=registry.declarations(),
        )
        self.pipeline = FramePipeline(self.session.send_video, PipelineConfig(max_side=1024))
        self.effects.pipeline = self.pipeline
        self.runner = ToolRunner(registry, self.session.send_tool_response, timeout_s=10)
        self.task: asyncio.Task[None] | None = None

    def on_event(self, event: Event) -> None:
        self.log(event)
        self.pipeline.on_event(event)
        self.runner.on_event(event)

    async def start(self) -> None:
        self.pipeline.start()
        self.task = asyncio.create_task(self.session.run())
        await self.log.wait_for(lambda: self.session.state is SessionState.LIVE)

    async def stop(self) -> None:
        await self.pipeline.aclose()
        await self.session.stop()
        if self.task is not None:
            await self.task
        await self.runner.aclose()

    def responses(self) -> list[dict[str, object]]:
        return [
            item
            for r in self.emu.received_of("tool_response")
            for item in r.raw["tool_response"]["functionResponses"]
        ]


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[Harness]:
    emu = LiveEmulator(port=0, cert_dir=tmp_path / "certs")
    await emu.start()
    h = Harness(emu)
    await h.start()
    yield h
    await h.stop()
    await emu.stop()


async def test_look_closer_answers_with_a_full_resolution_picture(harness: Harness) -> None:
    (setup,) = harness.emu.setups
    names = [d["name"] for d in setup["tools"][0]["function_declarations"]]
    assert names == ["look_closer"]
    harness.pipeline.set_source(BigSource())
    await harness.emu.wait_for(lambda: bool(harness.emu.received_frames()))
    usual = image_size(harness.emu.received_frames()[0])
    assert usual is not None and max(usual) <= 1024

    await harness.emu.issue_tool_call("look_closer", {})
    await harness.emu.wait_for(lambda: bool(harness.responses()))
    (response,) = harness.responses()
    (call,) = harness.emu.sent_of("toolCall")
    call_id = call.message["toolCall"]["functionCalls"][0]["id"]
    assert response["id"] == call_id and response["name"] == "look_closer"
    assert response["response"] == {
        "result": f"a fresh {W}x{H} picture of what is shared is attached"
    }
    ((image_call, image),) = harness.emu.received_tool_images()
    assert image_call == call_id
    assert image.mime_type == "image/jpeg"
    assert image.size == (W, H)
    assert image.size[0] > usual[0]
    assert image.media_resolution == "MEDIA_RESOLUTION_HIGH"
    # Nothing else went out for it: no client content that would interrupt the answer.
    assert harness.emu.received_of("client_content") == []
    await harness.log.wait_for(lambda: harness.log.of(TurnComplete))
    (answer,) = harness.log.lines(Role.MODEL)
    assert f"I received an image of {W}x{H} in the tool response." in answer.text
    (record,) = harness.runner.records
    assert record.status is ToolStatus.DONE


async def test_look_closer_without_a_source_is_an_error(harness: Harness) -> None:
    await harness.emu.issue_tool_call("look_closer", {})
    await harness.emu.wait_for(lambda: bool(harness.responses()))
    (response,) = harness.responses()
    assert response["response"] == {"error": "no picture: nothing is shared"}
    assert "parts" not in response
    assert harness.emu.received_tool_images() == []
    await harness.log.wait_for(lambda: harness.log.of(TurnComplete))
    assert harness.runner.records[0].status is ToolStatus.ERROR
