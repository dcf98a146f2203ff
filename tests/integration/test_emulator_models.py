"""Each Live model's personality in the emulator, against the real SDK and the app's own setup:
the app's setup for each model is accepted; what a model refuses closes 1007; the 3.1 preview
ends some turns as it was recorded doing; headless runs end well against every personality."""

from __future__ import annotations

import asyncio
import json
import os
import ssl
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from desktop.emulator import LiveEmulator
from desktop.session.endpoint import Endpoint
from desktop.session.sdk_io import Link, build_client
from desktop.settings import Settings
from google import genai
from google.genai import errors, types

REPO = Path(__file__).resolve().parents[2]
DECL = {"name": "get_time", "description": "The time now."}
TIMEOUT = 15.0


@pytest.fixture
async def emu(tmp_path: Path) -> AsyncIterator[LiveEmulator]:
    async with LiveEmulator(cert_dir=tmp_path / "certs") as emulator:
        yield emulator


def client(emu: LiveEmulator) -> genai.Client:
    ctx = ssl.create_default_context(cafile=emu.ca_file)
    options = types.HttpOptions(
        base_url=emu.base_url, api_version="v1beta", async_client_args={"ssl": ctx}
    )
    return genai.Client(api_key="k", http_options=options)


@pytest.mark.parametrize(
    ("model", "level", "thinking"),
    [
        ("gemini-3.8-live", "high", None),
        ("gemini-3.8-live-extended-thinking", "high", {"thinking_level": "HIGH"}),
        ("gemini-3.8-live-extended-thinking", "low", {"thinking_level": "LOW"}),
        ("gemini-3.1-flash-live-preview", "high", None),
    ],
)
async def test_the_apps_setup_for_each_model_is_accepted(
    emu: LiveEmulator, model: str, level: str, thinking: dict[str, str] | None
) -> None:
    settings = Settings(model=model, thinking_level=level)
    endpoint = Endpoint("k", emu.base_url, emu.ca_file, True, "test")
    link = await Link.open(
        build_client(endpoint, settings), settings, index=0, handle=None, tools=[DECL]
    )
    await link.close()
    (setup,) = emu.setups
    assert setup["model"] == f"models/{model}"
    assert setup["generation_config"].get("thinking_config") == thinking
    assert "enable_affective_dialog" not in setup["generation_config"]
    assert "proactivity" not in setup
    (declaration,) = emu.received[0].raw["setup"]["tools"][0]["functionDeclarations"]
    expected = None if model.startswith("gemini-3.1") else "NON_BLOCKING"
    assert declaration.get("behavior") == expected


@pytest.mark.parametrize(
    ("config", "words"),
    [
        ({"thinking_config": {"thinking_level": "HIGH"}}, "thinking_config is not supported"),
        ({"enable_affective_dialog": True}, 'Unknown name "enableAffectiveDialog"'),
        ({"proactivity": {"proactive_audio": False}}, "proactive audio is always on"),
    ],
)
async def test_38_live_refuses_the_removed_options_with_1007(
    emu: LiveEmulator, config: dict[str, Any], words: str
) -> None:
    with pytest.raises(errors.APIError) as info:
        async with client(emu).aio.live.connect(model="gemini-3.8-live", config=config):
            pass
    assert info.value.code == 1007 and words in str(info.value)
    # The previous preview takes the same setup.
    async with client(emu).aio.live.connect(
        model="gemini-3.1-flash-live-preview", config=config
    ) as session:
        assert session.setup_complete is not None


async def read_until(session: Any, done: Any) -> list[types.LiveServerMessage]:
    messages: list[types.LiveServerMessage] = []

    async def collect() -> None:
        while True:
            async for message in session.receive():
                messages.append(message)
                if done(message):
                    return

    await asyncio.wait_for(collect(), TIMEOUT)
    return messages


async def test_the_31_previews_recorded_turn_endings(emu: LiveEmulator) -> None:
    emu.preview_quirks = True
    endings = []
    async with client(emu).aio.live.connect(
        model="gemini-3.1-flash-live-preview", config={}
    ) as session:
        for n in range(1, 6):
            await session.send_realtime_input(text=f"turn {n}")
            # Every turn has its generationComplete; what follows it comes within moments.
            await read_until(
                session, lambda m: m.server_content and m.server_content.generation_complete
            )
            await asyncio.sleep(0.3)
            sent = emu.sent_of("serverContent", 0)
            last = [s.message for s in sent if "turnComplete" in s.message["serverContent"]]
            endings.append((len(last), "usageMetadata" in last[-1] if last else None))
    # Turn 3 came with no usage; turn 5 ended with generationComplete and nothing after it.
    assert endings == [(1, True), (2, True), (3, False), (4, True), (4, True)]
    # 3.8 Live ends every turn cleanly even with the quirks switched on.
    async with client(emu).aio.live.connect(model="gemini-3.8-live", config={}) as session:
        for n in range(5):
            await session.send_realtime_input(text=f"turn {n}")
            messages = await read_until(
                session, lambda m: m.server_content and m.server_content.turn_complete
            )
            assert messages[-1].usage_metadata is not None


async def headless(emu: LiveEmulator, model: str, *lines: str) -> tuple[int, list[Any], str]:
    args = ["--base-url", emu.base_url, "--ca-file", emu.ca_file, "--model", model]
    for line in lines:
        args += ["--say", line]
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "desktop",
        "--headless",
        *args,
        "--timeout",
        "60",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=REPO,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    out, err = await asyncio.wait_for(proc.communicate(), 90)
    events = [json.loads(line) for line in out.decode().splitlines() if line.strip()]
    return proc.returncode or 0, events, err.decode()


@pytest.mark.parametrize(
    "model",
    ["gemini-3.8-live", "gemini-3.8-live-extended-thinking", "gemini-3.1-flash-live-preview"],
)
async def test_headless_against_each_personality(emu: LiveEmulator, model: str) -> None:
    emu.preview_quirks = True  # the preview drops usage on turn 3 (only the preview)
    code, events, err = await headless(emu, model, "one", "two", "three")
    assert code == 0, err
    answers = [
        e["text"] for e in events if e["event"] == "transcript_line" and e["role"] == "model"
    ]
    assert [a.split(".")[0] for a in answers] == [
        'You wrote: "one"',
        'You wrote: "two"',
        'You wrote: "three"',
    ]
    assert next(e for e in events if e["event"] == "endpoint")["model"] == model
    usages = [e for e in events if e["event"] == "usage"]
    assert len(usages) == (2 if model.startswith("gemini-3.1") else 3)
