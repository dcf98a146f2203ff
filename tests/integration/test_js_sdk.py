"""Google's own JavaScript SDK against the emulator: a second client, written by Google, that
dials its own URL forms (`//ws/...?key=`, `?access_token=` on `...Constrained`). If the
emulator were only our reading of the protocol, this is where it would show.

tests/js/live_sdk_check.mjs runs every step and prints one JSON line per step; each step is
asserted here on what the SDK observed and on what the emulator received.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import simplejpeg
from desktop.emulator import LiveEmulator

from tests.support.js_sdk import CHECK_SCRIPT, JsSdkUnavailable, ensure_js_sdk

KEY = "js-sdk-test-key"
MODEL = "gemini-3.8-live"
BAD_MODEL = "gemini-0-no-such-live"
FRAME = (640, 360)
RUN_TIMEOUT_S = 100.0


@pytest.fixture(scope="module")
def node() -> str:
    try:
        return ensure_js_sdk()
    except JsSdkUnavailable as exc:
        pytest.fail(str(exc))


@pytest.fixture
async def emu(tmp_path: Path) -> AsyncIterator[LiveEmulator]:
    # Replies stream at 20 ms a chunk: a reply lasts ~1.5 s, time enough for the barge-in step
    # to cut in after the first chunk even on a busy machine.
    emulator = LiveEmulator(
        cert_dir=tmp_path / "certs", api_key=KEY, known_models={MODEL}, chunk_delay_s=0.02
    )
    async with emulator:
        yield emulator


async def run_check(node: str, emu: LiveEmulator, tmp_path: Path) -> dict[str, dict[str, Any]]:
    picture = np.zeros((FRAME[1], FRAME[0], 3), np.uint8)
    picture[:, : FRAME[0] // 2] = 200
    jpeg = tmp_path / "frame.jpg"
    jpeg.write_bytes(simplejpeg.encode_jpeg(picture))
    config = {
        "baseUrl": emu.base_url,
        "apiKey": KEY,
        "model": MODEL,
        "badModel": BAD_MODEL,
        "token": emu.create_ephemeral_token(),
        "jpegPath": str(jpeg),
        "stepTimeoutMs": 15000,
    }
    env = {**os.environ, "LIVE_CHECK": json.dumps(config), "NODE_EXTRA_CA_CERTS": emu.ca_file}
    process = await asyncio.create_subprocess_exec(
        node,
        str(CHECK_SCRIPT),
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        out, err = await asyncio.wait_for(process.communicate(), RUN_TIMEOUT_S)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode == 0, err.decode()[-3000:]
    steps = [json.loads(line) for line in out.decode().splitlines() if line.startswith("{")]
    return {step["step"]: step for step in steps}


async def test_googles_javascript_sdk_against_the_emulator(
    node: str, emu: LiveEmulator, tmp_path: Path
) -> None:
    steps = await run_check(node, emu, tmp_path)
    failed = {name: step.get("error") for name, step in steps.items() if not step["ok"]}
    assert not failed, failed
    assert list(steps) == [
        "setup",
        "text",
        "audio_server_vad",
        "audio_activity",
        "jpeg_frame",
        "tool_call",
        "barge_in",
        "resume",
        "bad_model",
        "bad_key",
        "ephemeral_token",
    ]
    reply_1 = "This is reply 1."

    assert steps["setup"]["setupComplete"] is True

    text = steps["text"]
    assert text["said"] == (
        'You wrote: "hello". I heard 0.0 seconds of audio and saw no frames. ' + reply_1
    )
    assert text["audioChunks"] > 10
    # Google's turn ending: generationComplete alone, then turnComplete with usageMetadata.
    assert text["generationCompleteAlone"] is True and text["turnCompleteUsage"] > 0

    vad = steps["audio_server_vad"]
    assert vad["heard"] == ["(1.0 seconds of speech)"]
    assert vad["said"] == "I heard 1.0 seconds of audio and saw no frames. " + reply_1
    activity = steps["audio_activity"]
    assert activity["said"] == "I heard 0.5 seconds of audio and saw no frames. " + reply_1

    assert f"saw 1 frame of {FRAME[0]}x{FRAME[1]}." in steps["jpeg_frame"]["said"]
    assert len(emu.received_frames()) == 1

    tool = steps["tool_call"]
    assert [(c["name"], c["args"]) for c in tool["calls"]] == [("get_time", {})]
    assert 'I called get_time and it returned {"time": "noon"}.' in tool["said"]

    barge = steps["barge_in"]
    assert barge["interrupted"] is True
    assert not barge["firstSaid"].endswith(reply_1)
    assert barge["secondSaid"].startswith('You wrote: "stop".')

    resume = steps["resume"]
    assert resume["handle"] and resume["firstSaid"].endswith(reply_1)
    assert resume["secondSaid"].endswith("This is reply 2.")  # the resumed session goes on
    assert resume["staleHandle"] == {
        "code": 1008,
        "reason": "BidiGenerateContent session not found",
    }

    bad_model = steps["bad_model"]
    assert bad_model["setupComplete"] is False
    assert bad_model["closed"]["code"] == 1008
    assert bad_model["closed"]["reason"].startswith(
        f"models/{BAD_MODEL} is not found for API version v1beta"
    )
    bad_key = steps["bad_key"]
    assert bad_key["setupComplete"] is False
    assert bad_key["closed"] == {
        "code": 1007,
        "reason": "API key not valid. Please pass a valid API key.",
    }

    token = steps["ephemeral_token"]
    assert token["said"].startswith('You wrote: "token here".')
    assert token["forged"]["code"] == 1007

    # The SDK dialled its own forms: a double slash, the key or the token in the query.
    forms = {(h.path[:5], h.constrained, h.credential_form) for h in emu.handshakes}
    assert forms == {("//ws/", False, "query"), ("//ws/", True, "token-query")}
    assert {s["model"] for s in emu.setups} == {f"models/{MODEL}", f"models/{BAD_MODEL}"}
